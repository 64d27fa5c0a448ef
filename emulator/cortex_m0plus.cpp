#include "cortex_m0plus.h"

#include <vector>

#include <fmt/format.h>

namespace vpico {

CortexM0Plus::CortexM0Plus(unsigned index, Diagnostics& diagnostics)
    : m_index(index), m_diag(diagnostics) {}

CortexM0Plus::~CortexM0Plus() {
  if (m_uc) uc_close(m_uc);
}

Result<void> CortexM0Plus::open() {
  // UNICORN.md: THUMB without MCLASS, then the Cortex-M0 model before the first mapping;
  // THUMB|MCLASS would give a Cortex-M33 that executes ARMv7-M instructions.
  uc_err err = uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &m_uc);
  if (err != UC_ERR_OK) return make_error(fmt::format("uc_open: {}", uc_strerror(err)));
  err = uc_ctl_set_cpu_model(m_uc, UC_CPU_ARM_CORTEX_M0);
  if (err != UC_ERR_OK) return make_error(fmt::format("set cpu model: {}", uc_strerror(err)));
  uc_hook h;
  if ((err = uc_hook_add(m_uc, &h, UC_HOOK_BLOCK, reinterpret_cast<void*>(&on_block), this, 1,
                         0)) != UC_ERR_OK ||
      (err = uc_hook_add(m_uc, &h, UC_HOOK_MEM_INVALID, reinterpret_cast<void*>(&on_invalid_memory),
                         this, 1, 0)) != UC_ERR_OK ||
      (err = uc_hook_add(m_uc, &h, UC_HOOK_INTR, reinterpret_cast<void*>(&on_interrupt), this, 1,
                         0)) != UC_ERR_OK ||
      (err = uc_hook_add(m_uc, &h, UC_HOOK_INSN_INVALID,
                         reinterpret_cast<void*>(&on_invalid_instruction), this, 1, 0)) !=
          UC_ERR_OK)
    return make_error(fmt::format("uc_hook_add: {}", uc_strerror(err)));
  return {};
}

Result<void> CortexM0Plus::map_ram(uint32_t address, uint32_t size, void* host, uint32_t perms) {
  uc_err err = uc_mem_map_ptr(m_uc, address, size, perms, host);
  if (err != UC_ERR_OK)
    return make_error(fmt::format("map 0x{:08x}+0x{:x}: {}", address, size, uc_strerror(err)));
  return {};
}

Result<void> CortexM0Plus::map_mmio(uint32_t address, uint32_t size, MmioRead read, MmioWrite write,
                                    void* user) {
  uc_err err = uc_mmio_map(m_uc, address, size, read, user, write, user);
  if (err != UC_ERR_OK)
    return make_error(fmt::format("mmio 0x{:08x}+0x{:x}: {}", address, size, uc_strerror(err)));
  return {};
}

uint32_t CortexM0Plus::reg(int uc_reg) const {
  uint32_t v = 0;
  uc_reg_read(m_uc, uc_reg, &v);
  return v;
}

void CortexM0Plus::set_reg(int uc_reg, uint32_t value) {
  uc_reg_write(m_uc, uc_reg, &value);
}

void CortexM0Plus::set_pc(uint32_t pc) {
  set_reg(UC_ARM_REG_PC, pc & ~1u);
}

void CortexM0Plus::invalidate_code(uint32_t begin, uint32_t end) {
  for (auto it = m_timings.begin(); it != m_timings.end();) {
    if (it->first < end && it->first + it->second.size > begin)
      it = m_timings.erase(it);
    else
      ++it;
  }
  uc_ctl_remove_cache(m_uc, begin, end);
}

std::string CortexM0Plus::fmt_addr(uint32_t a) const {
  return m_diag.format_address ? m_diag.format_address(a) : fmt::format("0x{:08x}", a);
}

void CortexM0Plus::fault(FaultKind kind, uint32_t pc, bool block_start, uint32_t address,
                         std::string message) {
  if (m_fault) return;
  Fault f;
  f.kind = kind;
  f.core = int(m_index);
  f.pc = pc;
  f.pc_is_block_start = block_start;
  f.address = address;
  f.cycle = m_cycles;
  f.message = std::move(message);
  m_fault = std::move(f);
}

const BlockTiming& CortexM0Plus::timing_for(uint32_t address, uint32_t size) {
  auto it = m_timings.find(address);
  if (it != m_timings.end() && it->second.size == size) return it->second.timing;
  std::vector<uint8_t> code(size);
  if (size && uc_mem_read(m_uc, address, code.data(), size) != UC_ERR_OK) code.clear();
  CachedTiming& c = m_timings[address];
  c.size = size;
  c.timing = m0plus_time_block(code);
  return c.timing;
}

void CortexM0Plus::on_block(uc_engine* uc, uint64_t address, uint32_t size, void* user) {
  auto* self = static_cast<CortexM0Plus*>(user);
  const uint32_t addr = uint32_t(address);
  self->m_block_pc = addr;
  if (self->m_stop_requested || self->m_diag.pending_fault() || self->m_cycles >= self->m_limit) {
    // UNICORN.md: stopping from the block hook means the block is not run; PC = its address.
    self->m_stopped_by_us = true;
    uc_emu_stop(uc);
    return;
  }
  const BlockTiming& t = self->timing_for(addr, size);
  if (t.first_undefined_offset >= 0) {
    uint32_t at = addr + uint32_t(t.first_undefined_offset);
    uint16_t hw = 0;
    uc_mem_read(uc, at, &hw, 2);
    self->fault(FaultKind::UndefinedInstruction, at, false, 0,
                fmt::format("ARMv7-M-only instruction 0x{:04x} at {} is undefined on a Cortex-M0+",
                            hw, self->fmt_addr(at)));
    self->m_stopped_by_us = true;
    uc_emu_stop(uc);
    return;
  }
  if (self->m_branch_fallthrough == addr) self->m_cycles -= 1;  // branch was not taken
  self->m_branch_fallthrough = t.ends_in_conditional_branch ? addr + size : 0xffffffffu;
  self->m_cycles += t.cycles;
  self->m_instructions += t.instructions;
}

