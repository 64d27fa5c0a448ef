// A potentiometer (Wokwi's wokwi-potentiometer and wokwi-slide-potentiometer: GND, SIG, VCC;
// attrs.value 0..1023 the starting position). Its wiper SIG carries position x 3.3 V to an ADC
// input (GP26..GP28). As in Wokwi, an unconnected GND or VCC is taken as wired. VCC on GND and GND
// on 3V3 turns it the other way. Control "position" (0..1).
// Not modelled: the pot's resistance loading the ADC input.
#pragma once

#include "part.h"

namespace vpico::peripherals {

class Potentiometer : public Part {
 public:
  Potentiometer(std::string id, std::string type, double position);
  std::vector<std::string> pin_names() const override { return {"GND", "SIG", "VCC"}; }
  Result<void> attach(Machine& machine, const std::vector<Net>& nets) override;
  std::vector<Control> controls() const override { return {{"position", 0, 1}}; }
  double control(std::string_view name) const override;

  double position() const { return m_position; }
  void set_position(double position);  // 0..1

 protected:
  void apply_control(std::string_view name, double value) override;

 private:
  Pins* m_pins = nullptr;
  unsigned m_gpio = 0;
  bool m_reversed = false;
  double m_position;
};

}  // namespace vpico::peripherals
