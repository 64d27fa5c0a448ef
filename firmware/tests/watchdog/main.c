// watchdog: the WATCHDOG's counter, reboot and scratch registers (RP2040 datasheet 4.7).
//
// One run boots three times. SCRATCH0 holds a magic number with the stage reached, since
// SCRATCH0..7 and REASON survive a watchdog reset (only a power-on clears them):
//   boot 1: counter checks, then LOAD + ENABLE and wait: the counter expires and reboots;
//   boot 2: REASON = TIMER, the scratch values survived, the expiry came on time; then
//           CTRL.TRIGGER;
//   boot 3: REASON = FORCE, the scratch values survived, the trigger acted at once;
//           SCRATCH0 is cleared, DONE.
// While it waits for a reset, a stage keeps writing the microseconds since it asked for it
// to SCRATCH3: the next boot reads when the old one stopped.
// The image's name is printed on the first boot only, so the whole run reads as one report.
//
// Facts used: the tick is clk_ref / TICK.CYCLES (12 for the 12 MHz crystal, as pico-sdk
// sets it); RP2040-E1, the counter goes down by 2 per tick (so LOAD is twice the
// microseconds wanted, as pico-sdk loads it); PSM WDSEL selects what the watchdog resets and
// is 0 after power-on, so each stage selects everything but the oscillators before letting
// the watchdog fire, as pico-sdk does. SCRATCH4..7 belong to the boot ROM (2.8.1.1): only
// SCRATCH0..3 are used here.
#include <stdbool.h>
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define RAMFUNC __attribute__((section(".ramfunc"), noinline))

#define CLK_REF_MHZ 12u
#define STAGE_MAGIC 0x3d0c0000u  // SCRATCH0 = STAGE_MAGIC | stage
#define STAGE_MASK 0xffff0000u
#define STAGE_AFTER_EXPIRY 1u
#define STAGE_AFTER_TRIGGER 2u
#define SCRATCH_ALIVE 3u  // microseconds since the reset was asked for, as last seen
#define EXPIRY_US 1000u

// Values parked in SCRATCH1..2 across the reboots.
#define PARKED 2u
static const uint32_t kScratch[PARKED] = {0xa5a5a5a5u, 0xfedcba98u};

static inline uint32_t timer_now(void) {
  return mmio_read(TIMER_TIMERAWL);
}

// The microsecond tick for TIMER and the watchdog counter, and TIMER out of reset (the
// counter checks below are timed by it).
static void tick_start(void) {
  mmio_write(WATCHDOG_TICK, WATCHDOG_TICK_ENABLE | CLK_REF_MHZ);
  resets_release(RESETS_TIMER);
}

// Makes a watchdog reset reboot the processors and everything else but the oscillators, and
// lets it fire without a debugger's pause.
static void select_reboot(void) {
  mmio_write(PSM_WDSEL, PSM_WDSEL_ALL & ~(uint32_t)(PSM_WDSEL_ROSC | PSM_WDSEL_XOSC));
  mmio_clear_bits(WATCHDOG_CTRL,
                  WATCHDOG_CTRL_PAUSE_DBG0 | WATCHDOG_CTRL_PAUSE_DBG1 | WATCHDOG_CTRL_PAUSE_JTAG);
}

static inline uint32_t watchdog_time(void) {
  return mmio_read(WATCHDOG_CTRL) & WATCHDOG_CTRL_TIME;
}

static bool scratch_kept(void) {
  bool kept = true;
  for (uint32_t i = 0; i < PARKED; ++i)
    kept = kept && mmio_read(WATCHDOG_SCRATCH(i + 1u)) == kScratch[i];
  return kept;
}

// Waits up to `us` microseconds (by TIMER, counted from `start`) for a reset that should come
// first, writing the time waited so far to SCRATCH3 on every poll (under 1 us apart, from
// SRAM); reports if the reset does not come.
RAMFUNC static void wait_alive(uint32_t start, uint32_t us) {
  for (uint32_t i = us * CLK_REF_MHZ; i != 0; --i) {
    uint32_t waited = timer_now() - start;
    mmio_write(WATCHDOG_SCRATCH(SCRATCH_ALIVE), waited);
    if (waited >= us) break;
  }
}
static void no_reboot(const char* what) {
  report_begin(false, what);
  uart0_puts(": no reboot\n");
}

// Both counters read back to back on every poll, from a tick edge of TIMER until 100 us of
// it have passed. TIMER counts the same tick, so the two reads of a pair are at most one tick
// apart and the watchdog counter's drop is 2 * (t1 - t0) +- 2. Runs from SRAM, away from XIP
// cache misses.
struct rate {
  uint32_t t0, w0, t1, w1;
};
RAMFUNC static struct rate measure_rate(void) {
  struct rate r;
  uint32_t t = timer_now();
  r.w0 = watchdog_time();
  r.t0 = timer_now();
  for (uint32_t i = 1000u; i != 0 && r.t0 == t; --i) {
    r.w0 = watchdog_time();
    r.t0 = timer_now();
  }
  r.w1 = r.w0;
  r.t1 = r.t0;
  for (uint32_t i = 200u * CLK_REF_MHZ; i != 0 && r.t1 - r.t0 < 100u; --i) {
    r.w1 = watchdog_time();
    r.t1 = timer_now();
  }
  return r;
}

