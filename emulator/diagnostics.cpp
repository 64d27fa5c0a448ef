#include "diagnostics.h"

#include <fmt/format.h>

namespace vpico {

const char* fault_kind_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::BusError:
      return "bus error";
    case FaultKind::WriteToReadOnly:
      return "write to read-only memory";
    case FaultKind::Unaligned:
      return "unaligned access";
    case FaultKind::UndefinedInstruction:
      return "undefined instruction";
    case FaultKind::Breakpoint:
      return "breakpoint";
    case FaultKind::Lockup:
      return "lockup";
    case FaultKind::UnmodelledRegister:
      return "unmodelled register";
    case FaultKind::BadBoot:
      return "boot failure";
    case FaultKind::UsbBoot:
      return "USB boot mode";
    case FaultKind::Emulator:
      return "emulator error";
  }
  return "fault";
}

std::string Diagnostics::where() const {
  if (current_core < 0 || !current_pc) return "outside the cores";
  uint32_t pc = current_pc();
  std::string at = format_address ? format_address(pc) : fmt::format("0x{:08x}", pc);
  return fmt::format("core {}, in block at PC {}", current_core, at);
}

void Diagnostics::warn(const std::string& key, const std::string& message) {
  unsigned& count = m_seen[key];
  if (count++ > 0) return;
  m_warnings.push_back(message);
  if (on_warning) on_warning(message);
}

void Diagnostics::unmodelled(bool is_write, uint32_t address, const std::string& what,
                             uint32_t value) {
  std::string message =
      is_write ? fmt::format("unmodelled register write {} (0x{:08x}) <- 0x{:08x}, {}", what,
                             address, value, where())
               : fmt::format("unmodelled register read {} (0x{:08x}), {}", what, address, where());
  if (strict && !m_pending) {
    Fault f;
    f.kind = FaultKind::UnmodelledRegister;
    f.core = current_core < 0 ? 0 : current_core;
    f.pc = current_pc ? current_pc() : 0;
    f.pc_is_block_start = true;
    f.address = address;
    f.cycle = current_cycle ? current_cycle() : 0;
    f.message = message + " (--strict)";
    m_pending = f;
  }
  warn(fmt::format("{}:{:08x}", is_write ? 'w' : 'r', address), message);
}

void Diagnostics::raise(Fault fault) {
  if (!m_pending) m_pending = std::move(fault);
}

void Diagnostics::clear() {
  m_seen.clear();
  m_warnings.clear();
  m_faults.clear();
  m_pending.reset();
}

}  // namespace vpico