bool CortexM0Plus::on_invalid_memory(uc_engine* uc, uc_mem_type type, uint64_t address, int size,
                                     int64_t value, void* user) {
  (void)uc;
  auto* self = static_cast<CortexM0Plus*>(user);
  const uint32_t a = uint32_t(address);
  const uint32_t pc = self->m_block_pc;
  switch (type) {
    case UC_MEM_WRITE_PROT:
      self->fault(FaultKind::WriteToReadOnly, pc, true, a,
                  fmt::format("{}-byte write of 0x{:x} to read-only 0x{:08x}", size,
                              uint64_t(value) & 0xffffffffu, a));
      break;
    case UC_MEM_FETCH_UNMAPPED:
    case UC_MEM_FETCH_PROT:
      self->fault(
          FaultKind::BusError, a, false, a,
          fmt::format("instruction fetch from 0x{:08x}, where nothing executable is mapped", a));
      break;
    case UC_MEM_WRITE_UNMAPPED:
      self->fault(FaultKind::BusError, pc, true, a,
                  fmt::format("{}-byte write to unmapped 0x{:08x}", size, a));
      break;
    default:
      self->fault(FaultKind::BusError, pc, true, a,
                  fmt::format("{}-byte read from unmapped 0x{:08x}", size, a));
      break;
  }
  return false;
}

void CortexM0Plus::on_interrupt(uc_engine* uc, uint32_t intno, void* user) {
  auto* self = static_cast<CortexM0Plus*>(user);
  uint32_t pc = self->pc();
  switch (intno) {
    case 7:  // BKPT: PC is on the instruction
      self->fault(FaultKind::Breakpoint, pc, false, 0,
                  fmt::format("BKPT at {} with no debugger attached", self->fmt_addr(pc)));
      break;
    case 4:  // unaligned access (ARMv6-M: always a HardFault)
      self->fault(FaultKind::Unaligned, pc, false, 0,
                  fmt::format("unaligned load/store at {}", self->fmt_addr(pc)));
      break;
    case 2:  // SVC: PC already past it
      self->fault(
          FaultKind::UndefinedInstruction, pc - 2, false, 0,
          fmt::format("SVC at {}: exceptions are not modelled yet", self->fmt_addr(pc - 2)));
      break;
    case 8:
      self->fault(FaultKind::Emulator, pc, false, 0,
                  fmt::format("exception return to 0x{:08x}: exceptions are not modelled yet", pc));
      break;
    default:
      self->fault(FaultKind::Emulator, pc, false, 0,
                  fmt::format("unexpected CPU exception {} at {}", intno, self->fmt_addr(pc)));
      break;
  }
  self->m_stopped_by_us = true;
  uc_emu_stop(uc);
}

bool CortexM0Plus::on_invalid_instruction(uc_engine* uc, void* user) {
  auto* self = static_cast<CortexM0Plus*>(user);
  uint32_t pc = self->pc();
  uint16_t prev = 0;
  uc_mem_read(uc, pc - 2, &prev, 2);
  // UNICORN.md: WFE and YIELD raise INSN_INVALID with PC after them; returning true stops cleanly.
  if (prev == 0xbf20 || prev == 0xbf10) {
    self->m_pending_hint = prev;
    return true;
  }
  return false;
}

CortexM0Plus::Exit CortexM0Plus::run(uint64_t limit) {
  m_limit = limit;
  m_stop_requested = false;
  while (m_cycles < m_limit && !m_fault && !m_diag.pending_fault()) {
    m_stopped_by_us = false;
    m_pending_hint = 0;
    uint32_t start = pc() | 1u;
    uc_err err = uc_emu_start(m_uc, start, 0xffffffffu, 0, 0);
    if (m_fault) break;
    if (err == UC_ERR_INSN_INVALID && m_pending_hint == 0) {
      uint32_t at = pc();
      uint16_t hw = 0;
      uc_mem_read(m_uc, at, &hw, 2);
      fault(FaultKind::UndefinedInstruction, at, false, 0,
            fmt::format("undefined instruction 0x{:04x} at {}", hw, fmt_addr(at)));
      break;
    }
    if (err != UC_ERR_OK && err != UC_ERR_INSN_INVALID) {
      fault(FaultKind::Emulator, pc(), false, 0,
            fmt::format("Unicorn stopped at {}: {}", fmt_addr(pc()), uc_strerror(err)));
      break;
    }
    if (m_pending_hint == 0xbf20) return Exit::Sleep;  // WFE
    if (m_pending_hint == 0xbf10) continue;            // YIELD: a NOP here
    if (m_stopped_by_us) {
      if (m_stop_requested) return Exit::Stopped;
      continue;  // limit reached or fault pending: the loop condition decides
    }
    // Unicorn stops silently after WFI (UNICORN.md).
    uint16_t prev = 0;
    uc_mem_read(m_uc, pc() - 2, &prev, 2);
    if (prev == 0xbf30) return Exit::Sleep;
    fault(FaultKind::Emulator, pc(), false, 0,
          fmt::format("Unicorn stopped unexpectedly at {}", fmt_addr(pc())));
    break;
  }
  if (m_fault) {
    m_diag.raise(*m_fault);
    m_fault.reset();
    m_state = State::Faulted;
    return Exit::Fault;
  }
  if (m_diag.pending_fault()) return Exit::Fault;
  return Exit::LimitReached;
}

}  // namespace vpico
