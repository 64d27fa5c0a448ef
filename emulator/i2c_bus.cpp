#include "i2c_bus.h"

#include <algorithm>

namespace vpico {

void I2cBus::attach(I2cTarget& part) {
  if (std::find(m_parts.begin(), m_parts.end(), &part) == m_parts.end()) m_parts.push_back(&part);
}

void I2cBus::detach(I2cTarget& part) {
  std::erase(m_parts, &part);
  std::erase(m_addressed, &part);
}

bool I2cBus::start(uint8_t address, bool read) {
  m_addressed.clear();
  for (I2cTarget* p : m_parts)
    if (p->start(address, read)) m_addressed.push_back(p);
  return !m_addressed.empty();
}

bool I2cBus::write_byte(uint8_t byte) {
  bool ack = false;
  for (I2cTarget* p : m_addressed)
    ack |= p->write_byte(byte);
  return ack;
}

uint8_t I2cBus::read_byte(bool ack) {
  uint8_t v = 0xff;  // nobody pulls SDA low: the pull-up reads as ones
  for (I2cTarget* p : m_addressed)
    v &= p->read_byte(ack);
  return v;
}

void I2cBus::stop() {
  m_addressed.clear();
  for (I2cTarget* p : m_parts)
    p->stop();
}

}  // namespace vpico
