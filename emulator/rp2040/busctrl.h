// BUSCTRL (datasheet 2.1, bus fabric): bus priority and the performance counters. Modelled as
// registers: BUS_PRIORITY, BUS_PRIORITY_ACK (reads 1: the model has no arbitration, so every
// priority is registered at once), PERFSEL0-3, PERFCTR0-3 (any write clears). Not modelled:
// the counters do not count (they read 0 until the bus model reports events through count()).
#pragma once

#include <cstdint>

#include "device.h"

namespace vpico::rp2040 {

class Busctrl : public Device {
 public:
  // PERFSEL event numbers (pico-sdk hardware/regs/busctrl.h), for count().
  enum Event : uint32_t {
    kApbContested = 0x00,
    kApb,
    kFastperiContested,
    kFastperi,
    kSram5Contested,
    kSram5,
    kSram4Contested,
    kSram4,
    kSram3Contested,
    kSram3,
    kSram2Contested,
    kSram2,
    kSram1Contested,
    kSram1,
    kSram0Contested,
    kSram0,
    kXipMainContested,
    kXipMain,
    kRomContested,
    kRom,
  };
  Busctrl();
  // Counts `n` bus events of one kind into every counter selecting it (24-bit, saturating).
  void count(Event event, uint32_t n = 1);
};

}  // namespace vpico::rp2040
