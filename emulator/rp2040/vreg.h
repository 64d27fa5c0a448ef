// VREG_AND_CHIP_RESET (datasheet 2.10 and 2.12): the core voltage regulator and the chip-level
// reset status. Modelled: VREG (EN, HIZ, VSEL; ROK reads 1 while enabled and not high-impedance),
// BOD (EN, VSEL) as registers, the output voltage VSEL selects (for an energy model), and
// CHIP_RESET's HAD_POR / HAD_RUN / HAD_PSM_RESTART from the cause the machine reports
// (power-on by default) with PSM_RESTART_FLAG (write 1 to clear). Not modelled: brown-out
// detection, the effect of a low voltage on a fast clk_sys.
#pragma once

#include <cstdint>
#include <functional>

#include "device.h"

namespace vpico::rp2040 {

class Vreg : public Device {
 public:
  enum class ResetCause { PowerOn, RunPin, DebugPort };
  Vreg();
  void reset() override;

  // The cause CHIP_RESET reports from the next reset() on.
  void set_reset_cause(ResetCause cause) { m_cause = cause; }
  // The regulated core voltage VSEL selects, in volts (0 when disabled).
  double voltage() const;

  // VREG was written (voltage or enable may have changed).
  std::function<void()> on_change;

 private:
  ResetCause m_cause = ResetCause::PowerOn;
};

}  // namespace vpico::rp2040
