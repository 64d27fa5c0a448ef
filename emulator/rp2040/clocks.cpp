#include "clocks.h"

#include <algorithm>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Register offsets (datasheet 2.15.7).
constexpr uint32_t kRefCtrl = 0x30, kRefDiv = 0x34, kSysCtrl = 0x3c, kSysDiv = 0x40,
                   kPeriCtrl = 0x48, kUsbCtrl = 0x54, kUsbDiv = 0x58, kAdcCtrl = 0x60,
                   kAdcDiv = 0x64, kRtcCtrl = 0x6c, kRtcDiv = 0x70;
constexpr uint32_t kEnable = 1u << 11;
}  // namespace

Clocks::Clocks(Sources sources) : Device("CLOCKS", kClocksBase), m_src(std::move(sources)) {
  auto notify = [this](uint32_t, uint32_t) { changed(); };
  const char* gpout[] = {"CLK_GPOUT0", "CLK_GPOUT1", "CLK_GPOUT2", "CLK_GPOUT3"};
  for (unsigned i = 0; i < 4; ++i) {
    std::string n = gpout[i];
    m_regs.define(n + "_CTRL", 0x0c * i, 0)
        .field("AUXSRC", 5, 4)
        .field("KILL", 10, 1)
        .field("ENABLE", 11, 1)
        .field("DC50", 12, 1)
        .field("PHASE", 16, 2)
        .field("NUDGE", 20, 1);
    m_regs.define(n + "_DIV", 0x0c * i + 4, 0x100).field("FRAC", 0, 8).field("INT", 8, 24);
    m_regs.define(n + "_SELECTED", 0x0c * i + 8, 1).access(Access::RO);
  }
  // clk_ref and clk_sys have glitchless muxes: SELECTED is one-hot of the selected SRC.
  m_regs.define("CLK_REF_CTRL", kRefCtrl, 0)
      .field("SRC", 0, 2)
      .field("AUXSRC", 5, 2)
      .on_write(notify);
  m_regs.define("CLK_REF_DIV", kRefDiv, 0x100).field("INT", 8, 2).on_write(notify);
  m_regs.define("CLK_REF_SELECTED", 0x38, 1).access(Access::RO).on_read([this] {
    return 1u << (ctrl(kRefCtrl) & 3);
  });
  m_regs.define("CLK_SYS_CTRL", kSysCtrl, 0)
      .field("SRC", 0, 1)
      .field("AUXSRC", 5, 3)
      .on_write(notify);
  m_regs.define("CLK_SYS_DIV", kSysDiv, 0x100)
      .field("FRAC", 0, 8)
      .field("INT", 8, 24)
      .on_write(notify);
  m_regs.define("CLK_SYS_SELECTED", 0x44, 1).access(Access::RO).on_read([this] {
    return 1u << (ctrl(kSysCtrl) & 1);
  });
  m_regs.define("CLK_PERI_CTRL", kPeriCtrl, 0)
      .field("AUXSRC", 5, 3)
      .field("KILL", 10, 1)
      .field("ENABLE", 11, 1)
      .on_write(notify);
  // clk_peri has no divider; pico-sdk's generic clock_configure writes the slot where it would
  // be (CTRL + 4) anyway. Reserved: reads 0, writes ignored.
  m_regs.define("CLK_PERI_DIV(reserved)", 0x4c, 0).access(Access::RO);
  m_regs.define("CLK_PERI_SELECTED", 0x50, 1).access(Access::RO);
  struct Gen {
    const char* name;
    uint32_t ctrl, div;
    unsigned int_bits;
  };
  for (Gen g : {Gen{"CLK_USB", kUsbCtrl, kUsbDiv, 2}, Gen{"CLK_ADC", kAdcCtrl, kAdcDiv, 2},
                Gen{"CLK_RTC", kRtcCtrl, kRtcDiv, 24}}) {
    std::string n = g.name;
    m_regs.define(n + "_CTRL", g.ctrl, 0)
        .field("AUXSRC", 5, 3)
        .field("KILL", 10, 1)
        .field("ENABLE", 11, 1)
        .field("PHASE", 16, 2)
        .field("NUDGE", 20, 1)
        .on_write(notify);
    Register& div = m_regs.define(n + "_DIV", g.div, 0x100).field("INT", 8, g.int_bits);
    if (g.int_bits == 24) div.field("FRAC", 0, 8);
    div.on_write(notify);
    m_regs.define(n + "_SELECTED", g.ctrl + 8, 1).access(Access::RO);
  }
  m_regs.define("CLK_SYS_RESUS_CTRL", 0x78, 0xff)
      .field("TIMEOUT", 0, 8)
      .field("ENABLE", 8, 1)
      .field("FRCE", 12, 1)
      .field("CLEAR", 16, 1);
  m_regs.define("CLK_SYS_RESUS_STATUS", 0x7c, 0).access(Access::RO);
  m_regs.define("FC0_REF_KHZ", 0x80, 0).field("FC0_REF_KHZ", 0, 20);
  m_regs.define("FC0_MIN_KHZ", 0x84, 0).field("FC0_MIN_KHZ", 0, 25);
  m_regs.define("FC0_MAX_KHZ", 0x88, 0x01ffffff).field("FC0_MAX_KHZ", 0, 25);
  m_regs.define("FC0_DELAY", 0x8c, 1).field("FC0_DELAY", 0, 3);
  m_regs.define("FC0_INTERVAL", 0x90, 8).field("FC0_INTERVAL", 0, 4);
  m_regs.define("FC0_SRC", 0x94, 0).field("FC0_SRC", 0, 8).on_write([this](uint32_t, uint32_t v) {
    start_frequency_count(v & 0xff);
  });
  m_regs.define("FC0_STATUS", 0x98, 0).access(Access::RO).on_read([this] { return m_fc0_status; });
  m_regs.define("FC0_RESULT", 0x9c, 0)
      .field("FRAC", 0, 5, Access::RO)
      .field("KHZ", 5, 25, Access::RO)
      .on_read([this] { return m_fc0_result; });
  m_regs.define("WAKE_EN0", 0xa0, 0xffffffff);
  m_regs.define("WAKE_EN1", 0xa4, 0x7fff).field("BITS", 0, 15);
  m_regs.define("SLEEP_EN0", 0xa8, 0xffffffff);
  m_regs.define("SLEEP_EN1", 0xac, 0x7fff).field("BITS", 0, 15);
  m_regs.define("ENABLED0", 0xb0, 0).access(Access::RO).on_read([this] {
    return m_regs.at(0xa0).value();  // while awake, the clocks enabled are WAKE_EN
  });
  m_regs.define("ENABLED1", 0xb4, 0).field("BITS", 0, 15, Access::RO).on_read([this] {
    return m_regs.at(0xa4).value();
  });
  m_regs.define("INTR", 0xb8, 0).field("CLK_SYS_RESUS", 0, 1, Access::RO);
  m_regs.define("INTE", 0xbc, 0).field("CLK_SYS_RESUS", 0, 1);
  m_regs.define("INTF", 0xc0, 0).field("CLK_SYS_RESUS", 0, 1);
  m_regs.define("INTS", 0xc4, 0).field("CLK_SYS_RESUS", 0, 1, Access::RO);
}

