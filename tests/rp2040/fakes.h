// Small fakes shared by the RP2040 block tests.
#pragma once

#include <cstdint>

#include "device.h"

namespace vpico::test {

// Records the level of each interrupt line and how many times it was driven.
struct IrqRecorder : IrqSink {
  uint32_t levels = 0;
  unsigned calls = 0;
  void set_irq_level(unsigned irq, bool level) override {
    levels = level ? levels | (1u << irq) : levels & ~(1u << irq);
    ++calls;
  }
  bool high(unsigned irq) const { return (levels >> irq) & 1; }
};

// Bus-style accessors for a device under test.
inline uint32_t rd(Device& d, uint32_t offset) {
  uint32_t v = 0xdeadbeef;
  if (!d.read(offset, v)) return 0xdeadbeef;
  return v;
}
inline void wr(Device& d, uint32_t offset, uint32_t value, uint32_t mask = 0xffffffffu) {
  d.write(offset, value, mask);
}
// The atomic SET and CLR aliases as the bus performs them.
inline void set_bits(Device& d, uint32_t offset, uint32_t bits) {
  d.write(offset, bits, bits);
}
inline void clr_bits(Device& d, uint32_t offset, uint32_t bits) {
  d.write(offset, 0, bits);
}

}  // namespace vpico::test
