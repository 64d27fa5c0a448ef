#include "serial_port.h"

namespace vpico {

void SerialPort::send(std::string_view bytes) {
  for (char c : bytes)
    m_input.push_back(uint8_t(c));
  if (!bytes.empty() && m_notify_input) m_notify_input();
}

void SerialPort::transmit(uint8_t byte) {
  m_output.push_back(char(byte));
  for (auto& l : m_listeners)
    l(byte);
}

uint8_t SerialPort::take_input() {
  uint8_t b = m_input.front();
  m_input.pop_front();
  return b;
}

}  // namespace vpico
