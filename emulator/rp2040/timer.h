// TIMER (datasheet 4.6): the 64-bit microsecond counter that advances on the watchdog's tick,
// read through TIMELR/TIMEHR (reading TIMELR latches TIMEHR until TIMEHR is read) or the raw
// TIMERAWL/TIMERAWH, written through TIMELW then TIMEHW; PAUSE and DBGPAUSE (with the debug
// halt state the machine reports); the four alarms (writing ALARMn arms it, it fires when the
// low 32 bits of the counter equal it and disarms; ARMED disarms early) with INTR/INTE/INTF/INTS
// and the lines TIMER_IRQ_0..3. The counter is computed from the tick source at each access,
// never advanced by events; an armed alarm is one scheduler event at the cycle of its match.
// An alarm written with the current low 32 bits fires at once, inside the write (the match is a
// level compare), so ARMED already reads 0 after it, as pico-sdk's race check expects.
// INTS = (INTR & INTE) | INTF. Not modelled: nothing else in this block.
#pragma once

#include <cstdint>

#include "device.h"
#include "rp2040/watchdog.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class Timer : public Device {
 public:
  Timer(Scheduler& scheduler, IrqSink& irqs, TickSource& ticks);
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;

  // The counter now (no latching side effect).
  uint64_t time_us() const;
  // The tick source changed rate or phase: the alarms' match cycles move.
  void tick_changed();
  // A core entered or left debug halt (DBGPAUSE.DBG0/DBG1).
  void set_debug_halted(unsigned core, bool halted);

 private:
  void set_time(uint64_t us);
  void update_pause();
  void schedule_alarm(unsigned i);
  void alarm_event(unsigned i, uint64_t target_tick);
  void fire_alarm(unsigned i);
  bool armed(unsigned i) const;
  uint32_t interrupt_status() const;
  void update_irq();

  Scheduler& m_sched;
  IrqSink& m_irqs;
  TickSource& m_ticks;

  // The counter is m_us_anchor + (ticks - m_tick_anchor) while running, m_us_anchor paused.
  uint64_t m_us_anchor = 0, m_tick_anchor = 0;
  bool m_paused = false;
  bool m_halted[2] = {false, false};
  bool m_hi_latched = false;
  uint32_t m_latched_hi = 0;
  EventId m_alarm_event[4];
  uint32_t m_irq_levels = 0;
};

}  // namespace vpico::rp2040
