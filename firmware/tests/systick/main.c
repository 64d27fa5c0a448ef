// systick: the Cortex-M0+ SysTick timer clocked by the processor (CLKSOURCE = 1), its
// COUNTFLAG, and its exception (ARMv6-M ARM B3.3; RP2040 datasheet 2.4). clk_sys is the
// 12 MHz crystal after selftest_begin(), so a reload of 11999 ticks every millisecond.
#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define TICKS 10u
#define RELOAD_1MS (12000u - 1u)

static volatile uint32_t g_ticks;

void systick_handler(void) {
  ++g_ticks;
}

static void systick_stop(void) {
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
}

// Polls `*counter` until it reaches `want` or about `max_cycles` have passed.
static bool wait_for_count(volatile uint32_t* counter, uint32_t want, uint32_t max_cycles) {
  for (uint32_t spent = 0; spent < max_cycles; spent += 300u) {
    if (*counter >= want) return true;
    cpu_delay_loops(100);  // ~300 cycles
  }
  return *counter >= want;
}

int main(void) {
  selftest_begin("systick");
  systick_stop();

  // Registers: RVR is 24 bits wide; any write to CVR clears it.
  mmio_write(SYST_RVR, 0xffffffffu);
  check_hex("rvr keeps 24 bits", mmio_read(SYST_RVR), 0x00ffffffu);
  mmio_write(SYST_CVR, 0x1234u);
  check_hex("cvr write clears it", mmio_read(SYST_CVR), 0);
  check_true("clksource reads back", (mmio_read(SYST_CSR) & SYST_CSR_CLKSOURCE) != 0);

  // Counting down at the processor clock: a 1000-iteration busy loop is 3000 cycles (plus a
  // few instructions around it), so about 3000 comes off the counter. Counting the 1 us
  // reference instead would take off only ~250.
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_ENABLE);
  cpu_delay_loops(10);  // past the first tick, which loads RVR into the cleared counter
  uint32_t before = mmio_read(SYST_CVR);
  cpu_delay_loops(1000);
  uint32_t after = mmio_read(SYST_CVR);
  check_true("counts down", after < before);
  uint32_t elapsed = before - after;
  bool cycles_ok = elapsed >= 2700u && elapsed <= 3300u;
  report_begin(cycles_ok, "counts processor cycles");
  if (!cycles_ok) {
    uart0_puts(": 3000-cycle loop took ");
    uart0_put_udec(elapsed);
  }
  uart0_putc('\n');
  systick_stop();

  // COUNTFLAG: set when the counter wraps from 1 to 0, cleared by reading CSR.
  mmio_write(SYST_RVR, 1000u - 1u);
  mmio_write(SYST_CVR, 0);
  check_true("countflag clear after cvr write", (mmio_read(SYST_CSR) & SYST_CSR_COUNTFLAG) == 0);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_ENABLE);
  bool flagged = false;
  for (uint32_t i = 0; i < 10000u && !flagged; ++i) {
    flagged = (mmio_read(SYST_CSR) & SYST_CSR_COUNTFLAG) != 0;
  }
  // Read again at once: printing first would take longer than the 1000-cycle period.
  bool cleared = (mmio_read(SYST_CSR) & SYST_CSR_COUNTFLAG) == 0;
  check_true("countflag set on wrap", flagged);
  check_true("countflag cleared by read", cleared);
  check_true("cvr within reload", mmio_read(SYST_CVR) <= 999u);
  systick_stop();
  check_true("no exception without tickint", g_ticks == 0);

  // The exception: TICKINT set, 1 ms period, must fire TICKS times.
  g_ticks = 0;
  mmio_write(SYST_RVR, RELOAD_1MS);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE);
  bool fired = wait_for_count(&g_ticks, TICKS, 4u * TICKS * (RELOAD_1MS + 1u));
  systick_stop();
  check_true("exception fires every reload", fired);
  uint32_t count = g_ticks;
  check_dec("exception count", (int32_t)count, TICKS);
  cpu_delay_loops(RELOAD_1MS + 1u);  // 3 cycles each: three more periods
  check_dec("no exception once disabled", (int32_t)g_ticks, (int32_t)count);

  // ICSR.PENDSTSET pends the exception by software, whatever the counter does.
  count = g_ticks;
  mmio_write(SCB_ICSR, SCB_ICSR_PENDSTSET);
  cpu_dsb();
  cpu_isb();
  check_dec("pendstset runs the handler once", (int32_t)g_ticks, (int32_t)count + 1);

  // WFI sleeps until the next tick's exception. Without a working tick exception (see the
  // checks above) nothing would ever wake it, so then report instead of sleeping.
  if (fired) {
    count = g_ticks;
    mmio_write(SYST_CVR, 0);
    mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE);
    cpu_wfi();
    systick_stop();
    check_true("wfi wakes on the tick", g_ticks > count);
  } else {
    report_begin(false, "wfi wakes on the tick");
    uart0_puts(": not tried, the tick exception does not fire\n");
  }

  selftest_end();
}
