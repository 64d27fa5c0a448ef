// WATCHDOG (datasheet 4.7) and its tick generator. Modelled: the tick generator (TICK: clk_ref
// divided by CYCLES gives the nominally 1 us tick shared with TIMER; ENABLE, RUNNING, COUNT), the
// watchdog counter (LOAD, CTRL.TIME, ENABLE, PAUSE_DBG0/1, TRIGGER) with the RP2040-E1 erratum
// (the counter drops by 2 per tick, as silicon does; pico-sdk loads twice the wanted count),
// REASON (TIMER/FORCE) and SCRATCH0-7. Counts are computed from scheduler time, never by an
// event per tick; the counter schedules a single event at the cycle it reaches 0.
// Choices the datasheet does not settle: CYCLES = 0 produces no ticks; writing CYCLES or turning
// ENABLE on restarts the tick period; firing (timer expiry or TRIGGER) clears CTRL.ENABLE so a
// rebooted chip does not fire again before firmware re-arms the watchdog.
// Not modelled: PAUSE_JTAG (no JTAG), the PSM/RESETS WDSEL selection (the machine reads those
// when it performs the reboot this block requests).
#pragma once

#include <cstdint>
#include <functional>

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

// A source of ticks as its consumers (TIMER, the watchdog counter) see it: a count that never
// goes back (not across cores running apart within a quantum, not across a Scheduler::clear()),
// computed lazily at the scheduler's now().
class TickSource {
 public:
  static constexpr uint64_t kNever = UINT64_MAX;
  virtual ~TickSource() = default;
  virtual uint64_t ticks() const = 0;
  // The first scheduler cycle at which ticks() >= tick, or kNever while no ticks are produced.
  virtual uint64_t cycle_of_tick(uint64_t tick) const = 0;
};

class Watchdog : public Device, public TickSource {
 public:
  Watchdog(Scheduler& scheduler, std::function<uint32_t()> ref_hz,
           std::function<uint32_t()> sys_hz);

  // Power-on (rst_n_run) reset: every register, SCRATCH and REASON included.
  void reset() override;
  // The chip reset the watchdog itself survives (its own reboot, a RESETS/PSM reset): registers
  // are kept; the tick generator re-anchors at the scheduler's now(), which the machine may
  // have cleared. Call it after Scheduler::clear().
  void reboot();
  // CLOCKS or an oscillator changed: count what elapsed at the old rates, then take the new ones.
  void clocks_changed();
  // A core entered or left debug halt (CTRL.PAUSE_DBG0/1).
  void set_debug_halted(unsigned core, bool halted);

  uint64_t ticks() const override;
  uint64_t cycle_of_tick(uint64_t tick) const override;
  bool tick_running() const { return m_running; }
  double tick_hz() const;
  uint32_t time() const;  // CTRL.TIME, the counter now
  uint32_t reason() const { return m_regs.at(0x08).value(); }

  // The tick rate or phase changed (TIMER reschedules its alarms).
  std::function<void()> on_tick_change;
  // The watchdog fired: timer = true when the counter reached 0, false for CTRL.TRIGGER. REASON
  // is already set. Called from a scheduler event, never from inside a bus access; the machine
  // should still perform the reboot at a quantum boundary.
  std::function<void(bool timer)> request_reboot;

 private:
  struct TickState {
    uint64_t ticks;
    uint64_t phase;  // progress into the current tick in 1/sys_hz clk_ref periods
  };
  TickState tick_state_at(uint64_t cycle) const;
  void anchor_ticks(bool restart_period);
  void update_counter();
  void schedule_expiry();
  void fire(bool timer);
  bool counting() const;

  Scheduler& m_sched;
  std::function<uint32_t()> m_ref_hz, m_sys_hz;

  // Tick generator: at m_anchor_cycle the count was m_anchor.ticks + m_anchor.phase/period.
  uint64_t m_anchor_cycle = 0;
  TickState m_anchor{0, 0};
  uint32_t m_ref = 0, m_sys = 0, m_cycles = 0;  // rates the anchor counts with
  bool m_running = false;
  mutable uint64_t m_ticks_seen = 0;  // the largest count ticks() returned

  // Watchdog counter: m_count at tick m_count_tick, dropping 2 per tick while counting().
  uint32_t m_count = 0;
  uint64_t m_count_tick = 0;
  bool m_counting = false;
  bool m_halted[2] = {false, false};
  EventId m_expiry, m_trigger;
};

}  // namespace vpico::rp2040
