#include "busctrl.h"

#include <string>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
constexpr uint32_t kPerfctr0 = 0x08, kPerfMax = 0x00ffffff;
}

Busctrl::Busctrl() : Device("BUSCTRL", kBusctrlBase) {
  m_regs.define("BUS_PRIORITY", 0x00, 0)
      .field("PROC0", 0, 1)
      .field("PROC1", 4, 1)
      .field("DMA_R", 8, 1)
      .field("DMA_W", 12, 1);
  m_regs.define("BUS_PRIORITY_ACK", 0x04, 1).field("BUS_PRIORITY_ACK", 0, 1, Access::RO);
  for (unsigned i = 0; i < 4; ++i) {
    const std::string n = std::to_string(i);
    // "Write any value to clear" (busctrl.h PERFCTRn).
    m_regs.define("PERFCTR" + n, kPerfctr0 + 8 * i, 0)
        .field("PERFCTR", 0, 24, Access::RO)
        .on_write([this, i](uint32_t, uint32_t) { m_regs.at(kPerfctr0 + 8 * i).set(0); });
    m_regs.define("PERFSEL" + n, kPerfctr0 + 8 * i + 4, 0x1f).field("PERFSEL", 0, 5);
  }
}

void Busctrl::count(Event event, uint32_t n) {
  for (unsigned i = 0; i < 4; ++i) {
    if ((m_regs.at(kPerfctr0 + 8 * i + 4).value() & 0x1f) != event) continue;
    Register& ctr = m_regs.at(kPerfctr0 + 8 * i);
    const uint64_t v = uint64_t(ctr.value()) + n;
    ctr.set(uint32_t(v > kPerfMax ? kPerfMax : v));
  }
}

}  // namespace vpico::rp2040
