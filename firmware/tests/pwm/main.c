// pwm: the PWM block (RP2040 datasheet 4.5): register reset values and read-back, the counter's
// rate through integer and fractional dividers (against the TIMER's microseconds), wrap
// interrupts and their rate, INTR/INTE/INTF/INTS, double-buffered TOP, phase-correct counting,
// the EN register starting and stopping slices together, the B input modes fed from a pad
// (edge counting, gated counting), and a PWM output seen through a GPIO's input path.
//
// clk_sys = clk_ref = 12 MHz from the crystal (selftest_begin); the TIMER counts microseconds
// (watchdog tick of 12 clk_ref cycles). A divider of 12 makes a counter count microseconds too,
// so the two can be compared directly. The B input checks drive GPIO5 (slice 2 B, on the PWM
// function) through IO_BANK0's OEOVER/OUTOVER overrides: the pad is then driven by the
// override, and its input path, which goes to the selected function, feeds the slice. The
// output check puts slice 1 A on GPIO2 and samples it through SIO GPIO_IN. GPIO2 and GPIO5
// are free header pins on a Pico; nothing may be connected to them.
//
// Timed code and the wrap handler run from SRAM (an XIP cache miss costs tens of microseconds
// at 12 MHz). The tolerances cover the few cycles between a TIMER read and a CTR read.
#include <stdbool.h>
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "pwm_regs.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define RAMFUNC __attribute__((section(".ramfunc"), noinline))
#define DIV_INT(n) ((uint32_t)(n) << 4)
#define EDGE_PIN 5u  // slice 2, channel B
#define OUT_PIN 2u   // slice 1, channel A
#define MAX_WRAPS 16u

static volatile uint32_t g_wraps;
static volatile uint32_t g_wrap_at[MAX_WRAPS];

__attribute__((always_inline)) static inline uint32_t timer_now(void) {
  return mmio_read(TIMER_TIMERAWL);
}

// The counter just after it ticked (bounded: a stopped TIMER makes the checks fail instead).
RAMFUNC static uint32_t tick_edge(void) {
  uint32_t t = timer_now();
  for (uint32_t i = 0; i < 1000; ++i) {
    uint32_t now = timer_now();
    if (now != t) return now;
  }
  return t;
}

RAMFUNC static void wait_until(uint32_t start, uint32_t us) {
  for (uint32_t i = (us + 10u) * 12u; i != 0; --i)
    if (timer_now() - start >= us) return;
}

static void wait_us(uint32_t us) {
  wait_until(timer_now(), us);
}

static uint32_t ctr(uint32_t slice) {
  return mmio_read(PWM_CTR(slice));
}

static bool within(uint32_t got, uint32_t lo, uint32_t hi) {
  return got >= lo && got <= hi;
}

static void slice_setup(uint32_t slice, uint32_t div, uint32_t top, uint32_t cc) {
  mmio_write(PWM_CSR(slice), 0);
  mmio_write(PWM_DIV(slice), div);
  mmio_write(PWM_TOP(slice), top);
  mmio_write(PWM_CC(slice), cc);
  mmio_write(PWM_CTR(slice), 0);
}

RAMFUNC void irq4_handler(void) {
  uint32_t n = g_wraps;
  if (n < MAX_WRAPS) g_wrap_at[n] = timer_now();
  g_wraps = n + 1;
  mmio_write(PWM_INTR, mmio_read(PWM_INTS));  // clear what brought us here
}

static void check_registers(void) {
  check_hex("csr resets to 0", mmio_read(PWM_CSR(0)), 0);
  check_hex("div resets to 1.0", mmio_read(PWM_DIV(3)), 0x10);
  check_hex("top resets to 0xffff", mmio_read(PWM_TOP(7)), 0xffff);
  check_hex("cc resets to 0", mmio_read(PWM_CC(7)), 0);
  check_hex("en resets to 0", mmio_read(PWM_EN), 0);
  mmio_write(PWM_CTR(4), 1234);
  check_dec("ctr reads back a write", (int32_t)ctr(4), 1234);
  mmio_write(PWM_CC(4), 0x00030001);
  check_hex("cc reads back", mmio_read(PWM_CC(4)), 0x00030001);
  mmio_write(PWM_DIV(4), 0xfff);
  check_hex("div keeps 12 bits", mmio_read(PWM_DIV(4)), 0xfff);
  wait_us(100);
  check_dec("a disabled counter stands still", (int32_t)ctr(4), 1234);
  mmio_write(PWM_CSR(4), PWM_CSR_EN | PWM_CSR_PH_ADV);
  check_hex("ph_adv self-clears", mmio_read(PWM_CSR(4)), PWM_CSR_EN);
  mmio_write(PWM_CSR(4), 0);
}

