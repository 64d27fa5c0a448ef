// XIP_SSI, the Synopsys DW_apb_ssi that connects the QSPI flash (RP2040 datasheet 4.10; register
// facts from pico-sdk hardware/regs/ssi.h). It drives the flash chip model (flash_chip.h) one
// SCLK cycle at a time, so boot2 variants and firmware that send flash commands by hand
// (pico-sdk's flash_do_cmd, the boot ROM's flash functions) work unmodified.
//
// Modelled:
//   - the register map; CTRLR0, CTRLR1, BAUDR, SPI_CTRLR0, RX_SAMPLE_DLY and MWCR only take
//     writes while SSIENR = 0 (other writes are ignored and reported);
//   - 16-entry TX and RX FIFOs of 32-bit entries, TXFLR/RXFLR, SR (BUSY, TFNF, TFE, RFNE, RFF),
//     raw and masked interrupt status with the read-to-clear registers; DR0..DR35 all reach the
//     FIFOs; disabling the SSI empties them and ends the transfer;
//   - transfers in clk_sys time: SCLK = clk_sys / SCKDV, a frame of DFS_32+1 bits takes that
//     many SCLK cycles. The SSI's chip select is low while a transfer runs (SSIENR = 1, SER != 0
//     and frames to send); it rises when the TX FIFO runs dry, so a command must be pushed
//     faster than it shifts out — or chip select is forced low through IO_QSPI's SS OUTOVER,
//     as pico-sdk and the boot ROM do; releasing it ends the flash command;
//   - standard SPI (SPI_FRF = 0): TMOD TX_AND_RX (a frame out on SD0, one in on SD1), TX_ONLY,
//     RX_ONLY and EEPROM_READ (the TX frames, then NDF+1 frames in); SSTE toggles chip select
//     between frames; SRL loops TX to RX;
//   - dual/quad (SPI_FRF = 1/2) reads (TMOD RX_ONLY or EEPROM_READ) and writes (TX_ONLY): the
//     first TX entries are the instruction (INST_L) and the address (the low ADDR_L*4 bits of
//     the entry), sent serially or on all lines as TRANS_TYPE says, then WAIT_CYCLES, then the
//     data frames on 2 or 4 lines;
//   - the XIP configuration is checked, not used: XIP reads are served straight from the flash
//     buffer by the machine. A short while after the SSI is enabled in a read mode without a
//     command being pushed, one XIP read is played against the chip as a dry run; if it would
//     not return the flash contents on a real chip (QE clear for a quad read, continuous read
//     mode not set up, wrong dummy cycles, SER = 0 ...), a warning says why.
//   - DMA requests (DMACR, DMATDLR, DMARDLR; DW_apb_ssi): DREQ_XIP_SSITX while TDMAE and the TX
//     FIFO holds at most DMATDL entries, DREQ_XIP_SSIRX while RDMAE and the RX FIFO holds at
//     least DMARDL+1; while either is enabled and a transfer runs, each step's end is a
//     scheduler event, so frames reach the DMA at their own cycle.
// Not modelled: the interrupt line (XIP_IRQ), DDR and RXDS,
// TI and Microwire frame formats, clock modes 1 and 2 (reported), RX_SAMPLE_DLY.
//
// Without a flash chip (the Ssi() constructor) the block only stores its registers and reports
// an idle controller with empty FIFOs.
#pragma once

#include <cstdint>
#include <deque>

#include "device.h"
#include "rp2040/io_qspi.h"
#include "scheduler.h"

namespace vpico {
class Diagnostics;
class FlashChip;
class QspiTarget;
}  // namespace vpico

namespace vpico::rp2040 {

class Ssi : public Device {
 public:
  Ssi();
  Ssi(Diagnostics& diag, Scheduler& sched, FlashChip& flash);
  bool has_atomic_aliases() const override { return false; }
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;

  // The configuration the boot ROM leaves before it enters boot2 (datasheet 2.8.1; the ROM's
  // flash_init_spi): enabled, slave 0 selected, SCLK = clk_sys / 6, 8-bit TX_AND_RX frames.
  void boot_rom_state();

