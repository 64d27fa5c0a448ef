#include "cortex_m0plus.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "m0plus_access.h"
#include "system_control_space.h"

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

Result<void> CortexM0Plus::map_write_ignoring(
    uint32_t address, std::span<uint8_t> memory,
    std::function<void(uint32_t, unsigned, uint32_t, uint32_t)> on_ignored) {
  // Read-only to Unicorn: a store raises UC_MEM_WRITE_PROT (on_invalid_memory), which saves the
  // bytes and lets the store land; they are put back before the next block. A UC_HOOK_MEM_WRITE
  // hook, even limited to this range, would slow every store the cores make.
  if (auto r =
          map_ram(address, uint32_t(memory.size()), memory.data(), UC_PROT_READ | UC_PROT_EXEC);
      !r)
    return r;
  m_ignoring_base = address;
  m_ignoring = memory;
  m_on_ignored = std::move(on_ignored);
  return {};
}

// Runs before the store lands: keep the bytes it is about to change.
void CortexM0Plus::on_ignored_write(uc_engine*, uc_mem_type, uint64_t address, int size,
                                    int64_t value, void* user) {
  auto* self = static_cast<CortexM0Plus*>(user);
  const uint32_t offset = uint32_t(address) - self->m_ignoring_base;
  if (offset >= self->m_ignoring.size() || size <= 0 || size > 4) return;
  SavedBytes saved{uint32_t(address), unsigned(size), {}};
  const size_t n = std::min<size_t>(size_t(size), self->m_ignoring.size() - offset);
  saved.size = unsigned(n);
  std::memcpy(saved.bytes, self->m_ignoring.data() + offset, n);
  self->m_ignored_writes.push_back(saved);
  if (self->m_on_ignored)
    self->m_on_ignored(uint32_t(address), unsigned(size), uint32_t(uint64_t(value)),
                       self->m_block_pc);
}

