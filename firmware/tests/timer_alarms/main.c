// timer_alarms: the system TIMER (RP2040 datasheet 4.6) on the watchdog's microsecond tick
// (4.7.2): the counter's rate, its latching TIMELR/TIMEHR pair, the four alarms with their
// IRQ lines TIMER_IRQ_0..3, ARMED, and INTR/INTE/INTF/INTS.
//
// clk_sys = clk_ref = 12 MHz from the crystal (selftest_begin), and the tick divides clk_ref
// by TICK.CYCLES = 12, as pico-sdk sets it: 1 us is 12 processor cycles, which SysTick counts
// (CLKSOURCE = processor). A duration is measured from a tick edge (the first read that sees
// TIMERAWL change) to the first read that sees the count reached (or the alarm fired). Each
// read comes within one pass of a polling loop of fewer than 12 cycles after the tick it
// sees, so the two ends' lags differ by less than 12 cycles and N us measure 12 * N +- 12
// cycles: the +-1 us of the checks.
//
// The timed code, the alarm handlers and a copy of the vector table run from SRAM: a miss in
// the XIP cache costs tens of microseconds at 12 MHz, which would swamp the tolerances.
#include <stdbool.h>
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define RAMFUNC __attribute__((section(".ramfunc"), noinline))

#define CLK_REF_MHZ 12u
#define CYCLES_PER_US CLK_REF_MHZ
// A slow tick (40 us) for the one check that must write an alarm before the counter moves.
#define SLOW_TICK_CYCLES 480u
#define ALL_ALARMS 0xfu
#define VECTOR_COUNT (EXC_IRQ0 + IRQ_COUNT)

// VTOR needs the table aligned to its size rounded up to a power of two (ARMv6-M B3.2.5).
static uint32_t g_vectors[VECTOR_COUNT] __attribute__((aligned(256)));

// What the alarm handlers saw: the order they ran in ('0'..'3'), the counter when each ran
// and whether each ran as its own exception (IPSR = 16 + n).
static volatile char g_log[8];
static volatile uint32_t g_log_len;
static volatile uint32_t g_fired_at[TIMER_ALARM_COUNT];
static volatile bool g_wrong_exception;

static void log_clear(void) {
  g_log_len = 0;
  g_log[0] = '\0';
}

RAMFUNC static void alarm_irq(uint32_t n) {
  g_fired_at[n] = mmio_read(TIMER_TIMERAWL);
  if (cpu_get_ipsr() != EXC_IRQ0 + IRQ_TIMER_0 + n) g_wrong_exception = true;
  if (g_log_len < sizeof g_log - 1) g_log[g_log_len++] = (char)('0' + n);
  g_log[g_log_len] = '\0';
  mmio_write(TIMER_INTR, 1u << n);  // clear the latched interrupt, or it comes straight back
}

RAMFUNC void irq0_handler(void) {
  alarm_irq(0);
}
RAMFUNC void irq1_handler(void) {
  alarm_irq(1);
}
RAMFUNC void irq2_handler(void) {
  alarm_irq(2);
}
RAMFUNC void irq3_handler(void) {
  alarm_irq(3);
}

static void vectors_to_sram(void) {
  const uint32_t* flash = (const uint32_t*)mmio_read(SCB_VTOR);
  for (uint32_t i = 0; i < VECTOR_COUNT; ++i)
    g_vectors[i] = flash[i];
  mmio_write(SCB_VTOR, (uint32_t)g_vectors);
  cpu_dsb();
}

// Inlined into the SRAM functions that poll with it.
__attribute__((always_inline)) static inline uint32_t timer_now(void) {
  return mmio_read(TIMER_TIMERAWL);
}

// SysTick as a free-running 24-bit cycle counter (it counts down).
static void cycles_start(void) {
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  mmio_write(SYST_RVR, SYST_RVR_RELOAD);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_ENABLE);
}

// Returns the counter just after it ticked, or its unchanged value if it does not tick within
// ~`max_loops` polls (then the checks that use it fail instead of hanging).
RAMFUNC static uint32_t tick_edge(uint32_t max_loops) {
  uint32_t t = timer_now();
  for (uint32_t i = 0; i < max_loops; ++i) {
    uint32_t now = timer_now();
    if (now != t) return now;
  }
  return t;
}

