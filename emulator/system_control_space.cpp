#include "system_control_space.h"

namespace vpico {

SystemControlSpace::SystemControlSpace(unsigned core)
    : Device(core ? "SCS(core1)" : "SCS(core0)", 0xe000e000, 0x1000) {
  m_regs.define("SYST_CSR", 0x010, 0)
      .field("ENABLE", 0, 1)
      .field("TICKINT", 1, 1)
      .field("CLKSOURCE", 2, 1)
      .field("COUNTFLAG", 16, 1, Access::RC);
  m_regs.define("SYST_RVR", 0x014, 0).field("RELOAD", 0, 24);
  m_regs.define("SYST_CVR", 0x018, 0).field("CURRENT", 0, 24);
  m_regs.define("SYST_CALIB", 0x01c, 0).access(Access::RO);
  m_regs.define("NVIC_ISER", 0x100, 0);
  m_regs.define("NVIC_ICER", 0x180, 0);
  m_regs.define("NVIC_ISPR", 0x200, 0);
  m_regs.define("NVIC_ICPR", 0x280, 0);
  m_regs.define_array("NVIC_IPR", 0x400, 4, 8, 0, [](Register& r, unsigned) {
    r.field("IP_0", 6, 2).field("IP_1", 14, 2).field("IP_2", 22, 2).field("IP_3", 30, 2);
  });
  // CPUID: ARM Cortex-M0+ r0p1 (ARM Cortex-M0+ TRM 4.2.1).
  m_regs.define("CPUID", 0xd00, 0x410cc601).access(Access::RO);
  m_regs.define("ICSR", 0xd04, 0);
  m_regs.define("VTOR", 0xd08, 0).field("TBLOFF", 8, 24);
  m_regs.define("AIRCR", 0xd0c, 0)
      .field("VECTCLRACTIVE", 1, 1)
      .field("SYSRESETREQ", 2, 1)
      .field("ENDIANESS", 15, 1, Access::RO)
      .field("VECTKEY", 16, 16);
  m_regs.define("SCR", 0xd10, 0)
      .field("SLEEPONEXIT", 1, 1)
      .field("SLEEPDEEP", 2, 1)
      .field("SEVONPEND", 4, 1);
  m_regs.define("CCR", 0xd14, 0x204).access(Access::RO);  // UNALIGN_TRP, STKALIGN
  m_regs.define("SHPR2", 0xd1c, 0).field("PRI_11", 30, 2);
  m_regs.define("SHPR3", 0xd20, 0).field("PRI_14", 22, 2).field("PRI_15", 30, 2);
  m_regs.define("SHCSR", 0xd24, 0).field("SVCALLPENDED", 15, 1);
  m_regs.define("MPU_TYPE", 0xd90, 0x800).access(Access::RO);  // 8 regions
  m_regs.define("MPU_CTRL", 0xd94, 0)
      .field("ENABLE", 0, 1)
      .field("HFNMIENA", 1, 1)
      .field("PRIVDEFENA", 2, 1);
  m_regs.define("MPU_RNR", 0xd98, 0).field("REGION", 0, 4);
  m_regs.define("MPU_RBAR", 0xd9c, 0);
  m_regs.define("MPU_RASR", 0xda0, 0);
}

}  // namespace vpico
