#include "vreg.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
constexpr uint32_t kVREG = 0x0, kBOD = 0x4, kCHIP_RESET = 0x8;
constexpr uint32_t kEn = 1u << 0, kHiz = 1u << 1, kRok = 1u << 12;
constexpr uint32_t kHadPor = 1u << 8, kHadRun = 1u << 16, kHadPsmRestart = 1u << 20;
}  // namespace

Vreg::Vreg() : Device("VREG_AND_CHIP_RESET", kVregBase) {
  m_regs.define("VREG", kVREG, 0xb1)
      .field("EN", 0, 1)
      .field("HIZ", 1, 1)
      .field("VSEL", 4, 4)
      .field("ROK", 12, 1, Access::RO)
      .on_read([this] {
        const uint32_t v = m_regs.at(kVREG).value();
        return (v & kEn) && !(v & kHiz) ? v | kRok : v;
      })
      .on_write([this](uint32_t, uint32_t) {
        if (on_change) on_change();
      });
  m_regs.define("BOD", kBOD, 0x91).field("EN", 0, 1).field("VSEL", 4, 4);
  m_regs.define("CHIP_RESET", kCHIP_RESET, 0)
      .field("HAD_POR", 8, 1, Access::RO)
      .field("HAD_RUN", 16, 1, Access::RO)
      .field("HAD_PSM_RESTART", 20, 1, Access::RO)
      .field("PSM_RESTART_FLAG", 24, 1, Access::W1C);
  reset();
}

void Vreg::reset() {
  Device::reset();
  uint32_t had = kHadPor;
  if (m_cause == ResetCause::RunPin) had = kHadRun;
  if (m_cause == ResetCause::DebugPort) had = kHadPsmRestart;
  m_regs.at(kCHIP_RESET).set(had);
}

double Vreg::voltage() const {
  const uint32_t v = m_regs.at(kVREG).value();
  if (!(v & kEn)) return 0.0;
  // VSEL 0..5 give 0.80 V, then 50 mV steps up to 1.30 V at 15
  // (hardware/regs/vreg_and_chip_reset.h).
  const unsigned vsel = (v >> 4) & 0xf;
  return vsel <= 5 ? 0.80 : 0.80 + 0.05 * (vsel - 5);
}

}  // namespace vpico::rp2040
