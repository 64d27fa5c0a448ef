// SpiTarget: an off-chip SPI part as a controller sees it (DESIGN.md "The seams": a part knows
// no RP2040 register). The machine connects a target to the pins it is wired to (SCK and chip
// select); a controller whose SCK reaches that pin clocks frames into the target while its chip
// select is low.
#pragma once

#include <cstdint>

namespace vpico {

class SpiTarget {
 public:
  virtual ~SpiTarget() = default;
  // Chip select went active (low: true) or inactive.
  virtual void select(bool active) { (void)active; }
  // One frame of `bits` bits (4..16), most significant bit first: takes MOSI, returns MISO.
  virtual uint16_t transfer(uint16_t mosi, unsigned bits) = 0;
};

}  // namespace vpico