// Counts over `us` microseconds of TIMER time from a tick edge.
RAMFUNC static uint32_t counts_in(uint32_t slice, uint32_t us) {
  uint32_t t0 = tick_edge();
  uint32_t c0 = ctr(slice);
  wait_until(t0, us);
  return (ctr(slice) - c0) & 0xffffu;
}

static void check_rates(void) {
  slice_setup(0, DIV_INT(12), 0xffff, 0);
  mmio_write(PWM_CSR(0), PWM_CSR_EN);
  check_true("div 12 counts 1000 in 1000 us", within(counts_in(0, 1000), 998, 1002));
  mmio_write(PWM_DIV(0), DIV_INT(1) | 8);  // 1.5
  check_true("div 1.5 counts 8000 in 1000 us", within(counts_in(0, 1000), 7990, 8010));
  mmio_write(PWM_DIV(0), 0);  // INT = 0 divides by 256
  check_true("div int 0 counts 94 in 2000 us", within(counts_in(0, 2000), 92, 95));
  mmio_write(PWM_CSR(0), 0);
}

static void check_wrap_irq(void) {
  slice_setup(3, DIV_INT(12), 999, 0);  // a wrap every 1000 us
  g_wraps = 0;
  mmio_write(PWM_INTR, 0xff);
  mmio_write(PWM_INTE, 1u << 3);
  mmio_write(NVIC_ICPR, 1u << IRQ_PWM_WRAP);
  mmio_write(NVIC_ISER, 1u << IRQ_PWM_WRAP);
  cpu_irq_enable();
  mmio_write(PWM_CSR(3), PWM_CSR_EN);
  wait_us(10500);
  mmio_write(PWM_CSR(3), 0);
  mmio_write(PWM_INTE, 0);
  uint32_t n = g_wraps;
  check_dec("10 wrap irqs in 10.5 ms", (int32_t)n, 10);
  check_true("wrap irqs come every 1000 us",
             n >= 10 && within(g_wrap_at[9] - g_wrap_at[0], 8995, 9005));
  check_hex("the handler cleared intr", mmio_read(PWM_INTR), 0);

  // INTF forces the line; INTR stays as it is.
  mmio_write(NVIC_ICER, 1u << IRQ_PWM_WRAP);
  mmio_write(PWM_INTF, 1u << 6);
  check_hex("intf forces ints", mmio_read(PWM_INTS), 1u << 6);
  check_hex("intf leaves intr alone", mmio_read(PWM_INTR), 0);
  check_true("ints raises pwm_irq_wrap", (mmio_read(NVIC_ISPR) >> IRQ_PWM_WRAP) & 1u);
  mmio_write(PWM_INTF, 0);
  mmio_write(NVIC_ICPR, 1u << IRQ_PWM_WRAP);
  check_true("and drops it without intf", !((mmio_read(NVIC_ISPR) >> IRQ_PWM_WRAP) & 1u));

  // INTR latches a wrap without INTE; INTS stays 0 then.
  slice_setup(3, DIV_INT(12), 49, 0);
  mmio_write(PWM_CSR(3), PWM_CSR_EN);
  wait_us(100);
  mmio_write(PWM_CSR(3), 0);
  check_hex("intr latches a wrap", mmio_read(PWM_INTR), 1u << 3);
  check_hex("ints is 0 while inte is 0", mmio_read(PWM_INTS), 0);
  mmio_write(PWM_INTR, 1u << 3);
  check_hex("writing 1 to intr clears it", mmio_read(PWM_INTR), 0);
}

static void check_double_buffer(void) {
  slice_setup(0, DIV_INT(12), 999, 0);
  mmio_write(PWM_CSR(0), PWM_CSR_EN);
  wait_us(100);
  mmio_write(PWM_TOP(0), 49);
  uint32_t top = mmio_read(PWM_TOP(0));
  wait_us(100);
  uint32_t before = ctr(0);
  wait_us(850);  // past the wrap at 1000 us
  uint32_t after = ctr(0);
  // Printing takes milliseconds at 115200 baud: the checks come after the measurements.
  check_dec("top reads back at once", (int32_t)top, 49);
  check_true("the counter runs on to the old top", within(before, 195, 205));
  check_true("the new top holds after the wrap", after <= 49);
  mmio_write(PWM_CSR(0), 0);
}

