#include "syscfg.h"

#include <fmt/format.h>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

Syscfg::Syscfg() : Device("SYSCFG", kSyscfgBase) {
  for (unsigned core = 0; core < 2; ++core)
    m_regs.define(core ? "PROC1_NMI_MASK" : "PROC0_NMI_MASK", 4 * core, 0)
        .on_write([this, core](uint32_t old_value, uint32_t new_value) {
          if (old_value != new_value && on_nmi_mask_change) on_nmi_mask_change(core);
        });
  m_regs.define("PROC_CONFIG", 0x08, 0x10000000)
      .field("PROC0_HALTED", 0, 1, Access::RO)
      .field("PROC1_HALTED", 1, 1, Access::RO)
      .field("PROC0_DAP_INSTID", 24, 4)
      .field("PROC1_DAP_INSTID", 28, 4)
      .on_read([this] {
        uint32_t v = m_regs.at(0x08).value() & 0xff000000u;
        if (proc_halted && proc_halted(0)) v |= 1u << 0;
        if (proc_halted && proc_halted(1)) v |= 1u << 1;
        return v;
      });
  m_regs.define("PROC_IN_SYNC_BYPASS", 0x0c, 0).field("PROC_IN_SYNC_BYPASS", 0, 30);
  m_regs.define("PROC_IN_SYNC_BYPASS_HI", 0x10, 0).field("PROC_IN_SYNC_BYPASS_HI", 0, 6);
  m_regs.define("DBGFORCE", 0x14, 0x66)
      .field("PROC0_SWDO", 0, 1, Access::RO)
      .field("PROC0_SWDI", 1, 1)
      .field("PROC0_SWCLK", 2, 1)
      .field("PROC0_ATTACH", 3, 1)
      .field("PROC1_SWDO", 4, 1, Access::RO)
      .field("PROC1_SWDI", 5, 1)
      .field("PROC1_SWCLK", 6, 1)
      .field("PROC1_ATTACH", 7, 1);
  static constexpr const char* kMemories[] = {"SRAM0", "SRAM1", "SRAM2", "SRAM3",
                                              "SRAM4", "SRAM5", "USB",   "ROM"};
  Register& mem = m_regs.define("MEMPOWERDOWN", 0x18, 0);
  for (unsigned i = 0; i < 8; ++i)
    mem.field(kMemories[i], i, 1);
  mem.on_write([this](uint32_t old_value, uint32_t new_value) {
    const uint32_t down = new_value & ~old_value & 0xff;
    if (!down || !on_warning) return;
    for (unsigned i = 0; i < 8; ++i)
      if ((down >> i) & 1)
        on_warning(fmt::format("syscfg.mempowerdown.{}", kMemories[i]),
                   fmt::format("SYSCFG: {} powered down; the model keeps its contents and keeps "
                               "serving accesses",
                               kMemories[i]));
  });
}

}  // namespace vpico::rp2040
