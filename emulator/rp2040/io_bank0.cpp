#include "io_bank0.h"

#include "rp2040/address_map.h"
#include "rp2040/sio.h"

namespace vpico::rp2040 {

PadsBank0::PadsBank0(Pins& pins) : Device("PADS_BANK0", kPadsBank0Base), m_pins(pins) {
  m_regs.define("VOLTAGE_SELECT", 0x00, 0).field("VOLTAGE_SELECT", 0, 1);
  for (unsigned p = 0; p < Pins::kCount; ++p) {
    m_regs.define("GPIO" + std::to_string(p), 4 + 4 * p, 0x56)
        .field("SLEWFAST", 0, 1)
        .field("SCHMITT", 1, 1)
        .field("PDE", 2, 1)
        .field("PUE", 3, 1)
        .field("DRIVE", 4, 2)
        .field("IE", 6, 1)
        .field("OD", 7, 1)
        .on_write([this, p](uint32_t, uint32_t) { apply(p); });
  }
  // SWCLK: pull-up, SWD: pull-up (reset values from pads_bank0.h).
  m_regs.define("SWCLK", 0x7c, 0xda).field("BITS", 0, 8);
  m_regs.define("SWD", 0x80, 0x5a).field("BITS", 0, 8);
}

void PadsBank0::reset() {
  Device::reset();
  for (unsigned p = 0; p < Pins::kCount; ++p)
    apply(p);
}

void PadsBank0::apply(unsigned pin) {
  uint32_t v = m_regs.at(4 + 4 * pin).value();
  Pins::Pad pad;
  pad.pull_down = v & 0x04;
  pad.pull_up = v & 0x08;
  pad.input_enable = v & 0x40;
  pad.output_disable = v & 0x80;
  m_pins.set_pad(pin, pad);
}

IoBank0::IoBank0(Pins& pins, Sio& sio, IrqSink* irqs)
    : Device("IO_BANK0", kIoBank0Base), m_pins(pins), m_sio(sio), m_irqs(irqs) {
  for (unsigned p = 0; p < Pins::kCount; ++p) {
    std::string n = "GPIO" + std::to_string(p);
    m_regs.define(n + "_STATUS", 8 * p, 0).access(Access::RO).on_read([this, p]() -> uint32_t {
      // Datasheet 2.19.6.1 GPIOx_STATUS: OUTFROMPERI 8 / OUTTOPAD 9 (before / after OUTOVER),
      // OEFROMPERI 12 / OETOPAD 13 (before / after OEOVER), INFROMPAD 17, INTOPERI 19 (after
      // INOVER), IRQFROMPAD 24, IRQTOPROC 26 (after IRQOVER).
      const Signals& sg = m_signals[p];
      uint32_t v = 0;
      if (sg.out_from_peri) v |= 1u << 8;
      if (sg.out_to_pad) v |= 1u << 9;
      if (sg.oe_from_peri) v |= 1u << 12;
      if (sg.oe_to_pad) v |= 1u << 13;
      if (m_pins.pad(p).input_enable && m_pins.level(p)) v |= 1u << 17;
      if ((input_levels() >> p) & 1) v |= 1u << 19;
      const uint32_t ints =
          (interrupt_status(0, p / 8) | interrupt_status(1, p / 8)) >> (4 * (p % 8));
      if ((raw_interrupts(p / 8) >> (4 * (p % 8))) & 0xf) v |= 1u << 24;
      if (ints & 0xf) v |= 1u << 26;
      return v;
    });
    m_regs.define(n + "_CTRL", 8 * p + 4, kFuncNull)
        .field("FUNCSEL", 0, 5)
        .field("OUTOVER", 8, 2)
        .field("OEOVER", 12, 2)
        .field("INOVER", 16, 2)
        .field("IRQOVER", 28, 2)
        .on_write([this](uint32_t, uint32_t) {
          update_pins();
          update_irqs();
          if (on_ctrl_change) on_ctrl_change();
        });
  }
  // INTR0..3: 4 bits per pin (LEVEL_LOW, LEVEL_HIGH, EDGE_LOW, EDGE_HIGH); edges are latched
  // and cleared by writing 1, levels follow the input (datasheet 2.19.6.1).
  for (unsigned g = 0; g < 4; ++g) {
    m_regs.define("INTR" + std::to_string(g), 0xf0 + 4 * g, 0)
        .on_read([this, g] { return raw_interrupts(g); })
        .on_write([this, g](uint32_t, uint32_t v) {
          m_edges[g] &= ~(v & 0xcccccccc);
          m_regs.at(0xf0 + 4 * g).set(0);
          update_irqs();
        });
  }
  const char* blocks[3] = {"PROC0", "PROC1", "DORMANT_WAKE"};
  for (unsigned b = 0; b < 3; ++b) {
    for (unsigned g = 0; g < 4; ++g) {
      std::string n = std::string(blocks[b]) + "_INT";
      uint32_t base = 0x100 + 0x30 * b + 4 * g;
      m_regs.define(n + "E" + std::to_string(g), base, 0).on_write([this](uint32_t, uint32_t) {
        update_irqs();
      });
      m_regs.define(n + "F" + std::to_string(g), base + 0x10, 0)
          .on_write([this](uint32_t, uint32_t) { update_irqs(); });
      m_regs.define(n + "S" + std::to_string(g), base + 0x20, 0)
          .access(Access::RO)
          .on_read([this, b, g] { return interrupt_status(b, g); });
    }
  }
  // Top 4 bits of the last group are reserved (30 pins).
  pins.observe([this](unsigned pin, bool, uint64_t) { on_pin_change(pin); });
}

uint32_t IoBank0::raw_interrupts(unsigned group) const {
  const uint32_t in = input_levels();
  uint32_t v = m_edges[group];
  for (unsigned i = 0; i < 8; ++i) {
    unsigned pin = group * 8 + i;
    if (pin >= Pins::kCount) break;
    v |= ((in >> pin) & 1 ? 0x2u : 0x1u) << (4 * i);  // LEVEL_HIGH or LEVEL_LOW
  }
  return v;
}

uint32_t IoBank0::interrupt_status(unsigned proc, unsigned group) const {
  const uint32_t base = 0x100 + 0x30 * proc + 4 * group;
  return (raw_interrupts(group) & m_regs.at(base).value()) | m_regs.at(base + 0x10).value();
}

void IoBank0::on_pin_change(unsigned) {
  const uint32_t in = input_levels();
  const uint32_t rose = in & ~m_last_inputs, fell = ~in & m_last_inputs;
  m_last_inputs = in;
  if (!(rose | fell)) return;
  for (unsigned pin = 0; pin < Pins::kCount; ++pin) {
    unsigned g = pin / 8, shift = 4 * (pin % 8);
    if ((rose >> pin) & 1) m_edges[g] |= 0x8u << shift;  // EDGE_HIGH
    if ((fell >> pin) & 1) m_edges[g] |= 0x4u << shift;  // EDGE_LOW
  }
  update_irqs();
}

void IoBank0::update_irqs() {
  if (!m_irqs) return;
  for (unsigned proc = 0; proc < 2; ++proc) {
    bool level = false;
    uint32_t status[4];  // one pass per group, not per pin (this runs on every pin change)
    for (unsigned g = 0; g < 4; ++g)
      status[g] = interrupt_status(proc, g);
    for (unsigned pin = 0; pin < Pins::kCount && !level; ++pin) {
      bool irq = (status[pin / 8] >> (4 * (pin % 8))) & 0xf;
      switch ((m_regs.at(8 * pin + 4).value() >> 28) & 3) {  // IRQOVER
        case 1:
          irq = !irq;
          break;
        case 2:
          irq = false;
          break;
        case 3:
          irq = true;
          break;
      }
      level = irq;
    }
    if (level != m_irq_level[proc]) {
      m_irq_level[proc] = level;
      m_irqs->set_core_irq_level(proc, kIoIrqBank0, level);
    }
  }
}

void IoBank0::reset() {
  Device::reset();
  m_edges.fill(0);
  update_pins();
  m_last_inputs = input_levels();
  update_irqs();
  if (on_ctrl_change) on_ctrl_change();
}

void IoBank0::update_pins() {
  const uint32_t out = m_sio.gpio_out(), oe = m_sio.gpio_oe();
  for (unsigned p = 0; p < Pins::kCount; ++p) {
    uint32_t ctrl = m_regs.at(8 * p + 4).value();
    unsigned f = ctrl & 0x1f;
    Pins::ChipDrive d;
    if (f == kFuncSio) {
      d.output = (out >> p) & 1;
      d.output_enable = (oe >> p) & 1;
    } else if (f != kFuncNull && peripheral_drive) {
      d = peripheral_drive(p, f);
    }
    m_signals[p].out_from_peri = d.output;
    m_signals[p].oe_from_peri = d.output_enable;
    switch ((ctrl >> 8) & 3) {  // OUTOVER: normal, invert, low, high
      case 1:
        d.output = !d.output;
        break;
      case 2:
        d.output = false;
        break;
      case 3:
        d.output = true;
        break;
    }
    switch ((ctrl >> 12) & 3) {  // OEOVER: normal, invert, disable, enable
      case 1:
        d.output_enable = !d.output_enable;
        break;
      case 2:
        d.output_enable = false;
        break;
      case 3:
        d.output_enable = true;
        break;
    }
    m_signals[p].out_to_pad = d.output;
    m_signals[p].oe_to_pad = d.output_enable;
    m_pins.set_chip(p, d);
  }
}

uint32_t IoBank0::input_levels() const {
  uint32_t v = 0;
  for (unsigned p = 0; p < Pins::kCount; ++p) {
    bool in = m_pins.pad(p).input_enable && m_pins.level(p);
    switch ((m_regs.at(8 * p + 4).value() >> 16) & 3) {  // INOVER
      case 1:
        in = !in;
        break;
      case 2:
        in = false;
        break;
      case 3:
        in = true;
        break;
    }
    if (in) v |= 1u << p;
  }
  return v;
}

}  // namespace vpico::rp2040
