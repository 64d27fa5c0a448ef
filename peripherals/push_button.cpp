#include "push_button.h"

#include <fmt/format.h>

#include "machine.h"

namespace vpico::peripherals {

PushButton::PushButton(std::string id, std::string type, bool start_pressed)
    : Part(std::move(id), std::move(type)), m_pressed(start_pressed) {}

Result<void> PushButton::attach(Machine& machine, const std::vector<Net>& nets) {
  // A side is whichever of its two legs is wired (both may be, to the same net).
  auto side = [&](const Net& a, const Net& b) -> Result<Net> {
    if (a.connected() && b.connected() && a.describe() != b.describe())
      return Error{
          fmt::format("the legs of one side are wired to {} and {}: they are the same "
                      "contact, so that shorts the two",
                      a.describe(), b.describe())};
    return a.connected() ? a : b;
  };
  auto s1 = side(nets[0], nets[1]);
  if (!s1) return s1.error();
  auto s2 = side(nets[2], nets[3]);
  if (!s2) return s2.error();
  const Net& one = *s1;
  const Net& two = *s2;
  if (one.gpio && two.gpio)
    return Error{
        fmt::format("a button between two GPIOs ({} and {}) is not modelled yet: wire one "
                    "side to GND or 3V3",
                    one.describe(), two.describe())};
  const Net& gpio_side = one.gpio ? one : two;
  const Net& other = one.gpio ? two : one;
  if (!gpio_side.gpio || !other.connected())
    return Error{
        fmt::format("a button needs a GPIO on one side and GND or 3V3 on the other (it "
                    "has {} and {})",
                    one.describe(), two.describe())};
  m_pins = &machine.pins();
  m_gpio = gpio_side.gpio;
  m_drive_level = other.power;
  press(m_pressed);
  return {};
}

void PushButton::press(bool down) {
  m_pressed = down;
  if (m_pins && m_gpio)
    m_pins->drive(*m_gpio, down ? std::optional<bool>(m_drive_level) : std::nullopt);
}

double PushButton::control(std::string_view name) const {
  return name == "pressed" && m_pressed ? 1.0 : 0.0;
}

void PushButton::apply_control(std::string_view name, double value) {
  if (name == "pressed") press(value >= 0.5);
}

}  // namespace vpico::peripherals
