#include "pins.h"

#include <algorithm>

namespace vpico {

Waveform Waveform::make(uint64_t period, uint64_t high, int64_t origin) {
  if (period == 0) return {};
  int64_t o = origin % int64_t(period);
  if (o < 0) o += int64_t(period);
  return Waveform{period, high > period ? period : high, uint64_t(o)};
}

bool Waveform::level_at(uint64_t cycle) const {
  if (!period) return false;
  const uint64_t phase = ((cycle * kSub) % period + period - origin) % period;
  return phase < high;
}

uint64_t Waveform::next_edge(uint64_t cycle) const {
  if (!period || high == 0 || high >= period) return UINT64_MAX;
  const uint64_t t = cycle * kSub;
  const uint64_t phase = (t % period + period - origin) % period;
  const uint64_t boundary = phase < high ? t + (high - phase) : t + (period - phase);
  return (boundary + kSub - 1) / kSub;  // the first sample at or after the boundary
}

uint64_t Waveform::high_time(uint64_t from, uint64_t to) const {
  if (!period || to <= from) return 0;
  // High sub-times in [origin - period, x), for x >= 0.
  auto cumulative = [this](uint64_t x) {
    const uint64_t y = x + period - origin;
    const uint64_t in_period = y % period;
    return (y / period) * high + (in_period < high ? in_period : high);
  };
  return cumulative(to) - cumulative(from);
}

uint64_t Waveform::edges(uint64_t from_cycle, uint64_t to_cycle, bool rising) const {
  if (!period || high == 0 || high >= period || to_cycle <= from_cycle) return 0;
  // A transition at sub-time T is first seen by the sample at cycle ceil(T / kSub): it falls in
  // (from, to] exactly when from * kSub < T <= to * kSub.
  const uint64_t at = rising ? origin : (origin + high) % period;
  auto count_upto = [&](uint64_t x) { return (x + period - at) / period; };
  return count_upto(to_cycle * kSub) - count_upto(from_cycle * kSub);
}

Waveform Waveform::inverted() const {
  if (!period) return {};
  return make(period, period - high, int64_t(origin + high));
}

bool Pins::level(unsigned pin) const {
  if (m_wave[pin].active()) return m_wave[pin].level_at(now());
  return m_level[pin];
}

double Pins::duty(unsigned pin) const {
  if (m_wave[pin].active()) return m_wave[pin].duty();
  return m_level[pin] ? 1.0 : 0.0;
}

void Pins::reset() {
  m_chip.fill(ChipDrive{});
  m_pad.fill(Pad{});
  for (unsigned p = 0; p < kCount; ++p)
    resolve(p);
}

void Pins::drive(unsigned pin, std::optional<bool> level) {
  if (pin >= kCount) return;
  m_external[pin] = level;
  m_external_wave[pin] = Waveform{};
  resolve(pin);
}

void Pins::drive_waveform(unsigned pin, const Waveform& wave) {
  if (pin >= kCount) return;
  m_external_wave[pin] = wave;
  if (!wave.active()) m_external[pin].reset();
  resolve(pin);
}

void Pins::set_voltage(unsigned pin, std::optional<double> volts) {
  if (pin >= kCount) return;
  if (volts) volts = std::clamp(*volts, 0.0, kIoVdd);  // the pad's protection diodes
  m_analog[pin] = volts;
}

double Pins::voltage(unsigned pin) const {
  if (pin >= kCount) return 0.0;
  if (chip_drives(pin)) return m_chip[pin].output ? kIoVdd : 0.0;
  if (m_analog[pin]) return *m_analog[pin];
  return m_level[pin] ? kIoVdd : 0.0;
}

void Pins::set_chip(unsigned pin, ChipDrive drive) {
  m_chip[pin] = drive;
  resolve(pin);
}

void Pins::set_pad(unsigned pin, Pad pad) {
  m_pad[pin] = pad;
  resolve(pin);
}

void Pins::resolve(unsigned pin) {
  bool level = false;
  Waveform wave;
  if (chip_drives(pin)) {
    // The pad's driver is stronger than any part we model.
    if (m_chip[pin].wave.active())
      wave = m_chip[pin].wave;
    else
      level = m_chip[pin].output;
  } else if (m_external_wave[pin].active()) {
    wave = m_external_wave[pin];
  } else if (m_external[pin]) {
    level = *m_external[pin];
  } else if (m_pad[pin].pull_up != m_pad[pin].pull_down) {
    level = m_pad[pin].pull_up;
  } else {
    level = m_level[pin];  // both pulls: bus keeper; none: floating, keeps its last level
  }
  const uint64_t t = now();
  // A waveform that never toggles is a steady level.
  if (wave.active() && (wave.high == 0 || wave.high >= wave.period)) {
    level = wave.high != 0;
    wave = Waveform{};
  }
  if (wave.active()) level = wave.level_at(t);
  const bool wave_changed = !(wave == m_wave[pin]);
  if (wave_changed) {
    m_wave[pin] = wave;
    if (m_sched) m_sched->cancel(m_edge_event[pin]);
    schedule_edge(pin);
  }
  set_level(pin, level, t);
  if (wave_changed)
    for (auto& o : m_wave_observers)
      o(pin);
}

void Pins::set_level(unsigned pin, bool level, uint64_t now) {
  if (level == m_level[pin]) return;
  m_level[pin] = level;
  ++m_changes[pin];
  for (auto& o : m_observers)
    o(pin, level, now);
}

void Pins::schedule_edge(unsigned pin) {
  const Waveform& w = m_wave[pin];
  if (!m_sched || !w.active() || w.period_cycles() < kEdgeMinPeriod) return;
  const uint64_t next = w.next_edge(now());
  if (next == UINT64_MAX) return;
  m_edge_event[pin] = m_sched->at(next, [this, pin] {
    m_edge_event[pin] = EventId{};
    const uint64_t t = now();
    set_level(pin, m_wave[pin].level_at(t), t);
    schedule_edge(pin);
  });
}

Result<void> Pins::connect(unsigned from, unsigned to) {
  if (from >= kCount || to >= kCount) return make_error("a wire must join two of GPIO0..GPIO29");
  if (from == to) return make_error("a wire from a pin to itself");
  for (const Wire& w : m_wires)
    if (w.to == to) return make_error("GPIO" + std::to_string(to) + " already has a wire into it");
  // A loop would drive a pin from itself: follow the wires downstream of `to`.
  std::vector<unsigned> todo{to};
  while (!todo.empty()) {
    const unsigned p = todo.back();
    todo.pop_back();
    if (p == from) return make_error("these wires would form a loop");
    for (const Wire& w : m_wires)
      if (w.from == p) todo.push_back(w.to);
  }
  m_wires.push_back({from, to});
  if (!m_wire_observers) {
    m_wire_observers = true;
    observe([this](unsigned pin, bool, uint64_t) { follow_wires(pin); });
    observe_waveform([this](unsigned pin) { follow_wires(pin); });
  }
  follow_wires(from);
  return {};
}

void Pins::follow_wires(unsigned from) {
  for (const Wire& w : m_wires) {
    if (w.from != from) continue;
    if (m_wave[from].active())
      drive_waveform(w.to, m_wave[from]);
    else
      drive(w.to, m_level[from]);
  }
}

}  // namespace vpico
