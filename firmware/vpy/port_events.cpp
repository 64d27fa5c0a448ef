// The port's event ring (port_events.h) and port_run_events, which the VM calls at a safe point.
#include "port_events.h"

#include "cpu.h"
#include "machine.h"
#include "port.h"
#include "state.h"

namespace vpy {

namespace {
constexpr uint32_t kRingSize = 32;  // a power of two
PortEvent ring[kRingSize];
volatile uint32_t head = 0;  // written by push (interrupts)
volatile uint32_t tail = 0;  // written by port_run_events
volatile uint32_t lost = 0;

// Takes the oldest event; false when there is none. Interrupts are masked around it, so a
// handler pushing meanwhile sees a consistent ring.
bool pop(PortEvent* e) {
  const uint32_t primask = cpu_get_primask();
  cpu_irq_disable();
  const bool any = head != tail;
  if (any) {
    *e = ring[tail % kRingSize];
    tail = tail + 1;
  }
  if (!primask) cpu_irq_enable();
  return any;
}
}  // namespace

bool port_event_push(PortEvent e) {
  const uint32_t primask = cpu_get_primask();
  cpu_irq_disable();
  const uint32_t h = head;
  const bool room = h - tail < kRingSize;
  if (room) {
    ring[h % kRingSize] = e;
    head = h + 1;
    port_events_pending = 1;
  } else {
    lost = lost + 1;
  }
  if (!primask) cpu_irq_enable();
  return room;
}

void port_events_reset() {
  cpu_irq_disable();
  head = 0;
  tail = 0;
  lost = 0;
  port_events_pending = 0;
  cpu_irq_enable();
}

uint32_t port_events_lost() {
  return lost;
}

// Runs the recorded events in order, on the VM's stack. An exception from a callback leaves
// the rest in the ring and port_events_pending set, so they run at the next safe point.
void port_run_events() {
  PortEvent e;
  while (pop(&e)) {
    if (head != tail) port_events_pending = 1;  // more after this one, even if it raises
    if (e.kind == kEventPin) {
      machine_pin_run_event(e.index);
    } else {
      machine_timer_run_event(e.index, e.generation);
    }
  }
  // Nothing left: a flag an interrupt set for events already run here goes down (unless the
  // micropython.schedule queue, which runs next, still holds callbacks).
  const uint32_t primask = cpu_get_primask();
  cpu_irq_disable();
  if (head == tail && vm()->sched_len == 0) port_events_pending = 0;
  if (!primask) cpu_irq_enable();
}

}  // namespace vpy
