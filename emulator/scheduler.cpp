#include "scheduler.h"

namespace vpico {

EventId Scheduler::at(uint64_t cycle, Callback callback) {
  // Events are never in the past: something scheduled "now" from inside a quantum runs at the
  // next quantum boundary, which the earlier-event hook pulls forward to the current block.
  EventId id{cycle, m_next_seq++};
  m_events.emplace(Key{id.cycle, id.seq}, std::move(callback));
  if (m_on_earlier) m_on_earlier(cycle);
  return id;
}

void Scheduler::cancel(EventId& id) {
  if (id.valid()) m_events.erase(Key{id.cycle, id.seq});
  id = EventId{};
}

void Scheduler::run_until(uint64_t cycle) {
  const uint64_t* saved = m_clock;
  m_clock = &m_time;
  while (!m_events.empty() && m_events.begin()->first.first <= cycle) {
    auto node = m_events.extract(m_events.begin());
    if (node.key().first > m_time) m_time = node.key().first;
    node.mapped()();
  }
  if (cycle > m_time) m_time = cycle;
  m_clock = saved;
}

void Scheduler::cancel_all() {
  m_events.clear();
}

void Scheduler::clear() {
  m_events.clear();
  m_time = 0;
  // Sequence numbers keep counting: an EventId a device kept from before cannot match a new event.
  m_clock = &m_time;
}

}  // namespace vpico
