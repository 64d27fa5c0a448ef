// The port's event ring: interrupt handlers (a pin's edge, a soft timer) record what happened
// here, without allocating and without running Python, and set port_events_pending; the VM
// then calls port_run_events() at its next safe point, which runs the Python callbacks.
#pragma once

#include <stdint.h>

namespace vpy {

enum PortEventKind : uint8_t { kEventPin, kEventTimer };
struct PortEvent {
  uint8_t kind;        // PortEventKind
  uint8_t index;       // the pin, or the timer slot
  uint8_t generation;  // a timer slot's generation when it fired (a reused slot ignores it)
};

// From an interrupt handler (or with interrupts masked): false when the ring is full (the
// event is lost, as a board loses an edge its scheduler has no room for).
bool port_event_push(PortEvent e);
// Empties the ring (soft reset).
void port_events_reset();
// Events lost to a full ring since the last reset.
uint32_t port_events_lost();

}  // namespace vpy
