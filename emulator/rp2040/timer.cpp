#include "timer.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Offsets (pico-sdk hardware/regs/timer.h).
constexpr uint32_t kTIMEHW = 0x00, kTIMELW = 0x04, kTIMEHR = 0x08, kTIMELR = 0x0c, kALARM0 = 0x10,
                   kARMED = 0x20, kTIMERAWH = 0x24, kTIMERAWL = 0x28, kDBGPAUSE = 0x2c,
                   kPAUSE = 0x30, kINTR = 0x34, kINTE = 0x38, kINTF = 0x3c, kINTS = 0x40;
constexpr uint32_t kDbg0 = 1u << 1, kDbg1 = 1u << 2;
constexpr unsigned kAlarms = 4;
}  // namespace

Timer::Timer(Scheduler& scheduler, IrqSink& irqs, TickSource& ticks)
    : Device("TIMER", kTimerBase), m_sched(scheduler), m_irqs(irqs), m_ticks(ticks) {
  m_regs.define("TIMEHW", kTIMEHW, 0).access(Access::WO).on_write([this](uint32_t, uint32_t v) {
    // Datasheet 4.6.2: TIMELW is held until TIMEHW is written; both then load the counter.
    set_time((uint64_t(v) << 32) | m_regs.at(kTIMELW).value());
  });
  m_regs.define("TIMELW", kTIMELW, 0).access(Access::WO);
  m_regs.define("TIMEHR", kTIMEHR, 0).access(Access::RO).on_read([this] {
    return m_hi_latched ? m_latched_hi : uint32_t(time_us() >> 32);
  });
  m_regs.define("TIMELR", kTIMELR, 0).access(Access::RO).on_read([this] {
    return uint32_t(time_us());
  });
  m_regs.define_array("ALARM", kALARM0, 4, kAlarms, 0, [this](Register& r, unsigned i) {
    r.on_write([this, i](uint32_t, uint32_t) {
      m_regs.at(kARMED).set_bits(1u << i, true);  // any write arms the alarm
      schedule_alarm(i);
    });
  });
  m_regs.define("ARMED", kARMED, 0)
      .field("ARMED", 0, kAlarms, Access::W1C)
      .on_write([this](uint32_t old_value, uint32_t new_value) {
        for (unsigned i = 0; i < kAlarms; ++i)
          if ((old_value & ~new_value) & (1u << i)) m_sched.cancel(m_alarm_event[i]);
      });
  m_regs.define("TIMERAWH", kTIMERAWH, 0).access(Access::RO).on_read([this] {
    return uint32_t(time_us() >> 32);
  });
  m_regs.define("TIMERAWL", kTIMERAWL, 0).access(Access::RO).on_read([this] {
    return uint32_t(time_us());
  });
  m_regs.define("DBGPAUSE", kDBGPAUSE, 0x7)
      .field("DBG0", 1, 1)
      .field("DBG1", 2, 1)
      .on_write([this](uint32_t, uint32_t) { update_pause(); });
  m_regs.define("PAUSE", kPAUSE, 0).field("PAUSE", 0, 1).on_write([this](uint32_t, uint32_t) {
    update_pause();
  });
  auto alarm_fields = [](Register& r, Access a) -> Register& {
    return r.field("ALARM_0", 0, 1, a)
        .field("ALARM_1", 1, 1, a)
        .field("ALARM_2", 2, 1, a)
        .field("ALARM_3", 3, 1, a);
  };
  auto irq_changed = [this](uint32_t, uint32_t) { update_irq(); };
  alarm_fields(m_regs.define("INTR", kINTR, 0), Access::W1C).on_write(irq_changed);
  alarm_fields(m_regs.define("INTE", kINTE, 0), Access::RW).on_write(irq_changed);
  alarm_fields(m_regs.define("INTF", kINTF, 0), Access::RW).on_write(irq_changed);
  alarm_fields(m_regs.define("INTS", kINTS, 0), Access::RO).on_read([this] {
    return interrupt_status();
  });
  reset();
}

void Timer::reset() {
  Device::reset();
  for (EventId& e : m_alarm_event)
    m_sched.cancel(e);
  m_us_anchor = 0;
  m_tick_anchor = m_ticks.ticks();
  m_paused = false;
  m_hi_latched = false;
  update_pause();
  update_irq();
}

