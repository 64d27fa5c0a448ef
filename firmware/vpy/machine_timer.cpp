// machine.Timer: soft timers, as many as kTimerSlots, on one TIMER alarm (alarm 2; the port's
// sleep has alarm 3). The alarm is set for the earliest deadline; its interrupt records an event
// per timer due and sets the next deadline, and the callbacks run at the VM's next safe point
// (scheduled, never inside the interrupt), as MicroPython's soft timers do.
#include "cpu.h"
#include "machine.h"
#include "port_events.h"
#include "regs.h"

namespace vpy {

namespace {

constexpr uint32_t kAlarm = 2;
enum : Int { kModeOneShot = 0, kModePeriodic = 1 };
enum SlotState : uint8_t { kSlotFree, kSlotArmed, kSlotFired };

// What the interrupt sees of a running timer. A slot stays kSlotFired after a one-shot timer
// fired until its event has run, so that no new timer takes it meanwhile.
struct Slot {
  volatile uint8_t state;
  uint8_t generation;  // bumped on every reuse: an event for an earlier timer is ignored
  bool periodic;
  uint64_t period_us;
  uint64_t deadline_us;
};
Slot slots[kTimerSlots];

struct TimerObj {
  const Type* type;
  Value callback;
  Int slot;  // -1 when not running
  uint64_t period_us;
  bool periodic;
};

TimerObj* timer(Value v) {
  return as<TimerObj>(v);
}

// With interrupts masked: the alarm for the earliest deadline. One already past fires now
// (recorded at once) so that no deadline waits for the counter to wrap.
void fire_due_and_rearm() {
  for (;;) {
    const uint64_t now = port_ticks_us();
    bool any = false;
    uint64_t next = 0;
    for (uint32_t i = 0; i < kTimerSlots; i++) {
      Slot& s = slots[i];
      if (s.state != kSlotArmed) continue;
      if (s.deadline_us <= now) {
        port_event_push({kEventTimer, static_cast<uint8_t>(i), s.generation});
        if (s.periodic) {
          s.deadline_us += s.period_us;
          if (s.deadline_us <= now) s.deadline_us = now + s.period_us;  // fell behind
        } else {
          s.state = kSlotFired;
          continue;
        }
      }
      if (!any || s.deadline_us < next) next = s.deadline_us;
      any = true;
    }
    if (!any) {
      mmio_write(TIMER_ARMED, 1u << kAlarm);
      return;
    }
    // At most 2^31 us ahead, so that "passed" is a signed comparison on the low 32 bits.
    const uint64_t ahead = next - now;
    const uint32_t target =
        static_cast<uint32_t>(now + (ahead < 0x80000000u ? ahead : 0x80000000u));
    mmio_write(TIMER_ALARM(kAlarm), target);
    if (static_cast<int32_t>(mmio_read(TIMER_TIMERAWL) - target) < 0) return;
    mmio_write(TIMER_ARMED, 1u << kAlarm);  // passed while being set: handle it here
  }
}

void stop(TimerObj* t) {
  if (t->slot < 0) return;
  cpu_irq_disable();
  slots[t->slot].state = kSlotFree;
  fire_due_and_rearm();
  cpu_irq_enable();
  machine_roots()[kRootTimer + t->slot] = kNone;
  t->slot = -1;
}

// Timer(id=-1, *, mode=PERIODIC, period=ms, tick_hz=1000, freq=hz, callback, hard) and init().
void timer_configure(TimerObj* t, size_t n_args, const Value* args, const KwArgs* kw) {
  static const Qstr names[] = {Q_mode, Q_callback, Q_period, Q_tick_hz, Q_freq, Q_hard};
  Value a[6];
  machine_parse_args(n_args, args, kw, names, 6, 0, a);
  const Int mode = a[0] == kNull ? kModePeriodic : int_get(a[0]);
  if (mode != kModeOneShot && mode != kModePeriodic) raise_msg(&exc_ValueError, "invalid mode");
  uint64_t period_us;
  if (a[4] != kNull && a[4] != kNone) {
    const Float f = float_get(a[4]);
    if (!(f > 0)) raise_msg(&exc_ValueError, "freq must be positive");
    period_us = static_cast<uint64_t>(static_cast<Float>(1000000) / f);
  } else {
    const Int tick_hz = a[3] == kNull ? 1000 : int_get(a[3]);
    if (tick_hz <= 0) raise_msg(&exc_ValueError, "tick_hz must be positive");
    const int64_t period = a[2] == kNull ? 0xffffffff : int_get_i64(a[2]);
    if (period < 0) raise_msg(&exc_ValueError, "period must not be negative");
    period_us = static_cast<uint64_t>(period) * 1000000u / static_cast<uint64_t>(tick_hz);
  }
  if (period_us < 1) period_us = 1;
  stop(t);
  Int free_slot = -1;
  for (uint32_t i = 0; i < kTimerSlots && free_slot < 0; i++)
    if (slots[i].state == kSlotFree) free_slot = static_cast<Int>(i);
  if (free_slot < 0) raise_os_error(12);  // ENOMEM: every soft timer in use
  t->callback = a[1] == kNull ? kNone : a[1];
  t->period_us = period_us;
  t->periodic = mode == kModePeriodic;
  t->slot = free_slot;
  machine_roots()[kRootTimer + free_slot] = val(t);
  Slot& s = slots[free_slot];
  s.generation = static_cast<uint8_t>(s.generation + 1);
  s.periodic = t->periodic;
  s.period_us = period_us;
  s.deadline_us = port_ticks_us() + period_us;
  mmio_write(TIMER_INTE, mmio_read(TIMER_INTE) | (1u << kAlarm));
  mmio_write(NVIC_ISER, 1u << (IRQ_TIMER_0 + kAlarm));
  cpu_irq_disable();
  s.state = kSlotArmed;
  fire_due_and_rearm();
  cpu_irq_enable();
}

Value timer_make_new(const Type* type, size_t n_args, size_t n_kw, const Value* args) {
  if (n_args > 1) raise_arg_count(1, n_args);
  if (n_args == 1 && int_get(args[0]) != -1) raise_msg(&exc_ValueError, "Timer doesn't exist");
  TimerObj* t = gc_new<TimerObj>(type);
  t->callback = kNone;
  t->slot = -1;
  t->period_us = 0;
  t->periodic = true;
  if (n_kw) {
    KwArgs kw{n_kw, args + n_args};
    timer_configure(t, 0, nullptr, &kw);
  }
  return val(t);
}

Value timer_init(size_t n_args, const Value* a, const KwArgs* kw) {
  timer_configure(timer(a[0]), n_args - 1, a + 1, kw);
  return kNone;
}

Value timer_deinit(size_t, const Value* a, const KwArgs*) {
  stop(timer(a[0]));
  return kNone;
}

void timer_print(const Printer* p, Value self, PrintKind) {
  TimerObj* t = timer(self);
  print_fmt(p, "Timer(mode=%q, tick_hz=1000000, period=", t->periodic ? Q_PERIODIC : Q_ONE_SHOT);
  if (t->period_us <= 0xffffffffu) {
    print_fmt(p, "%u)", static_cast<unsigned>(t->period_us));
  } else {
    print_fmt(p, "%u000)", static_cast<unsigned>(t->period_us / 1000));
  }
}

const NativeFunObj timer_init_obj = {&native_fun_type, 1, 1, 1, Q_init, timer_init};
const NativeFunObj timer_deinit_obj = {&native_fun_type, 1, 1, 0, Q_deinit, timer_deinit};
const RomEntry timer_methods_table[] = {
    {Q_init, 0, &timer_init_obj},
    {Q_deinit, 0, &timer_deinit_obj},
    {Q_ONE_SHOT, small_int(kModeOneShot), nullptr},
    {Q_PERIODIC, small_int(kModePeriodic), nullptr},
};
const RomMap timer_methods = {timer_methods_table, sizeof(timer_methods_table) / sizeof(RomEntry)};

}  // namespace

const Type machine_timer_type = {.type = &type_type,
                                 .name = Q_Timer,
                                 .print = timer_print,
                                 .make_new = timer_make_new,
                                 .methods = &timer_methods,
                                 .base = &object_type};

void machine_timer_run_event(unsigned slot, unsigned generation) {
  Slot& s = slots[slot];
  if (s.state == kSlotFree || s.generation != generation) return;  // stopped or reused since
  const Value obj = machine_roots()[kRootTimer + slot];
  if (obj == kNone) return;
  TimerObj* t = timer(obj);
  if (s.state == kSlotFired) {  // a one-shot timer is done: its slot is free again
    s.state = kSlotFree;
    machine_roots()[kRootTimer + slot] = kNone;
    t->slot = -1;
  }
  if (t->callback != kNone) call1(t->callback, obj);
}

void machine_timer_deinit() {
  cpu_irq_disable();
  for (Slot& s : slots)
    s.state = kSlotFree;
  mmio_write(TIMER_ARMED, 1u << kAlarm);
  mmio_write(TIMER_INTE, mmio_read(TIMER_INTE) & ~(1u << kAlarm));
  mmio_write(TIMER_INTR, 1u << kAlarm);
  mmio_write(NVIC_ICER, 1u << (IRQ_TIMER_0 + kAlarm));
  cpu_irq_enable();
}

}  // namespace vpy

// TIMER_IRQ_2 (datasheet 4.6.3): the alarm of the earliest soft timer.
extern "C" void irq2_handler(void) {
  mmio_write(TIMER_INTR, 1u << 2);
  vpy::fire_due_and_rearm();
}
