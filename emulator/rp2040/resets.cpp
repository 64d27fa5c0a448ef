#include "resets.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

constexpr uint32_t kAllBlocks = 0x01ffffff;

Resets::Resets() : Device("RESETS", kResetsBase) {
  m_regs_reset = &m_regs.define("RESET", 0x000, kAllBlocks)
                      .field("BLOCKS", 0, 25)
                      .on_write([this](uint32_t o, uint32_t n) { apply(o, n); });
  m_regs.define("WDSEL", 0x004, 0).field("BLOCKS", 0, 25);
  m_regs.define("RESET_DONE", 0x008, 0).field("BLOCKS", 0, 25, Access::RO).on_read([this] {
    return ~m_regs_reset->value() & kAllBlocks;
  });
}

void Resets::reset() {
  Device::reset();
  for (const Binding& b : m_bound)
    b.device->reset();
}

void Resets::apply(uint32_t old_value, uint32_t new_value) {
  // Asserting a reset returns the block to its reset state.
  uint32_t asserted = new_value & ~old_value;
  for (const Binding& b : m_bound)
    if ((asserted >> b.bit) & 1) b.device->reset();
}

}  // namespace vpico::rp2040