void Clocks::reset() {
  Device::reset();
  if (m_sched) m_sched->cancel(m_fc0_event);
  m_fc0_status = 0;
  m_fc0_result = 0;
}

uint32_t Clocks::source_hz(uint32_t src) const {
  switch (src) {
    case 0x01:
      return src_hz(m_src.pll_sys);
    case 0x02:
      return src_hz(m_src.pll_usb);
    case 0x03:
    case 0x04:
      return src_hz(m_src.rosc);
    case 0x05:
      return src_hz(m_src.xosc);
    case 0x08:
      return ref_hz();
    case 0x09:
      return sys_hz();
    case 0x0a:
      return peri_hz();
    case 0x0b:
      return usb_hz();
    case 0x0c:
      return adc_hz();
    case 0x0d:
      return rtc_hz();
    default:
      return 0;  // NULL, GPIN0/1 (no external clock inputs are modelled)
  }
}

void Clocks::start_frequency_count(uint32_t src) {
  if (m_sched) m_sched->cancel(m_fc0_event);
  if (src == 0) {
    m_fc0_status = 0;
    return;
  }
  m_fc0_status = 1u << 8;  // RUNNING
  const uint32_t ref_khz = m_regs.at(0x80).value() & 0xfffff;
  const uint32_t delay = m_regs.at(0x8c).value() & 7, interval = m_regs.at(0x90).value() & 0xf;
  const uint32_t sys = sys_hz();
  if (!m_sched || !sys || !ref_khz) return finish_frequency_count(src);
  // DELAY reference cycles, then a test interval of 2^INTERVAL us.
  const uint64_t ns = (uint64_t(1) << interval) * 1000 + uint64_t(delay) * 1'000'000 / ref_khz;
  m_fc0_event = m_sched->after(ns * sys / 1'000'000'000 + 1, [this, src] {
    m_fc0_event = EventId{};
    finish_frequency_count(src);
  });
}

