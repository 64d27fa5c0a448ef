#include "rp2040/io_qspi.h"

#include "rp2040/address_map.h"
#include "rp2040/ssi.h"

namespace vpico::rp2040 {

namespace {

const char* const kPinNames[IoQspi::kPinCount] = {"SCLK", "SS", "SD0", "SD1", "SD2", "SD3"};

// Override fields of GPIO_QSPI_*_CTRL (io_qspi.h): OUTOVER/OEOVER/INOVER are 0 normal,
// 1 invert, 2 low (disable for OE), 3 high (enable for OE).
unsigned funcsel(uint32_t ctrl) {
  return ctrl & 0x1f;
}
unsigned outover(uint32_t ctrl) {
  return (ctrl >> 8) & 3;
}
unsigned oeover(uint32_t ctrl) {
  return (ctrl >> 12) & 3;
}
unsigned inover(uint32_t ctrl) {
  return (ctrl >> 16) & 3;
}
bool override(unsigned mode, bool v) {
  switch (mode) {
    case 1:
      return !v;
    case 2:
      return false;
    case 3:
      return true;
  }
  return v;
}

// PADS_QSPI bits (pads_qspi.h): PDE 2, PUE 3, IE 6, OD 7.
constexpr uint32_t kPde = 1u << 2, kPue = 1u << 3, kIe = 1u << 6, kOd = 1u << 7;
bool pad_pull(uint32_t pad) {
  // Pull-down alone pulls low; a pull-up, both (bus keeper) or neither leave the line high.
  return !((pad & kPde) && !(pad & kPue));
}

}  // namespace

IoQspi::IoQspi(Ssi& ssi) : Device("IO_QSPI", kIoQspiBase), m_ssi(ssi) {
  for (unsigned p = 0; p < kPinCount; ++p) {
    const std::string n = std::string("GPIO_QSPI_") + kPinNames[p];
    m_regs.define(n + "_STATUS", 8 * p, 0).access(Access::RO).on_read([this, p] {
      return status(p);
    });
    m_regs.define(n + "_CTRL", 8 * p + 4, kFuncNull)
        .field("FUNCSEL", 0, 5)
        .field("OUTOVER", 8, 2)
        .field("OEOVER", 12, 2)
        .field("INOVER", 16, 2)
        .field("IRQOVER", 28, 2);
  }
  // Interrupts: 4 bits per pin (LEVEL_LOW, LEVEL_HIGH, EDGE_LOW, EDGE_HIGH), edges write-1-clear.
  auto& intr = m_regs.define("INTR", 0x30, 0);
  for (unsigned p = 0; p < kPinCount; ++p) {
    intr.field(std::string(kPinNames[p]) + "_LEVEL", 4 * p, 2, Access::RO);
    intr.field(std::string(kPinNames[p]) + "_EDGE", 4 * p + 2, 2, Access::W1C);
  }
  intr.on_read([this, &intr] { return level_bits() | (intr.value() & 0xcccccc); });
  const char* const groups[3] = {"PROC0_", "PROC1_", "DORMANT_WAKE_"};
  for (unsigned g = 0; g < 3; ++g) {
    const uint32_t base = 0x34 + 12 * g;
    Register& inte = m_regs.define(std::string(groups[g]) + "INTE", base, 0).field("INTE", 0, 24);
    Register& intf =
        m_regs.define(std::string(groups[g]) + "INTF", base + 4, 0).field("INTF", 0, 24);
    m_regs.define(std::string(groups[g]) + "INTS", base + 8, 0)
        .access(Access::RO)
        .on_read([this, &inte, &intf] {
          return ((m_regs.at(0x30).peek() | intf.value()) & inte.value()) & 0xffffff;
        });
  }
  ssi.attach_io(this);
}

void IoQspi::reset() {
  Device::reset();
  m_ssi.pins_changed();
}

bool IoQspi::write(uint32_t offset, uint32_t value, uint32_t mask) {
  m_ssi.sync();  // transfers up to now ran with the old pin set-up
  const bool ok = Device::write(offset, value, mask);
  m_ssi.pins_changed();
  return ok;
}

void IoQspi::boot_rom_state() {
  m_ssi.sync();
  for (unsigned p = 0; p < kPinCount; ++p)
    m_regs.at(8 * p + 4).set(kFuncXip);
  m_ssi.pins_changed();
}

void IoQspi::apply(QspiPins& pins) const {
  const uint32_t sclk = ctrl(kSclk);
  // SCLK toggles at the flash only from the SSI, not forced to a level, output enabled.
  pins.sclk = pins.sclk && funcsel(sclk) == kFuncXip && outover(sclk) < 2 && oeover(sclk) != 1 &&
              oeover(sclk) != 2;
  const uint32_t ss = ctrl(kSs);
  for (unsigned n = 0; n < 2; ++n) {
    const bool from_ssi = funcsel(ss) == kFuncXip;
    pins.ss_out[n] = override(outover(ss), from_ssi && n);
    pins.ss_oe[n] = override(oeover(ss), from_ssi);
  }
  pins.peri = 0;
  pins.out_inv = pins.out_force = pins.out_value = 0;
  pins.oe_inv = pins.oe_force = pins.oe_value = 0;
  pins.in_inv = pins.in_force = pins.in_value = 0;
  for (unsigned i = 0; i < 4; ++i) {
    const uint32_t c = ctrl(kSd0 + i);
    const uint8_t bit = uint8_t(1u << i);
    if (funcsel(c) == kFuncXip) pins.peri |= bit;
    switch (outover(c)) {
      case 1:
        pins.out_inv |= bit;
        break;
      case 2:
        pins.out_force |= bit;
        break;
      case 3:
        pins.out_force |= bit;
        pins.out_value |= bit;
        break;
    }
    switch (oeover(c)) {
      case 1:
        pins.oe_inv |= bit;
        break;
      case 2:
        pins.oe_force |= bit;
        break;
      case 3:
        pins.oe_force |= bit;
        pins.oe_value |= bit;
        break;
    }
    switch (inover(c)) {
      case 1:
        pins.in_inv |= bit;
        break;
      case 2:
        pins.in_force |= bit;
        break;
      case 3:
        pins.in_force |= bit;
        pins.in_value |= bit;
        break;
    }
  }
}

// GPIO_QSPI_*_STATUS: OUTFROMPERI 8, OUTTOPAD 9, OEFROMPERI 12, OETOPAD 13, INFROMPAD 17,
// INTOPERI 19. The SSI's own drive of SCLK and SD is shown idle (not driving).
uint32_t IoQspi::status(unsigned pin) const {
  QspiPins pins = m_ssi.pins();
  const uint32_t c = ctrl(pin);
  const bool xip = funcsel(c) == kFuncXip;
  bool out_peri = false, oe_peri = false, level;
  if (pin == kSs) {
    out_peri = xip && m_ssi.ss_n();
    oe_peri = xip;
    level = pins.ss_level(m_ssi.ss_n());
  } else if (pin == kSclk) {
    oe_peri = xip;
    level = false;
  } else {
    level = (pins.pull >> (pin - kSd0)) & 1;
  }
  const bool out_pad = override(outover(c), out_peri);
  const bool oe_pad = override(oeover(c), oe_peri);
  const bool in_peri = override(inover(c), level);
  return (out_peri ? 1u << 8 : 0) | (out_pad ? 1u << 9 : 0) | (oe_peri ? 1u << 12 : 0) |
         (oe_pad ? 1u << 13 : 0) | (level ? 1u << 17 : 0) | (in_peri ? 1u << 19 : 0);
}

uint32_t IoQspi::level_bits() const {
  uint32_t v = 0;
  for (unsigned p = 0; p < kPinCount; ++p)
    v |= ((status(p) >> 17) & 1 ? 2u : 1u) << (4 * p);
  return v;
}

PadsQspi::PadsQspi(Ssi& ssi) : Device("PADS_QSPI", kPadsQspiBase), m_ssi(ssi) {
  m_regs.define("VOLTAGE_SELECT", 0x00, 0).field("VOLTAGE_SELECT", 0, 1);
  struct Pad {
    const char* name;
    uint32_t offset, reset;
  };
  // Reset values from pads_qspi.h: SCLK pulled down, SS pulled up, SD0..3 without pulls.
  for (Pad p : {Pad{"GPIO_QSPI_SCLK", 0x04, 0x56}, Pad{"GPIO_QSPI_SD0", 0x08, 0x52},
                Pad{"GPIO_QSPI_SD1", 0x0c, 0x52}, Pad{"GPIO_QSPI_SD2", 0x10, 0x52},
                Pad{"GPIO_QSPI_SD3", 0x14, 0x52}, Pad{"GPIO_QSPI_SS", 0x18, 0x5a}}) {
    m_regs.define(p.name, p.offset, p.reset)
        .field("SLEWFAST", 0, 1)
        .field("SCHMITT", 1, 1)
        .field("PDE", 2, 1)
        .field("PUE", 3, 1)
        .field("DRIVE", 4, 2)
        .field("IE", 6, 1)
        .field("OD", 7, 1);
  }
  ssi.attach_pads(this);
}

void PadsQspi::reset() {
  Device::reset();
  m_ssi.pins_changed();
}

bool PadsQspi::write(uint32_t offset, uint32_t value, uint32_t mask) {
  m_ssi.sync();
  const bool ok = Device::write(offset, value, mask);
  m_ssi.pins_changed();
  return ok;
}

void PadsQspi::apply(QspiPins& pins) const {
  if (m_regs.at(kSclkPad).value() & kOd) pins.sclk = false;
  const uint32_t ss = m_regs.at(kSsPad).value();
  pins.ss_od = ss & kOd;
  pins.ss_pull = pad_pull(ss);
  pins.od = pins.pull = pins.ie = 0;
  for (unsigned i = 0; i < 4; ++i) {
    const uint32_t pad = m_regs.at(kSd0Pad + 4 * i).value();
    const uint8_t bit = uint8_t(1u << i);
    if (pad & kOd) pins.od |= bit;
    if (pad_pull(pad)) pins.pull |= bit;
    if (pad & kIe) pins.ie |= bit;
  }
}

}  // namespace vpico::rp2040