  // IO_QSPI and PADS_QSPI register here (their constructors do) so that chip select, SCLK and
  // the data lines go through their overrides and pads.
  void attach_io(IoQspi* io) { m_io = io; }
  void attach_pads(PadsQspi* pads) { m_pads = pads; }
  // The DMA's request lines (DREQ_XIP_SSITX/SSIRX).
  void attach_dreq(DreqSink& dreqs) {
    m_dreqs = &dreqs;
    update_dma();
  }
  // Brings transfers up to the current cycle; IO_QSPI and PADS_QSPI call it before a register
  // write changes the pins, and pins_changed() after it.
  void sync();
  void pins_changed();
  // How the pins connect the SSI and the flash now.
  QspiPins pins() const;

  // The SSI's own chip-select output (false = low, a transfer holds the flash selected).
  bool ss_n() const { return !(enabled() && (ser() & 1) && m_active); }
  bool enabled() const { return m_regs.at(kSsienr).value() & 1; }
  unsigned tx_level() const { return unsigned(m_tx.size()); }
  unsigned rx_level() const { return unsigned(m_rx.size()); }
  // Whether the flash's chip select is low now (after IO_QSPI and the pads).
  bool flash_selected() const { return m_cs_low; }

  static constexpr unsigned kFifoDepth = 16;
  static constexpr uint32_t kCtrlr0 = 0x00, kCtrlr1 = 0x04, kSsienr = 0x08, kSer = 0x10,
                            kBaudr = 0x14, kSr = 0x28, kDr0 = 0x60, kSpiCtrlr0 = 0xf4;
  // Cycles after the SSI is enabled in a read mode before the XIP configuration is checked.
  static constexpr uint64_t kXipCheckDelay = 256;

 private:
  enum class Step : uint8_t { None, Frame, RxFrame, Header, WideRx, WideTx };
  struct Config;  // CTRLR0 / CTRLR1 / BAUDR / SPI_CTRLR0 decoded

  Ssi(Diagnostics* diag, Scheduler* sched, QspiTarget* flash);
  void define_registers();
  uint32_t ser() const { return m_regs.at(kSer).value(); }
  Config config() const;
  uint64_t now() const;
  void advance(uint64_t t);
  void try_start(uint64_t t);
  bool start_step(uint64_t t);
  void finish_step(uint64_t t);
  void end_transfer(uint64_t t);
  void update_cs(uint64_t t);
  void abort();
  void push_tx(uint32_t value);
  uint32_t pop_rx();
  void push_rx(uint32_t value);
  uint32_t raw_interrupts() const;
  void on_enable_change(bool on);
  void schedule_xip_check();
  void check_xip();
  void warn(const std::string& key, const std::string& message);
  // DREQ levels from the FIFO levels, and the event that brings the next frame on time.
  void update_dma();

  // Bit-level traffic with the flash, through IO_QSPI and the pads. Width 1 is standard SPI:
  // out on SD0, in on SD1.
  uint8_t clock(const QspiPins& p, uint8_t out, uint8_t oe);
  uint32_t shift_serial(const QspiPins& p, uint32_t value, unsigned bits);
  void shift_out(const QspiPins& p, uint32_t value, unsigned bits, unsigned width);
  uint32_t shift_in(const QspiPins& p, unsigned bits, unsigned width);
  void idle_clocks(const QspiPins& p, unsigned n);

  Diagnostics* m_diag = nullptr;
  Scheduler* m_sched = nullptr;
  QspiTarget* m_flash = nullptr;
  IoQspi* m_io = nullptr;
  PadsQspi* m_pads = nullptr;

  std::deque<uint32_t> m_tx, m_rx;
  bool m_active = false;            // a transfer holds the SSI's chip select low
  bool m_receiving = false;         // EEPROM_READ / RX_ONLY / wide reads: the receive phase is on
  bool m_cs_low = false;            // the flash's chip select, as last told to it
  Step m_step = Step::None;         // what is on the wire
  uint64_t m_step_end = 0;          // when it completes
  uint64_t m_cursor = 0;            // time up to which transfers have been worked out
  uint32_t m_frame = 0;             // the TX frame being shifted out
  uint32_t m_rx_left = 0;           // frames still to receive
  uint32_t m_inst = 0, m_addr = 0;  // the wide transfer's header
  bool m_header_sent = false;
  // Sticky interrupt causes: TX overflow, RX overflow, RX underflow.
  bool m_txo = false, m_rxo = false, m_rxu = false;
  EventId m_xip_check;
  DreqSink* m_dreqs = nullptr;
  bool m_dreq_tx = false, m_dreq_rx = false;
  EventId m_dma_step;  // the end of the step on the wire, while DMA requests are enabled
};

}  // namespace vpico::rp2040
