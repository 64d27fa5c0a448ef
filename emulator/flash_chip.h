// A serial NOR flash chip of the Winbond W25Q family on the QSPI bus, by default the Pico's
// W25Q16JV (2 MiB). It sits behind the RP2040's XIP_SSI (emulator/rp2040/ssi.h) and sees what a
// real chip sees: chip select edges and SCLK cycles with the levels on IO0..IO3.
//
// Modelled (facts from the W25Q16JV datasheet, section numbers of its revision H):
//   - standard, dual and quad SPI reads: 03h, 0Bh, 3Bh, 6Bh, BBh and EBh, the last two with the
//     continuous read mode that the mode bits M5..4 = 10 select (8.2.9, 8.2.10), left by other
//     mode bits or by the FFh / FFFFh reset sequence;
//   - status registers 1..3 (7.1): read 05h/35h/15h, write 01h (one or two bytes) / 31h / 11h,
//     non-volatile after 06h (BUSY for tW) or volatile after 50h; BUSY, WEL, QE;
//   - write enable/disable 06h/04h, page program 02h (and quad 32h): bits are ANDed into the
//     array, the address wraps inside the 256-byte page; erase 20h (4 KiB), 52h (32 KiB),
//     D8h (64 KiB), C7h/60h (chip) set bytes to FFh. Program, erase and status writes need WEL,
//     happen when CS# rises on a byte boundary, and keep BUSY set for the typical tPP, tSE,
//     tBE1, tBE2, tCE, tW (9.6), counted in clk_sys cycles; while BUSY only the status reads
//     are answered, other commands are ignored (and reported);
//   - IDs: 9Fh JEDEC ID (EF 40 15), 90h manufacturer/device ID, ABh release power-down/device
//     ID, 4Bh 64-bit unique ID, 5Ah a minimal SFDP table (header + basic flash parameters);
//   - B9h power-down (only ABh is answered), 66h + 99h software reset.
// Not modelled: block protection (BP/TB/SEC/CMP are stored; writing them is reported), WP#
// and HOLD#, security registers, suspend/resume, QPI, burst with wrap, DTR. Lines nobody drives
// read as the pull the controller side gives (1 by default).
//
// Memory effects happen when CS# rises (the array is changed at once, BUSY then lasts the
// datasheet time); `code_changed` tells the machine which range to re-translate.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace vpico {

class Diagnostics;
class Scheduler;

// What a device on the QSPI bus offers the controller. Everything the XIP_SSI does to the chip
// goes through these virtual calls (so the controller links without the chip's code).
class QspiTarget {
 public:
  virtual ~QspiTarget() = default;
  // CS# falls / rises at `cycle` (clk_sys cycles on the scheduler's timeline).
  virtual void select(uint64_t cycle) = 0;
  virtual void deselect(uint64_t cycle) = 0;
  // Time of the SCLK cycles that follow (status reads look at BUSY then).
  virtual void set_time(uint64_t cycle) = 0;
  // One SCLK cycle. `host_out`/`host_oe`: the levels the controller drives on IO3..IO0 (bit n =
  // IOn) and which lines it drives; `pull`: the level each undriven line floats to. Returns the
  // levels on IO3..IO0 after the device's own drive.
  virtual uint8_t clock(uint8_t host_out, uint8_t host_oe, uint8_t pull = 0xf) = 0;
  // Dry runs for configuration checks: begin_probe() saves the device's state and silences it,
  // end_probe() restores the state and returns what the device found wrong meanwhile.
  virtual void begin_probe() = 0;
  virtual std::vector<std::string> end_probe() = 0;
  // The array, to compare what a probe read against.
  virtual std::span<const uint8_t> contents() const = 0;
};

struct FlashChipConfig {
  // W25Q16JV 8.1.1 (manufacturer and device identification).
  uint8_t manufacturer_id = 0xef;  // Winbond
  uint8_t memory_type = 0x40;      // JEDEC ID byte 2 of the W25Q..JV-IQ parts
  uint8_t device_id = 0x14;        // 90h / ABh device ID of the W25Q16JV
  // JEDEC ID byte 3 is log2 of the size in bytes (0x15 for 2 MiB), derived from the array.
  uint64_t unique_id = 0x5650494330303031ull;  // any factory value; this one reads "VPIC0001"
  // Status registers at power-up. QE (SR2 bit 1) is set in the factory on the -IQ parts such as
  // the Pico's W25Q16JVUXIQ (W25Q16JV 7.1.4); set it to false to model an -IM part.
  bool quad_enable = true;
  uint8_t sr1 = 0x00, sr3 = 0x60;
  // Typical times (W25Q16JV 9.6, AC electrical characteristics), in microseconds.
  uint32_t page_program_us = 400;       // tPP
  uint32_t sector_erase_us = 45'000;    // tSE, 4 KiB
  uint32_t block32_erase_us = 120'000;  // tBE1, 32 KiB
  uint32_t block64_erase_us = 150'000;  // tBE2, 64 KiB
  uint32_t chip_erase_us = 5'000'000;   // tCE
  uint32_t write_status_us = 10'000;    // tW
  uint32_t reset_us = 30;               // tRST
};

