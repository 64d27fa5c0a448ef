#include "potentiometer.h"

#include <algorithm>

#include <fmt/format.h>

#include "machine.h"

namespace vpico::peripherals {

Potentiometer::Potentiometer(std::string id, std::string type, double position)
    : Part(std::move(id), std::move(type)), m_position(std::clamp(position, 0.0, 1.0)) {}

Result<void> Potentiometer::attach(Machine& machine, const std::vector<Net>& nets) {
  const Net& gnd = nets[0];
  const Net& sig = nets[1];
  const Net& vcc = nets[2];
  // Datasheet 4.9.1: ADC inputs 0..3 are GPIO26..29 (GPIO29 is not on the Pico's header).
  if (!sig.gpio || *sig.gpio < 26 || *sig.gpio > 29)
    return Error{
        fmt::format("SIG is wired to {}: a potentiometer's wiper goes to an ADC input "
                    "(GP26, GP27 or GP28)",
                    sig.describe())};
  if (gnd.gpio || vcc.gpio)
    return Error{fmt::format("GND and VCC go to GND and 3V3 (they are wired to {} and {})",
                             gnd.describe(), vcc.describe())};
  m_reversed = gnd.power && vcc.ground;
  m_pins = &machine.pins();
  m_gpio = *sig.gpio;
  set_position(m_position);
  return {};
}

void Potentiometer::set_position(double position) {
  m_position = std::clamp(position, 0.0, 1.0);
  if (m_pins)
    m_pins->set_voltage(m_gpio, (m_reversed ? 1.0 - m_position : m_position) * Pins::kIoVdd);
}

double Potentiometer::control(std::string_view name) const {
  return name == "position" ? m_position : 0.0;
}

void Potentiometer::apply_control(std::string_view name, double value) {
  if (name == "position") set_position(value);
}

}  // namespace vpico::peripherals
