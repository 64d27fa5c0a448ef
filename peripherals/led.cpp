#include "led.h"

#include "machine.h"

namespace vpico::peripherals {

Led::Led(std::string id, std::string colour)
    : Part(std::move(id), "wokwi-led"), m_colour(colour.empty() ? "red" : std::move(colour)) {}

Result<void> Led::attach(Machine& machine, const std::vector<Net>& nets) {
  m_pins = &machine.pins();
  m_anode = nets[0];
  m_cathode = nets[1];
  return {};
}

bool Led::lit() const {
  return m_pins && m_anode.connected() && m_cathode.connected() && m_anode.level(*m_pins) &&
         !m_cathode.level(*m_pins);
}

double Led::brightness() const {
  if (!m_pins || !m_anode.connected() || !m_cathode.connected()) return 0.0;
  // Anode high and cathode low at once; two waveforms are taken as independent.
  return m_anode.duty(*m_pins) * (1.0 - m_cathode.duty(*m_pins));
}

}  // namespace vpico::peripherals
