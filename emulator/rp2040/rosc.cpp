#include "rosc.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Offsets and magic values (pico-sdk hardware/regs/rosc.h).
constexpr uint32_t kCTRL = 0x00, kFREQA = 0x04, kFREQB = 0x08, kDORMANT = 0x0c, kDIV = 0x10,
                   kPHASE = 0x14, kSTATUS = 0x18, kRANDOMBIT = 0x1c, kCOUNT = 0x20;
constexpr uint32_t kEnable = 0xfab, kDisable = 0xd1e;
constexpr uint32_t kRangeLow = 0xfa4, kRangeMedium = 0xfa5, kRangeHigh = 0xfa7,
                   kRangeTooHigh = 0xfa6, kRangeReset = 0xaa0;
constexpr uint32_t kFreqPasswd = 0x9696, kDivPass = 0xaa0, kPhasePasswd = 0xaa;
constexpr uint32_t kDormantValue = 0x636f6d61, kWakeValue = 0x77616b65;
constexpr uint32_t kStable = 1u << 31, kBadwrite = 1u << 24, kDivRunning = 1u << 16,
                   kEnabled = 1u << 12;
// Maximal-length 32-bit Galois LFSR, x^32 + x^22 + x^2 + x + 1.
constexpr uint32_t kLfsrTaps = 0x80200003;
// The ring with all 8 stages runs at 16 x the nominal reset output (LOW range, DIV = 16).
constexpr uint64_t kRingHz8Stages = uint64_t(kRoscHz) * 16;
}  // namespace

Rosc::Rosc(Scheduler& scheduler, std::function<uint32_t()> sys_hz, uint32_t seed)
    : Device("ROSC", kRoscBase),
      m_sched(scheduler),
      m_sys_hz(std::move(sys_hz)),
      m_seed(seed ? seed : kDefaultSeed),
      m_lfsr(m_seed) {
  m_regs.define("CTRL", kCTRL, kRangeReset)
      .field("FREQ_RANGE", 0, 12)
      .field("ENABLE", 12, 12)
      .on_write([this](uint32_t old_value, uint32_t new_value) {
        // An invalid ENABLE value enables the oscillator and flags BADWRITE (datasheet 2.17.8).
        const uint32_t enable = (new_value >> 12) & 0xfff, range = new_value & 0xfff;
        if ((((old_value ^ new_value) >> 12) & 0xfff) && enable != kEnable && enable != kDisable)
          bad_write();
        if (((old_value ^ new_value) & 0xfff) && range != kRangeLow && range != kRangeMedium &&
            range != kRangeHigh && range != kRangeTooHigh)
          bad_write();
        notify_if_changed();
      });
  for (const uint32_t offset : {kFREQA, kFREQB}) {
    const bool a = offset == kFREQA;
    m_regs.define(a ? "FREQA" : "FREQB", offset, 0)
        .field(a ? "DS0" : "DS4", 0, 3)
        .field(a ? "DS1" : "DS5", 4, 3)
        .field(a ? "DS2" : "DS6", 8, 3)
        .field(a ? "DS3" : "DS7", 12, 3)
        .field("PASSWD", 16, 16)
        .on_write([this, offset](uint32_t, uint32_t v) {
          // Any PASSWD other than 0x9696 sets every drive strength to 0.
          if ((v >> 16) != kFreqPasswd) {
            m_regs.at(offset).set(v & 0xffff0000u);
            bad_write();
          }
        });
  }
  m_regs.define("DORMANT", kDORMANT, kWakeValue).on_write([this](uint32_t, uint32_t v) {
    if (v == kDormantValue) {
      if (on_warning)
        on_warning("rosc.dormant",
                   "ROSC: DORMANT is not modelled; the oscillator keeps running as if woken");
    } else if (v != kWakeValue) {
      m_regs.at(kDORMANT).set(kWakeValue);  // an invalid write selects WAKE
      bad_write();
    }
  });
  m_regs.define("DIV", kDIV, kDivPass + 16)
      .field("DIV", 0, 12)
      .on_write([this](uint32_t, uint32_t v) {
        if (v < kDivPass || v > kDivPass + 31) bad_write();  // divides by 31 (divisor())
        notify_if_changed();
      });
  m_regs.define("PHASE", kPHASE, 0x8)
      .field("SHIFT", 0, 2)
      .field("FLIP", 2, 1)
      .field("ENABLE", 3, 1)
      .field("PASSWD", 4, 8)
      .on_write([this](uint32_t, uint32_t v) {
        // Any PASSWD other than 0xaa enables the output with SHIFT = 0.
        if (((v >> 4) & 0xff) != kPhasePasswd) {
          m_regs.at(kPHASE).set((v & ~0x3u) | 0x8);
          bad_write();
        }
      });
  m_regs.define("STATUS", kSTATUS, 0)
      .field("ENABLED", 12, 1, Access::RO)
      .field("DIV_RUNNING", 16, 1, Access::RO)
      .field("BADWRITE", 24, 1, Access::W1C)
      .field("STABLE", 31, 1, Access::RO)
      .on_read([this] {
        uint32_t v = m_regs.at(kSTATUS).value() & kBadwrite;
        if (enabled()) v |= kEnabled | kDivRunning | kStable;
        return v;
      });
  m_regs.define("RANDOMBIT", kRANDOMBIT, 1).field("RANDOMBIT", 0, 1, Access::RO).on_read([this] {
    return m_lfsr & 1;
  });
  m_regs.define("COUNT", kCOUNT, 0)
      .field("COUNT", 0, 8)
      .on_write([this](uint32_t, uint32_t v) {
        m_count_start = v & 0xff;
        m_count_cycle = m_sched.now();
        m_count_hz = hz();
        m_count_sys = m_sys_hz ? m_sys_hz() : 0;
      })
      .on_read([this] { return count(); });
  m_last_hz = hz();
}

