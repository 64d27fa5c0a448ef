#include "xosc.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

// datasheet 2.16.7: CTRL.ENABLE magic values.
constexpr uint32_t kEnableMagic = 0xfab, kDisableMagic = 0xd1e;

Xosc::Xosc(Scheduler& scheduler, uint32_t crystal_hz)
    : Device("XOSC", kXoscBase), m_sched(scheduler), m_crystal_hz(crystal_hz) {
  m_regs.define("CTRL", 0x00, 0)
      .field("FREQ_RANGE", 0, 12)
      .field("ENABLE", 12, 12)
      .on_write([this](uint32_t, uint32_t v) {
        uint32_t magic = (v >> 12) & 0xfff;
        if (magic == kEnableMagic) set_enabled(true);
        if (magic == kDisableMagic) set_enabled(false);
      });
  m_regs.define("STATUS", 0x04, 0)
      .field("FREQ_RANGE", 0, 2, Access::RO)
      .field("ENABLED", 12, 1, Access::RO)
      .field("BADWRITE", 24, 1, Access::W1C)
      .field("STABLE", 31, 1, Access::RO)
      .on_read([this] {
        // FREQ_RANGE reads 0 (1_15MHZ), the only range supported.
        uint32_t v = m_regs.at(0x04).value() & (1u << 24);
        if (m_enabled) v |= 1u << 12;
        if (m_stable) v |= 1u << 31;
        return v;
      });
  m_regs.define("DORMANT", 0x08, 0).on_write([this](uint32_t, uint32_t v) {
    (void)v;  // dormant mode needs a wake-up source model; see the header
  });
  m_regs.define("STARTUP", 0x0c, 0x00c4).field("DELAY", 0, 14).field("X4", 20, 1);
  m_regs.define("COUNT", 0x1c, 0)
      .field("COUNT", 0, 8)
      .on_write([this](uint32_t, uint32_t v) {
        m_count_start = v & 0xff;
        m_count_start_cycle = m_sched.now();
      })
      .on_read([this]() -> uint32_t {
        // Counts down at the crystal frequency to 0 (datasheet 2.16.7 COUNT).
        uint32_t sys = m_sys_hz ? m_sys_hz() : 0;
        if (!sys || !m_stable) return m_count_start;
        uint64_t ticks = (m_sched.now() - m_count_start_cycle) * m_crystal_hz / sys;
        return ticks >= m_count_start ? 0 : uint32_t(m_count_start - ticks);
      });
}

void Xosc::reset() {
  Device::reset();
  m_sched.cancel(m_stable_event);
  m_enabled = m_stable = false;
}

void Xosc::set_enabled(bool enabled) {
  if (enabled == m_enabled) return;
  m_enabled = enabled;
  m_sched.cancel(m_stable_event);
  if (!enabled) {
    m_stable = false;
    if (on_change) on_change();
    return;
  }
  // STABLE rises after STARTUP.DELAY x 256 crystal periods (x4 when X4 is set).
  uint32_t startup = m_regs.at(0x0c).value();
  uint64_t xosc_cycles = uint64_t(startup & 0x3fff) * 256 * ((startup >> 20) & 1 ? 4 : 1);
  uint32_t sys = m_sys_hz ? m_sys_hz() : kRoscHz;
  uint64_t delay = sys ? xosc_cycles * sys / m_crystal_hz : 0;
  m_stable_event = m_sched.after(delay + 1, [this] {
    m_stable_event = EventId{};
    m_stable = true;
    if (on_change) on_change();
  });
}

}  // namespace vpico::rp2040
