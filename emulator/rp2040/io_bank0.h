// IO_BANK0 (datasheet 2.19.6.1) and PADS_BANK0 (2.19.6.3): function select and overrides per
// GPIO, and the pad controls (pulls, input enable, output disable). Together with SIO they decide
// what the chip drives onto each pad (Pins). Peripheral functions other than SIO drive through
// `peripheral_drive`. GPIO interrupts (datasheet 2.19.3): raw level and latched edge events per
// pin (INTR, edges write-1-to-clear), per-processor enable/force/status (PROCn_INTE/INTF/INTS)
// and IRQOVER, driving IO_IRQ_BANK0 into each core's own NVIC. The dormant-wake registers are
// kept as registers; dormant mode itself is not modelled.
#pragma once

#include <array>
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
  IoBank0(Pins& pins, Sio& sio, IrqSink* irqs = nullptr);
  void reset() override;
  // Re-derives every pad's drive from function select, SIO and overrides.
  void update_pins();
  unsigned funcsel(unsigned pin) const { return m_regs.at(8 * pin + 4).value() & 0x1f; }
  // What a peripheral function drives on a pin (set by the machine for UART TX and friends).
  std::function<Pins::ChipDrive(unsigned pin, unsigned funcsel)> peripheral_drive;
  // Called after a GPIOx_CTRL write or a reset (a peripheral's inputs may have moved).
  std::function<void()> on_ctrl_change;
  // The level a pin's input path sees (after INOVER), for SIO GPIO_IN.
  uint32_t input_levels() const;
  // Per-processor interrupt status of one 8-pin group (PROCn_INTSg).
  uint32_t interrupt_status(unsigned proc, unsigned group) const;

 private:
  void on_pin_change(unsigned pin);
  uint32_t raw_interrupts(unsigned group) const;
  void update_irqs();

  Pins& m_pins;
  Sio& m_sio;
  IrqSink* m_irqs;
  uint32_t m_last_inputs = 0;
  std::array<uint32_t, 4> m_edges{};  // latched EDGE_LOW/EDGE_HIGH bits, INTR layout
  std::array<bool, 2> m_irq_level{};
  // Each pin's output and output enable before and after the overrides (for GPIOx_STATUS).
  struct Signals {
    bool out_from_peri = false, oe_from_peri = false, out_to_pad = false, oe_to_pad = false;
  };
  std::array<Signals, Pins::kCount> m_signals{};
};

}  // namespace vpico::rp2040
