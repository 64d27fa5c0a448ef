#include "watchdog.h"

#include <algorithm>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Offsets and bits (pico-sdk hardware/regs/watchdog.h).
constexpr uint32_t kCTRL = 0x00, kLOAD = 0x04, kREASON = 0x08, kSCRATCH0 = 0x0c, kTICK = 0x2c;
constexpr uint32_t kTrigger = 1u << 31, kEnable = 1u << 30, kPauseDbg1 = 1u << 26,
                   kPauseDbg0 = 1u << 25, kTimeMask = 0x00ffffff;
constexpr uint32_t kTickCyclesMask = 0x1ff, kTickEnable = 1u << 9, kTickRunning = 1u << 10;
constexpr unsigned kTickCountLsb = 11;
constexpr uint32_t kReasonTimer = 1u << 0, kReasonForce = 1u << 1;

// Tick arithmetic multiplies scheduler cycles by clk_ref rates: 64 bits are not enough.
__extension__ typedef unsigned __int128 u128;
}  // namespace

Watchdog::Watchdog(Scheduler& scheduler, std::function<uint32_t()> ref_hz,
                   std::function<uint32_t()> sys_hz)
    : Device("WATCHDOG", kWatchdogBase),
      m_sched(scheduler),
      m_ref_hz(std::move(ref_hz)),
      m_sys_hz(std::move(sys_hz)) {
  m_regs.define("CTRL", kCTRL, 0x07000000)
      .field("TIME", 0, 24, Access::RO)
      .field("PAUSE_JTAG", 24, 1)
      .field("PAUSE_DBG0", 25, 1)
      .field("PAUSE_DBG1", 26, 1)
      .field("ENABLE", 30, 1)
      .field("TRIGGER", 31, 1, Access::SC)
      .on_read([this] { return (m_regs.at(kCTRL).value() & ~kTimeMask) | time(); })
      .on_write([this](uint32_t old_value, uint32_t new_value) {
        if ((old_value ^ new_value) & (kEnable | kPauseDbg0 | kPauseDbg1)) update_counter();
        // TRIGGER needs no ENABLE; the reset follows at the next scheduler boundary.
        if (new_value & kTrigger) {
          m_sched.cancel(m_trigger);
          m_trigger = m_sched.at(m_sched.now(), [this] {
            m_trigger = EventId{};
            fire(false);
          });
        }
      });
  // RP2040-E1: LOAD holds twice the ticks wanted; writing it feeds the watchdog.
  m_regs.define("LOAD", kLOAD, 0)
      .field("LOAD", 0, 24, Access::WO)
      .on_write([this](uint32_t, uint32_t v) {
        m_count = v & kTimeMask;
        m_count_tick = ticks();
        schedule_expiry();
      });
  m_regs.define("REASON", kREASON, 0)
      .field("TIMER", 0, 1, Access::RO)
      .field("FORCE", 1, 1, Access::RO);
  m_regs.define_array("SCRATCH", kSCRATCH0, 4, 8, 0);
  m_regs.define("TICK", kTICK, 0x200)
      .field("CYCLES", 0, 9)
      .field("ENABLE", 9, 1)
      .field("RUNNING", 10, 1, Access::RO)
      .field("COUNT", 11, 9, Access::RO)
      .on_read([this] {
        uint32_t v = m_regs.at(kTICK).value() & (kTickCyclesMask | kTickEnable);
        if (m_running) v |= kTickRunning;
        uint32_t count = 0;  // clk_ref periods left before the next tick
        if (m_cycles && m_sys) {
          const TickState s = tick_state_at(m_sched.now());
          count = m_cycles - uint32_t(s.phase / m_sys);
        }
        return v | (count << kTickCountLsb);
      })
      .on_write([this](uint32_t old_value, uint32_t new_value) {
        const bool restart = ((old_value ^ new_value) & kTickCyclesMask) ||
                             (!(old_value & kTickEnable) && (new_value & kTickEnable));
        anchor_ticks(restart);
        schedule_expiry();
        if (on_tick_change) on_tick_change();
      });
  reset();
}

void Watchdog::reset() {
  Device::reset();
  m_sched.cancel(m_expiry);
  m_sched.cancel(m_trigger);
  // The tick count only grows (its consumers work on differences); a power-on restarts the
  // period at the scheduler's now(), which the machine may just have cleared to 0.
  m_anchor = TickState{std::max(tick_state_at(m_sched.now()).ticks, m_ticks_seen), 0};
  m_anchor_cycle = m_sched.now();
  anchor_ticks(true);
  m_count = 0;
  m_count_tick = m_anchor.ticks;
  m_counting = false;
  if (on_tick_change) on_tick_change();
}

void Watchdog::reboot() {
  m_sched.cancel(m_expiry);
  m_sched.cancel(m_trigger);
  // After Scheduler::clear() now() is behind the anchor: carry on from the largest count any
  // consumer has seen, so that the count never goes back.
  const TickState s = tick_state_at(m_sched.now());
  m_anchor = s.ticks >= m_ticks_seen ? s : TickState{m_ticks_seen, 0};
  m_anchor_cycle = m_sched.now();
  anchor_ticks(false);
  schedule_expiry();
  if (on_tick_change) on_tick_change();
}

