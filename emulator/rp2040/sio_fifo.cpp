#include "rp2040/sio_fifo.h"

namespace vpico::rp2040 {

void SioFifos::reset() {
  m_rx = {};
  m_sticky = {};
}

uint32_t SioFifos::status(unsigned core) const {
  uint32_t st = m_sticky[core];
  if (m_rx[core].count) st |= kVld;
  if (m_rx[1 - core].count < kDepth) st |= kRdy;
  return st;
}

void SioFifos::write_status(unsigned core, uint32_t value) {
  m_sticky[core] &= ~(value & (kWof | kRoe));
}

bool SioFifos::push(unsigned core, uint32_t value) {
  Fifo& f = m_rx[1 - core];
  if (f.count == kDepth) {
    m_sticky[core] |= kWof;  // datasheet 2.3.1.4: the FIFO keeps its contents
    return false;
  }
  f.words[(f.head + f.count) % kDepth] = value;
  ++f.count;
  return true;
}

uint32_t SioFifos::pop(unsigned core) {
  Fifo& f = m_rx[core];
  if (!f.count) {
    m_sticky[core] |= kRoe;
    return 0;
  }
  uint32_t v = f.words[f.head];
  f.head = (f.head + 1) % kDepth;
  --f.count;
  return v;
}

uint32_t SioFifos::peek(unsigned core) const {
  const Fifo& f = m_rx[core];
  return f.count ? f.words[f.head] : 0;
}

}  // namespace vpico::rp2040
