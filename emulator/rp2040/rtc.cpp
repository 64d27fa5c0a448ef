#include "rtc.h"

#include <algorithm>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Offsets and bits (pico-sdk hardware/regs/rtc.h).
constexpr uint32_t kCLKDIV_M1 = 0x00, kSETUP_0 = 0x04, kSETUP_1 = 0x08, kCTRL = 0x0c,
                   kIRQ_SETUP_0 = 0x10, kIRQ_SETUP_1 = 0x14, kRTC_1 = 0x18, kRTC_0 = 0x1c,
                   kINTR = 0x20, kINTE = 0x24, kINTF = 0x28, kINTS = 0x2c;
constexpr uint32_t kCtrlEnable = 1u << 0, kCtrlActive = 1u << 1, kCtrlLoad = 1u << 4,
                   kCtrlForceNotLeap = 1u << 8;
constexpr uint32_t kMatchActive = 1u << 29, kMatchEna = 1u << 28, kYearEna = 1u << 26,
                   kMonthEna = 1u << 25, kDayEna = 1u << 24;
constexpr uint32_t kDotwEna = 1u << 31, kHourEna = 1u << 30, kMinEna = 1u << 29, kSecEna = 1u << 28;
// Datasheet 4.8 note: a write takes 2 clk_rtc periods to reach the RTC's domain.
constexpr uint64_t kSyncTicks = 2;
// How far ahead the alarm search looks before it schedules a fresh search instead.
constexpr uint64_t kSearchHorizonSeconds = 400ull * 86400;

__extension__ typedef unsigned __int128 u128;

// Increments until a field counting up to `last` wraps (a value past `last` wraps on the next).
uint64_t left(uint32_t value, uint32_t last) {
  return value >= last ? 1 : uint64_t(last - value) + 1;
}
uint64_t to_next_minute(const Rtc::DateTime& t) {
  return left(t.sec, 59);
}
uint64_t to_next_hour(const Rtc::DateTime& t) {
  return to_next_minute(t) + (left(t.min, 59) - 1) * 60;
}
uint64_t to_next_day(const Rtc::DateTime& t) {
  return to_next_hour(t) + (left(t.hour, 23) - 1) * 3600;
}
uint64_t to_next_month(const Rtc::DateTime& t, bool force_not_leap) {
  return to_next_day(t) +
         (left(t.day, Rtc::month_length(t.month, t.year, force_not_leap)) - 1) * 86400;
}

void step_day(Rtc::DateTime& t, bool force_not_leap) {
  t.dotw = t.dotw >= 6 ? 0 : t.dotw + 1;
  if (t.day >= Rtc::month_length(t.month, t.year, force_not_leap)) {
    t.day = 1;
    if (t.month >= 12) {
      t.month = 1;
      t.year = (t.year + 1) & 0xfff;
    } else {
      ++t.month;
    }
  } else {
    ++t.day;
  }
}
}  // namespace

