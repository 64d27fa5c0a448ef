// One Cortex-M0+ core on a Unicorn engine (shared/UNICORN.md): the ARMv6-M ISA (Unicorn's
// Cortex-M0 model), cycle counting per translated block, bounded run quanta, the ARMv6-M
// exception model on top (entry, return, tail of nesting, HardFault escalation, lockup; the
// NVIC/SCB state lives in SystemControlSpace), WFI/WFE/SEV and fault capture.
// Each core has its own engine; memory is shared through host buffers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <unicorn/unicorn.h>

#include "diagnostics.h"
#include "m0plus_timing.h"
#include "result.h"

namespace vpico {

class SystemControlSpace;

// Debugger support (emulator/gdb_stub.h): what kind of access a watchpoint catches, and why a
// core stopped for the debugger.
enum class WatchKind { Write, Read, Access };
struct DebugStop {
  enum class Kind { Breakpoint, Watchpoint, Step } kind;
  unsigned core = 0;
  uint32_t pc = 0;       // the next instruction to execute (a breakpoint's is not run yet)
  uint32_t address = 0;  // watchpoint: the data address accessed
  WatchKind access = WatchKind::Write;
};

class CortexM0Plus {
 public:
  enum class State { Running, Sleeping, Halted, Faulted };
  enum class Exit { LimitReached, Sleep, Stopped, Fault, Debug };

  CortexM0Plus(unsigned index, Diagnostics& diagnostics);
  ~CortexM0Plus();
  CortexM0Plus(const CortexM0Plus&) = delete;
  CortexM0Plus& operator=(const CortexM0Plus&) = delete;

  // Opens the engine. Must be called once before anything is mapped.
  Result<void> open();
  void attach_scs(SystemControlSpace& scs) { m_scs = &scs; }

  Result<void> map_ram(uint32_t address, uint32_t size, void* host, uint32_t perms);
  using MmioRead = uint64_t (*)(uc_engine*, uint64_t offset, unsigned size, void* user);
  using MmioWrite = void (*)(uc_engine*, uint64_t offset, unsigned size, uint64_t value,
                             void* user);
  Result<void> map_mmio(uint32_t address, uint32_t size, MmioRead read, MmioWrite write,
                        void* user);

  // Architectural reset (ARMv6-M ARM B1.5.5): MSP and PC from the vector table at `vtor`,
  // thread mode, PRIMASK and CONTROL clear.
  Result<void> reset_from_vector_table(uint32_t vtor);

  // Runs until the cycle counter reaches `limit` (checked before each block, so a block that
  // starts before the limit completes), or the core sleeps, faults or is asked to stop.
  Exit run(uint64_t limit);

  // What a fault does: stop the run with a report (default; what a test harness wants), or
  // escalate to HardFault as the hardware does (only lockup then stops the run).
  bool stop_on_fault = true;

  // Ends the current run at the next block boundary (safe from MMIO callbacks).
  void request_stop() { m_stop_requested = true; }
  // Pulls the current run's limit earlier (an event was scheduled inside the quantum).
  void shorten_limit(uint64_t cycle) {
    if (cycle < m_limit) m_limit = cycle;
  }
  // SIO and other single-cycle accesses credit back part of the load/store cost.
  void credit_cycles(uint32_t n) { m_cycles -= n; }
  void add_cycles(uint64_t n) { m_cycles += n; }

  // Wake-up: the event register (set by SEV on the other core, or an event source) and the
  // sleep kind decide whether a sleeping core resumes.
  void set_event() { m_event_register = true; }
  bool should_wake() const;
  std::function<void()> on_sev;  // this core executed SEV
  // Observer of executed blocks (profilers, traces), called just before each block runs. Unset,
  // it costs one test per block.
  struct BlockEvent {
    uint32_t address;
    uint32_t size;          // bytes
    BlockEnd end;           // how its last instruction leaves it
    uint64_t cycle;         // the core's cycle count as the block starts
    uint64_t sleep_cycles;  // cycles this core has spent asleep so far (WFI/WFE)
  };
  std::function<void(unsigned core, const BlockEvent&)> on_block_executed;
  // Time a sleeping core skipped (the machine advances it to the next event).
  void add_sleep_cycles(uint64_t n) { m_sleep_cycles += n; }
  uint64_t sleep_cycles() const { return m_sleep_cycles; }
  // A BKPT at `pc`: return true when it was handled (PC moved on), false for a breakpoint.
  std::function<bool(uint32_t pc)> on_bkpt;
  // Raises a fault at the current instruction from outside the hooks' own checks (ROM traps).
  void raise_fault(FaultKind kind, std::string message) {
    fault(kind, pc(), false, 0, std::move(message));
  }

