// PLL_SYS and PLL_USB (datasheet 2.18). Modelled: CS (REFDIV, BYPASS, LOCK), PWR (PD, DSMPD,
// POSTDIVPD, VCOPD), FBDIV_INT and PRIM (POSTDIV1/2); the output frequency
// ref / REFDIV * FBDIV / (POSTDIV1 * POSTDIV2) while the VCO and the post dividers are powered
// (the reference itself with BYPASS, 0 otherwise); LOCK rising a fixed delay after the VCO is
// powered with a usable configuration (computed from scheduler time, no event), and falling
// when REFDIV or FBDIV change or the VCO is powered down. The reference must run when the VCO
// powers up (as pico-sdk ensures): a reference that starts later is not noticed. Configurations
// outside the datasheet's limits (FBDIV 16..320, VCO 750..1600 MHz, FREF/REFDIV >= 5 MHz,
// POSTDIV 1..7) are reported through on_warning. Not modelled: jitter, the unpredictable output
// while unlocked (the nominal frequency is given), DSMPD (no fractional mode on RP2040).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class Pll : public Device {
 public:
  // index 0 = PLL_SYS, 1 = PLL_USB. ref_hz is the reference (XOSC); sys_hz converts the lock
  // delay into scheduler cycles.
  Pll(unsigned index, Scheduler& scheduler, std::function<uint32_t()> ref_hz,
      std::function<uint32_t()> sys_hz);
  void reset() override;

  uint32_t hz() const;
  uint64_t vco_hz() const;
  bool locked() const;

  // The lock delay, our choice: the datasheet asks software to poll CS.LOCK but gives no lock
  // time. 120 reference periods is 10 us from the Pico's 12 MHz crystal.
  static constexpr uint32_t kLockRefCycles = 120;

  // The output frequency may have changed (the machine re-derives the clocks).
  std::function<void()> on_change;
  // key, message: one warning per distinct bad configuration (Diagnostics::warn).
  std::function<void(const std::string&, const std::string&)> on_warning;

 private:
  bool vco_powered() const;
  void config_changed(bool relock);
  void check_config();
  void notify_if_changed();

  Scheduler& m_sched;
  std::function<uint32_t()> m_ref_hz, m_sys_hz;
  // LOCK is computed, not scheduled: it reads 1 from m_lock_at on (UINT64_MAX: not locking).
  uint64_t m_lock_at = UINT64_MAX;
  uint32_t m_last_hz = 0;
};

}  // namespace vpico::rp2040
