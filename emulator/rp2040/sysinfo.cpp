#include "sysinfo.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

Sysinfo::Sysinfo(uint32_t revision, uint32_t gitref) : Device("SYSINFO", kSysinfoBase) {
  // The register headers give no reset value ("-"): these are wired into the silicon.
  m_regs.define("CHIP_ID", 0x00, chip_id(revision & 0xf))
      .field("MANUFACTURER", 0, 12, Access::RO)
      .field("PART", 12, 16, Access::RO)
      .field("REVISION", 28, 4, Access::RO);
  m_regs.define("PLATFORM", 0x04, 0x2)
      .field("FPGA", 0, 1, Access::RO)
      .field("ASIC", 1, 1, Access::RO);
  m_regs.define("GITREF_RP2040", 0x10, gitref).access(Access::RO);
}

}  // namespace vpico::rp2040
