// libFuzzer target: each input is Python source that vpy compiles and runs on a small, fresh
// heap. This file is also vpy's port for the run: a silent console, no files, and a fake clock
// so sleeping and ticks cost nothing and do not depend on the machine.
//
// Runaway programs: vpy polls port_interrupt_pending on backward jumps and loop exits, so a
// CPU-time timer (SIGVTALRM) sets it after kSoftBudgetUs and again every kSoftBudgetUs, which
// ends ordinary infinite loops with KeyboardInterrupt. A program that keeps catching it is cut
// off after kHardTicks by jumping out of the run; the next input starts over with
// runtime_init on a new heap, so nothing of the abandoned run survives.
#include <setjmp.h>
#include <signal.h>
#include <sys/time.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "port.h"
#include "runtime.h"
#include "state.h"

namespace {

constexpr size_t kHeapBytes = 64 * 1024;
constexpr size_t kVmStackWords = 4 * 1024;
constexpr size_t kCStackLimit = 1024 * 1024;
constexpr long kSoftBudgetUs = 50 * 1000;  // CPU time before the first KeyboardInterrupt
constexpr int kHardTicks = 10;             // timer ticks before the run is abandoned

uint64_t fake_clock_us = 0;
bool verbose = false;
volatile sig_atomic_t ticks = 0;
volatile sig_atomic_t escape_armed = 0;
sigjmp_buf escape;

void on_tick(int) {
  ticks = ticks + 1;
  vpy::port_interrupt_pending = 1;
  if (ticks >= kHardTicks && escape_armed) {
    escape_armed = 0;
    siglongjmp(escape, 1);
  }
}

void set_timer(long us) {
  itimerval t{};
  t.it_value.tv_usec = us;
  t.it_interval.tv_usec = us;
  setitimer(ITIMER_VIRTUAL, &t, nullptr);
}

void install_handler() {
  static bool installed = false;
  if (installed) return;
  verbose = getenv("FUZZ_VPY_VERBOSE") != nullptr;
  struct sigaction sa {};
  sa.sa_handler = on_tick;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGVTALRM, &sa, nullptr);
  installed = true;
}

// Kept out of LLVMFuzzerTestOneInput so nothing there lives across the sigsetjmp.
__attribute__((noinline)) void run_source(const uint8_t* data, size_t size, char* stack_base) {
  using namespace vpy;
  size_t region = kHeapBytes + kVmStackWords * sizeof(Value);
  void* heap = malloc(region);
  if (heap == nullptr) return;
  InitConfig cfg{heap, region, kVmStackWords, stack_base, kCStackLimit};
  fake_clock_us = 0;
  ticks = 0;
  port_interrupt_pending = 0;
  runtime_init(&cfg);
  Value globals = module_globals(vm()->main_module);
  if (sigsetjmp(escape, 1) == 0) {
    escape_armed = 1;
    set_timer(kSoftBudgetUs);
    exec_toplevel(reinterpret_cast<const char*>(data), size, qstr_from_str("<fuzz>"), kCompileFile,
                  globals);
  }
  escape_armed = 0;
  set_timer(0);
  port_interrupt_pending = 0;
  free(heap);
}

}  // namespace

namespace vpy {

volatile int port_interrupt_pending = 0;

// Silent, unless FUZZ_VPY_VERBOSE is set (to look at what a reproducer does).
void port_write(const char* data, size_t len) {
  if (verbose) fwrite(data, 1, len, stdout);
}
void port_write_err(const char* data, size_t len) {
  if (verbose) fwrite(data, 1, len, stderr);
}
int port_read_char() {
  return -1;
}
void port_console_raw(bool) {}

// Every reading advances the clock, so busy-waiting on it terminates.
uint64_t port_ticks_us() {
  fake_clock_us += 1000;
  return fake_clock_us;
}
uint64_t port_ticks_ms() {
  return port_ticks_us() / 1000u;
}
void port_sleep_us(uint32_t us) {
  fake_clock_us += us;
}
void port_sleep_ms(uint32_t ms) {
  fake_clock_us += static_cast<uint64_t>(ms) * 1000u;
}

char* port_read_file(const char*, size_t*) {
  return nullptr;
}
PortStat port_stat(const char*) {
  return kPortStatNone;
}
uint32_t port_random_seed() {
  return 0x12345678u;
}

}  // namespace vpy

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  install_handler();
  char stack_base;
  run_source(data, size, &stack_base);
  return 0;
}
