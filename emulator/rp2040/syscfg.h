// SYSCFG (datasheet 2.21): system configuration. Modelled as registers with the behaviour the
// rest of the machine needs: PROC0/PROC1_NMI_MASK (which IRQs are each core's NMI; nmi_mask()
// and on_nmi_mask_change for the NVIC model), PROC_CONFIG (DAP instance IDs; PROCn_HALTED from
// the machine's proc_halted), PROC_IN_SYNC_BYPASS(_HI) and DBGFORCE as plain registers,
// MEMPOWERDOWN (reported through on_warning when a memory is powered down). Not modelled: the
// input synchronisers, the SWD debug port, memories losing their contents when powered down.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "device.h"

namespace vpico::rp2040 {

class Syscfg : public Device {
 public:
  Syscfg();
  uint32_t nmi_mask(unsigned core) const { return m_regs.at(core ? 0x04 : 0x00).value(); }

  // Whether core n is halted by a debugger (PROC_CONFIG.PROCn_HALTED); none when unset.
  std::function<bool(unsigned core)> proc_halted;
  std::function<void(unsigned core)> on_nmi_mask_change;
  std::function<void(const std::string&, const std::string&)> on_warning;
};

}  // namespace vpico::rp2040
