// SYSINFO (datasheet 2.20): read-only chip identification. CHIP_ID is the JEDEC JEP-106 word
// REVISION | PART (0x0002, RP2) | MANUFACTURER (0x927, Raspberry Pi); pico-sdk's
// rp2040_chip_version() reads REVISION 1 as B0/B1, and B2 silicon reads 2 (0x20002927), the
// default here. PLATFORM reads ASIC; GITREF_RP2040 the value B2 silicon reads. All writes are
// ignored (the fields are RO). Not modelled: the FPGA platform.
#pragma once

#include <cstdint>

#include "device.h"

namespace vpico::rp2040 {

class Sysinfo : public Device {
 public:
  static constexpr uint32_t kPart = 0x0002, kManufacturer = 0x927;
  static constexpr uint32_t kRevisionB2 = 2;
  static constexpr uint32_t kGitrefB2 = 0xe0c912e8;
  explicit Sysinfo(uint32_t revision = kRevisionB2, uint32_t gitref = kGitrefB2);

  static constexpr uint32_t chip_id(uint32_t revision) {
    return (revision << 28) | (kPart << 12) | kManufacturer;
  }
};

}  // namespace vpico::rp2040
