#include "flash_chip.h"

#include <algorithm>
#include <bit>

#include <fmt/format.h>

#include "diagnostics.h"
#include "scheduler.h"

namespace vpico {

// One instruction of the chip: the phases that follow the 8-bit opcode (W25Q16JV 8.1.2,
// instruction set tables 1 and 2). Lines: 1 = standard SPI (input on IO0, output on IO1), 2 =
// IO0..IO1, 4 = IO0..IO3.
struct FlashChip::Command {
  enum Data : uint8_t { kNone, kOut, kIn };
  uint8_t opcode;
  const char* name;
  uint8_t addr_lines;  // 0: no address
  bool mode;           // 8 mode bits on addr_lines after the address
  uint8_t dummy;       // dummy clocks
  uint8_t data_lines;
  Data data;
  bool quad;      // needs QE
  bool modelled;  // false: recognised but not modelled (reported, ignored)
};

namespace {

constexpr uint8_t kBusyBit = 0x01, kWelBit = 0x02, kQeBit = 0x02;

// Status register bits a write can change (W25Q16JV 7.1): SR1 BP0..2, TB, SEC, SRP; SR2 SRL, QE,
// LB1..3 (one-time: they can only be set), CMP; SR3 WPS, DRV0..1.
constexpr uint8_t kSrWritable[3] = {0xfc, 0x7b, 0x64};
constexpr uint8_t kSr2LockBits = 0x38;

}  // namespace

using Cmd = FlashChip::Command;

// clang-format off
static const Cmd kCommands[] = {
  // opcode name                       addr mode dummy data-lines data    quad  modelled
  {0x03, "Read Data",                   1, false, 0, 1, Cmd::kOut, false, true},
  {0x0b, "Fast Read",                   1, false, 8, 1, Cmd::kOut, false, true},
  {0x3b, "Fast Read Dual Output",       1, false, 8, 2, Cmd::kOut, false, true},
  {0x6b, "Fast Read Quad Output",       1, false, 8, 4, Cmd::kOut, true,  true},
  {0xbb, "Fast Read Dual I/O",          2, true,  0, 2, Cmd::kOut, false, true},
  {0xeb, "Fast Read Quad I/O",          4, true,  4, 4, Cmd::kOut, true,  true},
  {0x05, "Read Status Register-1",      0, false, 0, 1, Cmd::kOut, false, true},
  {0x35, "Read Status Register-2",      0, false, 0, 1, Cmd::kOut, false, true},
  {0x15, "Read Status Register-3",      0, false, 0, 1, Cmd::kOut, false, true},
  {0x01, "Write Status Register-1",     0, false, 0, 1, Cmd::kIn,  false, true},
  {0x31, "Write Status Register-2",     0, false, 0, 1, Cmd::kIn,  false, true},
  {0x11, "Write Status Register-3",     0, false, 0, 1, Cmd::kIn,  false, true},
  {0x06, "Write Enable",                0, false, 0, 1, Cmd::kNone, false, true},
  {0x04, "Write Disable",               0, false, 0, 1, Cmd::kNone, false, true},
  {0x50, "Volatile SR Write Enable",    0, false, 0, 1, Cmd::kNone, false, true},
  {0x02, "Page Program",                1, false, 0, 1, Cmd::kIn,  false, true},
  {0x32, "Quad Input Page Program",     1, false, 0, 4, Cmd::kIn,  true,  true},
  {0x20, "Sector Erase (4KB)",          1, false, 0, 1, Cmd::kNone, false, true},
  {0x52, "Block Erase (32KB)",          1, false, 0, 1, Cmd::kNone, false, true},
  {0xd8, "Block Erase (64KB)",          1, false, 0, 1, Cmd::kNone, false, true},
  {0xc7, "Chip Erase",                  0, false, 0, 1, Cmd::kNone, false, true},
  {0x60, "Chip Erase",                  0, false, 0, 1, Cmd::kNone, false, true},
  {0x9f, "JEDEC ID",                    0, false, 0, 1, Cmd::kOut, false, true},
  {0x90, "Manufacturer/Device ID",      1, false, 0, 1, Cmd::kOut, false, true},
  {0x4b, "Read Unique ID",              0, false, 32, 1, Cmd::kOut, false, true},
  {0x5a, "Read SFDP Register",          1, false, 8, 1, Cmd::kOut, false, true},
  {0xab, "Release Power-down / ID",     0, false, 24, 1, Cmd::kOut, false, true},
  {0xb9, "Power-down",                  0, false, 0, 1, Cmd::kNone, false, true},
  {0x66, "Enable Reset",                0, false, 0, 1, Cmd::kNone, false, true},
  {0x99, "Reset Device",                0, false, 0, 1, Cmd::kNone, false, true},
  {0xff, "Continuous Read Mode Reset",  0, false, 0, 1, Cmd::kNone, false, true},
  // Recognised, not modelled.
  {0x92, "Manufacturer/Device ID Dual I/O", 2, true, 0, 2, Cmd::kOut, false, false},
  {0x94, "Manufacturer/Device ID Quad I/O", 4, true, 4, 4, Cmd::kOut, true, false},
  {0x75, "Erase/Program Suspend",       0, false, 0, 1, Cmd::kNone, false, false},
  {0x7a, "Erase/Program Resume",        0, false, 0, 1, Cmd::kNone, false, false},
  {0x44, "Erase Security Register",     1, false, 0, 1, Cmd::kNone, false, false},
  {0x42, "Program Security Register",   1, false, 0, 1, Cmd::kIn,  false, false},
  {0x48, "Read Security Register",      1, false, 8, 1, Cmd::kOut, false, false},
  {0x36, "Individual Block Lock",       1, false, 0, 1, Cmd::kNone, false, false},
  {0x39, "Individual Block Unlock",     1, false, 0, 1, Cmd::kNone, false, false},
  {0x3d, "Read Block Lock",             1, false, 0, 1, Cmd::kOut, false, false},
  {0x7e, "Global Block Lock",           0, false, 0, 1, Cmd::kNone, false, false},
  {0x98, "Global Block Unlock",         0, false, 0, 1, Cmd::kNone, false, false},
  {0x77, "Set Burst with Wrap",         0, false, 0, 4, Cmd::kIn,  true,  false},
};
// clang-format on

static const FlashChip::Command* find_command(uint8_t opcode) {
  for (const FlashChip::Command& c : kCommands)
    if (c.opcode == opcode) return &c;
  return nullptr;
}

FlashChip::FlashChip(Diagnostics& diag, Scheduler& sched, std::span<uint8_t> memory,
                     std::function<uint32_t()> sys_hz, FlashChipConfig config)
    : m_diag(diag),
      m_sched(sched),
      m_mem(memory),
      m_mask(memory.empty() ? 0 : uint32_t(std::bit_floor(memory.size())) - 1),
      m_sys_hz(std::move(sys_hz)),
      m_config(config) {
  m_s.sr_nv[0] = config.sr1 & ~(kBusyBit | kWelBit);
  m_s.sr_nv[1] = config.quad_enable ? kQeBit : 0;
  m_s.sr_nv[2] = config.sr3;
  power_on();
}

void FlashChip::power_on() {
  State fresh;
  std::copy(std::begin(m_s.sr_nv), std::end(m_s.sr_nv), fresh.sr_nv);
  std::copy(std::begin(m_s.sr_nv), std::end(m_s.sr_nv), fresh.sr);
  fresh.now = m_sched.now();
  m_s = std::move(fresh);
}

uint64_t FlashChip::cycles_for_us(uint64_t us) const {
  uint64_t hz = m_sys_hz ? m_sys_hz() : 0;
  if (hz == 0) hz = 12'000'000;  // no clock information: the crystal's rate
  return us * hz / 1'000'000;
}

void FlashChip::report(const std::string& key, const std::string& message) {
  if (m_probing) {
    if (std::find(m_problems.begin(), m_problems.end(), message) == m_problems.end())
      m_problems.push_back(message);
    return;
  }
  m_diag.warn("flash:" + key, "flash: " + message);
}

void FlashChip::settle() {
  if (m_s.busy_what && m_s.now >= m_s.busy_until) {
    m_s.busy_what = nullptr;
    if (m_s.busy_clears_wel) m_s.wel = false;
  }
}

bool FlashChip::busy() {
  set_time(m_sched.now());
  return m_s.busy_what != nullptr;
}

uint8_t FlashChip::status_register(unsigned n) {
  set_time(m_sched.now());
  return sr_value(n);
}

uint8_t FlashChip::sr_value(unsigned n) const {
  if (n == 1)
    return (m_s.sr[0] & ~(kBusyBit | kWelBit)) | (m_s.wel ? kWelBit : 0) |
           (m_s.busy_what ? kBusyBit : 0);
  if (n == 2) return m_s.sr[1] & 0x7f;  // SUS (bit 7) stays 0: suspend is not modelled
  if (n == 3) return m_s.sr[2];
  return 0xff;
}

void FlashChip::set_time(uint64_t cycle) {
  // The controller's time only goes back after a power-on reset of the machine.
  m_s.now = cycle;
  settle();
}

void FlashChip::select(uint64_t cycle) {
  set_time(cycle);
  if (m_s.selected) return;
  m_s.selected = true;
  m_s.clocks = 0;
  m_s.shift = 0;
  m_s.phase_bits = 0;
  m_s.in_bits = 0;
  m_s.in_bytes.clear();
  m_s.out_bits = 0;
  m_s.out_index = 0;
  m_s.serial_probe = 0;
  m_s.serial_only = true;
  m_s.from_continuous = false;
  if (m_s.continuous && !m_s.busy_what && !m_s.powered_down) {
    // Continuous read mode (W25Q16JV 8.2.9/8.2.10): no instruction, the address comes first.
    m_s.cmd = find_command(m_s.continuous);
    m_s.from_continuous = true;
    m_s.stage = 1;  // the address stage is entered here
    m_s.phase = Phase::Address;
    m_s.width = m_s.cmd->addr_lines;
    return;
  }
  m_s.cmd = nullptr;
  m_s.phase = Phase::Command;
  m_s.width = 1;
}

void FlashChip::deselect(uint64_t cycle) {
  set_time(cycle);
  if (!m_s.selected) return;
  m_s.selected = false;
  finish_command();
  m_s.cmd = nullptr;
  m_s.phase = Phase::Ignore;
}

uint8_t FlashChip::clock(uint8_t host_out, uint8_t host_oe, uint8_t pull) {
  uint8_t chip_out = 0, chip_oe = 0;
  if (m_s.selected && m_s.phase == Phase::DataOut) {
    if (m_s.out_bits == 0) {
      m_s.out_byte = next_out_byte();
      m_s.out_bits = 8;
    }
    const unsigned w = m_s.width;
    const uint8_t bits = uint8_t(m_s.out_byte >> (8 - w)) & uint8_t((1u << w) - 1);
    m_s.out_byte = uint8_t(m_s.out_byte << w);
    m_s.out_bits = uint8_t(m_s.out_bits - w);
    if (w == 1) {
      chip_out = uint8_t(bits << 1);  // DO is IO1
      chip_oe = 0x2;
    } else {
      chip_out = bits;
      chip_oe = uint8_t((1u << w) - 1);
    }
  }
  const uint8_t host_only = host_oe & ~chip_oe;
  const uint8_t levels = uint8_t(
      ((chip_out & chip_oe) | (host_out & host_only) | (pull & ~(chip_oe | host_oe))) & 0xf);
  if (!m_s.selected) return levels;
  ++m_s.clocks;

  if (m_s.from_continuous && m_s.clocks <= 8) {
    // The first 8 clocks of a transaction in continuous read mode: remember IO0 for the report
    // in case the controller meant to send a serial command.
    m_s.serial_probe = uint8_t((m_s.serial_probe << 1) | (levels & 1));
    if (host_oe != 0x1) m_s.serial_only = false;
    if (m_s.clocks == 8 && m_s.serial_only && m_s.serial_probe != 0xff) {
      const Command* meant = find_command(m_s.serial_probe);
      if (meant && meant->opcode != m_s.continuous)
        report("continuous-cmd",
               fmt::format("command {:02X}h ({}) reached the chip while it was in the continuous "
                           "read mode of {:02X}h: its bits were taken as address and mode bits, "
                           "and the command was not run (send FFh first, as flash_exit_xip does)",
                           meant->opcode, meant->name, m_s.continuous));
    }
  }

  const unsigned w = m_s.width;
  const uint32_t in = w == 1 ? (levels & 1u) : (levels & ((1u << w) - 1));
  switch (m_s.phase) {
    case Phase::Command:
      m_s.shift = (m_s.shift << 1) | (levels & 1u);
      if (++m_s.phase_bits == 8) start_command(uint8_t(m_s.shift));
      break;
    case Phase::Address:
      m_s.shift = (m_s.shift << w) | in;
      m_s.phase_bits += w;
      if (m_s.phase_bits >= 24) {
        m_s.addr = m_s.shift & 0xffffff;
        next_stage();
      }
      break;
    case Phase::Mode:
      m_s.shift = (m_s.shift << w) | in;
      m_s.phase_bits += w;
      if (m_s.phase_bits >= 8) {
        m_s.mode = uint8_t(m_s.shift);
        // M5..4 = 10: the next transaction starts with the address (W25Q16JV 8.2.9, 8.2.10).
        m_s.continuous = (m_s.mode & 0x30) == 0x20 ? m_s.cmd->opcode : 0;
        next_stage();
      }
      break;
    case Phase::Dummy:
      if (++m_s.phase_bits >= m_s.cmd->dummy) next_stage();
      break;
    case Phase::DataIn:
      m_s.shift = (m_s.shift << w) | in;
      m_s.phase_bits += w;
      m_s.in_bits += w;
      if (m_s.phase_bits >= 8) {
        data_in_byte(uint8_t(m_s.shift));
        m_s.phase_bits = 0;
        m_s.shift = 0;
      }
      break;
    case Phase::DataOut:
    case Phase::Ignore:
      break;
  }
  return levels;
}

void FlashChip::start_command(uint8_t opcode) {
  const Command* c = find_command(opcode);
  m_s.phase = Phase::Ignore;
  m_s.cmd = nullptr;
  if (m_s.reset_enabled && opcode != 0x99) m_s.reset_enabled = false;
  if (m_s.powered_down && opcode != 0xab) {
    report("powered-down",
           fmt::format("command {:02X}h ignored: the chip is in power-down (B9h); release it "
                       "with ABh first",
                       opcode));
    return;
  }
  if (!c) {
    if (opcode != 0x00)
      report(fmt::format("unknown:{:02x}", opcode),
             fmt::format("command {:02X}h is not a W25Q16JV instruction: ignored", opcode));
    return;
  }
  const bool status_read = opcode == 0x05 || opcode == 0x35 || opcode == 0x15;
  if (m_s.busy_what && !status_read) {
    report(fmt::format("busy:{:02x}", opcode),
           fmt::format("command {:02X}h ({}) ignored: the chip is busy with {} (only the status "
                       "reads 05h/35h/15h are answered until BUSY clears)",
                       opcode, c->name, m_s.busy_what));
    return;
  }
  if (!c->modelled) {
    report(fmt::format("unmodelled:{:02x}", opcode),
           fmt::format("command {:02X}h ({}) is not modelled: ignored", opcode, c->name));
    return;
  }
  if (c->quad && !(m_s.sr[1] & kQeBit)) {
    // With QE = 0, IO2 and IO3 are WP# and HOLD#: the quad instructions are not available.
    report(fmt::format("qe:{:02x}", opcode),
           fmt::format("quad command {:02X}h ({}) sent while the QE bit (status register 2 bit "
                       "1) is 0: a real chip does not run it",
                       opcode, c->name));
    return;
  }
  m_s.cmd = c;
  m_s.stage = 0;
  next_stage();
}

// Moves to the next phase of the current command: address, mode, dummy clocks, data.
void FlashChip::next_stage() {
  const Command& c = *m_s.cmd;
  m_s.shift = 0;
  m_s.phase_bits = 0;
  for (;;) {
    const uint8_t stage = m_s.stage++;
    if (stage == 0 && c.addr_lines) {
      m_s.phase = Phase::Address;
      m_s.width = c.addr_lines;
      return;
    }
    if (stage == 1 && c.mode) {
      m_s.phase = Phase::Mode;
      m_s.width = c.addr_lines;
      return;
    }
    if (stage == 2 && c.dummy) {
      m_s.phase = Phase::Dummy;
      m_s.width = 1;
      return;
    }
    if (stage == 3) {
      m_s.width = c.data_lines;
      m_s.out_bits = 0;
      m_s.out_index = 0;
      m_s.phase = c.data == Cmd::kOut  ? Phase::DataOut
                  : c.data == Cmd::kIn ? Phase::DataIn
                                       : Phase::Ignore;
      return;
    }
    if (stage > 3) {
      m_s.phase = Phase::Ignore;
      return;
    }
  }
}

uint8_t FlashChip::next_out_byte() {
  const uint32_t i = m_s.out_index++;
  switch (m_s.cmd->opcode) {
    case 0x03:
    case 0x0b:
    case 0x3b:
    case 0x6b:
    case 0xbb:
    case 0xeb:
      // Reads go on through the whole array and wrap at its end (W25Q16JV 8.2.6).
      return m_mem.empty() ? 0xff : m_mem[(m_s.addr + i) & m_mask];
    case 0x05:
    case 0x35:
    case 0x15:
      // The status register is sent again and again while CS# stays low, updated each time.
      settle();
      return sr_value(m_s.cmd->opcode == 0x05 ? 1 : m_s.cmd->opcode == 0x35 ? 2 : 3);
    case 0x9f: {
      const uint8_t id[3] = {m_config.manufacturer_id, m_config.memory_type,
                             uint8_t(std::countr_zero(uint32_t(m_mask) + 1))};
      return id[i % 3];
    }
    case 0x90: {
      // Address 0: manufacturer then device; address 1: the other way round (8.2.31).
      const bool swap = m_s.addr & 1;
      return ((i & 1) != swap) ? m_config.device_id : m_config.manufacturer_id;
    }
    case 0x4b:
      return i < 8 ? uint8_t(m_config.unique_id >> (56 - 8 * i)) : 0xff;
    case 0x5a:
      return sfdp_byte(m_s.addr + i);
    case 0xab:
      return m_config.device_id;
    default:
      return 0xff;
  }
}

void FlashChip::data_in_byte(uint8_t b) {
  // Page program keeps at most one page: later bytes overwrite the earliest (W25Q16JV 8.2.13).
  m_s.in_bytes.push_back(b);
}

void FlashChip::finish_command() {
  const Command* c = m_s.cmd;
  if (!c) return;
  const uint8_t op = c->opcode;
  if (op != 0x50 && op != 0x01 && op != 0x31 && op != 0x11) m_s.volatile_sr_we = false;
  const bool exact_8 = m_s.clocks == 8;
  switch (op) {
    case 0x06:
      if (exact_8) m_s.wel = true;
      return;
    case 0x04:
      if (exact_8) m_s.wel = false;
      return;
    case 0x50:
      if (exact_8) m_s.volatile_sr_we = true;
      return;
    case 0xb9:
      if (exact_8) m_s.powered_down = true;
      return;
    case 0xab:
      m_s.powered_down = false;
      return;
    case 0x66:
      m_s.reset_enabled = exact_8;
      return;
    case 0x99:
      if (exact_8 && m_s.reset_enabled) {
        State fresh;
        std::copy(std::begin(m_s.sr_nv), std::end(m_s.sr_nv), fresh.sr_nv);
        std::copy(std::begin(m_s.sr_nv), std::end(m_s.sr_nv), fresh.sr);
        fresh.now = m_s.now;
        m_s = std::move(fresh);
        start_busy(m_config.reset_us, "the software reset (tRST)", false);
      }
      m_s.reset_enabled = false;
      return;
    case 0x01:
    case 0x31:
    case 0x11: {
      const bool whole = m_s.in_bits % 8 == 0 && !m_s.in_bytes.empty();
      if (!whole) {
        if (m_s.in_bits)
          report("sr-boundary", fmt::format("{:02X}h ended off a byte boundary: ignored", op));
        return;
      }
      write_status(op == 0x01 ? 0 : op == 0x31 ? 1 : 2, m_s.in_bytes);
      return;
    }
    case 0x02:
    case 0x32: {
      if (m_s.in_bits == 0) return;
      if (m_s.in_bits % 8) {
        report("pp-boundary", fmt::format("{:02X}h ended off a byte boundary: not programmed", op));
        return;
      }
      if (!m_s.wel) {
        report("pp-wel",
               fmt::format("{:02X}h (page program) without Write Enable (WEL = 0): ignored", op));
        return;
      }
      program(m_s.addr, m_s.in_bytes);
      return;
    }
    case 0x20:
    case 0x52:
    case 0xd8:
    case 0xc7:
    case 0x60: {
      const bool with_addr = op != 0xc7 && op != 0x60;
      if (m_s.clocks != (with_addr ? 32u : 8u)) {
        if (m_s.clocks > 8)
          report("erase-boundary",
                 fmt::format("{:02X}h ({}): CS# rose after {} clocks instead of {}: ignored", op,
                             c->name, m_s.clocks, with_addr ? 32 : 8));
        return;
      }
      if (!m_s.wel) {
        report("erase-wel",
               fmt::format("{:02X}h ({}) without Write Enable (WEL = 0): ignored", op, c->name));
        return;
      }
      if (op == 0x20) {
        erase(m_s.addr & ~0xfffu, 0x1000);
        start_busy(m_config.sector_erase_us, "a sector erase (tSE)", true);
      } else if (op == 0x52) {
        erase(m_s.addr & ~0x7fffu, 0x8000);
        start_busy(m_config.block32_erase_us, "a 32 KiB block erase (tBE1)", true);
      } else if (op == 0xd8) {
        erase(m_s.addr & ~0xffffu, 0x10000);
        start_busy(m_config.block64_erase_us, "a 64 KiB block erase (tBE2)", true);
      } else {
        erase(0, m_mask + 1);
        start_busy(m_config.chip_erase_us, "a chip erase (tCE)", true);
      }
      return;
    }
    default:
      return;
  }
}

void FlashChip::start_busy(uint64_t us, const char* what, bool clears_wel) {
  m_s.busy_until = m_s.now + cycles_for_us(us);
  m_s.busy_what = what;
  m_s.busy_clears_wel = clears_wel;
}

void FlashChip::write_status(unsigned first, const std::vector<uint8_t>& bytes) {
  const bool is_volatile = m_s.volatile_sr_we;
  m_s.volatile_sr_we = false;
  if (!is_volatile && !m_s.wel) {
    report("sr-wel",
           "a status register write without Write Enable (06h) or Volatile SR Write Enable "
           "(50h): ignored");
    return;
  }
  // 01h with two bytes writes status registers 1 and 2 (W25Q16JV 8.2.5); more are ignored.
  const size_t count = first == 0 ? std::min<size_t>(bytes.size(), 2) : 1;
  for (size_t i = 0; i < count; ++i) {
    const unsigned r = first + unsigned(i);
    uint8_t next = uint8_t((m_s.sr[r] & ~kSrWritable[r]) | (bytes[i] & kSrWritable[r]));
    if (r == 1) next |= m_s.sr[1] & kSr2LockBits;  // lock bits are one-time programmable
    m_s.sr[r] = next;
    if (!is_volatile) m_s.sr_nv[r] = next;
  }
  if ((m_s.sr[0] & 0x1c) || (m_s.sr[1] & 0x40))
    report("protection",
           "block protection bits (BP2..0 or CMP) set: protection is not modelled, the array "
           "stays writable");
  if (!is_volatile) start_busy(m_config.write_status_us, "a status register write (tW)", true);
}

void FlashChip::program(uint32_t addr, const std::vector<uint8_t>& bytes) {
  // Only the last 256 bytes count; the column wraps inside the page (W25Q16JV 8.2.13).
  const uint32_t page = addr & ~0xffu & m_mask;
  const size_t skip = bytes.size() > 256 ? bytes.size() - 256 : 0;
  uint32_t column = uint32_t((addr + skip) & 0xff);
  uint32_t lo = 256, hi = 0;
  if (!m_probing && !m_mem.empty()) {
    for (size_t i = skip; i < bytes.size(); ++i) {
      m_mem[page + column] &= bytes[i];
      lo = std::min(lo, column);
      hi = std::max(hi, column + 1);
      column = (column + 1) & 0xff;
    }
    if (code_changed && hi > lo) code_changed(page + lo, hi - lo);
  }
  start_busy(m_config.page_program_us, "a page program (tPP)", true);
}

void FlashChip::erase(uint32_t addr, uint32_t size) {
  if (m_probing || m_mem.empty()) return;
  addr &= m_mask;
  size = std::min<uint32_t>(size, m_mask + 1 - addr);
  std::fill_n(m_mem.begin() + addr, size, uint8_t(0xff));
  if (code_changed) code_changed(addr, size);
}

void FlashChip::host_program(uint32_t offset, std::span<const uint8_t> data) {
  if (m_mem.empty() || data.empty()) return;
  uint32_t lo = UINT32_MAX, hi = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    const uint32_t a = (offset + uint32_t(i)) & m_mask;
    m_mem[a] &= data[i];
    lo = std::min(lo, a);
    hi = std::max(hi, a + 1);
  }
  if (code_changed) code_changed(lo, hi - lo);
}

