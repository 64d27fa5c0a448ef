// Scheduler: the only owner of virtual time (DESIGN.md "Virtual time and determinism").
// Time is counted in clk_sys cycles. Devices ask for callbacks at a cycle; events at the same
// cycle run in the order they were scheduled, so runs are deterministic.
#pragma once

#include <cstdint>
#include <functional>
#include <map>

namespace vpico {

struct EventId {
  uint64_t cycle = 0;
  uint64_t seq = 0;  // 0 = no event
  bool valid() const { return seq != 0; }
};

class Scheduler {
 public:
  using Callback = std::function<void()>;

  // Current time. While a core runs, this is that core's own cycle count (it may run ahead of
  // or behind the other core within a quantum); between quanta it is the machine's time.
  uint64_t now() const { return *m_clock; }

  EventId at(uint64_t cycle, Callback callback);
  EventId after(uint64_t cycles, Callback callback) {
    return at(now() + cycles, std::move(callback));
  }
  // Cancelling an event that already ran or was never scheduled is harmless.
  void cancel(EventId& id);

  // The cycle of the earliest pending event, or UINT64_MAX.
  uint64_t next_event() const {
    return m_events.empty() ? UINT64_MAX : m_events.begin()->first.first;
  }
  // Runs every event due at or before `cycle`, in order, with now() == the event's cycle.
  // Leaves the machine clock at `cycle`.
  void run_until(uint64_t cycle);

  // The machine points the clock at the running core's counter while it runs.
  void set_clock_source(const uint64_t* clock) { m_clock = clock ? clock : &m_time; }
  uint64_t machine_time() const { return m_time; }
  // Called when an event is scheduled earlier than the end of the running quantum.
  void set_on_earlier_event(std::function<void(uint64_t)> fn) { m_on_earlier = std::move(fn); }
  void clear();       // forget all events and restart time at 0
  void cancel_all();  // forget all events, keep the time

 private:
  using Key = std::pair<uint64_t, uint64_t>;
  std::map<Key, Callback> m_events;
  uint64_t m_time = 0;
  const uint64_t* m_clock = &m_time;
  uint64_t m_next_seq = 1;
  std::function<void(uint64_t)> m_on_earlier;
};

}  // namespace vpico