void Clocks::finish_frequency_count(uint32_t src) {
  const uint32_t ref_khz = m_regs.at(0x80).value() & 0xfffff;
  const uint64_t hz = source_hz(src);
  const uint32_t khz32 = uint32_t(std::min<uint64_t>(hz * 32 / 1000, 0x3fffffff));  // 5 frac bits
  const uint32_t khz = khz32 >> 5;
  uint32_t status = 1u << 4;  // DONE
  if (!ref_khz) {
    status |= 1u << 16;  // FAIL: no reference frequency given
  } else if (hz == 0) {
    status |= (1u << 28) | (1u << 16);  // DIED
  } else {
    if (khz < (m_regs.at(0x84).value() & 0x1ffffff)) status |= (1u << 20) | (1u << 16);  // SLOW
    if (khz > (m_regs.at(0x88).value() & 0x1ffffff)) status |= (1u << 24) | (1u << 16);  // FAST
    if (!(status & (1u << 16))) status |= 1u;                                            // PASS
  }
  m_fc0_result = ref_khz && hz ? khz32 : 0;
  m_fc0_status = status;
}

uint32_t Clocks::divide(uint32_t hz, uint32_t div, unsigned int_bits) {
  // DIV is 24.8 fixed point (INT field only for 2-bit dividers); INT == 0 means 2^int_bits.
  uint64_t d = div & (int_bits == 24 ? 0xffffffffu : ((1u << (8 + int_bits)) - 1) & ~0xffu);
  if ((d >> 8) == 0) d |= uint64_t(1) << (8 + int_bits);
  return uint32_t((uint64_t(hz) << 8) / d);
}

uint32_t Clocks::aux(uint32_t ctrl_offset, const std::function<uint32_t()>* table,
                     unsigned n) const {
  unsigned sel = (ctrl(ctrl_offset) >> 5) & 7;
  return sel < n ? src_hz(table[sel]) : 0;
}

uint32_t Clocks::ref_hz() const {
  uint32_t c = ctrl(kRefCtrl);
  uint32_t hz = 0;
  switch (c & 3) {
    case 0:
      hz = src_hz(m_src.rosc);
      break;
    case 1:
      hz = ((c >> 5) & 3) == 0 ? src_hz(m_src.pll_usb) : 0;
      break;  // gpin0/1 unconnected
    case 2:
      hz = src_hz(m_src.xosc);
      break;
    default:
      hz = 0;
      break;
  }
  return divide(hz, m_regs.at(kRefDiv).value(), 2);
}

uint32_t Clocks::sys_hz() const {
  uint32_t hz;
  if ((ctrl(kSysCtrl) & 1) == 0) {
    hz = ref_hz();
  } else {
    std::function<uint32_t()> table[] = {m_src.pll_sys, m_src.pll_usb, m_src.rosc, m_src.xosc};
    hz = aux(kSysCtrl, table, 4);
  }
  return divide(hz, m_regs.at(kSysDiv).value(), 24);
}

uint32_t Clocks::peri_hz() const {
  if (!(ctrl(kPeriCtrl) & kEnable)) return 0;
  unsigned sel = (ctrl(kPeriCtrl) >> 5) & 7;
  switch (sel) {
    case 0:
      return sys_hz();
    case 1:
      return src_hz(m_src.pll_sys);
    case 2:
      return src_hz(m_src.pll_usb);
    case 3:
      return src_hz(m_src.rosc);
    case 4:
      return src_hz(m_src.xosc);
    default:
      return 0;
  }
}

uint32_t Clocks::usb_hz() const {
  if (!(ctrl(kUsbCtrl) & kEnable)) return 0;
  std::function<uint32_t()> table[] = {m_src.pll_usb, m_src.pll_sys, m_src.rosc, m_src.xosc};
  return divide(aux(kUsbCtrl, table, 4), m_regs.at(kUsbDiv).value(), 2);
}

uint32_t Clocks::adc_hz() const {
  if (!(ctrl(kAdcCtrl) & kEnable)) return 0;
  std::function<uint32_t()> table[] = {m_src.pll_usb, m_src.pll_sys, m_src.rosc, m_src.xosc};
  return divide(aux(kAdcCtrl, table, 4), m_regs.at(kAdcDiv).value(), 2);
}

uint32_t Clocks::rtc_hz() const {
  if (!(ctrl(kRtcCtrl) & kEnable)) return 0;
  std::function<uint32_t()> table[] = {m_src.pll_usb, m_src.pll_sys, m_src.rosc, m_src.xosc};
  return divide(aux(kRtcCtrl, table, 4), m_regs.at(kRtcDiv).value(), 24);
}

}  // namespace vpico::rp2040
