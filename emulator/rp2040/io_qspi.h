// IO_QSPI (datasheet 2.19.6.2) and PADS_QSPI (2.19.6.4): the function select and overrides of
// the six QSPI pins (SCLK, SS, SD0..SD3) and their pad controls; register facts from pico-sdk
// hardware/regs/io_qspi.h and pads_qspi.h. Between them they decide what the flash chip sees
// of the XIP_SSI (rp2040/ssi.h): chip select follows GPIO_QSPI_SS_CTRL (OUTOVER LOW/HIGH is how
// pico-sdk's flash_do_cmd and the boot ROM hold the chip selected across several DR0 pushes),
// SCLK reaches the flash only while its pin runs the XIP function, the SD lines' OUTOVER/OEOVER
// and pad output-disable decide what the SSI drives, the pads' pulls what undriven lines read
// (the boot ROM's XIP exit sequence relies on them), INOVER and the input enable what the SSI
// samples. STATUS reads back those levels.
// Not modelled: the SIO function (GPIO_HI; such pins are undriven), interrupts (INTR shows the
// level bits, edges are never latched, no IRQ line), drive strength, slew, Schmitt triggers.
#pragma once

#include <cstdint>

#include "device.h"

namespace vpico::rp2040 {

class Ssi;

// How the QSPI pins connect the SSI and the flash chip at the moment. Bit n of the SD masks is
// SDn. IoQspi and PadsQspi fill it in; the defaults are a direct connection.
struct QspiPins {
  bool sclk = true;  // SCLK edges reach the flash
  // QSPI_SS: what IO_QSPI makes of the SSI's ss_n (index) and what the pad does with it.
  bool ss_out[2] = {false, true}, ss_oe[2] = {true, true};
  bool ss_od = false, ss_pull = true;
  // SD0..SD3, SSI to pad.
  uint8_t peri = 0xf;  // lines whose function is the SSI's (FUNCSEL = XIP)
  uint8_t out_inv = 0, out_force = 0, out_value = 0;
  uint8_t oe_inv = 0, oe_force = 0, oe_value = 0;
  uint8_t od = 0;      // pads with output disable set
  uint8_t pull = 0xf;  // level of each line nobody drives
  // Pad to SSI.
  uint8_t ie = 0xf, in_inv = 0, in_force = 0, in_value = 0;

  // The QSPI_SS pad level (true = high: flash deselected) for the SSI's ss_n.
  bool ss_level(bool ss_n) const { return ss_oe[ss_n] && !ss_od ? ss_out[ss_n] : ss_pull; }
  // What reaches the pads of what the SSI drives.
  void drive(uint8_t out, uint8_t oe, uint8_t& pad_out, uint8_t& pad_oe) const {
    out &= peri;
    oe &= peri;
    pad_out = uint8_t((((out ^ out_inv) & ~out_force) | (out_value & out_force)) & 0xf);
    pad_oe = uint8_t((((oe ^ oe_inv) & ~oe_force) | (oe_value & oe_force)) & ~od & 0xf);
  }
  // What the SSI samples of the line levels.
  uint8_t sample(uint8_t levels) const {
    const uint8_t in = levels & ie;
    return uint8_t((((in ^ in_inv) & ~in_force) | (in_value & in_force)) & 0xf);
  }
};

class IoQspi : public Device {
 public:
  // Pin indices in IO_QSPI order (GPIO_QSPI_<pin>_STATUS at 8*i, _CTRL at 8*i+4).
  enum Pin : unsigned { kSclk = 0, kSs, kSd0, kSd1, kSd2, kSd3, kPinCount };
  static constexpr unsigned kFuncXip = 0, kFuncSio = 5, kFuncNull = 0x1f;

  explicit IoQspi(Ssi& ssi);
  void reset() override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;
  // What the boot ROM's connect_internal_flash leaves: every pin on the XIP function, no
  // overrides (the machine enters boot2 without running the ROM).
  void boot_rom_state();
  uint32_t ctrl(unsigned pin) const { return m_regs.at(8 * pin + 4).value(); }
  void apply(QspiPins& pins) const;

 private:
  uint32_t status(unsigned pin) const;
  uint32_t level_bits() const;
  Ssi& m_ssi;
};

class PadsQspi : public Device {
 public:
  // Pad register offsets (note: not in IO_QSPI's pin order).
  static constexpr uint32_t kSclkPad = 0x04, kSd0Pad = 0x08, kSsPad = 0x18;
  explicit PadsQspi(Ssi& ssi);
  void reset() override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;
  void apply(QspiPins& pins) const;

 private:
  Ssi& m_ssi;
};

}  // namespace vpico::rp2040
