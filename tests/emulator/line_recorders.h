// Interrupt and DREQ lines as a block under test drives them, recorded as bit masks: for unit
// tests of one block without a machine.
#pragma once

#include <cstdint>

#include "device.h"

namespace vpico::fakes {

struct IrqLines : IrqSink {
  uint32_t levels = 0;
  void set_irq_level(unsigned irq, bool level) override {
    levels = level ? levels | (1u << irq) : levels & ~(1u << irq);
  }
  bool high(unsigned irq) const { return (levels >> irq) & 1; }
};

struct DreqLines : DreqSink {
  uint64_t levels = 0;
  void set_dreq_level(unsigned dreq, bool level) override {
    levels = level ? levels | (1ull << dreq) : levels & ~(1ull << dreq);
  }
  bool high(unsigned dreq) const { return (levels >> dreq) & 1; }
};

}  // namespace vpico::fakes