RAMFUNC static uint32_t wrap_period_us(uint32_t slice) {
  mmio_write(PWM_INTR, 1u << slice);
  uint32_t t[2] = {0, 0};
  for (uint32_t k = 0; k < 2; ++k) {
    for (uint32_t i = 0; i < 100000; ++i) {
      if (mmio_read(PWM_INTR) & (1u << slice)) break;
    }
    t[k] = timer_now();
    mmio_write(PWM_INTR, 1u << slice);
  }
  return t[1] - t[0];
}

static void check_phase_correct(void) {
  slice_setup(0, DIV_INT(12), 99, 0);
  mmio_write(PWM_CSR(0), PWM_CSR_EN);
  uint32_t plain = wrap_period_us(0);
  mmio_write(PWM_CSR(0), 0);
  mmio_write(PWM_CTR(0), 0);
  mmio_write(PWM_CSR(0), PWM_CSR_EN | PWM_CSR_PH_CORRECT);
  uint32_t correct = wrap_period_us(0);
  wait_us(150);  // now on the way down, ~50 counts before the bottom
  uint32_t a = ctr(0);
  wait_us(10);
  uint32_t b = ctr(0);
  check_true("a wrap every top + 1 counts", within(plain, 99, 101));
  check_true("phase-correct: a wrap every 2 * (top + 1)", within(correct, 199, 201));
  check_true("phase-correct counts down after top", within(a, 35, 60) && within(a - b, 8, 16));
  mmio_write(PWM_CSR(0), 0);
}

static void check_en_register(void) {
  slice_setup(5, DIV_INT(200), 0xffff, 0);
  slice_setup(6, DIV_INT(200), 0xffff, 0);
  mmio_write(PWM_EN, (1u << 5) | (1u << 6));
  uint32_t both = mmio_read(PWM_CSR(5)) & mmio_read(PWM_CSR(6));
  wait_us(1000);
  mmio_write(PWM_EN, 0);
  uint32_t a = ctr(5), b = ctr(6);
  check_hex("en sets both csr.en", both, PWM_CSR_EN);
  check_true("en starts and stops slices together", a == b && within(a, 58, 62));
  check_hex("csr.en cleared through en", mmio_read(PWM_CSR(5)), 0);
}

// Drives the pad of EDGE_PIN through the overrides (OEOVER enable, OUTOVER low/high).
static void edge_pin(bool high) {
  mmio_write(IO_BANK0_GPIO_CTRL(EDGE_PIN),
             GPIO_FUNC_PWM | ((high ? 3u : 2u) << IO_BANK0_GPIO_CTRL_OUTOVER_LSB) |
                 (3u << IO_BANK0_GPIO_CTRL_OEOVER_LSB));
}

static void pulses(uint32_t n) {
  for (uint32_t i = 0; i < n; ++i) {
    edge_pin(true);
    cpu_delay_loops(2);
    edge_pin(false);
    cpu_delay_loops(2);
  }
}

