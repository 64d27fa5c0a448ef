// An LED (Wokwi's wokwi-led: anode A, cathode C; attrs.color) with its series resistor implied.
// It lights while its anode is high and its cathode low: GPIO to A and C to GND is active high;
// 3V3 to A and C to a GPIO is active low. Its brightness is the fraction of time it is lit, so a
// PWM-dimmed LED shows its duty (the eye averages any PWM above ~100 Hz).
// Not modelled: forward voltage against a GPIO's drive strength, reverse polarity damage.
#pragma once

#include "part.h"

namespace vpico::peripherals {

class Led : public Part {
 public:
  Led(std::string id, std::string colour);
  std::vector<std::string> pin_names() const override { return {"A", "C"}; }
  Result<void> attach(Machine& machine, const std::vector<Net>& nets) override;

  const std::string& colour() const { return m_colour; }
  bool lit() const;           // now
  double brightness() const;  // 0..1, time-averaged
  // The current through it when lit: a red LED (about 2.0 V forward) with a 330 ohm resistor from
  // 3.3 V draws (3.3 - 2.0) / 330 = 3.9 mA; the energy model scales it by brightness().
  static constexpr double kLitCurrentA = 0.0039;

 private:
  std::string m_colour;
  const Pins* m_pins = nullptr;
  Net m_anode, m_cathode;
};

}  // namespace vpico::peripherals