// Busy-waits until the counter is `us` past `start`; false if it gets stuck on the way. The
// bound on polls is only for a counter that stops: each poll takes longer than 1 cycle.
RAMFUNC static bool wait_until(uint32_t start, uint32_t us) {
  for (uint32_t i = (us + 10u) * CYCLES_PER_US; i != 0; --i)
    if (timer_now() - start >= us) return true;
  return false;
}
static bool wait_us(uint32_t us) {
  return wait_until(timer_now(), us);
}

// SysTick and the counter read together, SysTick first: the cycle count kept at either end
// of a measurement is the one read with the counter value (or INTR) that ended the wait. The
// waits are written in assembly so that one poll takes a known 9 cycles plus the wait states
// of the APB read, less than the 12 cycles of a tick.
struct sample {
  uint32_t cycles;  // SYST_CVR (counts down)
  uint32_t value;   // TIMERAWL, or TIMER_INTR
};

// The first sample that sees TIMERAWL differ from `before` (the last one after `polls`).
RAMFUNC static struct sample poll_tick(uint32_t before, uint32_t polls) {
  uint32_t c, t;
  __asm__ volatile(
      "1: ldr %[c], [%[syst]]\n"
      "   ldr %[t], [%[timer]]\n"
      "   cmp %[t], %[before]\n"
      "   bne 2f\n"
      "   subs %[n], #1\n"
      "   bne 1b\n"
      "2:\n"
      : [c] "=&l"(c), [t] "=&l"(t), [n] "+l"(polls)
      : [syst] "l"(SYST_CVR), [timer] "l"(TIMER_TIMERAWL), [before] "l"(before)
      : "cc", "memory");
  return (struct sample){c, t};
}

// The first sample whose TIMERAWL has reached `target` (signed difference, so any target
// within 2^31 us), or the last one after `polls`.
RAMFUNC static struct sample poll_reach(uint32_t target, uint32_t polls) {
  uint32_t c, t, d;
  __asm__ volatile(
      "1: ldr %[c], [%[syst]]\n"
      "   ldr %[t], [%[timer]]\n"
      "   subs %[d], %[t], %[target]\n"
      "   bpl 2f\n"
      "   subs %[n], #1\n"
      "   bne 1b\n"
      "2:\n"
      : [c] "=&l"(c), [t] "=&l"(t), [d] "=&l"(d), [n] "+l"(polls)
      : [syst] "l"(SYST_CVR), [timer] "l"(TIMER_TIMERAWL), [target] "l"(target)
      : "cc", "memory");
  return (struct sample){c, t};
}

// The first sample that sees INTR bit 1 (alarm 1) set, or the last one after `polls`.
RAMFUNC static struct sample poll_intr1(uint32_t polls) {
  uint32_t c, r;
  __asm__ volatile(
      "1: ldr %[c], [%[syst]]\n"
      "   ldr %[r], [%[intr]]\n"
      "   lsrs %[r], %[r], #2\n"  // bit 1 into the carry
      "   bcs 2f\n"
      "   subs %[n], #1\n"
      "   bne 1b\n"
      "2:\n"
      : [c] "=&l"(c), [r] "=&l"(r), [n] "+l"(polls)
      : [syst] "l"(SYST_CVR), [intr] "l"(TIMER_INTR)
      : "cc", "memory");
  return (struct sample){c, mmio_read(TIMER_INTR)};
}

// Cycles taken by `us` microseconds of the counter, from a tick edge to the tick that ends
// them. 0 when the counter does not run.
RAMFUNC static uint32_t cycles_for_us(uint32_t us) {
  uint32_t before = timer_now();
  struct sample s0 = poll_tick(before, 100u * CYCLES_PER_US);
  if (s0.value == before) return 0;
  struct sample s1 = poll_reach(s0.value + us, (us + 10u) * CYCLES_PER_US);
  bool reached = (int32_t)(s1.value - (s0.value + us)) >= 0;
  return reached ? (s0.cycles - s1.cycles) & SYST_RVR_RELOAD : 0;
}

