// The time module (MicroPython flavour: ticks_ms & co, plus time/sleep).
#include "port.h"
#include "runtime.h"

namespace vpy {

namespace {

// MicroPython's ticks wrap at 2**30 (TICKS_PERIOD) so they stay small ints.
constexpr Int kTicksPeriod = Int(1) << 30;
constexpr Int kTicksMax = kTicksPeriod - 1;

Value t_time(size_t, const Value*, const KwArgs*) {
  return float_new(static_cast<Float>(port_ticks_us()) / 1000000);
}
Value t_time_ns(size_t, const Value*, const KwArgs*) {
  return int_from_u64(port_ticks_us() * 1000);
}
// Sleeps until `us` microseconds from now have passed, in steps of at most 100 ms: Ctrl-C and
// pending events (a Timer's or a pin's callback, micropython.schedule) are handled between steps,
// and a port may end a step early when an event comes, so callbacks run while a program sleeps,
// as on MicroPython's boards. Every sleep, even sleep(0), is such a point.
void sleep_for_us(uint64_t us) {
  const uint64_t start = port_ticks_us();
  runtime_poll_interrupt();
  for (;;) {
    const uint64_t done = port_ticks_us() - start;
    if (done >= us) break;
    const uint64_t left = us - done;
    port_sleep_us(static_cast<uint32_t>(left > 100000 ? 100000 : left));
    charge_native_work(64);  // fuzz builds: a sleep of years ends with the step budget
    runtime_poll_interrupt();
  }
}

Value t_sleep(size_t, const Value* a, const KwArgs*) {
  Float s = float_get(a[0]);
  // Longer than ~500000 years is as good as for ever (and keeps the conversion defined).
  const Float max_s = static_cast<Float>(1.6e13);
  sleep_for_us(!(s > 0) ? 0 : s >= max_s ? uint64_t(1.6e19) : static_cast<uint64_t>(s * 1000000));
  return kNone;
}
Value t_sleep_ms(size_t, const Value* a, const KwArgs*) {
  Int ms = int_get(a[0]);
  const uint64_t max_ms = 16'000'000'000'000'000u;  // see t_sleep
  sleep_for_us(ms <= 0 ? 0 : static_cast<uint64_t>(ms) >= max_ms ? max_ms * 1000 : ms * 1000u);
  return kNone;
}
Value t_sleep_us(size_t, const Value* a, const KwArgs*) {
  Int us = int_get(a[0]);
  sleep_for_us(us > 0 ? static_cast<uint64_t>(us) : 0);
  return kNone;
}
Value t_ticks_ms(size_t, const Value*, const KwArgs*) {
  return small_int(static_cast<Int>(port_ticks_ms() & kTicksMax));
}
Value t_ticks_us(size_t, const Value*, const KwArgs*) {
  return small_int(static_cast<Int>(port_ticks_us() & kTicksMax));
}
Value t_ticks_add(size_t, const Value* a, const KwArgs*) {
  return small_int((int_get(a[0]) + int_get(a[1])) & kTicksMax);
}
Value t_ticks_diff(size_t, const Value* a, const KwArgs*) {
  Int d = (int_get(a[0]) - int_get(a[1])) & kTicksMax;
  if (d >= kTicksPeriod / 2) d -= kTicksPeriod;
  return small_int(d);
}

const NativeFunObj t_time_obj = {&native_fun_type, 0, 0, 0, Q_time, t_time};
const NativeFunObj t_time_ns_obj = {&native_fun_type, 0, 0, 0, Q_time_ns, t_time_ns};
const NativeFunObj t_sleep_obj = {&native_fun_type, 1, 1, 0, Q_sleep, t_sleep};
const NativeFunObj t_sleep_ms_obj = {&native_fun_type, 1, 1, 0, Q_sleep_ms, t_sleep_ms};
const NativeFunObj t_sleep_us_obj = {&native_fun_type, 1, 1, 0, Q_sleep_us, t_sleep_us};
const NativeFunObj t_ticks_ms_obj = {&native_fun_type, 0, 0, 0, Q_ticks_ms, t_ticks_ms};
const NativeFunObj t_ticks_us_obj = {&native_fun_type, 0, 0, 0, Q_ticks_us, t_ticks_us};
const NativeFunObj t_ticks_cpu_obj = {&native_fun_type, 0, 0, 0, Q_ticks_cpu, t_ticks_us};
const NativeFunObj t_ticks_add_obj = {&native_fun_type, 2, 2, 0, Q_ticks_add, t_ticks_add};
const NativeFunObj t_ticks_diff_obj = {&native_fun_type, 2, 2, 0, Q_ticks_diff, t_ticks_diff};

}  // namespace

const RomEntry time_members_table[] = {
    {Q_time, 0, &t_time_obj},           {Q_time_ns, 0, &t_time_ns_obj},
    {Q_sleep, 0, &t_sleep_obj},         {Q_sleep_ms, 0, &t_sleep_ms_obj},
    {Q_sleep_us, 0, &t_sleep_us_obj},   {Q_ticks_ms, 0, &t_ticks_ms_obj},
    {Q_ticks_us, 0, &t_ticks_us_obj},   {Q_ticks_cpu, 0, &t_ticks_cpu_obj},
    {Q_ticks_add, 0, &t_ticks_add_obj}, {Q_ticks_diff, 0, &t_ticks_diff_obj},
    {Q_monotonic, 0, &t_time_obj},
};
extern const RomMap time_members;
const RomMap time_members = {time_members_table, sizeof(time_members_table) / sizeof(RomEntry)};

}  // namespace vpy