uint32_t Rtc::month_length(uint32_t month, uint32_t year, bool force_not_leap) {
  switch (month) {
    case 2:
      // Datasheet 4.8.1.2: a year divisible by 4 is a leap year unless FORCE_NOTLEAPYEAR.
      return (year % 4 == 0 && !force_not_leap) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

void Rtc::advance(DateTime& t, uint64_t seconds, bool force_not_leap) {
  while (seconds) {
    if (const uint64_t d = to_next_day(t); seconds >= d) {
      seconds -= d;
      t.hour = t.min = t.sec = 0;
      step_day(t, force_not_leap);
    } else if (const uint64_t h = to_next_hour(t); seconds >= h) {
      seconds -= h;
      t.min = t.sec = 0;
      ++t.hour;  // below 23, or the day branch would have been taken
    } else if (const uint64_t m = to_next_minute(t); seconds >= m) {
      seconds -= m;
      t.sec = 0;
      ++t.min;
    } else {
      t.sec += uint32_t(seconds);
      seconds = 0;
    }
  }
}

Rtc::Rtc(Scheduler& scheduler, IrqSink& irqs, std::function<uint32_t()> rtc_hz,
         std::function<uint32_t()> sys_hz)
    : Device("RTC", kRtcBase),
      m_sched(scheduler),
      m_irqs(irqs),
      m_rtc_hz_fn(std::move(rtc_hz)),
      m_sys_hz_fn(std::move(sys_hz)) {
  m_regs.define("CLKDIV_M1", kCLKDIV_M1, 0)
      .field("CLKDIV_M1", 0, 16)
      .on_write([this](uint32_t old_value, uint32_t) {
        // Seconds already counted keep the old divider (catch_up reads the register).
        const uint32_t now_value = m_regs.at(kCLKDIV_M1).value();
        m_regs.at(kCLKDIV_M1).set(old_value);
        catch_up();
        m_regs.at(kCLKDIV_M1).set(now_value);
        schedule_alarm();
      });
  m_regs.define("SETUP_0", kSETUP_0, 0)
      .field("DAY", 0, 5)
      .field("MONTH", 8, 4)
      .field("YEAR", 12, 12);
  m_regs.define("SETUP_1", kSETUP_1, 0)
      .field("SEC", 0, 6)
      .field("MIN", 8, 6)
      .field("HOUR", 16, 5)
      .field("DOTW", 24, 3);
  m_regs.define("CTRL", kCTRL, 0)
      .field("RTC_ENABLE", 0, 1)
      .field("RTC_ACTIVE", 1, 1, Access::RO)
      .field("LOAD", 4, 1, Access::SC)
      .field("FORCE_NOTLEAPYEAR", 8, 1)
      .on_read([this] { return m_regs.at(kCTRL).value() | (m_active ? kCtrlActive : 0); })
      .on_write([this](uint32_t old_value, uint32_t new_value) {
        // What elapsed so far counted under the old FORCE_NOTLEAPYEAR.
        const uint32_t keep = m_regs.at(kCTRL).value();
        m_regs.at(kCTRL).set(old_value);
        catch_up();
        m_regs.at(kCTRL).set(keep);
        if (new_value & kCtrlLoad) {
          const uint32_t s0 = m_regs.at(kSETUP_0).value(), s1 = m_regs.at(kSETUP_1).value();
          m_time = DateTime{(s0 >> 12) & 0xfff, (s0 >> 8) & 0xf,  s0 & 0x1f, (s1 >> 24) & 7,
                            (s1 >> 16) & 0x1f,  (s1 >> 8) & 0x3f, s1 & 0x3f};
          m_time_tick = rtc_ticks();  // the divider restarts
        }
        if ((old_value ^ new_value) & kCtrlEnable)
          schedule_sync(m_enable_sync,
                        [this] { set_active(m_regs.at(kCTRL).value() & kCtrlEnable); });
        schedule_alarm();
      });
  m_regs.define("IRQ_SETUP_0", kIRQ_SETUP_0, 0)
      .field("DAY", 0, 5)
      .field("MONTH", 8, 4)
      .field("YEAR", 12, 12)
      .field("DAY_ENA", 24, 1)
      .field("MONTH_ENA", 25, 1)
      .field("YEAR_ENA", 26, 1)
      .field("MATCH_ENA", 28, 1)
      .field("MATCH_ACTIVE", 29, 1, Access::RO)
      .on_read(
          [this] { return m_regs.at(kIRQ_SETUP_0).value() | (m_match_active ? kMatchActive : 0); })
      .on_write([this](uint32_t old_value, uint32_t new_value) {
        if ((old_value ^ new_value) & kMatchEna)
          schedule_sync(m_match_sync,
                        [this] { set_match_active(m_regs.at(kIRQ_SETUP_0).value() & kMatchEna); });
        schedule_alarm();
      });
  m_regs.define("IRQ_SETUP_1", kIRQ_SETUP_1, 0)
      .field("SEC", 0, 6)
      .field("MIN", 8, 6)
      .field("HOUR", 16, 5)
      .field("DOTW", 24, 3)
      .field("SEC_ENA", 28, 1)
      .field("MIN_ENA", 29, 1)
      .field("HOUR_ENA", 30, 1)
      .field("DOTW_ENA", 31, 1)
      .on_write([this](uint32_t, uint32_t) { schedule_alarm(); });
  m_regs.define("RTC_1", kRTC_1, 0)
      .field("DAY", 0, 5, Access::RO)
      .field("MONTH", 8, 4, Access::RO)
      .field("YEAR", 12, 12, Access::RO)
      .on_read([this] { return rtc_1(now()); });
  m_regs.define("RTC_0", kRTC_0, 0)
      .field("SEC", 0, 6, Access::RO)
      .field("MIN", 8, 6, Access::RO)
      .field("HOUR", 16, 5, Access::RO)
      .field("DOTW", 24, 3, Access::RO)
      .on_read([this] { return rtc_0(now()); });
  auto irq_changed = [this](uint32_t, uint32_t) { update_irq(); };
  m_regs.define("INTR", kINTR, 0).field("RTC", 0, 1, Access::RO).on_read([this] {
    return m_match_hit ? 1u : 0u;
  });
  m_regs.define("INTE", kINTE, 0).field("RTC", 0, 1).on_write(irq_changed);
  m_regs.define("INTF", kINTF, 0).field("RTC", 0, 1).on_write(irq_changed);
  m_regs.define("INTS", kINTS, 0).field("RTC", 0, 1, Access::RO).on_read([this] {
    return interrupt_status();
  });
  reset();
}

void Rtc::reset() {
  Device::reset();
  m_sched.cancel(m_enable_sync);
  m_sched.cancel(m_match_sync);
  m_sched.cancel(m_alarm);
  // The clk_rtc count only grows; a power-on may have cleared the scheduler's time to 0.
  m_anchor_ticks = std::max(rtc_ticks_at(m_sched.now()), m_ticks_seen);
  m_anchor_cycle = m_sched.now();
  m_anchor_frac = 0;
  m_rtc_hz = m_rtc_hz_fn ? m_rtc_hz_fn() : 0;
  m_sys_hz = m_sys_hz_fn ? m_sys_hz_fn() : 0;
  m_time = DateTime{};
  m_time_tick = m_anchor_ticks;
  m_active = m_match_active = m_match_hit = false;
  m_rtc1_latched = false;
  update_irq();
}

bool Rtc::read(uint32_t offset, uint32_t& value) {
  if (offset == kRTC_0) {
    // "Read this before RTC_1": the date is latched with the time of day.
    const DateTime t = now();
    value = rtc_0(t);
    m_rtc1_latch = rtc_1(t);
    m_rtc1_latched = true;
    return true;
  }
  if (offset == kRTC_1) {
    value = m_rtc1_latched ? m_rtc1_latch : rtc_1(now());
    m_rtc1_latched = false;
    return true;
  }
  return Device::read(offset, value);
}

uint32_t Rtc::rtc_0(const DateTime& t) const {
  return ((t.dotw & 7) << 24) | ((t.hour & 0x1f) << 16) | ((t.min & 0x3f) << 8) | (t.sec & 0x3f);
}

uint32_t Rtc::rtc_1(const DateTime& t) const {
  return ((t.year & 0xfff) << 12) | ((t.month & 0xf) << 8) | (t.day & 0x1f);
}

// --- clk_rtc ---

uint64_t Rtc::rtc_ticks_at(uint64_t cycle) const {
  if (!m_rtc_hz || !m_sys_hz || cycle <= m_anchor_cycle) return m_anchor_ticks;
  const u128 progress = u128(m_anchor_frac) + u128(cycle - m_anchor_cycle) * m_rtc_hz;
  return m_anchor_ticks + uint64_t(progress / m_sys_hz);
}

uint64_t Rtc::rtc_ticks() const {
  // Never less than a count already used: the other core may run behind within a quantum.
  m_ticks_seen = std::max(m_ticks_seen, rtc_ticks_at(m_sched.now()));
  return m_ticks_seen;
}

uint64_t Rtc::cycle_of_rtc_tick(uint64_t tick) const {
  if (tick <= m_anchor_ticks) return m_anchor_cycle;
  if (!m_rtc_hz || !m_sys_hz) return UINT64_MAX;
  const u128 need = u128(tick - m_anchor_ticks) * m_sys_hz - m_anchor_frac;
  const u128 cycle = m_anchor_cycle + (need + m_rtc_hz - 1) / m_rtc_hz;
  return cycle >= UINT64_MAX ? UINT64_MAX : uint64_t(cycle);
}

void Rtc::anchor_clock() {
  const uint64_t now = std::max(m_sched.now(), m_anchor_cycle);
  uint64_t ticks = m_anchor_ticks, frac = 0;
  if (m_rtc_hz && m_sys_hz && now > m_anchor_cycle) {
    const u128 progress = u128(m_anchor_frac) + u128(now - m_anchor_cycle) * m_rtc_hz;
    ticks += uint64_t(progress / m_sys_hz);
    frac = uint64_t(progress % m_sys_hz);
  } else {
    frac = m_anchor_frac;
  }
  const uint32_t new_sys = m_sys_hz_fn ? m_sys_hz_fn() : 0;
  // Keep the part of a clk_rtc period already done, in the new clk_sys units.
  if (m_sys_hz && new_sys)
    frac = uint64_t(u128(frac) * new_sys / m_sys_hz);
  else
    frac = 0;
  m_anchor_cycle = now;
  m_anchor_ticks = std::max(ticks, m_ticks_seen);
  m_anchor_frac = frac;
  m_rtc_hz = m_rtc_hz_fn ? m_rtc_hz_fn() : 0;
  m_sys_hz = new_sys;
}

void Rtc::clocks_changed() {
  const uint32_t rtc = m_rtc_hz_fn ? m_rtc_hz_fn() : 0, sys = m_sys_hz_fn ? m_sys_hz_fn() : 0;
  if (rtc == m_rtc_hz && sys == m_sys_hz) return;
  catch_up();
  anchor_clock();
  // Synchronisations still to cross (or stuck while clk_rtc was stopped) follow clk_rtc.
  if (bool(m_regs.at(kCTRL).value() & kCtrlEnable) != m_active)
    schedule_sync(m_enable_sync, [this] { set_active(m_regs.at(kCTRL).value() & kCtrlEnable); });
  if (bool(m_regs.at(kIRQ_SETUP_0).value() & kMatchEna) != m_match_active)
    schedule_sync(m_match_sync,
                  [this] { set_match_active(m_regs.at(kIRQ_SETUP_0).value() & kMatchEna); });
  schedule_alarm();
}

// --- the seconds counter ---

uint64_t Rtc::period() const {
  return uint64_t(m_regs.at(kCLKDIV_M1).value() & 0xffff) + 1;
}

bool Rtc::force_not_leap() const {
  return m_regs.at(kCTRL).value() & kCtrlForceNotLeap;
}

void Rtc::catch_up() {
  if (!m_active) return;
  const uint64_t ticks = rtc_ticks();
  if (ticks <= m_time_tick) return;
  const uint64_t seconds = (ticks - m_time_tick) / period();
  if (!seconds) return;
  advance(m_time, seconds, force_not_leap());
  m_time_tick += seconds * period();
}

Rtc::DateTime Rtc::now() {
  catch_up();
  return m_time;
}

void Rtc::set_active(bool active) {
  m_enable_sync = EventId{};
  if (active == m_active) return;
  catch_up();
  m_active = active;
  if (active) m_time_tick = rtc_ticks();  // the divider starts from 0
  schedule_alarm();
}

void Rtc::set_match_active(bool active) {
  m_match_sync = EventId{};
  m_match_active = active;
  if (!active) m_match_hit = false;
  update_irq();
  schedule_alarm();
}

void Rtc::schedule_sync(EventId& id, std::function<void()> fn) {
  m_sched.cancel(id);
  const uint64_t cycle = cycle_of_rtc_tick(rtc_ticks() + kSyncTicks);
  if (cycle == UINT64_MAX) return;  // clk_rtc stopped: nothing crosses (clocks_changed retries)
  id = m_sched.at(cycle, std::move(fn));
}

// --- alarm ---

bool Rtc::matches(const DateTime& t) const {
  const uint32_t s0 = m_regs.at(kIRQ_SETUP_0).value(), s1 = m_regs.at(kIRQ_SETUP_1).value();
  if ((s0 & kYearEna) && t.year != ((s0 >> 12) & 0xfff)) return false;
  if ((s0 & kMonthEna) && t.month != ((s0 >> 8) & 0xf)) return false;
  if ((s0 & kDayEna) && t.day != (s0 & 0x1f)) return false;
  if ((s1 & kDotwEna) && t.dotw != ((s1 >> 24) & 7)) return false;
  if ((s1 & kHourEna) && t.hour != ((s1 >> 16) & 0x1f)) return false;
  if ((s1 & kMinEna) && t.min != ((s1 >> 8) & 0x3f)) return false;
  if ((s1 & kSecEna) && t.sec != (s1 & 0x3f)) return false;
  return true;
}

uint64_t Rtc::ticks_to_next_match(uint64_t horizon) const {
  // Seconds from m_time to the next matching time (at least 1), or 0 if none within horizon.
  // Jumps to the next boundary of the largest field that does not match.
  const uint32_t s0 = m_regs.at(kIRQ_SETUP_0).value(), s1 = m_regs.at(kIRQ_SETUP_1).value();
  const bool fnl = force_not_leap();
  DateTime t = m_time;
  advance(t, 1, fnl);
  uint64_t k = 1;
  while (k <= horizon) {
    uint64_t jump;
    if (((s0 & kYearEna) && t.year != ((s0 >> 12) & 0xfff)) ||
        ((s0 & kMonthEna) && t.month != ((s0 >> 8) & 0xf)))
      jump = to_next_month(t, fnl);
    else if (((s0 & kDayEna) && t.day != (s0 & 0x1f)) ||
             ((s1 & kDotwEna) && t.dotw != ((s1 >> 24) & 7)))
      jump = to_next_day(t);
    else if ((s1 & kHourEna) && t.hour != ((s1 >> 16) & 0x1f))
      jump = to_next_hour(t);
    else if ((s1 & kMinEna) && t.min != ((s1 >> 8) & 0x3f))
      jump = to_next_minute(t);
    else if ((s1 & kSecEna) && t.sec != (s1 & 0x3f))
      jump = 1;
    else
      return k;
    advance(t, jump, fnl);
    k += jump;
  }
  return 0;
}

void Rtc::schedule_alarm() {
  m_sched.cancel(m_alarm);
  if (!m_active || !(m_match_active || m_match_hit)) return;
  catch_up();
  uint64_t seconds = 1;  // a raised INTR is re-evaluated at the next tick
  if (!m_match_hit) {
    seconds = ticks_to_next_match(kSearchHorizonSeconds);
    if (!seconds) seconds = kSearchHorizonSeconds;  // search again from there
  }
  const uint64_t target = m_time_tick + seconds * period();
  const uint64_t cycle = cycle_of_rtc_tick(target);
  if (cycle == UINT64_MAX) return;  // clk_rtc stopped: rescheduled by clocks_changed()
  m_alarm = m_sched.at(cycle, [this, target] { alarm_event(target); });
}

void Rtc::alarm_event(uint64_t target_tick) {
  m_alarm = EventId{};
  if (rtc_ticks() < target_tick) {
    schedule_alarm();  // clk_rtc slowed down without a notification
    return;
  }
  catch_up();
  m_match_hit = m_match_active && matches(m_time);
  update_irq();
  schedule_alarm();
}

uint32_t Rtc::interrupt_status() const {
  const uint32_t intr = m_match_hit ? 1u : 0u;
  return ((intr & m_regs.at(kINTE).value()) | m_regs.at(kINTF).value()) & 1u;
}

void Rtc::update_irq() {
  const bool level = interrupt_status() != 0;
  if (level == m_irq_level) return;
  m_irq_level = level;
  m_irqs.set_irq_level(kRtcIrq, level);
}

}  // namespace vpico::rp2040
