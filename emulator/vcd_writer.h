// VcdWriter: the pins' levels over a run as a Value Change Dump (IEEE 1364 §18), for GTKWave or
// PulseView: every level change Pins reports (Pins::observe), with its time in nanoseconds of
// virtual time. A scenario's failure artefacts and `vpico run --vcd` use it.
//
// Times: a change reported at cycle c is placed at time_ns() - (cycles() - c) / clk_sys (PIO
// reports changes a little after the fact). Waveforms faster than Pins::kEdgeMinPeriod make no
// edges (pins.h) and show as the level they had when sampled. After kMaxChanges changes the
// recording stops (a comment in the file says so) so a long run cannot exhaust memory.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "result.h"

namespace vpico {

class Machine;

class VcdWriter {
 public:
  static constexpr size_t kMaxChanges = 2'000'000;
  // Starts recording all 30 GPIOs of `machine` from now, until the writer is destroyed (the
  // observer Pins keeps then does nothing). The machine must outlive write().
  explicit VcdWriter(Machine& machine);
  ~VcdWriter();

  // Writes the file (through a temporary file renamed into place), ending at the current time.
  Result<void> write(const std::string& path) const;
  size_t changes() const;

 private:
  struct State;
  std::shared_ptr<State> m_state;  // shared with the Pins observer
  Machine& m_machine;
};

}  // namespace vpico