  // Debugger. Breakpoints are code hooks at exactly their address; watchpoints are memory
  // hooks limited to their range plus a code hook on every instruction (the stop comes at the
  // instruction after the access); a step is that code hook for one instruction. With none of
  // them nothing is hooked and a run is exactly as without a debugger. run() returns
  // Exit::Debug, with the reason in take_debug_stop(), before the instruction at the stop PC
  // executes; the cycles of the rest of the block are given back.
  Result<void> add_breakpoint(uint32_t address);
  void remove_breakpoint(uint32_t address);
  // Only memory (not MMIO) can be watched; the caller checks. DMA and host accesses do not hit.
  Result<void> add_watchpoint(uint32_t address, uint32_t length, WatchKind kind);
  void remove_watchpoint(uint32_t address, uint32_t length, WatchKind kind);
  // The next run stops once this core has executed one instruction.
  void request_step();
  void cancel_step();
  // Resuming: a breakpoint at the current PC is passed over once (the debugger stopped there).
  void step_over_breakpoint_at_pc() { m_resume_over = pc(); }
  // A BKPT that the boot ROM traps do not claim stops for the debugger instead of faulting.
  bool debugger_attached = false;
  std::optional<DebugStop> take_debug_stop() {
    auto s = m_debug_stop;
    m_debug_stop.reset();
    return s;
  }

  uint32_t reg(int uc_reg) const;
  void set_reg(int uc_reg, uint32_t value);
  uint32_t pc() const { return reg(UC_ARM_REG_PC); }
  void set_pc(uint32_t pc);  // with or without the Thumb bit
  unsigned ipsr() const { return reg(UC_ARM_REG_IPSR) & 0x1ff; }

  unsigned index() const { return m_index; }
  uc_engine* engine() { return m_uc; }
  State state() const { return m_state; }
  void set_state(State s) { m_state = s; }
  uint64_t cycles() const { return m_cycles; }
  const uint64_t* cycle_counter() const { return &m_cycles; }
  void set_cycles(uint64_t c) { m_cycles = c; }
  uint64_t instructions() const { return m_instructions; }
  uint64_t exceptions_taken() const { return m_exceptions_taken; }
  // The cycle at which the running block's access to `address` happens (its load or store
  // instruction's last cycle), for peripherals to see the time of the access itself. Only valid
  // inside an MMIO callback; falls back to the block's end.
  uint64_t access_cycle(uint32_t address);
  // The address of the block being executed (what MMIO callbacks can know of the PC).
  uint32_t block_pc() const { return m_block_pc; }
  // Forget cached block timings in [begin, end) (code was rewritten).
  void invalidate_code(uint32_t begin, uint32_t end);
  // Whether code in [begin, end) may have been translated (by 1 KiB page, never forgotten): a
  // bus master's write there (the DMA) must invalidate_code; elsewhere it need not.
  bool may_have_code(uint32_t begin, uint32_t end) const;
  // Maps [address, address + memory.size()) as memory whose stores are dropped, the way the
  // RP2040's boot ROM ignores writes (shipping TinyUSB stores through a null pointer into it
  // and runs on real boards): each store is reported through `on_ignored` (address, size,
  // value, PC of its block) and the bytes are put back before the next block runs.
  Result<void> map_write_ignoring(
      uint32_t address, std::span<uint8_t> memory,
      std::function<void(uint32_t, unsigned, uint32_t, uint32_t)> on_ignored);

 private:
  static void on_block(uc_engine* uc, uint64_t address, uint32_t size, void* user);
  static void on_ignored_write(uc_engine* uc, uc_mem_type type, uint64_t address, int size,
                               int64_t value, void* user);
  void restore_ignored_writes();
  static bool on_invalid_memory(uc_engine* uc, uc_mem_type type, uint64_t address, int size,
                                int64_t value, void* user);
  static void on_interrupt(uc_engine* uc, uint32_t intno, void* user);
  static bool on_invalid_instruction(uc_engine* uc, void* user);
  static void on_undefined_code(uc_engine* uc, uint64_t address, uint32_t size, void* user);
  std::string undefined_message(uint32_t at);

