#include "psm.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
constexpr const char* kBlockNames[] = {
    "ROSC",  "XOSC",  "CLOCKS", "RESETS", "BUSFABRIC",           "ROM", "SRAM0", "SRAM1", "SRAM2",
    "SRAM3", "SRAM4", "SRAM5",  "XIP",    "VREG_AND_CHIP_RESET", "SIO", "PROC0", "PROC1"};

Register& block_fields(Register& r, Access access) {
  for (unsigned i = 0; i < 17; ++i)
    r.field(kBlockNames[i], i, 1, access);
  return r;
}
}  // namespace

Psm::Psm() : Device("PSM", kPsmBase) {
  block_fields(m_regs.define("FRCE_ON", 0x00, 0), Access::RW);
  block_fields(m_regs.define("FRCE_OFF", 0x04, 0), Access::RW)
      .on_write([this](uint32_t old_value, uint32_t new_value) { apply(old_value, new_value); });
  block_fields(m_regs.define("WDSEL", 0x08, 0), Access::RW);
  // The power-up sequence finishes at once: every block not forced off is done.
  block_fields(m_regs.define("DONE", 0x0c, 0), Access::RO).on_read([this] {
    return ~m_regs.at(0x04).value() & kAllBlocks;
  });
}

void Psm::apply(uint32_t old_value, uint32_t new_value) {
  const uint32_t changed = (old_value ^ new_value) & kAllBlocks;
  const uint32_t asserted = changed & new_value;
  for (const Binding& b : m_bound)
    if ((asserted >> b.block) & 1) b.device->reset();
  for (unsigned i = 0; i < 17; ++i)
    if (((changed >> i) & 1) && on_power_change) on_power_change(i, (new_value >> i) & 1);
}

}  // namespace vpico::rp2040