// Cycles from a tick edge, with ALARM1 written for 100 us later, until INTR shows it fired.
RAMFUNC static uint32_t cycles_for_alarm(bool* fired) {
  uint32_t before = timer_now();
  struct sample s0 = poll_tick(before, 100u * CYCLES_PER_US);
  mmio_write(TIMER_ALARM(1), s0.value + 100u);
  struct sample s1 = poll_intr1(200u * CYCLES_PER_US);
  *fired = (s1.value & (1u << 1)) != 0;
  return (s0.cycles - s1.cycles) & SYST_RVR_RELOAD;
}

static void report_cycles(const char* what, uint32_t got, uint32_t want, uint32_t tolerance) {
  bool ok = got + tolerance >= want && got <= want + tolerance;
  report_begin(ok, what);
  if (!ok) {
    uart0_puts(": got ");
    uart0_put_udec(got);
    uart0_puts(" cycles want ");
    uart0_put_udec(want);
    uart0_puts(" +-");
    uart0_put_udec(tolerance);
  }
  uart0_putc('\n');
}

static void check_counter(void) {
  // Datasheet 4.7.2: the tick generator counts CYCLES clk_ref cycles per tick.
  mmio_write(WATCHDOG_TICK, WATCHDOG_TICK_ENABLE | CLK_REF_MHZ);
  bool running = false;
  for (int i = 0; i < 100 && !running; ++i)
    running = (mmio_read(WATCHDOG_TICK) & WATCHDOG_TICK_RUNNING) != 0;
  check_true("watchdog tick running", running);
  resets_release(RESETS_TIMER);

  // 1000 us of counter time is 12000 cycles.
  uint32_t elapsed = cycles_for_us(1000);
  check_true("counter advances", elapsed != 0);
  report_cycles("counter runs at 1 MHz", elapsed, 1000u * CYCLES_PER_US, CYCLES_PER_US);

  // Without the tick the counter stands still (datasheet 4.6: it counts the tick).
  mmio_write(WATCHDOG_TICK, CLK_REF_MHZ);
  uint32_t stopped = timer_now();
  cpu_delay_loops(100u * CYCLES_PER_US / 3u);  // 100 us
  uint32_t later = timer_now();
  bool tick_off = (mmio_read(WATCHDOG_TICK) & WATCHDOG_TICK_RUNNING) == 0;
  mmio_write(WATCHDOG_TICK, WATCHDOG_TICK_ENABLE | CLK_REF_MHZ);
  check_hex("counter stops without the tick", later, stopped);
  check_true("tick not running when disabled", tick_off);

  // TIMELW is held until TIMEHW is written; then both load the counter. 256 us before the
  // low word wraps, so the high word changes while TIMELR holds it latched. Everything is read
  // first and printed afterwards: printing takes ~87 us a character once the FIFO is full.
  const uint32_t low = 0xffffff00u;
  mmio_write(TIMER_TIMELW, low);
  mmio_write(TIMER_TIMEHW, 1);
  uint32_t raw_hi = mmio_read(TIMER_TIMERAWH);
  uint32_t raw_lo = mmio_read(TIMER_TIMERAWL);
  (void)mmio_read(TIMER_TIMELR);  // latches TIMEHR = 1
  bool wrapped = false;
  for (uint32_t i = 0; i < 1000u * CYCLES_PER_US && !wrapped; ++i)
    wrapped = mmio_read(TIMER_TIMERAWH) == 2u;
  uint32_t latched_hi = mmio_read(TIMER_TIMEHR);
  uint32_t new_lo = mmio_read(TIMER_TIMELR);
  uint32_t new_hi = mmio_read(TIMER_TIMEHR);
  check_true("timehw loads timehw:timelw", raw_hi == 1u && raw_lo - low < 10u);
  check_true("timerawh carries into the high word", wrapped);
  check_hex("timehr reads the value latched by timelr", latched_hi, 1);
  check_true("a new timelr/timehr pair reads the new time", new_hi == 2u && new_lo < 100u);
}

