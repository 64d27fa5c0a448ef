// IO_BANK0 (datasheet 2.19.6.1) and PADS_BANK0 (2.19.6.3): function select and overrides per
// GPIO, and the pad controls (pulls, input enable, output disable). Together with SIO they decide
// what the chip drives onto each pad (Pins). Peripheral functions other than SIO drive through
// `peripheral_drive`. GPIO interrupts (INTR/INTE/INTF/INTS) are not modelled yet.
#pragma once

#include <functional>

#include "device.h"
#include "pins.h"

namespace vpico::rp2040 {

class Sio;

class PadsBank0 : public Device {
 public:
  explicit PadsBank0(Pins& pins);
  void reset() override;

 private:
  void apply(unsigned pin);
  Pins& m_pins;
};

class IoBank0 : public Device {
 public:
  static constexpr unsigned kFuncSio = 5, kFuncNull = 0x1f;
  IoBank0(Pins& pins, Sio& sio);
  void reset() override;
  // Re-derives every pad's drive from function select, SIO and overrides.
  void update_pins();
  unsigned funcsel(unsigned pin) const { return m_regs.at(8 * pin + 4).value() & 0x1f; }
  // What a peripheral function drives on a pin (set by the machine for UART TX and friends).
  std::function<Pins::ChipDrive(unsigned pin, unsigned funcsel)> peripheral_drive;
  // The level a pin's input path sees (after INOVER), for SIO GPIO_IN.
  uint32_t input_levels() const;

 private:
  Pins& m_pins;
  Sio& m_sio;
};

}  // namespace vpico::rp2040
