// CycleProfiler: where the cycles of a run go, per C function and per call stack (DESIGN.md
// "Profiling and tracing"). It observes every block the cores execute (CortexM0Plus::BlockEvent)
// and charges the cycles from one block's start to the next block's start to the function the
// first block belongs to (the image's symbols); time a core spent asleep goes to "(sleep)".
//
// Call stacks come from how blocks end: after a block ending in BL/BLX the next block is a
// callee (its return address is pushed); a block that starts at a pushed return address returns
// to that frame (a BL into the middle of its own function is a far jump, not a call; returns are
// looked for in the top 8 frames, so a longjmp or a frame skipped by an exception
// return does not derail it). An interrupt handler appears beside the function it interrupted,
// under the same caller (an exception entry is not a call instruction). Inlined functions count
// as their caller.
//
// Cost: a hash lookup per executed block while attached; nothing when no profiler is attached.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "cortex_m0plus.h"
#include "loader/image.h"

namespace vpico {

class Machine;

class CycleProfiler {
 public:
  // Symbols come from `image` (may be null: everything is then "(unknown)" or "(boot ROM)").
  explicit CycleProfiler(const Image* image);

  // Starts observing the machine's cores (replaces any other block observer); detach() or the
  // destructor stops. The profiler must outlive the attachment.
  void attach(Machine& machine);
  void detach();
  ~CycleProfiler();

  // The observer itself (public for tests that feed it events).
  void on_block(unsigned core, const CortexM0Plus::BlockEvent& event);
  // Charges each core's last block up to `cycle`, the end of the profiled span.
  void finish(unsigned core, uint64_t cycle, uint64_t sleep_cycles);

  struct FunctionStats {
    std::string name;
    uint64_t self_cycles = 0;
    uint64_t total_cycles = 0;  // self plus callees (each stack counted once per function)
    uint64_t calls = 0;         // times it was entered by a call
  };
  // By self cycles, most first.
  std::vector<FunctionStats> functions() const;
  // Folded stacks, one "core0;outer;inner;leaf cycles" line each (flame graphs: flamegraph.pl,
  // speedscope, inferno), sorted; each core's stacks start at "core0" / "core1".
  std::string folded() const;
  uint64_t total_cycles() const { return m_total; }
  uint64_t sleep_cycles() const { return m_sleep; }
  // A text table of the top `n` functions.
  std::string report(size_t n) const;

 private:
  struct Frame {
    uint32_t caller_node;  // call-tree node of the caller
    uint32_t return_address;
  };
  struct CoreState {
    bool have_prev = false;
    CortexM0Plus::BlockEvent prev{};
    uint32_t prev_node = 0;  // call-tree node the previous block ran in
    std::vector<Frame> stack;
  };
  struct Node {
    uint32_t parent;
    uint32_t function;
    uint64_t cycles = 0;  // self cycles in this exact stack
  };

  uint32_t function_of(uint32_t address);
  uint32_t child(uint32_t parent, uint32_t function);
  void charge(CoreState& s, uint64_t cycle, uint64_t sleep_cycles);

  Machine* m_machine = nullptr;
  std::vector<std::string> m_names;                         // function ids: index; 0 = "(unknown)"
  std::vector<uint32_t> m_function_start;                   // per function id (symbols only)
  std::vector<const ImageSymbol*> m_sorted;                 // function symbols by address
  std::vector<uint32_t> m_symbol_function;                  // m_sorted index -> function id
  std::unordered_map<uint32_t, uint32_t> m_block_function;  // block address -> function id
  std::vector<Node> m_nodes;                                // 0 = root
  std::unordered_map<uint64_t, uint32_t> m_children;        // (parent << 32 | function) -> node
  std::vector<uint64_t> m_calls;                            // per function id
  CoreState m_cores[2];
  uint32_t m_rom_function = 0, m_sleep_function = 0;
  uint32_t m_core_function[2] = {}, m_core_root[2] = {};
  uint64_t m_core_total[2] = {}, m_core_sleep[2] = {};
  uint64_t m_total = 0, m_sleep = 0;
};

}  // namespace vpico