// Alarms 3, 2, 1, 0 armed for 40, 80, 120, 160 us ahead: each raises its own IRQ, in time
// order, and disarms. Returns whether all four handlers ran.
static bool check_alarm_irqs(void) {
  mmio_write(TIMER_INTR, ALL_ALARMS);
  mmio_write(NVIC_ICPR, ALL_ALARMS << IRQ_TIMER_0);
  mmio_write(NVIC_ISER, ALL_ALARMS << IRQ_TIMER_0);
  mmio_write(TIMER_INTE, ALL_ALARMS);
  log_clear();
  g_wrong_exception = false;

  uint32_t target[TIMER_ALARM_COUNT];
  uint32_t now = timer_now();
  for (uint32_t n = 0; n < TIMER_ALARM_COUNT; ++n)
    target[n] = now + 40u * (TIMER_ALARM_COUNT - n);
  for (uint32_t i = TIMER_ALARM_COUNT; i-- > 0;)
    mmio_write(TIMER_ALARM(i), target[i]);
  uint32_t armed = mmio_read(TIMER_ARMED);
  for (uint32_t i = 0; i < 10u && g_log_len < TIMER_ALARM_COUNT; ++i)
    wait_us(50);
  bool all_ran = g_log_len == TIMER_ALARM_COUNT;

  check_hex("writing alarmn arms it", armed, ALL_ALARMS);
  check_str("alarms fire in time order", (const char*)g_log, "3210");
  check_true("alarm n raises timer_irq_n", all_ran && !g_wrong_exception);
  check_hex("alarms disarm when they fire", mmio_read(TIMER_ARMED), 0);
  check_hex("handlers cleared intr", mmio_read(TIMER_INTR), 0);

  // From the match to the handler's read: exception entry (15 cycles) and a few instructions
  // from SRAM, well under 5 us at 12 MHz.
  bool on_time = all_ran;
  for (uint32_t n = 0; n < TIMER_ALARM_COUNT && on_time; ++n)
    on_time = g_fired_at[n] - target[n] <= 5u;
  report_begin(on_time, "alarm irqs come at their times");
  if (!on_time && all_ran) {
    uart0_puts(": late by");
    for (uint32_t n = 0; n < TIMER_ALARM_COUNT; ++n) {
      uart0_putc(' ');
      uart0_put_dec((int32_t)(g_fired_at[n] - target[n]));
    }
  }
  uart0_putc('\n');

  mmio_write(TIMER_INTE, 0);
  mmio_write(NVIC_ICER, ALL_ALARMS << IRQ_TIMER_0);
  mmio_write(NVIC_ICPR, ALL_ALARMS << IRQ_TIMER_0);
  return all_ran;
}

// The interrupt registers, with the NVIC lines disabled. The line TIMER_IRQ_n is INTS bit n.
static void check_interrupt_registers(void) {
  mmio_write(TIMER_ALARM(2), timer_now() + 20u);
  bool fired = false;
  for (uint32_t i = 0; i < 1000u * CYCLES_PER_US && !fired; ++i)
    fired = (mmio_read(TIMER_ARMED) & (1u << 2)) == 0;
  check_true("alarm 2 fires", fired);
  check_hex("intr latches the fired alarm", mmio_read(TIMER_INTR), 1u << 2);
  check_hex("ints is 0 while inte is 0", mmio_read(TIMER_INTS), 0);
  check_hex("no irq line while inte is 0", mmio_read(NVIC_ISPR) & ALL_ALARMS, 0);
  mmio_write(TIMER_INTE, 1u << 2);
  check_hex("ints shows intr and inte", mmio_read(TIMER_INTS), 1u << 2);
  check_hex("ints raises timer_irq_2 in the nvic", mmio_read(NVIC_ISPR) & ALL_ALARMS, 1u << 2);
  mmio_write(TIMER_INTR, 1u << 2);
  check_hex("writing 1 to intr clears it", mmio_read(TIMER_INTR), 0);
  check_hex("ints follows intr", mmio_read(TIMER_INTS), 0);
  mmio_write(TIMER_INTE, 0);
  mmio_write(TIMER_INTF, 1u << 1);
  check_hex("intf forces ints", mmio_read(TIMER_INTS), 1u << 1);
  check_hex("intf leaves intr alone", mmio_read(TIMER_INTR), 0);
  mmio_write(TIMER_INTF, 0);
  check_hex("ints clear without intf", mmio_read(TIMER_INTS), 0);
  mmio_write(NVIC_ICPR, ALL_ALARMS << IRQ_TIMER_0);
}

