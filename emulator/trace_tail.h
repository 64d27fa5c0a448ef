// TraceTail: the last blocks each core executed, kept in a ring while a run goes on and written
// out with their disassembly (Capstone, when the build has it) and symbols: what a scenario's
// failure artefacts show of "the last instructions" (DESIGN.md "Scenarios"). It observes blocks
// (CortexM0Plus::on_block_executed), so it replaces another block observer (the profiler) while
// attached.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "cortex_m0plus.h"
#include "result.h"

namespace vpico {

class Machine;

class TraceTail {
 public:
  static constexpr size_t kBlocks = 48;  // per core

  void attach(Machine& machine);
  void detach();
  ~TraceTail();

  // The tail as text: per core, oldest block first, each instruction disassembled.
  std::string text() const;
  Result<void> write(const std::string& path) const;

 private:
  struct Entry {
    uint32_t address = 0, size = 0;
    uint64_t cycle = 0;    // of its first run in a row
    uint64_t repeats = 0;  // runs in a row (a loop of one block)
  };
  struct Ring {
    std::array<Entry, kBlocks> entries{};
    size_t next = 0, count = 0;
  };
  Machine* m_machine = nullptr;
  std::array<Ring, 2> m_rings{};
};

}  // namespace vpico
