// RTC (datasheet 4.8): the real-time clock counting seconds, minutes, hours, day of the week,
// day, month and year on clk_rtc. Modelled: CLKDIV_M1 (a second is CLKDIV_M1 + 1 clk_rtc
// cycles), SETUP_0/SETUP_1 with CTRL.LOAD, CTRL.RTC_ENABLE and RTC_ACTIVE, which follows ENABLE
// two clk_rtc cycles later (the clock-domain crossing of 4.8's note), FORCE_NOTLEAPYEAR,
// RTC_1/RTC_0 (reading RTC_0 latches the date for the next read of RTC_1, as the "read this
// before RTC_1" note asks; RTC_1 read without that latch shows the live date), IRQ_SETUP_0/1
// with the per-field match enables, MATCH_ENA and MATCH_ACTIVE (which also follows two clk_rtc
// cycles later), INTR/INTE/INTF/INTS and the line RTC_IRQ.
//
// Calendar (4.8.1): no field is checked. A field at or past its last value rolls over on the
// next increment (a day past the month's length goes to the 1st of the next month, an hour of
// 25 to 0 with a new day); the day of the week counts 0..6 alongside the day whatever the
// firmware loaded. February has 29 days in years divisible by 4 unless FORCE_NOTLEAPYEAR is set
// when the day rolls over (4.8.1.2). Months 0 and 13..15 are taken as 31 days long; the year
// wraps from 4095 to 0.
//
// Alarm (4.8.1.3): the comparator is evaluated on each seconds tick. When MATCH_ACTIVE is set
// and the new time matches every enabled field, INTR.RTC is set; it clears at the next tick
// into a time that does not match, or when MATCH_ACTIVE falls. So a match enabled while the
// time already matches raises nothing until the next matching tick, and an alarm that matches
// a whole minute (no second field) raises INTR every second of it. This is what makes
// pico-sdk's handler (disable the match, re-enable it for a repeating alarm) fire once per
// match, as the examples expect on a board; the datasheet does not spell out the edge.
//
// Time is computed lazily from the scheduler's now() and clk_rtc; the only events are the
// two synchronisations and the next alarm transition. Choices the datasheet does not settle:
// LOAD and enabling restart the one-second divider; LOAD takes effect at the write.
// Not modelled: the clk_rtc-domain latency of SETUP/IRQ_SETUP writes, waking from dormant.
#pragma once

#include <cstdint>
#include <functional>

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class Rtc : public Device {
 public:
  struct DateTime {
    uint32_t year = 0, month = 0, day = 0, dotw = 0, hour = 0, min = 0, sec = 0;
    bool operator==(const DateTime&) const = default;
  };

  Rtc(Scheduler& scheduler, IrqSink& irqs, std::function<uint32_t()> rtc_hz,
      std::function<uint32_t()> sys_hz);
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;

  // clk_rtc or clk_sys changed: count what elapsed at the old rates, then take the new ones.
  void clocks_changed();

  // The time now (no latching side effect) and whether it is counting.
  DateTime now();
  bool active() const { return m_active; }

  // Calendar helpers (exposed for tests).
  static uint32_t month_length(uint32_t month, uint32_t year, bool force_not_leap);
  // Advances `t` by `seconds` ticks of the seconds counter.
  static void advance(DateTime& t, uint64_t seconds, bool force_not_leap);

 private:
  uint64_t rtc_ticks_at(uint64_t cycle) const;
  uint64_t rtc_ticks() const;
  uint64_t cycle_of_rtc_tick(uint64_t tick) const;
  void anchor_clock();
  uint64_t period() const;
  bool force_not_leap() const;
  void catch_up();  // brings m_time up to now
  void set_active(bool active);
  void set_match_active(bool active);
  bool matches(const DateTime& t) const;
  uint64_t ticks_to_next_match(uint64_t horizon) const;
  void schedule_sync(EventId& id, std::function<void()> fn);
  void schedule_alarm();
  void alarm_event(uint64_t target_tick);
  uint32_t interrupt_status() const;
  void update_irq();
  uint32_t rtc_0(const DateTime& t) const;
  uint32_t rtc_1(const DateTime& t) const;

  Scheduler& m_sched;
  IrqSink& m_irqs;
  std::function<uint32_t()> m_rtc_hz_fn, m_sys_hz_fn;

  // clk_rtc count: m_anchor_ticks at m_anchor_cycle plus m_anchor_frac / m_sys of a tick.
  uint64_t m_anchor_cycle = 0, m_anchor_ticks = 0, m_anchor_frac = 0;
  uint32_t m_rtc_hz = 0, m_sys_hz = 0;
  mutable uint64_t m_ticks_seen = 0;

  // The time counted by the RTC: m_time at clk_rtc tick m_time_tick (a seconds boundary).
  DateTime m_time;
  uint64_t m_time_tick = 0;
  bool m_active = false;
  bool m_match_active = false;
  bool m_match_hit = false;  // INTR.RTC
  bool m_rtc1_latched = false;
  uint32_t m_rtc1_latch = 0;
  EventId m_enable_sync, m_match_sync, m_alarm;
  bool m_irq_level = false;
};

}  // namespace vpico::rp2040