static void check_arming(void) {
  // ARMED: writing 1 disarms at once; the alarm then never fires.
  mmio_write(TIMER_ALARM(3), timer_now() + 50u);
  uint32_t armed = mmio_read(TIMER_ARMED);
  mmio_write(TIMER_ARMED, 1u << 3);
  uint32_t disarmed = mmio_read(TIMER_ARMED);
  wait_us(100);
  check_hex("armed shows alarm 3", armed, 1u << 3);
  check_hex("writing 1 to armed disarms", disarmed, 0);
  check_hex("a disarmed alarm does not fire", mmio_read(TIMER_INTR), 0);

  // The match is on equality of the low 32 bits: a time already passed is 2^32 us away.
  mmio_write(TIMER_ALARM(1), timer_now() - 10u);
  wait_us(50);
  check_true("an alarm behind the counter stays armed",
             mmio_read(TIMER_ARMED) == (1u << 1) && mmio_read(TIMER_INTR) == 0);
  mmio_write(TIMER_ARMED, 1u << 1);

  // The current time matches at once. With a 40 us tick, the write lands long before the
  // counter moves on from the value read just after an edge.
  mmio_write(WATCHDOG_TICK, WATCHDOG_TICK_ENABLE | SLOW_TICK_CYCLES);
  uint32_t now = tick_edge(100u * SLOW_TICK_CYCLES);
  mmio_write(TIMER_ALARM(0), now);
  bool at_once = false;
  for (int i = 0; i < 10 && !at_once; ++i)
    at_once = (mmio_read(TIMER_INTR) & 1u) != 0;
  uint32_t same_tick = timer_now() == now;
  armed = mmio_read(TIMER_ARMED);
  mmio_write(WATCHDOG_TICK, WATCHDOG_TICK_ENABLE | CLK_REF_MHZ);
  check_true("an alarm at the current time fires at once", at_once && same_tick);
  check_hex("and disarms", armed, 0);
  mmio_write(TIMER_INTR, ALL_ALARMS);

  // A timed wait: 100 us is 1200 cycles.
  cpu_irq_disable();
  bool fired = false;
  uint32_t elapsed = cycles_for_alarm(&fired);
  cpu_irq_enable();
  check_true("alarm 1 fires after 100 us", fired);
  report_cycles("alarm 1 waited 1200 cycles", elapsed, 100u * CYCLES_PER_US, CYCLES_PER_US);
  mmio_write(TIMER_INTR, ALL_ALARMS);
}

// WFI sleeps until the alarm's IRQ. Only tried when alarm IRQs work: otherwise nothing
// would wake the core.
static void check_wfi(bool irqs_work) {
  if (!irqs_work) {
    report_begin(false, "wfi wakes on the alarm irq");
    uart0_puts(": not tried, alarm irqs do not work\n");
    return;
  }
  log_clear();
  mmio_write(NVIC_ICPR, 1u << IRQ_TIMER_3);
  mmio_write(NVIC_ISER, 1u << IRQ_TIMER_3);
  mmio_write(TIMER_INTE, 1u << 3);
  uint32_t target = timer_now() + 200u;
  mmio_write(TIMER_ALARM(3), target);
  cpu_wfi();
  mmio_write(NVIC_ICER, 1u << IRQ_TIMER_3);
  mmio_write(TIMER_INTE, 0);
  check_str("wfi wakes on the alarm irq", (const char*)g_log, "3");
  check_true("woken at the alarm's time", g_fired_at[3] - target <= 5u);
}

int main(void) {
  selftest_begin("timer_alarms");
  vectors_to_sram();
  cycles_start();
  check_counter();
  bool irqs_work = check_alarm_irqs();
  check_interrupt_registers();
  check_arming();
  check_wfi(irqs_work);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  selftest_end();
}
