// XIP_SSI, the Synopsys DW_apb_ssi flash interface (datasheet 4.10). This first model keeps the
// configuration registers a boot2 writes (CTRLR0, BAUDR, SPI_CTRLR0 ...) and reports an idle
// controller with empty FIFOs; XIP reads are served from the flash image whatever the
// configuration. Not modelled yet: serial commands through DR0 to the flash chip.
#pragma once

#include "device.h"

namespace vpico::rp2040 {

class Ssi : public Device {
 public:
  Ssi();
  bool has_atomic_aliases() const override { return false; }
};

}  // namespace vpico::rp2040
