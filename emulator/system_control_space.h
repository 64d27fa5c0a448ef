// The Cortex-M0+ System Control Space at 0xe000e000, one per core: SysTick, NVIC and SCB
// (ARMv6-M ARM B3.2-B3.4). This first model holds the registers with their reset values and
// CPUID; VTOR is what the core reads its vector table from. Exception behaviour (pending,
// priorities, SysTick counting) is not modelled yet.
#pragma once

#include "device.h"

namespace vpico {

class SystemControlSpace : public Device {
 public:
  explicit SystemControlSpace(unsigned core);
  bool has_atomic_aliases() const override { return false; }
  uint32_t vtor() const { return m_regs.at(0xd08).value(); }
};

}  // namespace vpico
