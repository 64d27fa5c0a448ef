// libFuzzer target: each input is Python source that vpy compiles and runs on a small, fresh
// heap. This file is also vpy's port for the run: a silent console, no files, and a fake clock
// so sleeping and ticks cost nothing and do not depend on the machine.
//
// Runaway programs: vpy_core_fuzz is built with VPY_STEP_BUDGET, so the VM counts backward
// jumps, calls and iterator steps; after kStepBudget of them every poll raises
// KeyboardInterrupt, which ends loops even in programs that catch it. The limit is a count,
// not a time, so a reproducer behaves the same on every run and machine. Whatever still runs
// longer than libFuzzer's -timeout is a real finding: a loop in C that never polls.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "port.h"
#include "runtime.h"
#include "state.h"

#if !VPY_STEP_BUDGET
#error "fuzz_vpy needs vpy_core built with VPY_STEP_BUDGET=1"
#endif

namespace {

constexpr size_t kHeapBytes = 64 * 1024;
constexpr size_t kVmStackWords = 4 * 1024;
constexpr size_t kCStackLimit = 1024 * 1024;
constexpr uint32_t kStepBudget = 50 * 1000;

uint64_t fake_clock_us = 0;
bool verbose = getenv("FUZZ_VPY_VERBOSE") != nullptr;

void run_source(const uint8_t* data, size_t size, char* stack_base) {
  using namespace vpy;
  size_t region = kHeapBytes + kVmStackWords * sizeof(Value);
  void* heap = malloc(region);
  if (heap == nullptr) return;
  InitConfig cfg{heap, region, kVmStackWords, stack_base, kCStackLimit};
  fake_clock_us = 0;
  port_interrupt_pending = 0;
  runtime_init(&cfg);
  step_budget_left = kStepBudget;
  Value globals = module_globals(vm()->main_module);
  exec_toplevel(reinterpret_cast<const char*>(data), size, qstr_from_str("<fuzz>"), kCompileFile,
                globals);
  free(heap);
}

}  // namespace

namespace vpy {

volatile int port_interrupt_pending = 0;
volatile int port_events_pending = 0;
void port_run_events() {}

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
  char stack_base;
  run_source(data, size, &stack_base);
  return 0;
}
