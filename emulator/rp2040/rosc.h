// ROSC, the ring oscillator (datasheet 2.17). Modelled: CTRL (ENABLE magic values, FREQ_RANGE),
// DIV (the output divider, 0xaa0 + div), the output frequency that follows from them (nominal
// 6.5 MHz after reset: LOW range, divide by 16), STATUS (ENABLED, STABLE at once, DIV_RUNNING,
// BADWRITE on invalid values written to CTRL, FREQA/B, DIV, PHASE, DORMANT), COUNT (a down
// counter at the ROSC frequency, computed from scheduler time) and RANDOMBIT, which steps a
// seeded 32-bit LFSR on each bus read: deterministic, never host randomness.
// Approximations: the ring frequency scales with the number of stages of FREQ_RANGE (8, 6, 4,
// 2) only; the FREQA/FREQB drive strengths and PHASE are kept as registers with no effect on
// the frequency. Not modelled: DORMANT (a write of the dormant value is reported through
// on_warning and the oscillator keeps running, as if woken at once), the chip-to-chip spread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class Rosc : public Device {
 public:
  static constexpr uint32_t kDefaultSeed = 0x2040cafe;
  // sys_hz converts scheduler cycles to ROSC cycles for COUNT.
  Rosc(Scheduler& scheduler, std::function<uint32_t()> sys_hz, uint32_t seed = kDefaultSeed);
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;

  uint32_t hz() const;
  bool enabled() const;

  // The output frequency changed (the machine re-derives the clocks).
  std::function<void()> on_change;
  std::function<void(const std::string&, const std::string&)> on_warning;

 private:
  uint32_t divisor() const;
  uint32_t count() const;
  void bad_write() { m_regs.at(0x18).set_bits(1u << 24, true); }
  void notify_if_changed();

  Scheduler& m_sched;
  std::function<uint32_t()> m_sys_hz;
  uint32_t m_seed, m_lfsr;
  uint32_t m_count_start = 0;
  uint64_t m_count_cycle = 0;
  uint32_t m_count_hz = 0, m_count_sys = 0;  // rates COUNT runs at since it was written
  uint32_t m_last_hz = 0;
};

}  // namespace vpico::rp2040
