#include "part.h"

#include <fmt/format.h>

#include "pins.h"

namespace vpico::peripherals {

std::string Net::describe() const {
  if (gpio) return fmt::format("GP{}", *gpio);
  if (ground) return "GND";
  if (power) return "3V3";
  return "nothing";
}

bool Net::level(const Pins& pins) const {
  if (gpio) return pins.level(*gpio);
  return power;
}

double Net::duty(const Pins& pins) const {
  if (gpio) return pins.duty(*gpio);
  return power ? 1.0 : 0.0;
}

Result<void> Part::set_control(std::string_view name, double value) {
  std::string known;
  for (const Control& c : controls()) {
    if (c.name == name) {
      if (!(value >= c.min && value <= c.max))
        return Error{fmt::format("part '{}' ({}): {} must be between {} and {}, not {}", m_id,
                                 m_type, name, c.min, c.max, value)};
      apply_control(name, value);
      return {};
    }
    known += (known.empty() ? "" : ", ") + c.name;
  }
  return Error{fmt::format("part '{}' ({}) has no control '{}' ({})", m_id, m_type, name,
                           known.empty() ? "it has none" : "it has: " + known)};
}

}  // namespace vpico::peripherals
