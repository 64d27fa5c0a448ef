// XOSC, the crystal oscillator (datasheet 2.16). Models enable/disable through the CTRL.ENABLE
// magic values, the STARTUP delay (DELAY x 256 crystal cycles before STATUS.STABLE) and the
// COUNT down-counter. Not modelled: DORMANT (logged), frequency ranges other than 1-15 MHz.
#pragma once

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class Xosc : public Device {
 public:
  Xosc(Scheduler& scheduler, uint32_t crystal_hz);
  void reset() override;
  bool stable() const { return m_stable; }
  uint32_t hz() const { return m_stable ? m_crystal_hz : 0; }
  // clk_sys frequency, to convert crystal cycles to scheduler cycles.
  void set_sys_hz_source(std::function<uint32_t()> fn) { m_sys_hz = std::move(fn); }
  std::function<void()> on_change;

 private:
  void set_enabled(bool enabled);
  Scheduler& m_sched;
  uint32_t m_crystal_hz;
  bool m_enabled = false, m_stable = false;
  EventId m_stable_event;
  uint64_t m_count_start_cycle = 0;
  uint32_t m_count_start = 0;
  std::function<uint32_t()> m_sys_hz;
};

}  // namespace vpico::rp2040