void CortexM0Plus::restore_ignored_writes() {
  // Newest first, so that the oldest saved bytes (the real contents) win.
  for (auto it = m_ignored_writes.rbegin(); it != m_ignored_writes.rend(); ++it) {
    std::memcpy(m_ignoring.data() + (it->address - m_ignoring_base), it->bytes, it->size);
    if (may_have_code(it->address, it->address + it->size))
      invalidate_code(it->address, it->address + it->size);
  }
  m_ignored_writes.clear();
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

// Unicorn takes bit 0 of a PC write as the Thumb state (env->thumb); an M-profile core only runs
// Thumb code, and a clear bit makes the next block decode as ARM and fault (INVSTATE).
void CortexM0Plus::set_pc(uint32_t pc) {
  set_reg(UC_ARM_REG_PC, pc | 1u);
}

void CortexM0Plus::invalidate_code(uint32_t begin, uint32_t end) {
  m_block_timing = nullptr;
  for (auto it = m_timings.begin(); it != m_timings.end();) {
    if (it->first < end && it->first + it->second.size > begin)
      it = m_timings.erase(it);
    else
      ++it;
  }
  uc_ctl_remove_cache(m_uc, begin, end);
}

bool CortexM0Plus::may_have_code(uint32_t begin, uint32_t end) const {
  if (end <= begin || m_code_pages.empty()) return false;
  for (uint32_t page = begin >> 10; page <= (end - 1) >> 10; ++page)
    if (m_code_pages.count(page)) return true;
  return false;
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
  for (uint32_t page = address >> 10; page <= (address + (size ? size - 1 : 0)) >> 10; ++page)
    m_code_pages.insert(page);
  CachedTiming& c = m_timings[address];
  c.size = size;
  c.timing = m0plus_time_block(code);
  return c.timing;
}

void CortexM0Plus::on_block(uc_engine* uc, uint64_t address, uint32_t size, void* user) {
  auto* self = static_cast<CortexM0Plus*>(user);
  const uint32_t addr = uint32_t(address);
  if (!self->m_ignored_writes.empty()) self->restore_ignored_writes();
  self->m_block_pc = addr;
  if (self->m_stop_requested || self->m_diag.pending_fault() || self->m_cycles >= self->m_limit) {
    // UNICORN.md: stopping from the block hook means the block is not run; PC = its address.
    self->m_stopped_by_us = true;
    self->m_stopped_in_block_hook = true;
    uc_emu_stop(uc);
    return;
  }
  if (self->m_scs && self->m_scs->any_pending()) {
    // Interrupts are taken between blocks. Entering from the block hook redirects execution
    // before this block runs (UNICORN.md); stopping here and entering from the run loop does
    // not work: Unicorn resumes the stopped block whatever PC is written in between.
    unsigned e = self->m_scs->exception_to_take(self->reg(UC_ARM_REG_PRIMASK) & 1);
    if (e) {
      if (!self->enter_exception(e, addr)) {
        self->m_stopped_by_us = true;
        uc_emu_stop(uc);
      }
      return;
    }
  }
  const BlockTiming& t = self->timing_for(addr, size);
  if (t.first_undefined_offset >= 0) {
    const uint32_t at = addr + uint32_t(t.first_undefined_offset);
    if (t.first_undefined_offset == 0) {
      self->fault(FaultKind::UndefinedInstruction, at, false, 0, self->undefined_message(at));
      self->m_stopped_by_us = true;
      uc_emu_stop(uc);
      return;
    }
    if (!self->m_undefined_hooks.count(at)) {
      // Stop before the block; the run loop adds a code hook at `at` and drops the block's
      // translation, so the block runs again up to the undefined instruction.
      self->m_hook_undefined_at = at;
      self->m_stopped_by_us = true;
      self->m_stopped_in_block_hook = true;
      uc_emu_stop(uc);
      return;
    }
  }
  if (self->m_branch_fallthrough == addr) self->m_cycles -= 1;  // branch was not taken
  self->m_block_start_cycles = self->m_cycles;
  self->m_block_timing = &t;
  self->m_block_size = size;
  self->m_next_memory_op = 0;
  self->m_branch_fallthrough = t.ends_in_conditional_branch ? addr + size : 0xffffffffu;
  if (self->on_block_executed)
    self->on_block_executed(self->m_index,
                            {addr, size, t.end, self->m_cycles, self->m_sleep_cycles});
  self->m_cycles += t.cycles;
  self->m_instructions += t.instructions;
  if (t.has_sev && self->on_sev) self->on_sev();
}

bool CortexM0Plus::on_invalid_memory(uc_engine* uc, uc_mem_type type, uint64_t address, int size,
                                     int64_t value, void* user) {
  (void)uc;
  auto* self = static_cast<CortexM0Plus*>(user);
  const uint32_t a = uint32_t(address);
  const uint32_t pc = self->m_block_pc;
  switch (type) {
    case UC_MEM_WRITE_PROT:
      if (!self->m_ignoring.empty() && a - self->m_ignoring_base < self->m_ignoring.size()) {
        on_ignored_write(uc, type, address, size, value, user);
        return true;  // handled: the store goes on, and is undone before the next block
      }
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
    case 8:  // exception return: PC = EXC_RETURN & ~1, nothing unstacked yet (UNICORN.md)
      // Unstacking from inside this hook loses the Thumb state when returning to handler mode
      // (the next block is decoded as ARM code); stop and unstack from the run loop instead.
      self->m_exc_return = pc | 1;
      break;
    case 2:  // SVC: PC already past it; synchronous, entered here like an exception return
      if (self->take_svc(pc)) return;
      break;
    case 7:  // BKPT: PC is on the instruction
      // The boot ROM's native functions are BKPTs in the ROM (rom_traps.h): the machine
      // performs them and moves PC on, and execution continues.
      if (self->on_bkpt && self->on_bkpt(pc)) return;
      if (self->m_fault) break;  // the trap faulted
      if (self->debugger_attached) {
        self->debug_stop({DebugStop::Kind::Breakpoint, self->m_index, pc});
        return;
      }
      self->fault(FaultKind::Breakpoint, pc, false, 0,
                  fmt::format(
                      "BKPT #{} at {} with no debugger attached",
                      [&] {
                        uint16_t hw = 0;
                        uc_mem_read(uc, pc, &hw, 2);
                        return hw & 0xff;
                      }(),
                      self->fmt_addr(pc)));
      break;
    case 4:  // unaligned access (ARMv6-M: always a HardFault)
      self->fault(FaultKind::Unaligned, pc, false, 0,
                  fmt::format("unaligned load/store at {}", self->fmt_addr(pc)));
      break;
    default:
      self->fault(FaultKind::Emulator, pc, false, 0,
                  fmt::format("unexpected CPU exception {} at {}", intno, self->fmt_addr(pc)));
      break;
  }
  self->m_stopped_by_us = true;
  uc_emu_stop(uc);
}

uint64_t CortexM0Plus::access_cycle(uint32_t address) {
  if (!m_block_timing || m_block_timing->memory_ops.empty()) return m_cycles;
  const auto& ops = m_block_timing->memory_ops;
  size_t k = 0;
  if (ops.size() > 1) {
    // Several candidates: the one whose address, computed from the registers as they are now
    // (the instruction is executing), is `address`.
    static const int kRegs[16] = {UC_ARM_REG_R0,  UC_ARM_REG_R1, UC_ARM_REG_R2,  UC_ARM_REG_R3,
                                  UC_ARM_REG_R4,  UC_ARM_REG_R5, UC_ARM_REG_R6,  UC_ARM_REG_R7,
                                  UC_ARM_REG_R8,  UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
                                  UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR,  UC_ARM_REG_PC};
    auto reg_of = [this](unsigned n) { return reg(kRegs[n & 15]); };
    // Accesses come in program order: search from the one after the last matched, so two
    // identical loads in a block are told apart (a multi-word access may match again).
    for (k = m_next_memory_op; k < ops.size(); ++k) {
      auto a = m0plus_data_access(ops[k].halfword, m_block_pc + ops[k].offset, reg_of);
      if (a && address - a->address < a->size) {
        m_next_memory_op = a->size > 4 ? k : k + 1;
        break;
      }
    }
    if (k == ops.size()) return m_cycles;
  } else {
    m_next_memory_op = 1;
  }
  // A load or store's bus transfer ends in its last cycle.
  const uint32_t cost = m0plus_instruction_cycles(ops[k].halfword, 0);
  return std::min(m_cycles, m_block_start_cycles + ops[k].cycles_before + cost);
}

std::string CortexM0Plus::undefined_message(uint32_t at) {
  uint16_t hw[2] = {0, 0};
  uc_mem_read(m_uc, at, hw, 4);
  if (m0plus_is_defined(hw[0], hw[1]))
    // A valid Thumb instruction that faults: the core got there in ARM state, by a branch or a
    // vector whose bit 0 was clear (ARMv6-M ARM A4.1: the core only runs Thumb code).
    return fmt::format(
        "{} reached with the Thumb bit clear (a branch or vector to an even "
        "address): a Cortex-M0+ only runs Thumb code",
        fmt_addr(at));
  if (m0plus_is_32bit(hw[0]))
    return fmt::format("undefined instruction 0x{:04x} 0x{:04x} at {} (not ARMv6-M)", hw[0], hw[1],
                       fmt_addr(at));
  if (m0plus_is_v7m_only_16bit(hw[0]))
    return fmt::format("ARMv7-M-only instruction 0x{:04x} at {} is undefined on a Cortex-M0+",
                       hw[0], fmt_addr(at));
  return fmt::format("undefined instruction 0x{:04x} at {}", hw[0], fmt_addr(at));
}

void CortexM0Plus::on_undefined_code(uc_engine* uc, uint64_t address, uint32_t, void* user) {
  auto* self = static_cast<CortexM0Plus*>(user);
  const uint32_t at = uint32_t(address);
  uint16_t hw = 0;
  uc_mem_read(uc, at, &hw, 2);
  if (!m0plus_is_v7m_only_16bit(hw)) return;  // the code there changed since
  self->fault(FaultKind::UndefinedInstruction, at, false, 0, self->undefined_message(at));
  self->m_stopped_by_us = true;
  uc_emu_stop(uc);  // before the instruction runs
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

Result<void> CortexM0Plus::reset_from_vector_table(uint32_t vtor) {
  uint32_t v[2];
  if (uc_mem_read(m_uc, vtor, v, sizeof v) != UC_ERR_OK)
    return make_error(fmt::format("vector table at 0x{:08x} is not readable", vtor));
  write_ipsr(0);
  set_reg(UC_ARM_REG_PRIMASK, 0);
  set_reg(UC_ARM_REG_CONTROL, 0);
  set_reg(UC_ARM_REG_MSP, v[0] & ~3u);
  set_reg(UC_ARM_REG_SP, v[0] & ~3u);
  set_reg(UC_ARM_REG_LR, 0xffffffffu);
  set_pc(v[1]);
  m_event_register = false;
  m_sleep = Sleep::None;
  m_state = State::Running;
  return {};
}

void CortexM0Plus::write_ipsr(unsigned ipsr) {
  set_reg(UC_ARM_REG_IPSR, ipsr);
  // UNICORN.md: without re-writing the flags Unicorn keeps stale mode state and takes a later
  // EXC_RETURN as a plain branch.
  set_reg(UC_ARM_REG_APSR_NZCV, reg(UC_ARM_REG_APSR_NZCV));
}

bool CortexM0Plus::enter_exception(unsigned e, uint32_t return_pc) {
  const unsigned current = ipsr();
  const bool handler_mode = current != 0;
  const uint32_t control = reg(UC_ARM_REG_CONTROL);
  const bool use_psp = !handler_mode && (control & 2);
  const uint32_t sp = use_psp ? reg(UC_ARM_REG_PSP) : reg(UC_ARM_REG_MSP);
  // B1.5.6 PushStack: 8-byte aligned frame; xPSR bit 9 records the realignment.
  const bool realign = sp & 4;
  const uint32_t frame = (sp - 0x20) & ~7u;
  uint32_t xpsr = reg(UC_ARM_REG_XPSR);
  xpsr = (xpsr & ~(1u << 9)) | (realign ? 1u << 9 : 0) | (1u << 24);  // T bit forced
  const uint32_t words[8] = {
      reg(UC_ARM_REG_R0),  reg(UC_ARM_REG_R1), reg(UC_ARM_REG_R2), reg(UC_ARM_REG_R3),
      reg(UC_ARM_REG_R12), reg(UC_ARM_REG_LR), return_pc & ~1u,    xpsr};
  uint32_t vector = 0;
  const uint32_t vtor = m_scs->vtor();
  bool stacked = uc_mem_write(m_uc, frame, words, sizeof words) == UC_ERR_OK;
  bool vector_ok = uc_mem_read(m_uc, vtor + 4 * e, &vector, 4) == UC_ERR_OK && (vector & 1);
  if (!stacked || !vector_ok) {
    Fault f;
    f.kind = FaultKind::BusError;
    f.core = int(m_index);
    f.pc = return_pc;
    f.address = stacked ? vtor + 4 * e : frame;
    f.cycle = m_cycles;
    f.message = !stacked ? fmt::format(
                               "stacking for exception {} failed: SP 0x{:08x} points to "
                               "memory that cannot be written",
                               e, frame)
                         : fmt::format("vector {} at 0x{:08x} is 0x{:08x}, not a Thumb address", e,
                                       vtor + 4 * e, vector);
    if (e == kHardFault || current == kHardFault || current == kNmi || stop_on_fault) {
      if (e == kHardFault || current == kHardFault || current == kNmi) {
        f.kind = FaultKind::Lockup;
        f.message = "lockup: " + f.message + " while entering HardFault";
      }
      m_diag.raise(f);
      m_state = State::Faulted;
      return false;
    }
    m_diag.record(f);
    return enter_exception(kHardFault, return_pc);
  }
  if (use_psp)
    set_reg(UC_ARM_REG_PSP, frame);
  else
    set_reg(UC_ARM_REG_MSP, frame);
  set_reg(UC_ARM_REG_LR, handler_mode ? 0xfffffff1u : (use_psp ? 0xfffffffdu : 0xfffffff9u));
  if (control & 2) set_reg(UC_ARM_REG_CONTROL, control & ~2u);  // handlers run on MSP
  write_ipsr(e);
  if (reg(UC_ARM_REG_SP) != frame && !use_psp) set_reg(UC_ARM_REG_SP, frame);
  set_pc(vector);
  m_scs->activate(e);
  m_cycles += 15;  // Cortex-M0+ TRM: 15-cycle interrupt latency with zero-wait-state memory
  ++m_exceptions_taken;
  m_branch_fallthrough = 0xffffffffu;
  return true;
}

bool CortexM0Plus::return_from_exception(uint32_t exc_return) {
  const unsigned current = ipsr();
  const bool valid =
      exc_return == 0xfffffff1u || exc_return == 0xfffffff9u || exc_return == 0xfffffffdu;
  if (!valid || current == 0 || !m_scs) {
    fault(FaultKind::UndefinedInstruction, m_block_pc, true, exc_return,
          fmt::format("bad exception return value 0x{:08x} in exception {}", exc_return, current));
    return false;
  }
  const bool to_thread = exc_return != 0xfffffff1u;
  const bool psp = exc_return == 0xfffffffdu;
  const uint32_t frame = psp ? reg(UC_ARM_REG_PSP) : reg(UC_ARM_REG_MSP);
  uint32_t w[8];
  if (uc_mem_read(m_uc, frame, w, sizeof w) != UC_ERR_OK) {
    fault(FaultKind::BusError, m_block_pc, true, frame,
          fmt::format("unstacking from 0x{:08x} failed on exception return", frame));
    return false;
  }
  m_scs->deactivate(current);
  const uint32_t xpsr = w[7];
  const uint32_t sp = frame + 0x20 + ((xpsr >> 9) & 1 ? 4 : 0);
  const unsigned ret_ipsr = xpsr & 0x1ff;
  if (to_thread != (ret_ipsr == 0)) {
    fault(FaultKind::UndefinedInstruction, m_block_pc, true, exc_return,
          fmt::format("exception return 0x{:08x} to {} mode, but the stacked IPSR is {}",
                      exc_return, to_thread ? "thread" : "handler", ret_ipsr));
    return false;
  }
  const int regs[] = {UC_ARM_REG_R0, UC_ARM_REG_R1,  UC_ARM_REG_R2,
                      UC_ARM_REG_R3, UC_ARM_REG_R12, UC_ARM_REG_LR};
  for (int i = 0; i < 6; ++i)
    set_reg(regs[i], w[i]);
  if (psp) {
    set_reg(UC_ARM_REG_PSP, sp);
  } else {
    set_reg(UC_ARM_REG_MSP, sp);
  }
  write_ipsr(ret_ipsr);
  set_reg(UC_ARM_REG_APSR_NZCV, xpsr & 0xf0000000u);
  const uint32_t control = reg(UC_ARM_REG_CONTROL);
  const uint32_t new_control = psp ? (control | 2u) : (control & ~2u);
  if (new_control != control) set_reg(UC_ARM_REG_CONTROL, new_control);
  if (reg(UC_ARM_REG_SP) != sp) set_reg(UC_ARM_REG_SP, sp);
  set_pc(w[6]);
  m_cycles += 10;  // unstacking and refetch
  m_branch_fallthrough = 0xffffffffu;
  return true;
}

void CortexM0Plus::locate_faulting_instruction(Fault& f) {
  auto it = m_timings.find(f.pc);
  if (it == m_timings.end()) return;
  std::vector<uint8_t> code(it->second.size);
  if (code.empty() || uc_mem_read(m_uc, f.pc, code.data(), code.size()) != UC_ERR_OK) return;
  static const int kRegs[16] = {UC_ARM_REG_R0,  UC_ARM_REG_R1, UC_ARM_REG_R2,  UC_ARM_REG_R3,
                                UC_ARM_REG_R4,  UC_ARM_REG_R5, UC_ARM_REG_R6,  UC_ARM_REG_R7,
                                UC_ARM_REG_R8,  UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
                                UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR,  UC_ARM_REG_PC};
  const bool is_store =
      f.kind == FaultKind::WriteToReadOnly || f.message.find("write") != std::string::npos;
  auto at = m0plus_find_faulting_access(code, f.pc, f.address, is_store,
                                        [this](unsigned n) { return reg(kRegs[n & 15]); });
  if (!at) return;
  f.pc = *at;
  f.pc_is_block_start = false;
  // Execution resumes (or the report points) at the faulting instruction itself.
  set_pc(*at);
}

bool CortexM0Plus::handle_fault(const Fault& f, uint32_t return_pc) {
  const unsigned current = ipsr();
  if (stop_on_fault || !m_scs) {
    m_diag.raise(f);
    m_state = State::Faulted;
    return false;
  }
  if (current == kHardFault || current == kNmi) {
    // ARMv6-M ARM B1.5.15: a fault in HardFault or NMI locks the processor up.
    Fault l = f;
    l.kind = FaultKind::Lockup;
    l.message =
        fmt::format("lockup: {} while in {}", f.message, current == kNmi ? "NMI" : "HardFault");
    m_diag.raise(l);
    m_state = State::Faulted;
    return false;
  }
  m_diag.record(f);  // escalated: kept for the report, the firmware's HardFault handler runs
  return enter_exception(kHardFault, return_pc);
}

bool CortexM0Plus::take_svc(uint32_t return_pc) {
  if (!m_scs) {
    fault(FaultKind::UndefinedInstruction, return_pc - 2, false, 0, "SVC with no exception model");
    return false;
  }
  // SVC is synchronous: taken at once, or a HardFault when its priority cannot preempt (B1.5.4).
  if (m_scs->priority_of(kSvcall) < m_scs->execution_priority(reg(UC_ARM_REG_PRIMASK) & 1)) {
    m_scs->set_pending(kSvcall);
    return enter_exception(kSvcall, return_pc);
  }
  fault(FaultKind::UndefinedInstruction, return_pc - 2, false, 0,
        fmt::format("SVC at {} cannot be taken at the current execution priority",
                    fmt_addr(return_pc - 2)));
  return false;
}

bool CortexM0Plus::should_wake() const {
  if (m_state != State::Sleeping) return false;
  // B1.5.19: WFI wakes for an exception that would preempt were PRIMASK clear; WFE also on an
  // event (SEV on the other core, SEVONPEND).
  bool interrupt = m_scs && m_scs->any_pending() && [&] {
    unsigned e = m_scs->highest_pending();
    return e && m_scs->priority_of(e) < m_scs->execution_priority(false);
  }();
  return interrupt || (m_sleep == Sleep::Wfe && m_event_register);
}

CortexM0Plus::Exit CortexM0Plus::run(uint64_t limit) {
  m_limit = limit;
  m_stop_requested = false;
  if (m_state == State::Sleeping) {
    if (m_sleep == Sleep::Wfe) m_event_register = false;  // consumed by the wake-up
    m_sleep = Sleep::None;
    m_state = State::Running;
  }
  while (m_state == State::Running && m_cycles < m_limit && !m_diag.pending_fault()) {
    m_stopped_by_us = false;
    m_pending_hint = 0;
    uint32_t start = pc() | 1u;
    uc_err err = uc_emu_start(m_uc, start, 0xffffffffu, 0, 0);
    // A stop from the block hook leaves the block unrun; Unicorn's PC then is not reliably the
    // block's address (after a PC write it can read back the older value), so resume from the
    // address the hook saw.
    if (m_stopped_in_block_hook) {
      m_stopped_in_block_hook = false;
      set_pc(m_block_pc);
    }
    if (m_debug_stop && !m_fault) {
      settle_partial_block(m_debug_stop->pc);
      set_pc(m_debug_stop->pc);
      m_step_requested = false;  // whatever stopped the core ends a step too
      m_watch_hit.reset();
      update_trace_hook();
      return Exit::Debug;
    }
    if (m_fault) {
      Fault f = *m_fault;
      m_fault.reset();
      if (f.pc_is_block_start) locate_faulting_instruction(f);
      uint32_t ret = f.kind == FaultKind::UndefinedInstruction || f.kind == FaultKind::Breakpoint ||
                             f.kind == FaultKind::Unaligned
                         ? f.pc
                         : pc();
      if (!handle_fault(f, ret)) break;
      continue;
    }
    if (m_hook_undefined_at) {
      const uint32_t at = m_hook_undefined_at;
      m_hook_undefined_at = 0;
      uc_hook h;
      if (uc_hook_add(m_uc, &h, UC_HOOK_CODE, reinterpret_cast<void*>(&on_undefined_code), this, at,
                      at) == UC_ERR_OK) {
        m_undefined_hooks.insert(at);
        uc_ctl_remove_cache(m_uc, m_block_pc, at + 2);
        m_timings.erase(m_block_pc);
      } else {
        fault(FaultKind::UndefinedInstruction, at, false, 0, undefined_message(at));
      }
      continue;
    }
    if (m_exc_return) {
      const uint32_t exc_return = m_exc_return;
      m_exc_return = 0;
      if (return_from_exception(exc_return)) continue;
      Fault f = *m_fault;
      m_fault.reset();
      if (!handle_fault(f, f.pc)) break;
      continue;
    }
    if (err == UC_ERR_INSN_INVALID && m_pending_hint == 0) {
      uint32_t at = pc();
      uint16_t hw = 0;
      uc_mem_read(m_uc, at, &hw, 2);
      Fault f;
      f.kind = FaultKind::UndefinedInstruction;
      f.core = int(m_index);
      f.pc = at;
      f.cycle = m_cycles;
      f.message = undefined_message(at);
      if (!handle_fault(f, at)) break;
      continue;
    }
    if (err != UC_ERR_OK && err != UC_ERR_INSN_INVALID) {
      fault(FaultKind::Emulator, pc(), false, 0,
            fmt::format("Unicorn stopped at {}: {}", fmt_addr(pc()), uc_strerror(err)));
      m_diag.raise(*m_fault);
      m_fault.reset();
      m_state = State::Faulted;
      break;
    }
    if (m_pending_hint == 0xbf20) {  // WFE: consume a pending event, else sleep
      if (m_event_register) {
        m_event_register = false;
        continue;
      }
      m_sleep = Sleep::Wfe;
      m_state = State::Sleeping;
      if (should_wake()) {
        m_state = State::Running;
        m_sleep = Sleep::None;
        continue;
      }
      return Exit::Sleep;
    }
    if (m_pending_hint == 0xbf10) continue;  // YIELD: a NOP on a single-threaded core
    if (m_stopped_by_us) {
      if (m_stop_requested) return Exit::Stopped;
      continue;  // limit reached or fault pending: the loop condition decides
    }
    // Unicorn stops silently after WFI (UNICORN.md).
    uint16_t prev = 0;
    uc_mem_read(m_uc, pc() - 2, &prev, 2);
    if (prev == 0xbf30) {
      m_sleep = Sleep::Wfi;
      m_state = State::Sleeping;
      if (should_wake()) {
        m_state = State::Running;
        m_sleep = Sleep::None;
        continue;
      }
      return Exit::Sleep;
    }
    fault(FaultKind::Emulator, pc(), false, 0,
          fmt::format("Unicorn stopped unexpectedly at {}", fmt_addr(pc())));
    m_diag.raise(*m_fault);
    m_fault.reset();
    m_state = State::Faulted;
    break;
  }
  if (m_state == State::Faulted || m_diag.pending_fault()) return Exit::Fault;
  return Exit::LimitReached;
}

// --- Debugger ---------------------------------------------------------------------------------

Result<void> CortexM0Plus::add_breakpoint(uint32_t address) {
  address &= ~1u;
  if (m_breakpoints.count(address)) return {};
  uc_hook h;
  uc_err err = uc_hook_add(m_uc, &h, UC_HOOK_CODE, reinterpret_cast<void*>(&on_debug_code), this,
                           address, address);
  if (err != UC_ERR_OK)
    return make_error(fmt::format("breakpoint at 0x{:08x}: {}", address, uc_strerror(err)));
  m_breakpoints[address] = h;
  // Blocks already translated through `address` were made without the hook call.
  uc_ctl_remove_cache(m_uc, address, address + 2);
  return {};
}

void CortexM0Plus::remove_breakpoint(uint32_t address) {
  address &= ~1u;
  auto it = m_breakpoints.find(address);
  if (it == m_breakpoints.end()) return;
  uc_hook_del(m_uc, it->second);
  m_breakpoints.erase(it);
  uc_ctl_remove_cache(m_uc, address, address + 2);  // drop the hook call from the code
}

Result<void> CortexM0Plus::add_watchpoint(uint32_t address, uint32_t length, WatchKind kind) {
  if (length == 0) return make_error("empty watchpoint");
  const int type = kind == WatchKind::Write  ? UC_HOOK_MEM_WRITE
                   : kind == WatchKind::Read ? UC_HOOK_MEM_READ
                                             : UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE;
  // A hook's range is checked against an access's first byte: start 3 bytes early so that a
  // word access covering the watched bytes is seen; on_watch_access checks the overlap.
  const uint32_t begin = address >= 3 ? address - 3 : 0;
  uc_hook h;
  uc_err err = uc_hook_add(m_uc, &h, type, reinterpret_cast<void*>(&on_watch_access), this, begin,
                           uint64_t(address) + length - 1);
  if (err != UC_ERR_OK)
    return make_error(fmt::format("watchpoint at 0x{:08x}: {}", address, uc_strerror(err)));
  m_watchpoints.push_back({address, length, kind, h});
  update_trace_hook();
  return {};
}

void CortexM0Plus::remove_watchpoint(uint32_t address, uint32_t length, WatchKind kind) {
  for (auto it = m_watchpoints.begin(); it != m_watchpoints.end(); ++it) {
    if (it->address == address && it->length == length && it->kind == kind) {
      uc_hook_del(m_uc, it->hook);
      m_watchpoints.erase(it);
      break;
    }
  }
  update_trace_hook();
}

void CortexM0Plus::request_step() {
  m_step_requested = true;
  m_step_started = false;
  update_trace_hook();
}

void CortexM0Plus::cancel_step() {
  m_step_requested = false;
  update_trace_hook();
}

void CortexM0Plus::invalidate_all_code() {
  // Every block that ran was timed (its pages are in m_code_pages), except one the block hook
  // stopped before it ran: that one starts at the current PC.
  std::unordered_set<uint32_t> pages = m_code_pages;
  pages.insert(pc() >> 10);
  for (uint32_t page : pages)
    uc_ctl_remove_cache(m_uc, uint64_t(page) << 10, (uint64_t(page) + 1) << 10);
}

// The code hook on every instruction exists while a step or a watchpoint needs it; adding or
// removing it retranslates the code so that blocks get (or lose) the hook call.
void CortexM0Plus::update_trace_hook() {
  const bool needed = m_step_requested || !m_watchpoints.empty();
  if (needed == (m_trace_hook != 0)) return;
  if (needed) {
    if (uc_hook_add(m_uc, &m_trace_hook, UC_HOOK_CODE, reinterpret_cast<void*>(&on_debug_trace),
                    this, 1, 0) != UC_ERR_OK)
      m_trace_hook = 0;
  } else {
    uc_hook_del(m_uc, m_trace_hook);
    m_trace_hook = 0;
  }
  invalidate_all_code();
}

void CortexM0Plus::on_debug_code(uc_engine*, uint64_t address, uint32_t, void* user) {
  static_cast<CortexM0Plus*>(user)->debug_code(uint32_t(address), false);
}

void CortexM0Plus::on_debug_trace(uc_engine*, uint64_t address, uint32_t, void* user) {
  static_cast<CortexM0Plus*>(user)->debug_code(uint32_t(address), true);
}

// Called before the instruction at `address` runs.
void CortexM0Plus::debug_code(uint32_t address, bool from_trace) {
  if (m_debug_stop || m_stopped_by_us) return;  // already stopping
  if (!from_trace && m_trace_hook) return;       // the trace hook sees this instruction too
  const bool resuming = address == m_resume_over;
  m_resume_over = kNoAddress;
  if (m_watch_hit) {  // the previous instruction made the access: stop after it
    DebugStop s = *m_watch_hit;
    s.pc = address;
    debug_stop(s);
    return;
  }
  if (m_step_requested) {
    if (m_step_started) {
      debug_stop({DebugStop::Kind::Step, m_index, address});
      return;
    }
    m_step_started = true;
  }
  if (!resuming && m_breakpoints.count(address))
    debug_stop({DebugStop::Kind::Breakpoint, m_index, address});
}

void CortexM0Plus::on_watch_access(uc_engine*, uc_mem_type type, uint64_t address, int size,
                                   int64_t, void* user) {
  auto* self = static_cast<CortexM0Plus*>(user);
  if (self->m_watch_hit) return;
  const bool write = type == UC_MEM_WRITE;
  const uint32_t a = uint32_t(address);
  for (const Watchpoint& w : self->m_watchpoints) {
    if (w.kind != WatchKind::Access && (w.kind == WatchKind::Write) != write) continue;
    if (a >= w.address + w.length || a + uint32_t(size) <= w.address) continue;
    DebugStop s{DebugStop::Kind::Watchpoint, self->m_index, 0, std::max(a, w.address), w.kind};
    self->m_watch_hit = s;
    return;
  }
}

void CortexM0Plus::debug_stop(DebugStop stop) {
  m_debug_stop = stop;
  m_stopped_by_us = true;
  uc_emu_stop(m_uc);
}

void CortexM0Plus::settle_partial_block(uint32_t at) {
  if (!m_block_timing || at < m_block_pc || at >= m_block_pc + m_block_size) return;
  std::vector<uint8_t> done(at - m_block_pc);
  if (!done.empty() && uc_mem_read(m_uc, m_block_pc, done.data(), done.size()) != UC_ERR_OK)
    return;
  const BlockTiming ran = m0plus_time_block(done);
  m_cycles -= m_block_timing->cycles - ran.cycles;
  m_instructions -= m_block_timing->instructions - ran.instructions;
  m_block_timing = nullptr;
  m_branch_fallthrough = 0xffffffffu;
}

}  // namespace vpico