bool Timer::read(uint32_t offset, uint32_t& value) {
  // Datasheet 4.6.2: reading TIMELR latches TIMEHR until TIMEHR is read.
  if (offset == kTIMELR) {
    const uint64_t t = time_us();
    m_latched_hi = uint32_t(t >> 32);
    m_hi_latched = true;
    value = uint32_t(t);
    return true;
  }
  if (offset == kTIMEHR) {
    value = m_hi_latched ? m_latched_hi : uint32_t(time_us() >> 32);
    m_hi_latched = false;
    return true;
  }
  return Device::read(offset, value);
}

uint64_t Timer::time_us() const {
  if (m_paused) return m_us_anchor;
  const uint64_t t = m_ticks.ticks();
  return m_us_anchor + (t > m_tick_anchor ? t - m_tick_anchor : 0);
}

void Timer::set_time(uint64_t us) {
  m_us_anchor = us;
  m_tick_anchor = m_ticks.ticks();
  for (unsigned i = 0; i < kAlarms; ++i)
    schedule_alarm(i);
}

void Timer::tick_changed() {
  for (unsigned i = 0; i < kAlarms; ++i)
    schedule_alarm(i);
}

void Timer::set_debug_halted(unsigned core, bool halted) {
  if (core > 1 || m_halted[core] == halted) return;
  m_halted[core] = halted;
  update_pause();
}

void Timer::update_pause() {
  const uint32_t dbg = m_regs.at(kDBGPAUSE).value();
  const bool paused = (m_regs.at(kPAUSE).value() & 1) || ((dbg & kDbg0) && m_halted[0]) ||
                      ((dbg & kDbg1) && m_halted[1]);
  if (paused == m_paused) return;
  if (paused) {
    m_us_anchor = time_us();  // freeze the count reached so far
  } else {
    m_tick_anchor = m_ticks.ticks();  // resume from the frozen count
  }
  m_paused = paused;
  for (unsigned i = 0; i < kAlarms; ++i)
    schedule_alarm(i);
}

bool Timer::armed(unsigned i) const {
  return (m_regs.at(kARMED).value() >> i) & 1;
}

void Timer::schedule_alarm(unsigned i) {
  m_sched.cancel(m_alarm_event[i]);
  if (!armed(i)) return;
  const uint64_t now_us = time_us();
  // Alarms compare the low 32 bits only (datasheet 4.6.3): the match can be up to 2^32 us away.
  const uint32_t delta = m_regs.at(kALARM0 + 4 * i).value() - uint32_t(now_us);
  if (delta == 0) {
    fire_alarm(i);  // the compare is a level: it matches now
    return;
  }
  if (m_paused) return;  // rescheduled when the counter runs again
  const uint64_t target_tick = m_tick_anchor + (now_us - m_us_anchor) + delta;
  const uint64_t cycle = m_ticks.cycle_of_tick(target_tick);
  if (cycle == TickSource::kNever) return;  // no tick: rescheduled on tick_changed()
  m_alarm_event[i] = m_sched.at(cycle, [this, i, target_tick] { alarm_event(i, target_tick); });
}

void Timer::alarm_event(unsigned i, uint64_t target_tick) {
  m_alarm_event[i] = EventId{};
  if (!armed(i)) return;
  if (m_ticks.ticks() < target_tick) {
    schedule_alarm(i);  // the tick slowed down without a notification: find the match again
    return;
  }
  fire_alarm(i);
}

void Timer::fire_alarm(unsigned i) {
  m_sched.cancel(m_alarm_event[i]);
  m_regs.at(kARMED).set_bits(1u << i, false);
  m_regs.at(kINTR).set_bits(1u << i, true);
  update_irq();
}

uint32_t Timer::interrupt_status() const {
  const uint32_t intr = m_regs.at(kINTR).value(), inte = m_regs.at(kINTE).value(),
                 intf = m_regs.at(kINTF).value();
  return ((intr & inte) | intf) & 0xf;
}

void Timer::update_irq() {
  const uint32_t levels = interrupt_status();
  for (unsigned i = 0; i < kAlarms; ++i) {
    const uint32_t bit = 1u << i;
    if ((levels ^ m_irq_levels) & bit) m_irqs.set_irq_level(kTimerIrq0 + i, levels & bit);
  }
  m_irq_levels = levels;
}

}  // namespace vpico::rp2040