static void first_boot(void) {
  uart0_puts("watchdog\n");
  tick_start();

  for (uint32_t i = 0; i < PARKED; ++i)
    mmio_write(WATCHDOG_SCRATCH(i + 1u), kScratch[i]);
  check_true("scratch registers read back", scratch_kept());

  // A stopped counter holds what LOAD wrote.
  mmio_clear_bits(WATCHDOG_CTRL, WATCHDOG_CTRL_ENABLE);
  mmio_write(WATCHDOG_LOAD, 200000u);
  cpu_delay_loops(10);  // LOAD crosses into the watchdog's clock domain
  uint32_t held = watchdog_time();
  cpu_delay_loops(100u * CLK_REF_MHZ / 3u);  // 100 us
  uint32_t still = watchdog_time();
  check_hex("load sets ctrl.time", held, 200000u);
  check_hex("disabled counter holds", still, 200000u);

  // Enabled, it goes down by 2 a tick (RP2040-E1).
  mmio_set_bits(WATCHDOG_CTRL, WATCHDOG_CTRL_ENABLE);
  struct rate r = measure_rate();
  mmio_clear_bits(WATCHDOG_CTRL, WATCHDOG_CTRL_ENABLE);
  uint32_t ticks = r.t1 - r.t0;
  uint32_t dropped = r.w0 - r.w1;
  bool rate_ok = ticks - 100u <= 1u && dropped + 2u >= 2u * ticks && dropped <= 2u * ticks + 2u;
  report_begin(rate_ok, "counter drops 2 per tick");
  if (!rate_ok) {
    uart0_puts(": ");
    uart0_put_udec(ticks);
    uart0_puts(" ticks took off ");
    uart0_put_udec(dropped);
  }
  uart0_putc('\n');

  // Expiry after 1000 us: LOAD 2000 (RP2040-E1). Everything printed has left the UART
  // before it fires.
  mmio_write(WATCHDOG_SCRATCH(0), STAGE_MAGIC | STAGE_AFTER_EXPIRY);
  uart0_flush();
  select_reboot();
  mmio_write(WATCHDOG_SCRATCH(SCRATCH_ALIVE), 0);
  mmio_write(WATCHDOG_LOAD, 2u * EXPIRY_US);
  mmio_set_bits(WATCHDOG_CTRL, WATCHDOG_CTRL_ENABLE);
  wait_alive(timer_now(), 10u * EXPIRY_US);
  no_reboot("watchdog expiry reboots the chip");
}

static void after_expiry(void) {
  uint32_t alive = mmio_read(WATCHDOG_SCRATCH(SCRATCH_ALIVE));
  tick_start();
  mmio_clear_bits(WATCHDOG_CTRL, WATCHDOG_CTRL_ENABLE);
  check_hex("reason is timer after an expiry", mmio_read(WATCHDOG_REASON), WATCHDOG_REASON_TIMER);
  check_true("scratch1..2 survive the expiry", scratch_kept());
  // The counter starts with the first tick after ENABLE and fires on its 1000th: the last
  // time boot 1 wrote down was 998..1000 us after it read the counter at ENABLE.
  bool on_time = alive + 2u >= EXPIRY_US && alive <= EXPIRY_US;
  report_begin(on_time, "expiry 1000 us after enable");
  if (!on_time) {
    uart0_puts(": boot 1 was still running at ");
    uart0_put_udec(alive);
    uart0_puts(" us");
  }
  uart0_putc('\n');

  mmio_write(WATCHDOG_SCRATCH(0), STAGE_MAGIC | STAGE_AFTER_TRIGGER);
  uart0_flush();
  select_reboot();
  mmio_write(WATCHDOG_SCRATCH(SCRATCH_ALIVE), 0);  // the reset may come before the first poll
  uint32_t start = timer_now();
  mmio_set_bits(WATCHDOG_CTRL, WATCHDOG_CTRL_TRIGGER);
  wait_alive(start, EXPIRY_US);
  no_reboot("ctrl.trigger reboots the chip");
}

static void after_trigger(void) {
  uint32_t alive = mmio_read(WATCHDOG_SCRATCH(SCRATCH_ALIVE));
  check_hex("reason is force after a trigger", mmio_read(WATCHDOG_REASON), WATCHDOG_REASON_FORCE);
  check_true("scratch1..2 survive the trigger", scratch_kept());
  report_begin(alive <= 1u, "trigger resets at once");
  if (alive > 1u) {
    uart0_puts(": boot 2 was still running at ");
    uart0_put_udec(alive);
    uart0_puts(" us");
  }
  uart0_putc('\n');
}

int main(void) {
  bringup_console();
  uint32_t stage = mmio_read(WATCHDOG_SCRATCH(0));
  if ((stage & STAGE_MASK) != STAGE_MAGIC) stage = STAGE_MAGIC;  // power-on: scratch is 0
  switch (stage & ~STAGE_MASK) {
    case STAGE_AFTER_EXPIRY:
      after_expiry();
      break;
    case STAGE_AFTER_TRIGGER:
      after_trigger();
      break;
    default:
      first_boot();
      break;
  }
  // Reached on the last boot, or when a reboot did not come: start from scratch next time.
  mmio_write(WATCHDOG_SCRATCH(0), 0);
  selftest_end();
}
