// A QSPI flash bench for the tests: the W25Q16JV model on a 2 MiB buffer behind XIP_SSI,
// IO_QSPI and PADS_QSPI, and register accessors that let time pass the way a CPU does between
// bus accesses. The helpers follow what pico-sdk's boot2 helpers and hardware_flash do through
// the registers (no code taken from them).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics.h"
#include "flash_chip.h"
#include "rp2040/io_qspi.h"
#include "rp2040/ssi.h"
#include "scheduler.h"

namespace vpico::test {

// SSI register offsets and bits (pico-sdk hardware/regs/ssi.h).
namespace ssi_reg {
constexpr uint32_t CTRLR0 = 0x00, CTRLR1 = 0x04, SSIENR = 0x08, SER = 0x10, BAUDR = 0x14,
                   TXFLR = 0x20, RXFLR = 0x24, SR = 0x28, RISR = 0x34, ICR = 0x48, DR0 = 0x60,
                   RX_SAMPLE_DLY = 0xf0, SPI_CTRLR0 = 0xf4;
constexpr uint32_t SR_BUSY = 1, SR_TFNF = 2, SR_TFE = 4, SR_RFNE = 8, SR_RFF = 16;
// CTRLR0 fields.
constexpr uint32_t dfs32(unsigned bits) {
  return (bits - 1) << 16;
}
constexpr uint32_t TMOD_TXRX = 0u << 8, TMOD_TX = 1u << 8, TMOD_RX = 2u << 8, TMOD_EEPROM = 3u << 8;
constexpr uint32_t FRF_DUAL = 1u << 21, FRF_QUAD = 2u << 21;
// SPI_CTRLR0 fields.
constexpr uint32_t addr_l(unsigned nibbles) {
  return nibbles << 2;
}
constexpr uint32_t wait_cycles(unsigned n) {
  return n << 11;
}
constexpr uint32_t INST_L_NONE = 0u << 8, INST_L_8 = 2u << 8;
constexpr uint32_t TT_1C1A = 0, TT_1C2A = 1, TT_2C2A = 2;
constexpr uint32_t xip_cmd(uint8_t c) {
  return uint32_t(c) << 24;
}
}  // namespace ssi_reg

// IO_QSPI GPIO_QSPI_SS_CTRL and its OUTOVER values.
constexpr uint32_t kSsCtrl = 0x0c;
enum class Cs { Normal = 0, Low = 2, High = 3 };

class QspiRig {
 public:
  static constexpr uint32_t kFlashSize = 2 * 1024 * 1024;
  static constexpr uint64_t kAccessCycles = 4;  // an APB access, roughly

  explicit QspiRig(FlashChipConfig cfg = {})
      : flash(kFlashSize, 0xff),
        chip(
            diag, sched, flash, [this] { return sys_hz; }, cfg),
        ssi(diag, sched, chip),
        pads(ssi),
        io(ssi) {
    chip.code_changed = [this](uint32_t off, uint32_t len) { changed.emplace_back(off, len); };
    ssi.boot_rom_state();
    io.boot_rom_state();
  }

  Diagnostics diag;
  Scheduler sched;
  uint32_t sys_hz = 125'000'000;
  std::vector<uint8_t> flash;
  FlashChip chip;
  rp2040::Ssi ssi;
  rp2040::PadsQspi pads;
  rp2040::IoQspi io;
  std::vector<std::pair<uint32_t, uint32_t>> changed;

  void tick(uint64_t cycles) { sched.run_until(sched.now() + cycles); }
  uint32_t rd(uint32_t off) {
    tick(kAccessCycles);
    uint32_t v = 0xdeadbeef;
    EXPECT_TRUE(ssi.read(off, v)) << "SSI offset " << off;
    return v;
  }
  void wr(uint32_t off, uint32_t v) {
    tick(kAccessCycles);
    EXPECT_TRUE(ssi.write(off, v, 0xffffffffu)) << "SSI offset " << off;
  }
  uint32_t io_rd(uint32_t off) {
    tick(kAccessCycles);
    uint32_t v = 0;
    io.read(off, v);
    return v;
  }
  void io_wr(uint32_t off, uint32_t v) {
    tick(kAccessCycles);
    io.write(off, v, 0xffffffffu);
  }
  uint32_t pads_rd(uint32_t off) {
    tick(kAccessCycles);
    uint32_t v = 0;
    pads.read(off, v);
    return v;
  }
  void pads_wr(uint32_t off, uint32_t v) {
    tick(kAccessCycles);
    pads.write(off, v, 0xffffffffu);
  }
  // Chip select through GPIO_QSPI_SS_CTRL.OUTOVER, keeping the other fields.
  void cs(Cs level) {
    const uint32_t ctrl = io_rd(kSsCtrl);
    io_wr(kSsCtrl, (ctrl & ~0x300u) | (uint32_t(level) << 8));
  }