class FlashChip : public QspiTarget {
 public:
  // `memory` is the machine's flash buffer (the XIP window maps the same bytes); its size must
  // be a power of two. `sys_hz` gives clk_sys, to turn the datasheet's times into cycles.
  FlashChip(Diagnostics& diag, Scheduler& sched, std::span<uint8_t> memory,
            std::function<uint32_t()> sys_hz, FlashChipConfig config = {});

  // Called with (offset, length) after program and erase changed the array.
  std::function<void(uint32_t offset, uint32_t length)> code_changed;

  // Power cycle: volatile state back to the non-volatile values, not busy, not selected, no
  // continuous read mode. The array and the non-volatile status bits stay.
  void power_on();

  // QspiTarget
  void select(uint64_t cycle) override;
  void deselect(uint64_t cycle) override;
  void set_time(uint64_t cycle) override;
  uint8_t clock(uint8_t host_out, uint8_t host_oe, uint8_t pull = 0xf) override;
  void begin_probe() override;
  std::vector<std::string> end_probe() override;
  std::span<const uint8_t> contents() const override { return m_mem; }

  // Inspection (tests, debugger, the ROM's host-side flash functions).
  std::span<uint8_t> memory() { return m_mem; }
  uint8_t status_register(unsigned n);  // n = 1, 2, 3 as the 05h/35h/15h commands read them
  bool busy();
  bool write_enabled() { return status_register(1) & 0x02; }
  bool quad_enabled() const { return m_s.sr[1] & 0x02; }
  bool selected() const { return m_s.selected; }
  bool powered_down() const { return m_s.powered_down; }
  // 0, or the command (BBh, EBh) whose continuous read mode the chip is in.
  uint8_t continuous_read() const { return m_s.continuous; }
  // Host-side array operations with the chip's semantics (program ANDs, erase sets FFh) for
  // callers that stand in for serial commands (e.g. the ROM's flash functions run natively).
  void host_program(uint32_t offset, std::span<const uint8_t> data);
  void host_erase(uint32_t offset, uint32_t length);
  uint64_t cycles_for_us(uint64_t us) const;
  const FlashChipConfig& config() const { return m_config; }

 public:
  struct Command;  // an instruction and the phases that follow it (flash_chip.cpp)

 private:
  enum class Phase : uint8_t { Command, Address, Mode, Dummy, DataOut, DataIn, Ignore };

  // Everything that changes while the chip runs (copied for probes).
  struct State {
    uint8_t sr[3] = {0, 0, 0};     // volatile status registers (BUSY and WEL kept apart)
    uint8_t sr_nv[3] = {0, 0, 0};  // non-volatile copies
    bool wel = false;
    bool volatile_sr_we = false;  // 50h seen: the next status write is volatile
    bool reset_enabled = false;   // 66h seen: the next command may be 99h
    bool powered_down = false;
    uint8_t continuous = 0;  // BBh/EBh: CS# falling starts with the address
    uint64_t now = 0;
    uint64_t busy_until = 0;
    bool busy_clears_wel = false;
    const char* busy_what = nullptr;
    // The transaction under way.
    bool selected = false;
    const Command* cmd = nullptr;
    Phase phase = Phase::Ignore;
    uint8_t width = 1;    // data lines of the current phase
    uint8_t stage = 0;    // index into address / mode / dummy / data
    uint32_t clocks = 0;  // SCLK cycles since CS# fell
    uint32_t shift = 0;   // bits gathered in the current phase
    uint32_t phase_bits = 0;
    uint32_t addr = 0;
    uint8_t mode = 0;
    uint8_t out_byte = 0, out_bits = 0;
    uint32_t out_index = 0;
    uint32_t in_bits = 0;  // data bits received
    std::vector<uint8_t> in_bytes;
    // While in continuous read mode: what the controller drove on IO0 alone, to recognise a
    // serial command sent to a chip that is not listening for one.
    bool from_continuous = false;
    uint8_t serial_probe = 0;
    bool serial_only = true;
  };

  void settle();
  uint8_t sr_value(unsigned n) const;
  void start_command(uint8_t opcode);
  void next_stage();
  uint8_t next_out_byte();
  void data_in_byte(uint8_t b);
  void finish_command();
  void start_busy(uint64_t us, const char* what, bool clears_wel);
  void program(uint32_t addr, const std::vector<uint8_t>& bytes);
  void erase(uint32_t addr, uint32_t size);
  void write_status(unsigned first, const std::vector<uint8_t>& bytes);
  uint8_t sfdp_byte(uint32_t addr) const;
  void report(const std::string& key, const std::string& message);

  Diagnostics& m_diag;
  Scheduler& m_sched;
  std::span<uint8_t> m_mem;
  uint32_t m_mask;  // address wrap (size - 1)
  std::function<uint32_t()> m_sys_hz;
  FlashChipConfig m_config;
  State m_s;
  // Probes.
  bool m_probing = false;
  State m_saved;
  std::vector<std::string> m_problems;
};

}  // namespace vpico