static void check_b_input(void) {
  slice_setup(2, DIV_INT(1), 0xffff, 0);
  mmio_write(IO_BANK0_GPIO_CTRL(EDGE_PIN), GPIO_FUNC_PWM);
  mmio_write(PWM_CSR(2), PWM_CSR_EN);
  check_true("b is an output when free-running",
             (mmio_read(IO_BANK0_GPIO_STATUS(EDGE_PIN)) >> 12) & 1u);
  mmio_write(PWM_CSR(2), 0);
  mmio_write(PWM_CTR(2), 0);
  edge_pin(false);
  mmio_write(PWM_CSR(2), PWM_CSR_EN | PWM_CSR_DIVMODE_RISE);
  check_true("b is an input when counting edges",
             !((mmio_read(IO_BANK0_GPIO_STATUS(EDGE_PIN)) >> 12) & 1u));
  pulses(37);
  check_dec("rising-edge mode counts 37 pulses", (int32_t)ctr(2), 37);
  wait_us(50);
  check_dec("and nothing without edges", (int32_t)ctr(2), 37);
  mmio_write(PWM_CSR(2), PWM_CSR_EN | PWM_CSR_DIVMODE_FALL);
  mmio_write(PWM_CTR(2), 0);
  edge_pin(true);
  edge_pin(false);
  edge_pin(true);
  check_dec("falling-edge mode counts falling edges", (int32_t)ctr(2), 1);
  edge_pin(false);
  mmio_write(PWM_CSR(2), PWM_CSR_EN | PWM_CSR_DIVMODE_RISE);
  mmio_write(PWM_DIV(2), DIV_INT(4));
  mmio_write(PWM_CTR(2), 0);
  pulses(40);
  check_dec("the divider divides the edges", (int32_t)ctr(2), 10);

  // Gated: counts at clk_sys / DIV while B is high.
  mmio_write(PWM_CSR(2), 0);
  mmio_write(PWM_DIV(2), DIV_INT(12));
  mmio_write(PWM_CTR(2), 0);
  mmio_write(PWM_CSR(2), PWM_CSR_EN | PWM_CSR_DIVMODE_LEVEL);
  wait_us(200);
  check_dec("level mode stands still while b is low", (int32_t)ctr(2), 0);
  uint32_t t0 = tick_edge();
  edge_pin(true);
  wait_until(t0, 1000);
  edge_pin(false);
  wait_us(200);
  check_true("level mode counts 1000 us of b high", within(ctr(2), 997, 1003));
  mmio_write(PWM_CSR(2), 0);
  mmio_write(IO_BANK0_GPIO_CTRL(EDGE_PIN), GPIO_FUNC_NULL);
}

// Fraction (in percent) of `n` samples of OUT_PIN through SIO GPIO_IN that read high.
RAMFUNC static uint32_t sampled_duty(uint32_t n) {
  uint32_t high = 0;
  for (uint32_t i = 0; i < n; ++i) {
    high += (mmio_read(SIO_GPIO_IN) >> OUT_PIN) & 1u;
    cpu_delay_loops(7);
  }
  return high * 100u / n;
}

static void check_output(void) {
  // 100 us period (1200 cycles), A high for the first 25 us.
  slice_setup(1, DIV_INT(12), 99, 25);
  mmio_write(IO_BANK0_GPIO_CTRL(OUT_PIN), GPIO_FUNC_PWM);
  mmio_write(PWM_CSR(1), PWM_CSR_EN);
  check_true("gpio_in sees the output at 25% duty", within(sampled_duty(2000), 20, 30));
  uint32_t edges = IO_BANK0_INTR_EDGE_HIGH | IO_BANK0_INTR_EDGE_LOW;
  mmio_write(IO_BANK0_INTR(0), edges << (4 * OUT_PIN));
  wait_us(150);
  check_hex("io_bank0 latches the output's edges",
            (mmio_read(IO_BANK0_INTR(0)) >> (4 * OUT_PIN)) & edges, edges);
  mmio_write(PWM_CSR(1), PWM_CSR_EN | PWM_CSR_A_INV);
  check_true("a_inv inverts it to 75%", within(sampled_duty(2000), 70, 80));
  mmio_write(PWM_CSR(1), PWM_CSR_EN);
  mmio_write(PWM_CC(1), 0);
  wait_us(110);  // CC is taken at the next wrap
  check_dec("cc = 0 holds the output low", (int32_t)sampled_duty(500), 0);
  mmio_write(PWM_CC(1), 100);
  wait_us(110);
  check_dec("cc = top + 1 holds it high", (int32_t)sampled_duty(500), 100);
  mmio_write(PWM_CSR(1), 0);
  mmio_write(IO_BANK0_GPIO_CTRL(OUT_PIN), GPIO_FUNC_NULL);
}

int main(void) {
  selftest_begin("pwm");
  mmio_write(WATCHDOG_TICK, WATCHDOG_TICK_ENABLE | 12u);
  resets_release(RESETS_PWM | RESETS_TIMER);
  check_registers();
  check_rates();
  check_wrap_irq();
  check_double_buffer();
  check_phase_correct();
  check_en_register();
  check_b_input();
  check_output();
  cpu_irq_disable();
  mmio_write(NVIC_ICER, 1u << IRQ_PWM_WRAP);
  selftest_end();
}