  // Polls SR until the TX FIFO is empty and the SSI is idle (what boot2's wait_ssi_ready does).
  void wait_ready() {
    for (int i = 0; i < 1'000'000; ++i) {
      const uint32_t sr = rd(ssi_reg::SR);
      if ((sr & ssi_reg::SR_TFE) && !(sr & ssi_reg::SR_BUSY)) return;
    }
    ADD_FAILURE() << "SSI never became ready";
  }
  // A status read as boot2's read_flash_sreg does it: command and one dummy byte pushed, wait,
  // the first RX byte dropped, the second returned.
  uint32_t read_sreg(uint8_t cmd) {
    wr(ssi_reg::DR0, cmd);
    wr(ssi_reg::DR0, cmd);
    wait_ready();
    rd(ssi_reg::DR0);
    return rd(ssi_reg::DR0);
  }
  // pico-sdk's flash_do_cmd: chip select forced low, then put_get. Returns the RX bytes.
  std::vector<uint8_t> do_cmd(const std::vector<uint8_t>& tx) {
    cs(Cs::Low);
    return put_get(tx);
  }
  // Bytes pushed while at most 14 are in flight and pulled as they arrive, then chip select
  // forced high (the boot ROM's flash_put_get, the loop of flash_do_cmd).
  std::vector<uint8_t> put_get(const std::vector<uint8_t>& tx) {
    std::vector<uint8_t> rx;
    size_t tx_left = tx.size(), rx_left = tx.size(), i = 0;
    for (int guard = 0; (tx_left || rx_left) && guard < 1'000'000; ++guard) {
      const uint32_t sr = rd(ssi_reg::SR);
      if ((sr & ssi_reg::SR_TFNF) && tx_left && rx_left - tx_left < 14) {
        wr(ssi_reg::DR0, tx[i++]);
        --tx_left;
      }
      if ((sr & ssi_reg::SR_RFNE) && rx_left) {
        rx.push_back(uint8_t(rd(ssi_reg::DR0)));
        --rx_left;
      }
    }
    EXPECT_EQ(rx_left, 0u) << "flash_do_cmd never finished";
    cs(Cs::High);
    return rx;
  }
  // The SSI set-up vpico's boot ROM flash_exit_xip leaves: serial, 8-bit TX_AND_RX frames,
  // SCLK = clk_sys / 6, slave 0 selected.
  void serial_mode() {
    wr(ssi_reg::SSIENR, 0);
    wr(ssi_reg::BAUDR, 6);
    wr(ssi_reg::CTRLR0, ssi_reg::dfs32(8) | ssi_reg::TMOD_TXRX);
    wr(ssi_reg::SER, 1);
    wr(ssi_reg::SSIENR, 1);
  }
  // Status register n through flash_do_cmd.
  uint8_t status(unsigned n) {
    const uint8_t cmd = n == 1 ? 0x05 : n == 2 ? 0x35 : 0x15;
    return do_cmd({cmd, 0})[1];
  }
  void wait_not_busy() {
    for (int i = 0; i < 100'000; ++i) {
      if (!(status(1) & 1)) return;
      tick(1000);
    }
    ADD_FAILURE() << "flash stayed busy";
  }
  // Lets the SSI's XIP check run.
  void settle_xip_check() { tick(2 * rp2040::Ssi::kXipCheckDelay); }

  bool warned(const std::string& needle) const {
    for (const std::string& w : diag.warnings())
      if (w.find(needle) != std::string::npos) return true;
    return false;
  }
  std::string all_warnings() const {
    std::string s;
    for (const std::string& w : diag.warnings())
      s += w + "\n";
    return s;
  }
  uint64_t us(uint64_t n) const { return n * sys_hz / 1'000'000; }
};

}  // namespace vpico::test