  const BlockTiming& timing_for(uint32_t address, uint32_t size);
  void fault(FaultKind kind, uint32_t pc, bool block_start, uint32_t address, std::string message);
  std::string fmt_addr(uint32_t a) const;
  // Exception entry (B1.5.6) with `return_pc` stacked; false when stacking or the vector failed.
  bool enter_exception(unsigned exception, uint32_t return_pc);
  // Exception return (B1.5.8) for EXC_RETURN value `exc_return`.
  bool return_from_exception(uint32_t exc_return);
  void write_ipsr(unsigned ipsr);
  bool take_svc(uint32_t return_pc);
  // A fault: stop with a report, or escalate to HardFault; lockup inside HardFault/NMI.
  bool handle_fault(const Fault& f, uint32_t return_pc);
  // Replaces a block-start PC in a data fault by the faulting load/store (m0plus_access.h).
  void locate_faulting_instruction(Fault& f);

  // Write-ignoring memory (the boot ROM): where it is, and the bytes stores changed since the
  // last block started (restored then).
  uint32_t m_ignoring_base = 0;
  std::span<uint8_t> m_ignoring;
  std::function<void(uint32_t, unsigned, uint32_t, uint32_t)> m_on_ignored;
  struct SavedBytes {
    uint32_t address;
    unsigned size;
    uint8_t bytes[4];
  };
  std::vector<SavedBytes> m_ignored_writes;

  unsigned m_index;
  Diagnostics& m_diag;
  SystemControlSpace* m_scs = nullptr;
  uc_engine* m_uc = nullptr;
  State m_state = State::Running;
  uint64_t m_cycles = 0;
  uint64_t m_instructions = 0;
  uint64_t m_exceptions_taken = 0;
  uint64_t m_limit = 0;
  bool m_stop_requested = false;
  bool m_stopped_by_us = false;
  bool m_stopped_in_block_hook = false;
  uint32_t m_exc_return = 0;
  // An ARMv7-M-only instruction inside a block (Unicorn would run it): a code hook at exactly
  // its address stops before it, once the instructions before it have run.
  uint32_t m_hook_undefined_at = 0;
  std::unordered_set<uint32_t>
      m_undefined_hooks;  // EXC_RETURN seen by the interrupt hook, unstacked by run()
  bool m_event_register = false;
  enum class Sleep { None, Wfi, Wfe } m_sleep = Sleep::None;
  uint16_t m_pending_hint = 0;  // WFE or YIELD seen by the invalid-instruction hook
  uint32_t m_block_pc = 0;
  uint64_t m_sleep_cycles = 0;
  uint64_t m_block_start_cycles = 0;
  const BlockTiming* m_block_timing = nullptr;  // of the running block (nulled on invalidation)
  size_t m_next_memory_op = 0;                  // first memory op an access may still be
  // Fall-through address of the previous block when it ended in a conditional branch.
  uint32_t m_branch_fallthrough = 0xffffffffu;
  struct CachedTiming {
    uint32_t size;
    BlockTiming timing;
  };
  std::unordered_map<uint32_t, CachedTiming> m_timings;
  std::unordered_set<uint32_t> m_code_pages;  // address >> 10 of every block ever timed
  std::optional<Fault> m_fault;

  // Debugger state (see add_breakpoint).
  static void on_debug_code(uc_engine* uc, uint64_t address, uint32_t size, void* user);
  static void on_debug_trace(uc_engine* uc, uint64_t address, uint32_t size, void* user);
  static void on_watch_access(uc_engine* uc, uc_mem_type type, uint64_t address, int size,
                              int64_t value, void* user);
  void debug_code(uint32_t address, bool from_trace);
  void debug_stop(DebugStop stop);
  void update_trace_hook();
  void invalidate_all_code();
  // A stop inside a block the block hook already counted: give back the cycles and
  // instructions from `at` to the block's end (they run again when execution resumes).
  void settle_partial_block(uint32_t at);
  static constexpr uint32_t kNoAddress = 0xffffffffu;
  std::unordered_map<uint32_t, uc_hook> m_breakpoints;
  struct Watchpoint {
    uint32_t address, length;
    WatchKind kind;
    uc_hook hook;
  };
  std::vector<Watchpoint> m_watchpoints;
  uc_hook m_trace_hook = 0;
  bool m_step_requested = false;
  bool m_step_started = false;
  uint32_t m_resume_over = kNoAddress;
  uint32_t m_block_size = 0;
  std::optional<DebugStop> m_watch_hit;
  std::optional<DebugStop> m_debug_stop;
};

}  // namespace vpico
