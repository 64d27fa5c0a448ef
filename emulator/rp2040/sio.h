// SIO, the single-cycle I/O block (datasheet 2.3.1). Each core sees its own SIO at 0xd0000000:
// CPUID differs per core, and so do the FIFOs, divider and interpolators; the GPIO output and
// output-enable registers are shared. This model has CPUID and the GPIO registers; the rest of
// the block (FIFOs, spinlocks, divider, interpolators) is reported as unmodelled.
#pragma once

#include <array>
#include <functional>
#include <memory>

#include "device.h"

namespace vpico::rp2040 {

class Sio {
 public:
  Sio();
  ~Sio();
  // The register window core `core` sees (offsets 0x000-0xfff, no atomic aliases).
  Device& core_view(unsigned core);
  void reset();

  uint32_t gpio_out() const { return m_gpio_out; }
  uint32_t gpio_oe() const { return m_gpio_oe; }
  // GPIO_IN reads the pads through this (set by the machine).
  std::function<uint32_t()> read_gpio_in;
  std::function<void()> on_gpio_change;

 private:
  class CoreView;
  void set_out(uint32_t v);
  void set_oe(uint32_t v);

  uint32_t m_gpio_out = 0, m_gpio_oe = 0, m_hi_out = 0, m_hi_oe = 0;
  std::array<std::unique_ptr<CoreView>, 2> m_views;
};

}  // namespace vpico::rp2040
