#include "pins.h"

#include <algorithm>

namespace vpico {

void Pins::reset() {
  m_chip.fill(ChipDrive{});
  m_pad.fill(Pad{});
  for (unsigned p = 0; p < kCount; ++p)
    resolve(p);
}

void Pins::drive(unsigned pin, std::optional<bool> level) {
  if (pin >= kCount) return;
  m_external[pin] = level;
  resolve(pin);
}

void Pins::set_voltage(unsigned pin, std::optional<double> volts) {
  if (pin >= kCount) return;
  if (volts) volts = std::clamp(*volts, 0.0, kIoVdd);  // the pad's protection diodes
  m_analog[pin] = volts;
}

double Pins::voltage(unsigned pin) const {
  if (pin >= kCount) return 0.0;
  if (chip_drives(pin)) return m_chip[pin].output ? kIoVdd : 0.0;
  if (m_analog[pin]) return *m_analog[pin];
  return m_level[pin] ? kIoVdd : 0.0;
}

void Pins::set_chip(unsigned pin, ChipDrive drive) {
  m_chip[pin] = drive;
  resolve(pin);
}

void Pins::set_pad(unsigned pin, Pad pad) {
  m_pad[pin] = pad;
  resolve(pin);
}

void Pins::resolve(unsigned pin) {
  bool level;
  if (chip_drives(pin))
    level = m_chip[pin].output;  // the pad's driver is stronger than any part we model
  else if (m_external[pin])
    level = *m_external[pin];
  else if (m_pad[pin].pull_up != m_pad[pin].pull_down)
    level = m_pad[pin].pull_up;
  else
    level = m_level[pin];  // both pulls: bus keeper; none: floating, keeps its last level
  if (level == m_level[pin]) return;
  m_level[pin] = level;
  ++m_changes[pin];
  uint64_t now = m_stamp ? *m_stamp : (m_now ? m_now() : 0);
  for (auto& o : m_observers)
    o(pin, level, now);
}

}  // namespace vpico