void Watchdog::clocks_changed() {
  const uint32_t ref = m_ref_hz ? m_ref_hz() : 0, sys = m_sys_hz ? m_sys_hz() : 0;
  if (ref == m_ref && sys == m_sys) return;
  anchor_ticks(false);
  schedule_expiry();
  if (on_tick_change) on_tick_change();
}

void Watchdog::set_debug_halted(unsigned core, bool halted) {
  if (core > 1 || m_halted[core] == halted) return;
  m_halted[core] = halted;
  update_counter();
}

Watchdog::TickState Watchdog::tick_state_at(uint64_t cycle) const {
  // Before the anchor (the other core may run behind within a quantum) the count is the anchor's.
  if (!m_running || cycle <= m_anchor_cycle) return m_anchor;
  const uint64_t period = uint64_t(m_cycles) * m_sys;
  const u128 progress = u128(m_anchor.phase) + u128(cycle - m_anchor_cycle) * m_ref;
  return TickState{m_anchor.ticks + uint64_t(progress / period), uint64_t(progress % period)};
}

uint64_t Watchdog::ticks() const {
  // Never less than a count already handed out: the other core may run behind within a
  // quantum, and the machine may clear the scheduler's time on a reset.
  m_ticks_seen = std::max(m_ticks_seen, tick_state_at(m_sched.now()).ticks);
  return m_ticks_seen;
}

uint64_t Watchdog::cycle_of_tick(uint64_t tick) const {
  if (tick <= m_anchor.ticks) return m_anchor_cycle;
  if (!m_running) return kNever;
  // Smallest e with phase + e*ref >= (tick - anchor ticks) * period.
  const u128 period = u128(m_cycles) * m_sys;
  const u128 need = u128(tick - m_anchor.ticks) * period - m_anchor.phase;
  const u128 cycle = m_anchor_cycle + (need + m_ref - 1) / m_ref;
  return cycle >= kNever ? kNever : uint64_t(cycle);
}

double Watchdog::tick_hz() const {
  return m_running ? double(m_ref) / m_cycles : 0.0;
}

void Watchdog::anchor_ticks(bool restart_period) {
  // Count what elapsed at the rates in force until now, then take the new rates.
  const uint64_t now = std::max(m_sched.now(), m_anchor_cycle);
  const TickState s = tick_state_at(now);
  const uint64_t ref_done = m_sys ? s.phase / m_sys : 0;  // whole clk_ref periods into this tick
  const uint32_t tick = m_regs.at(kTICK).value();
  m_ref = m_ref_hz ? m_ref_hz() : 0;
  m_sys = m_sys_hz ? m_sys_hz() : 0;
  m_cycles = tick & kTickCyclesMask;
  m_running = (tick & kTickEnable) && m_cycles && m_ref && m_sys;
  uint64_t keep = 0;
  if (!restart_period && m_cycles) keep = std::min<uint64_t>(ref_done, m_cycles - 1);
  m_anchor = TickState{s.ticks, keep * m_sys};
  m_anchor_cycle = now;
}

bool Watchdog::counting() const {
  const uint32_t ctrl = m_regs.at(kCTRL).value();
  if (!(ctrl & kEnable)) return false;
  if ((ctrl & kPauseDbg0) && m_halted[0]) return false;
  if ((ctrl & kPauseDbg1) && m_halted[1]) return false;
  return true;
}

uint32_t Watchdog::time() const {
  if (!m_counting) return m_count;
  const uint64_t t = ticks();
  const uint64_t elapsed = t > m_count_tick ? t - m_count_tick : 0;
  // RP2040-E1 (datasheet 4.7.3): the counter is decremented twice per tick.
  if (elapsed >= (uint64_t(m_count) + 1) / 2) return 0;
  return m_count - uint32_t(2 * elapsed);
}

void Watchdog::update_counter() {
  const bool now_counting = counting();
  if (now_counting != m_counting) {
    if (now_counting) {
      m_count_tick = ticks();
    } else {
      m_count = time();  // freeze where it stands
    }
    m_counting = now_counting;
  }
  schedule_expiry();
}

void Watchdog::schedule_expiry() {
  m_sched.cancel(m_expiry);
  if (!m_counting) return;
  // Reaching 0 takes ceil(count/2) ticks; a counter already at 0 fires on the next tick.
  const uint64_t target = m_count_tick + std::max<uint64_t>(1, (uint64_t(m_count) + 1) / 2);
  const uint64_t cycle = cycle_of_tick(target);
  if (cycle == kNever) return;
  m_expiry = m_sched.at(cycle, [this, target] {
    m_expiry = EventId{};
    if (ticks() < target) {
      schedule_expiry();  // the tick rate changed without a notification
      return;
    }
    fire(true);
  });
}

void Watchdog::fire(bool timer) {
  m_sched.cancel(m_expiry);
  m_count = timer ? 0 : time();
  m_counting = false;
  m_regs.at(kREASON).set(timer ? kReasonTimer : kReasonForce);
  Register& ctrl = m_regs.at(kCTRL);
  ctrl.set(ctrl.value() & ~kEnable);
  if (request_reboot) request_reboot(timer);
}

}  // namespace vpico::rp2040