void FlashChip::host_erase(uint32_t offset, uint32_t length) {
  erase(offset, length);
}

// A minimal SFDP space (JEDEC JESD216): the header, one parameter header and the basic flash
// parameter table (9 DWORDs) at 0x80, describing this chip's size, erase and read commands.
// Everything else reads FFh.
uint8_t FlashChip::sfdp_byte(uint32_t addr) const {
  addr &= 0xffffff;
  if (addr < 16) {
    static const uint8_t header[16] = {
        'S',  'F',  'D',  'P', 0x00, 0x01, 0x00, 0xff,  // signature, rev 1.0, 1 header, legacy
        0x00, 0x00, 0x01, 9,   0x80, 0x00, 0x00, 0xff,  // basic table: rev 1.0, 9 DWORDs at 0x80
    };
    return header[addr];
  }
  if (addr >= 0x80 && addr < 0x80 + 36) {
    const uint32_t bits = (m_mask + 1) * 8;
    const uint32_t table[9] = {
        // 4 KiB erase with 20h; writes of 64+ bytes; fast reads 1-1-2, 1-2-2, 1-4-4, 1-1-4.
        0xff800000u | (1u << 22) | (1u << 21) | (1u << 20) | (1u << 16) | (0x20u << 8) | 0xe5u,
        bits - 1,     // density in bits, minus one
        0x6b08eb44u,  // 1-4-4: EBh, 2 mode + 4 dummy clocks; 1-1-4: 6Bh, 8 dummy clocks
        0xbb803b08u,  // 1-1-2: 3Bh, 8 dummy clocks; 1-2-2: BBh, 4 mode clocks
        0xffffffeeu,  // no 2-2-2, no 4-4-4
        0xffffffffu,
        0xffffffffu,
        0x520f200cu,  // erase types: 4 KiB with 20h, 32 KiB with 52h
        0x0000d810u,  // 64 KiB with D8h
    };
    const uint32_t i = addr - 0x80;
    return uint8_t(table[i / 4] >> (8 * (i % 4)));
  }
  return 0xff;
}

void FlashChip::begin_probe() {
  m_saved = m_s;
  m_probing = true;
  m_problems.clear();
}

std::vector<std::string> FlashChip::end_probe() {
  m_s = m_saved;
  m_probing = false;
  return std::move(m_problems);
}

}  // namespace vpico
