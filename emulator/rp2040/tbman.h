// TBMAN, the testbench manager (pico-sdk hardware/regs/tbman.h; not described in the datasheet):
// PLATFORM says the code runs on the ASIC (pico-sdk's running_on_fpga() reads it). Read-only.
#pragma once

#include "device.h"

namespace vpico::rp2040 {

class Tbman : public Device {
 public:
  Tbman();
};

}  // namespace vpico::rp2040
