// PSM, the power-on state machine (datasheet 2.13). Modelled: FRCE_ON, FRCE_OFF, WDSEL as
// registers; DONE reads every block not forced off as powered and ready (the sequence completes
// at once). Forcing a block off resets the devices bound to it, and on_power_change reports
// each block whose forced-off state changes (the machine holds or restarts core 1 on PROC1).
// WDSEL is read by the machine when the watchdog requests a reboot. Not modelled: the power-up
// sequence timing, FRCE_ON (everything is on already).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "device.h"

namespace vpico::rp2040 {

// PSM block bits (pico-sdk hardware/regs/psm.h, the same in FRCE_ON, FRCE_OFF, WDSEL, DONE).
enum PsmBlock : unsigned {
  kPsmRosc = 0,
  kPsmXosc,
  kPsmClocks,
  kPsmResets,
  kPsmBusfabric,
  kPsmRom,
  kPsmSram0,
  kPsmSram1,
  kPsmSram2,
  kPsmSram3,
  kPsmSram4,
  kPsmSram5,
  kPsmXip,
  kPsmVregAndChipReset,
  kPsmSio,
  kPsmProc0,
  kPsmProc1,
};

class Psm : public Device {
 public:
  static constexpr uint32_t kAllBlocks = 0x1ffff;
  Psm();
  // Forcing `block` off resets `device`.
  void bind(unsigned block, Device& device) { m_bound.push_back({block, &device}); }
  uint32_t wdsel() const { return m_regs.at(0x08).value() & kAllBlocks; }
  bool forced_off(unsigned block) const { return (m_regs.at(0x04).value() >> block) & 1; }

  // block, off: FRCE_OFF of `block` changed.
  std::function<void(unsigned, bool)> on_power_change;

 private:
  void apply(uint32_t old_value, uint32_t new_value);
  struct Binding {
    unsigned block;
    Device* device;
  };
  std::vector<Binding> m_bound;
};

}  // namespace vpico::rp2040
