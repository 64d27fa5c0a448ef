// A push button (Wokwi's wokwi-pushbutton and wokwi-pushbutton-6mm: legs 1.l and 1.r are one
// side, 2.l and 2.r the other). Pressed, it joins its two sides: a GPIO on one side is driven to
// the other side's level (GND: low, 3V3: high); released, it lets go of the GPIO, and the pad's
// pull-up or pull-down decides its level. Control "pressed" (0 or 1).
// Not modelled: contact bounce (Wokwi's attrs.bounce), two GPIOs joined by one button.
#pragma once

#include "part.h"

namespace vpico::peripherals {

class PushButton : public Part {
 public:
  PushButton(std::string id, std::string type, bool start_pressed = false);
  std::vector<std::string> pin_names() const override { return {"1.l", "1.r", "2.l", "2.r"}; }
  Result<void> attach(Machine& machine, const std::vector<Net>& nets) override;
  std::vector<Control> controls() const override { return {{"pressed", 0, 1}}; }
  double control(std::string_view name) const override;

  bool pressed() const { return m_pressed; }
  void press(bool down);

 protected:
  void apply_control(std::string_view name, double value) override;

 private:
  Pins* m_pins = nullptr;
  std::optional<unsigned> m_gpio;  // the GPIO side
  bool m_drive_level = false;      // the other side's level
  bool m_pressed;
};

}  // namespace vpico::peripherals
