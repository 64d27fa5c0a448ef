#include "pll.h"

#include <fmt/format.h>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Offsets and bits (pico-sdk hardware/regs/pll.h).
constexpr uint32_t kCS = 0x0, kPWR = 0x4, kFBDIV_INT = 0x8, kPRIM = 0xc;
constexpr uint32_t kLock = 1u << 31, kBypass = 1u << 8, kRefdivMask = 0x3f;
constexpr uint32_t kPD = 1u << 0, kPostdivPD = 1u << 3, kVcoPD = 1u << 5;
constexpr uint32_t kFbdivMask = 0xfff;
constexpr unsigned kPostdiv1Lsb = 16, kPostdiv2Lsb = 12;

// Limits from the CS register description (pico-sdk hardware/regs/pll.h; older datasheet
// revisions allowed a 400 MHz VCO): FBDIV 16..320, VCO 750..1600 MHz, reference after REFDIV at
// least 5 MHz; post dividers 1..7 (PRIM).
constexpr uint32_t kFbdivMin = 16, kFbdivMax = 320;
constexpr uint64_t kVcoMin = 750'000'000, kVcoMax = 1'600'000'000;
constexpr uint32_t kFrefMin = 5'000'000;
}  // namespace

Pll::Pll(unsigned index, Scheduler& scheduler, std::function<uint32_t()> ref_hz,
         std::function<uint32_t()> sys_hz)
    : Device(index ? "PLL_USB" : "PLL_SYS", index ? kPllUsbBase : kPllSysBase),
      m_sched(scheduler),
      m_ref_hz(std::move(ref_hz)),
      m_sys_hz(std::move(sys_hz)) {
  m_regs.define("CS", kCS, 0x1)
      .field("REFDIV", 0, 6)
      .field("BYPASS", 8, 1)
      .field("LOCK", 31, 1, Access::RO)
      .on_read([this] { return m_regs.at(kCS).value() | (locked() ? kLock : 0); })
      .on_write([this](uint32_t old_value, uint32_t new_value) {
        config_changed(((old_value ^ new_value) & kRefdivMask) != 0);
      });
  m_regs.define("PWR", kPWR, 0x2d)
      .field("PD", 0, 1)
      .field("DSMPD", 2, 1)
      .field("POSTDIVPD", 3, 1)
      .field("VCOPD", 5, 1)
      .on_write([this](uint32_t, uint32_t) { config_changed(false); });
  m_regs.define("FBDIV_INT", kFBDIV_INT, 0)
      .field("FBDIV_INT", 0, 12)
      .on_write([this](uint32_t old_value, uint32_t new_value) {
        config_changed(((old_value ^ new_value) & kFbdivMask) != 0);
      });
  m_regs.define("PRIM", kPRIM, 0x77000)
      .field("POSTDIV2", kPostdiv2Lsb, 3)
      .field("POSTDIV1", kPostdiv1Lsb, 3)
      .on_write([this](uint32_t, uint32_t) { config_changed(false); });
}

void Pll::reset() {
  Device::reset();
  m_lock_at = UINT64_MAX;
  notify_if_changed();
}

bool Pll::locked() const {
  return m_lock_at != UINT64_MAX && m_sched.now() >= m_lock_at;
}

bool Pll::vco_powered() const {
  return (m_regs.at(kPWR).value() & (kPD | kVcoPD)) == 0;
}

uint64_t Pll::vco_hz() const {
  if (!vco_powered()) return 0;
  const uint32_t refdiv = m_regs.at(kCS).value() & kRefdivMask;
  const uint32_t fbdiv = m_regs.at(kFBDIV_INT).value() & kFbdivMask;
  const uint32_t ref = m_ref_hz ? m_ref_hz() : 0;
  if (!refdiv) return 0;
  return uint64_t(ref) * fbdiv / refdiv;
}

uint32_t Pll::hz() const {
  // CS.BYPASS passes the reference to the output instead of the divided VCO.
  if (m_regs.at(kCS).value() & kBypass) return m_ref_hz ? m_ref_hz() : 0;
  if (!vco_powered() || (m_regs.at(kPWR).value() & kPostdivPD)) return 0;
  const uint32_t prim = m_regs.at(kPRIM).value();
  const uint32_t pd1 = (prim >> kPostdiv1Lsb) & 7, pd2 = (prim >> kPostdiv2Lsb) & 7;
  if (!pd1 || !pd2) return 0;
  return uint32_t(vco_hz() / (pd1 * pd2));
}

void Pll::config_changed(bool relock) {
  if (relock || !vco_powered()) m_lock_at = UINT64_MAX;
  if (vco_powered() && m_lock_at == UINT64_MAX) {
    const uint32_t ref = m_ref_hz ? m_ref_hz() : 0;
    const uint32_t refdiv = m_regs.at(kCS).value() & kRefdivMask;
    const uint32_t fbdiv = m_regs.at(kFBDIV_INT).value() & kFbdivMask;
    // No reference or an unusable divider: the loop never locks.
    if (ref && refdiv && fbdiv >= kFbdivMin && fbdiv <= kFbdivMax) {
      const uint32_t sys = m_sys_hz ? m_sys_hz() : 0;
      const uint64_t delay =
          sys ? (uint64_t(kLockRefCycles) * sys + ref - 1) / ref : uint64_t(kLockRefCycles);
      m_lock_at = m_sched.now() + (delay ? delay : 1);
    }
  }
  check_config();
  notify_if_changed();
}

void Pll::check_config() {
  if (!on_warning || !vco_powered()) return;
  auto warn = [&](const std::string& what, const std::string& message) {
    on_warning(name() + "." + what, name() + ": " + message + " (datasheet 2.18.2)");
  };
  const uint32_t ref = m_ref_hz ? m_ref_hz() : 0;
  const uint32_t refdiv = m_regs.at(kCS).value() & kRefdivMask;
  const uint32_t fbdiv = m_regs.at(kFBDIV_INT).value() & kFbdivMask;
  if (!refdiv) {
    warn("refdiv0", "VCO powered with CS.REFDIV = 0, whose behaviour is undefined");
    return;
  }
  if (fbdiv < kFbdivMin || fbdiv > kFbdivMax)
    warn(fmt::format("fbdiv{}", fbdiv),
         fmt::format("FBDIV_INT = {} is outside {}..{}", fbdiv, kFbdivMin, kFbdivMax));
  if (ref && ref / refdiv < kFrefMin)
    warn(fmt::format("fref{}", ref / refdiv),
         fmt::format("reference / REFDIV = {} Hz is below {} Hz", ref / refdiv, kFrefMin));
  const uint64_t vco = vco_hz();
  if (ref && fbdiv && (vco < kVcoMin || vco > kVcoMax))
    warn(fmt::format("vco{}", vco), fmt::format("VCO at {} MHz is outside {}..{} MHz", vco / 1e6,
                                                kVcoMin / 1'000'000, kVcoMax / 1'000'000));
  const uint32_t prim = m_regs.at(kPRIM).value();
  if (!(m_regs.at(kPWR).value() & kPostdivPD) &&
      (((prim >> kPostdiv1Lsb) & 7) == 0 || ((prim >> kPostdiv2Lsb) & 7) == 0))
    warn("postdiv0", "a post divider is 0 (legal values 1..7): no output");
}

void Pll::notify_if_changed() {
  const uint32_t hz_now = hz();
  if (hz_now == m_last_hz) return;
  m_last_hz = hz_now;
  if (on_change) on_change();
}

}  // namespace vpico::rp2040
