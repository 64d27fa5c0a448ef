#include "system_control_space.h"

#include <fmt/format.h>

namespace vpico {

namespace {
constexpr uint32_t kSystCsr = 0x010, kSystRvr = 0x014, kSystCvr = 0x018, kIcsr = 0xd04,
                   kAircr = 0xd0c, kShpr2 = 0xd1c, kShpr3 = 0xd20;
constexpr int kThreadPriority = 4;  // lower than any configurable priority (0..3)
}  // namespace

SystemControlSpace::SystemControlSpace(unsigned core, Scheduler& scheduler, Diagnostics& diag)
    : Device(core ? "SCS(core1)" : "SCS(core0)", 0xe000e000, 0x1000),
      m_core(core),
      m_sched(scheduler),
      m_diag(diag) {
  m_regs.define("SYST_CSR", kSystCsr, 0)
      .field("ENABLE", 0, 1)
      .field("TICKINT", 1, 1)
      .field("CLKSOURCE", 2, 1)
      .field("COUNTFLAG", 16, 1, Access::RC)
      .on_write([this](uint32_t old, uint32_t now) {
        if ((now & 1) && !(now & 4))
          m_diag.warn("systick-ref",
                      "SysTick CLKSOURCE=0 (external reference) is counted on the "
                      "processor clock in this model");
        if ((old ^ now) & 1) {  // enabling starts counting from CVR; disabling freezes it
          m_systick_start = (now & 1) ? m_regs.at(kSystCvr).value() : systick_current();
          m_regs.at(kSystCvr).set(m_systick_start);
          m_systick_base = m_sched.now();
          systick_reschedule();
        }
      });
  m_regs.define("SYST_RVR", kSystRvr, 0)
      .field("RELOAD", 0, 24)
      .on_write([this](uint32_t, uint32_t) {
        if (m_regs.at(kSystCsr).value() & 1) systick_reschedule();
      });
  // Any write clears the counter and COUNTFLAG (B3.3.5).
  m_regs.define("SYST_CVR", kSystCvr, 0)
      .field("CURRENT", 0, 24)
      .on_read([this] { return systick_current(); })
      .on_write([this](uint32_t, uint32_t) {
        m_regs.at(kSystCvr).set(0);
        m_regs.at(kSystCsr).set_bits(1u << 16, false);
        m_systick_start = 0;
        m_systick_base = m_sched.now();
        systick_reschedule();
      });
  // SYST_CALIB: NOREF=0, SKEW=1, TENMS=0 is what the RP2040 reports; check with the datasheet.
  m_regs.define("SYST_CALIB", 0x01c, 0).access(Access::RO);
  m_regs.define("NVIC_ISER", 0x100, 0)
      .on_read([this] { return m_irq_enabled; })
      .on_write([this](uint32_t, uint32_t v) {
        m_irq_enabled |= v;
        update_any_pending();
        if (v & m_irq_pending && on_event && (m_regs.at(0xd10).value() & 0x10)) on_event();
      });
  m_regs.define("NVIC_ICER", 0x180, 0)
      .on_read([this] { return m_irq_enabled; })
      .on_write([this](uint32_t, uint32_t v) {
        m_irq_enabled &= ~v;
        update_any_pending();
      });
  m_regs.define("NVIC_ISPR", 0x200, 0)
      .on_read([this] { return m_irq_pending; })
      .on_write([this](uint32_t, uint32_t v) {
        m_irq_pending |= v;
        update_any_pending();
      });
  m_regs.define("NVIC_ICPR", 0x280, 0)
      .on_read([this] { return m_irq_pending; })
      .on_write([this](uint32_t, uint32_t v) {
        // A level-sensitive line still asserted pends again at once.
        m_irq_pending = (m_irq_pending & ~v) | (m_irq_lines & ~m_irq_active & v);
        update_any_pending();
      });
  m_regs.define_array("NVIC_IPR", 0x400, 4, 8, 0, [this](Register& r, unsigned n) {
    r.field("IP_0", 6, 2).field("IP_1", 14, 2).field("IP_2", 22, 2).field("IP_3", 30, 2);
    r.on_write([this, n](uint32_t, uint32_t v) {
      for (unsigned i = 0; i < 4; ++i)
        m_irq_priority[4 * n + i] = (v >> (8 * i + 6)) & 3;
    });
  });
  // CPUID: ARM Cortex-M0+ r0p1 (Cortex-M0+ TRM 4.2.1).
  m_regs.define("CPUID", 0xd00, 0x410cc601).access(Access::RO);
  m_regs
      .define("ICSR", kIcsr, 0)
      // The SET bits read back the pending state (computed in on_read); the CLR bits read 0.
      .field("PENDSTCLR", 25, 1, Access::WO)
      .field("PENDSTSET", 26, 1)
      .field("PENDSVCLR", 27, 1, Access::WO)
      .field("PENDSVSET", 28, 1)
      .field("NMIPENDSET", 31, 1)
      .field("VECTACTIVE", 0, 9, Access::RO)
      .field("VECTPENDING", 12, 9, Access::RO)
      .field("ISRPENDING", 22, 1, Access::RO)
      .field("ISRPREEMPT", 23, 1, Access::RO)
      .on_read([this] { return icsr(); })
      .on_write([this](uint32_t, uint32_t v) {
        if (v & (1u << 31)) m_nmi_pending = true;
        if (v & (1u << 28)) m_pendsv_pending = true;
        if (v & (1u << 27)) m_pendsv_pending = false;
        if (v & (1u << 26)) m_systick_pending = true;
        if (v & (1u << 25)) m_systick_pending = false;
        update_any_pending();
      });
  m_regs.define("VTOR", 0xd08, 0).field("TBLOFF", 8, 24);
  m_regs.define("AIRCR", kAircr, 0)
      .field("VECTCLRACTIVE", 1, 1, Access::SC)
      .field("SYSRESETREQ", 2, 1, Access::SC)
      .field("ENDIANESS", 15, 1, Access::RO)
      .field("VECTKEY", 16, 16, Access::SC)
      .on_read([] { return 0xfa050000u; })  // VECTKEYSTAT reads 0xfa05
      .on_write([this](uint32_t, uint32_t v) {
        if ((v >> 16) == 0x05fa && (v & 4) && on_system_reset_request) on_system_reset_request();
      });
  m_regs.define("SCR", 0xd10, 0)
      .field("SLEEPONEXIT", 1, 1)
      .field("SLEEPDEEP", 2, 1)
      .field("SEVONPEND", 4, 1);
  m_regs.define("CCR", 0xd14, 0x204).access(Access::RO);  // UNALIGN_TRP, STKALIGN always on
  m_regs.define("SHPR2", kShpr2, 0).field("PRI_11", 30, 2);
  m_regs.define("SHPR3", kShpr3, 0).field("PRI_14", 22, 2).field("PRI_15", 30, 2);
  m_regs.define("SHCSR", 0xd24, 0).field("SVCALLPENDED", 15, 1).on_read([this] {
    return m_svc_pending ? 1u << 15 : 0u;
  });
  m_regs.define("MPU_TYPE", 0xd90, 0x800).access(Access::RO);  // 8 regions
  m_regs.define("MPU_CTRL", 0xd94, 0)
      .field("ENABLE", 0, 1)
      .field("HFNMIENA", 1, 1)
      .field("PRIVDEFENA", 2, 1);
  m_regs.define("MPU_RNR", 0xd98, 0).field("REGION", 0, 4);
  m_regs.define("MPU_RBAR", 0xd9c, 0);
  m_regs.define("MPU_RASR", 0xda0, 0);
}

void SystemControlSpace::reset() {
  Device::reset();
  m_irq_enabled = m_irq_pending = m_irq_active = 0;
  m_irq_priority.fill(0);
  m_nmi_pending = m_pendsv_pending = m_systick_pending = m_svc_pending = false;
  m_sys_active = 0;
  m_sched.cancel(m_systick_event);
  m_systick_base = 0;
  m_systick_start = 0;
  m_irq_pending = m_irq_lines;  // lines still asserted pend
  update_any_pending();
}

void SystemControlSpace::set_irq_line(unsigned irq, bool level) {
  const uint32_t bit = 1u << irq;
  const bool was = m_irq_lines & bit;
  m_irq_lines = level ? (m_irq_lines | bit) : (m_irq_lines & ~bit);
  if (level && !was) {
    m_irq_pending |= bit;
    update_any_pending();
    if (on_event && (m_regs.at(0xd10).value() & 0x10)) on_event();  // SEVONPEND
  }
}

void SystemControlSpace::set_pending(unsigned e) {
  switch (e) {
    case kNmi:
      m_nmi_pending = true;
      break;
    case kSvcall:
      m_svc_pending = true;
      break;
    case kPendsv:
      m_pendsv_pending = true;
      break;
    case kSystick:
      m_systick_pending = true;
      break;
    default:
      if (e >= kIrq0 && e < kIrq0 + 32) m_irq_pending |= 1u << (e - kIrq0);
  }
  update_any_pending();
}

int SystemControlSpace::priority_of(unsigned e) const {
  switch (e) {
    case kNmi:
      return -2;
    case kHardFault:
      return -1;
    case kSvcall:
      return int(m_regs.at(kShpr2).value() >> 30);
    case kPendsv:
      return int((m_regs.at(kShpr3).value() >> 22) & 3);
    case kSystick:
      return int(m_regs.at(kShpr3).value() >> 30);
    default:
      return e >= kIrq0 ? int(m_irq_priority[e - kIrq0]) : kThreadPriority;
  }
}

int SystemControlSpace::execution_priority(bool primask) const {
  int p = kThreadPriority;
  for (unsigned e = 1; e < 16; ++e)
    if ((m_sys_active >> e) & 1) p = std::min(p, priority_of(e));
  for (unsigned i = 0; i < 32; ++i)
    if ((m_irq_active >> i) & 1) p = std::min(p, int(m_irq_priority[i]));
  if (primask) p = std::min(p, 0);  // PRIMASK raises the execution priority to 0 (B1.5.4)
  return p;
}

unsigned SystemControlSpace::highest_pending() const {
  unsigned best = 0;
  int best_p = kThreadPriority + 1;
  auto consider = [&](unsigned e, bool pending) {
    if (pending && priority_of(e) < best_p) {  // ties: the lower exception number wins
      best = e;
      best_p = priority_of(e);
    }
  };
  consider(kNmi, m_nmi_pending);
  consider(kSvcall, m_svc_pending);
  consider(kPendsv, m_pendsv_pending);
  consider(kSystick, m_systick_pending);
  uint32_t irqs = m_irq_pending & m_irq_enabled;
  for (unsigned i = 0; irqs; ++i, irqs >>= 1)
    consider(kIrq0 + i, irqs & 1);
  return best;
}

unsigned SystemControlSpace::exception_to_take(bool primask) const {
  unsigned e = highest_pending();
  if (!e) return 0;
  return priority_of(e) < execution_priority(primask) ? e : 0;
}

void SystemControlSpace::activate(unsigned e) {
  switch (e) {
    case kNmi:
      m_nmi_pending = false;
      break;
    case kSvcall:
      m_svc_pending = false;
      break;
    case kPendsv:
      m_pendsv_pending = false;
      break;
    case kSystick:
      m_systick_pending = false;
      break;
    default:
      break;
  }
  if (e >= kIrq0) {
    m_irq_pending &= ~(1u << (e - kIrq0));
    m_irq_active |= 1u << (e - kIrq0);
  } else {
    m_sys_active |= 1u << e;
  }
  update_any_pending();
}

void SystemControlSpace::deactivate(unsigned e) {
  if (e >= kIrq0) {
    uint32_t bit = 1u << (e - kIrq0);
    m_irq_active &= ~bit;
    if (m_irq_lines & bit) m_irq_pending |= bit;  // level still asserted: pend again
  } else {
    m_sys_active &= ~(1u << e);
  }
  update_any_pending();
}

bool SystemControlSpace::is_active(unsigned e) const {
  return e >= kIrq0 ? (m_irq_active >> (e - kIrq0)) & 1 : (m_sys_active >> e) & 1;
}

unsigned SystemControlSpace::active_count() const {
  return unsigned(__builtin_popcount(m_irq_active) + __builtin_popcount(m_sys_active));
}

void SystemControlSpace::update_any_pending() {
  m_any_pending = m_nmi_pending || m_pendsv_pending || m_systick_pending || m_svc_pending ||
                  (m_irq_pending & m_irq_enabled);
}

uint32_t SystemControlSpace::icsr() const {
  uint32_t v = 0;
  if (current_exception) v |= current_exception() & 0x1ff;
  unsigned p = highest_pending();
  v |= (p & 0x1ff) << 12;
  if (m_irq_pending & m_irq_enabled) v |= 1u << 22;
  if (m_nmi_pending) v |= 1u << 31;
  if (m_pendsv_pending) v |= 1u << 28;
  if (m_systick_pending) v |= 1u << 26;
  return v;
}

uint32_t SystemControlSpace::systick_current() const {
  if (!(m_regs.at(kSystCsr).value() & 1)) return m_regs.at(kSystCvr).value();
  const uint32_t reload = m_regs.at(kSystRvr).value() & 0xffffff;
  uint64_t elapsed = m_sched.now() - m_systick_base;
  if (m_systick_start > 0) {
    if (elapsed <= m_systick_start) return uint32_t(m_systick_start - elapsed);
    elapsed -= m_systick_start;
  }
  if (elapsed == 0 || reload == 0) return 0;
  return reload - uint32_t((elapsed - 1) % (uint64_t(reload) + 1));
}

void SystemControlSpace::systick_reschedule() {
  m_sched.cancel(m_systick_event);
  if (!(m_regs.at(kSystCsr).value() & 1)) return;
  const uint32_t reload = m_regs.at(kSystRvr).value() & 0xffffff;
  // Re-anchor at the current value, then find the next time the counter reaches 0 from above.
  uint32_t cur = systick_current();
  m_systick_base = m_sched.now();
  m_systick_start = cur;
  uint64_t to_zero;
  if (cur > 0) {
    to_zero = cur;
  } else {
    if (reload == 0) return;  // a zero reload stops the counter at 0
    to_zero = uint64_t(reload) + 1;
  }
  m_systick_event = m_sched.at(m_systick_base + to_zero, [this] { systick_wrap(); });
}

void SystemControlSpace::systick_wrap() {
  m_systick_event = EventId{};
  Register& csr = m_regs.at(kSystCsr);
  csr.set_bits(1u << 16, true);  // COUNTFLAG
  if (csr.value() & 2) {         // TICKINT
    m_systick_pending = true;
    update_any_pending();
  }
  m_systick_base = m_sched.now();
  m_systick_start = 0;
  systick_reschedule();
}

}  // namespace vpico
