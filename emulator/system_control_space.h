// The Cortex-M0+ System Control Space at 0xe000e000, one per core (ARMv6-M ARM B3.2-B3.4):
// the NVIC (32 level-sensitive IRQ lines, enable, pending, 2-bit priorities), the SCB (CPUID,
// ICSR with PendSV/SysTick/NMI set and clear, VTOR, AIRCR, SCR, SHPR2/3) and SysTick.
// It decides which exception is pending and at which priority; the core (cortex_m0plus.cpp)
// performs entry and return. SysTick counts on the processor clock; CLKSOURCE=0 (the external
// reference) is counted on the processor clock too and reported once (not modelled yet).
#pragma once

#include <array>
#include <functional>

#include "device.h"
#include "diagnostics.h"
#include "scheduler.h"

namespace vpico {

// Exception numbers (ARMv6-M ARM B1.5.2).
enum Exception : unsigned {
  kReset = 1,
  kNmi = 2,
  kHardFault = 3,
  kSvcall = 11,
  kPendsv = 14,
  kSystick = 15,
  kIrq0 = 16,
};

class SystemControlSpace : public Device {
 public:
  SystemControlSpace(unsigned core, Scheduler& scheduler, Diagnostics& diagnostics);
  bool has_atomic_aliases() const override { return false; }
  void reset() override;

  uint32_t vtor() const { return m_regs.at(0xd08).value(); }

  // Peripheral interrupt line levels (both cores' NVICs see every line).
  void set_irq_line(unsigned irq, bool level);
  void set_pending(unsigned exception);
  // Exception handling state, used by the core.
  // Priority of an exception: -2 NMI, -1 HardFault, else 0..3 (the 2 implemented bits).
  int priority_of(unsigned exception) const;
  // The pending exception that would be taken given PRIMASK, or 0.
  unsigned exception_to_take(bool primask) const;
  // Highest-priority pending exception, ignoring the execution priority (for wake-up), or 0.
  unsigned highest_pending() const;
  int execution_priority(bool primask) const;
  void activate(unsigned exception);    // entry: pending -> active
  void deactivate(unsigned exception);  // return
  bool is_active(unsigned exception) const;
  unsigned active_count() const;
  // Any exception pending at all (a cheap check for the block hook).
  bool any_pending() const { return m_any_pending; }
  // AIRCR.SYSRESETREQ was written with the right key.
  std::function<void()> on_system_reset_request;
  // SCR.SEVONPEND: a newly pending interrupt is a wake-up event.
  std::function<void()> on_event;
  // The exception the core is executing (IPSR), for ICSR.VECTACTIVE.
  std::function<unsigned()> current_exception;
  bool sleep_on_exit() const { return m_regs.at(0xd10).value() & 2; }

 private:
  void update_any_pending();
  uint32_t icsr() const;
  // SysTick (B3.3): the counter is derived from scheduler time; one event per wrap.
  void systick_reschedule();
  uint32_t systick_current() const;
  void systick_wrap();

  unsigned m_core;
  Scheduler& m_sched;
  Diagnostics& m_diag;
  uint32_t m_irq_enabled = 0, m_irq_pending = 0, m_irq_lines = 0, m_irq_active = 0;
  std::array<uint8_t, 32> m_irq_priority{};  // 0..3
  bool m_nmi_pending = false, m_pendsv_pending = false, m_systick_pending = false,
       m_svc_pending = false;
  // Active system exceptions, bit per exception number (< 16).
  uint32_t m_sys_active = 0;
  bool m_any_pending = false;
  // SysTick: the counter reloaded at m_systick_base (scheduler cycle) with value m_systick_start.
  uint64_t m_systick_base = 0;
  uint32_t m_systick_start = 0;
  EventId m_systick_event;
};

}  // namespace vpico