void Rosc::reset() {
  Device::reset();
  m_lfsr = m_seed;
  m_count_start = 0;
  m_count_cycle = 0;
  notify_if_changed();
}

bool Rosc::read(uint32_t offset, uint32_t& value) {
  if (offset == kRANDOMBIT) {
    // Each bus read samples the "oscillator": the LFSR steps, so a read sequence is repeatable.
    if (enabled()) {
      const uint32_t lsb = m_lfsr & 1;
      m_lfsr >>= 1;
      if (lsb) m_lfsr ^= kLfsrTaps;
    }
    value = m_lfsr & 1;
    return true;
  }
  return Device::read(offset, value);
}

bool Rosc::enabled() const {
  return ((m_regs.at(kCTRL).value() >> 12) & 0xfff) != kDisable;
}

uint32_t Rosc::divisor() const {
  const uint32_t v = m_regs.at(kDIV).value();
  if (v < kDivPass || v > kDivPass + 31) return 31;
  return v == kDivPass ? 32 : v - kDivPass;
}

uint32_t Rosc::hz() const {
  if (!enabled()) return 0;
  unsigned stages = 8;  // LOW, and any value that is not a range
  switch (m_regs.at(kCTRL).value() & 0xfff) {
    case kRangeMedium:
      stages = 6;
      break;
    case kRangeHigh:
      stages = 4;
      break;
    case kRangeTooHigh:
      stages = 2;
      break;
    default:
      break;
  }
  return uint32_t(kRingHz8Stages * 8 / stages / divisor());
}

uint32_t Rosc::count() const {
  if (!m_count_hz || !m_count_sys) return m_count_start;
  const uint64_t now = m_sched.now();
  const uint64_t elapsed = now > m_count_cycle ? now - m_count_cycle : 0;
  if (elapsed >> 32) return 0;  // long run out (and no overflow below)
  const uint64_t rosc_cycles = elapsed * m_count_hz / m_count_sys;
  return rosc_cycles >= m_count_start ? 0 : m_count_start - uint32_t(rosc_cycles);
}

void Rosc::notify_if_changed() {
  const uint32_t now_hz = hz();
  if (now_hz == m_last_hz) return;
  m_last_hz = now_hz;
  if (on_change) on_change();
}

}  // namespace vpico::rp2040
