#include "tbman.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

Tbman::Tbman() : Device("TBMAN", kTbmanBase) {
  // Header reset 0x5 over a 2-bit register: ASIC (bit 0) reads 1, FPGA (bit 1) reads 0.
  m_regs.define("PLATFORM", 0x00, 0x5)
      .field("ASIC", 0, 1, Access::RO)
      .field("FPGA", 1, 1, Access::RO);
}

}  // namespace vpico::rp2040
