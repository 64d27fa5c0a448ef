// Pins: the 30 GPIO pads of bank 0 as nets. A pad's level is resolved from the chip's output
// (function select, SIO or peripheral output, overrides, pad output disable), external drivers
// (parts, tests, the GUI) and the pad's pull-up/pull-down (RP2040 datasheet 2.19).
// Analog: a pad may also carry a voltage from an analog source (a potentiometer, a test), which
// the ADC samples on GPIO26..29. The analog voltage does not change the digital level.
//
// A driver may also put a periodic waveform on a pin (a PWM output): Pins then knows the level at
// any cycle and the duty cycle (LED brightness, GUI, energy) without an event per edge. Real edges
// (observers, IO_BANK0 edge interrupts, VCD) are generated from the scheduler only when a period
// is at least kEdgeMinPeriod cycles: below that, an edge per few hundred cycles would cost more
// host time than the firmware itself, and nothing we model needs them (the PWM's own input modes
// read the waveform instead, see observe_waveform()).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "result.h"
#include "scheduler.h"

namespace vpico {

// A periodic level: high for `high` of every `period`, a high part starting at `origin`. Times
// are in 1/kSub of a clk_sys cycle (the PWM's fractional divider has 4 bits), so a level is
// sampled at cycle c as the level at sub-time c * kSub. period == 0: no waveform.
struct Waveform {
  static constexpr uint64_t kSub = 16;
  uint64_t period = 0;
  uint64_t high = 0;    // 0 < high < period for a waveform that toggles
  uint64_t origin = 0;  // reduced modulo period

  // `origin` may be any sub-time, also before cycle 0.
  static Waveform make(uint64_t period, uint64_t high, int64_t origin);
  bool active() const { return period != 0; }
  double duty() const { return period ? double(high) / double(period) : 0.0; }
  uint64_t period_cycles() const { return period / kSub; }
  bool level_at(uint64_t cycle) const;
  // The first cycle after `cycle` whose level differs from the level at `cycle`.
  uint64_t next_edge(uint64_t cycle) const;
  // Sub-time units spent high in [from, to) (sub-times).
  uint64_t high_time(uint64_t from, uint64_t to) const;
  // Rising (or falling) transitions seen by cycle samples in (from_cycle, to_cycle].
  uint64_t edges(uint64_t from_cycle, uint64_t to_cycle, bool rising) const;
  Waveform inverted() const;
  bool operator==(const Waveform&) const = default;
};

class Pins {
 public:
  static constexpr unsigned kCount = 30;
  // Waveforms with a shorter period report their duty and level but make no edges.
  static constexpr uint64_t kEdgeMinPeriod = 1000;
  using Observer = std::function<void(unsigned pin, bool level, uint64_t cycle)>;
  using WaveformObserver = std::function<void(unsigned pin)>;

  // What the chip does with a pad, filled in by IO_BANK0 / PADS_BANK0 / SIO.
  struct ChipDrive {
    bool output_enable = false;
    bool output = false;
    Waveform wave{};  // when active, drives this waveform instead of `output`
  };
  struct Pad {
    bool pull_up = false;
    bool pull_down = true;  // PADS_BANK0 reset: PDE=1 (datasheet 2.19.6.3)
    bool input_enable = true;
    bool output_disable = false;
  };

  // Resolved level as a scope would see it (now, for a pin carrying a waveform).
  bool level(unsigned pin) const;
  // The waveform the pin carries (inactive when its level is steady).
  const Waveform& waveform(unsigned pin) const { return m_wave[pin]; }
  // Fraction of time the pin is high: the waveform's duty, or 0/1 for a steady level.
  double duty(unsigned pin) const;
  bool chip_drives(unsigned pin) const {
    return m_chip[pin].output_enable && !m_pad[pin].output_disable;
  }
  // External drive: a level, or nullopt to release the pin.
  void drive(unsigned pin, std::optional<bool> level);
  // External drive with a waveform (an inactive waveform releases the pin).
  void drive_waveform(unsigned pin, const Waveform& wave);
  // Called on every level change (including generated waveform edges).
  void observe(Observer observer) { m_observers.push_back(std::move(observer)); }
  // Called when the waveform a pin carries starts, stops or changes.
  void observe_waveform(WaveformObserver observer) {
    m_wave_observers.push_back(std::move(observer));
  }
  uint64_t change_count(unsigned pin) const { return m_changes[pin]; }

  // A jumper wire from pad `from` to pad `to`: `to` is driven with whatever `from` resolves to
  // (its level, or its waveform), as a wire from an output to an input is. One way only: the
  // wire never drives `from`. Refused: a pin out of range, a pin wired to itself, a second wire
  // into the same pin, and wires that would form a loop.
  Result<void> connect(unsigned from, unsigned to);

  // Analog side. IOVDD on the Pico: 3.3 V.
  static constexpr double kIoVdd = 3.3;
  // An analog source on the pin (volts, clamped to 0..IOVDD), or nullopt to remove it.
  void set_voltage(unsigned pin, std::optional<double> volts);
  // The voltage an ADC input sees: the chip's own output driver wins (0 V or IOVDD), then the
  // analog source, then the resolved digital level (0 V or IOVDD; a floating pad keeps its last
  // level, 0 V from reset).
  double voltage(unsigned pin) const;

  // Chip side.
  void set_chip(unsigned pin, ChipDrive drive);
  void set_pad(unsigned pin, Pad pad);
  const Pad& pad(unsigned pin) const { return m_pad[pin]; }
  void set_clock(std::function<uint64_t()> now) { m_now = std::move(now); }
  // Changes made until this is cleared happened at `cycle` (a lazily run block such as PIO
  // reports pin changes after the fact); nullopt returns to the clock.
  void stamp_changes_at(std::optional<uint64_t> cycle) { m_stamp = cycle; }
  // With a scheduler, waveforms of kEdgeMinPeriod cycles or more make real edges.
  void set_scheduler(Scheduler* scheduler) { m_sched = scheduler; }
  void reset();

 private:
  void resolve(unsigned pin);
  void set_level(unsigned pin, bool level, uint64_t now);
  void schedule_edge(unsigned pin);
  // A change reported after the fact (stamp_changes_at) happened at the stamped cycle.
  uint64_t now() const {
    return m_stamp ? *m_stamp : m_now ? m_now() : m_sched ? m_sched->now() : 0;
  }

  std::array<ChipDrive, kCount> m_chip{};
  std::array<Pad, kCount> m_pad{};
  std::array<std::optional<bool>, kCount> m_external{};
  std::array<std::optional<double>, kCount> m_analog{};
  std::array<Waveform, kCount> m_external_wave{};
  std::array<bool, kCount> m_level{};
  std::array<Waveform, kCount> m_wave{};
  std::array<EventId, kCount> m_edge_event{};
  std::array<uint64_t, kCount> m_changes{};
  std::vector<Observer> m_observers;
  std::vector<WaveformObserver> m_wave_observers;
  std::function<uint64_t()> m_now;
  std::optional<uint64_t> m_stamp;
  struct Wire {
    unsigned from, to;
  };
  std::vector<Wire> m_wires;
  bool m_wire_observers = false;
  void follow_wires(unsigned from);
  Scheduler* m_sched = nullptr;
};

}  // namespace vpico
