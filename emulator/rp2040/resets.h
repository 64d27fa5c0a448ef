// RESETS (datasheet 2.14): per-block reset lines. A block held in reset has its registers reset;
// RESET_DONE reads 1 for blocks out of reset (the emulated blocks come out at once).
#pragma once

#include <vector>

#include "device.h"

namespace vpico::rp2040 {

class Resets : public Device {
 public:
  Resets();
  // Binds reset bit `bit` (RESETS_RESET_*_LSB) to a device.
  void bind(unsigned bit, Device& device) { m_bound.push_back({bit, &device}); }
  bool in_reset(unsigned bit) const { return (m_regs_reset->value() >> bit) & 1; }
  // State the boot ROM leaves (datasheet 2.8.1: it takes the QSPI pads/IO out of reset).
  void reset() override;

 private:
  void apply(uint32_t old_value, uint32_t new_value);
  struct Binding {
    unsigned bit;
    Device* device;
  };
  std::vector<Binding> m_bound;
  Register* m_regs_reset;
};

}  // namespace vpico::rp2040
