// clocks_pll: PLL_SYS to 125 MHz and clk_sys onto it, PLL_USB to 48 MHz and clk_usb onto it
// (RP2040 datasheet 2.15 clocks, 2.18 PLL), with pico-sdk's default settings:
//   PLL_SYS: 12 MHz / REFDIV 1 * FBDIV 125 = 1500 MHz VCO, / POSTDIV1 6 / POSTDIV2 2 = 125 MHz
//   PLL_USB: 12 MHz / REFDIV 1 * FBDIV 100 = 1200 MHz VCO, / 5 / 5 = 48 MHz
// Each PLL: out of reset, REFDIV and FBDIV set, VCO powered up (PD, VCOPD cleared), CS.LOCK
// awaited, then the post dividers set and powered (POSTDIVPD cleared) (2.18.2).
// clk_sys's aux mux is not glitchless, so clk_sys goes to clk_ref through the glitchless
// mux first, AUXSRC changes, then SRC selects the aux source again (2.15.3.2). clk_peri
// follows clk_sys, so UART0 is set up again for 125 MHz before anything more is printed.
//
// Then the new frequencies are measured: 1 ms of TIMER (1 us ticks from the 12 MHz clk_ref)
// must be 125000 SysTick cycles of the processor clock, and a line printed by UART0 must take
// the time its bytes take at the baud rate set from 125 MHz. The FC0 frequency counter is
// not used: vpico does not model it yet.
#include <stdbool.h>
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define RAMFUNC __attribute__((section(".ramfunc"), noinline))

#define CLK_REF_MHZ 12u
#define SYS_HZ 125000000u
#define SYS_MHZ 125u
#define PLL_LOCK_POLLS 100000u

struct pll_setting {
  uint32_t base;
  uint32_t reset_bit;
  uint32_t refdiv, fbdiv, postdiv1, postdiv2;
};
static const struct pll_setting kPllSys = {PLL_SYS_BASE, RESETS_PLL_SYS, 1, 125, 6, 2};
static const struct pll_setting kPllUsb = {PLL_USB_BASE, RESETS_PLL_USB, 1, 100, 5, 5};

// What a PLL start-up saw, reported once the console runs at the new clock.
struct pll_result {
  bool unlocked_while_down;
  bool locked;
  uint32_t cs, fbdiv, prim, pwr;
};

static uint32_t prim_value(const struct pll_setting* p) {
  return (p->postdiv1 << PLL_PRIM_POSTDIV1_LSB) | (p->postdiv2 << PLL_PRIM_POSTDIV2_LSB);
}

static struct pll_result pll_start(const struct pll_setting* p) {
  struct pll_result r;
  mmio_set_bits(RESETS_RESET, p->reset_bit);
  resets_release(p->reset_bit);
  mmio_write(p->base + PLL_CS, p->refdiv);
  mmio_write(p->base + PLL_FBDIV_INT, p->fbdiv);
  r.unlocked_while_down = (mmio_read(p->base + PLL_CS) & PLL_CS_LOCK) == 0;
  mmio_clear_bits(p->base + PLL_PWR, PLL_PWR_PD | PLL_PWR_VCOPD);
  r.locked = false;
  for (uint32_t i = 0; i < PLL_LOCK_POLLS && !r.locked; ++i)
    r.locked = (mmio_read(p->base + PLL_CS) & PLL_CS_LOCK) != 0;
  mmio_write(p->base + PLL_PRIM, prim_value(p));
  mmio_clear_bits(p->base + PLL_PWR, PLL_PWR_POSTDIVPD);
  r.cs = mmio_read(p->base + PLL_CS);
  r.fbdiv = mmio_read(p->base + PLL_FBDIV_INT);
  r.prim = mmio_read(p->base + PLL_PRIM);
  r.pwr = mmio_read(p->base + PLL_PWR);
  return r;
}

// `pll` + `what` in `buf`: the checks' names, without a C library.
static const char* join(char* buf, uint32_t size, const char* pll, const char* what) {
  uint32_t n = 0;
  for (const char* c = pll; *c && n < size - 1; ++c)
    buf[n++] = *c;
  for (const char* c = what; *c && n < size - 1; ++c)
    buf[n++] = *c;
  buf[n] = '\0';
  return buf;
}

static void report_pll(const char* name, const struct pll_setting* p, const struct pll_result* r) {
  char what[48];
  check_true(join(what, sizeof what, name, " not locked while powered down"),
             r->unlocked_while_down);
  check_true(join(what, sizeof what, name, " locks"), r->locked);
  check_hex(join(what, sizeof what, name, " cs"), r->cs, PLL_CS_LOCK | p->refdiv);
  check_dec(join(what, sizeof what, name, " fbdiv_int"), (int32_t)r->fbdiv, (int32_t)p->fbdiv);
  check_hex(join(what, sizeof what, name, " prim"), r->prim, prim_value(p));
  // Everything powered but the fractional modulator (DSMPD), which RP2040 never uses.
  check_hex(join(what, sizeof what, name, " pwr"), r->pwr, PLL_PWR_DSMPD);
}

// clk_sys from PLL_SYS through the aux mux; returns CLK_SYS_SELECTED as seen on clk_ref
// (before) and on the aux source (after).
static void clk_sys_to_pll_sys(uint32_t* selected_ref, uint32_t* selected_aux) {
  mmio_clear_bits(CLK_SYS_CTRL, CLK_SYS_CTRL_SRC);
  *selected_ref = 0;
  for (uint32_t i = 0; i < 1000u && *selected_ref != (1u << CLK_SYS_CTRL_SRC_CLK_REF); ++i)
    *selected_ref = mmio_read(CLK_SYS_SELECTED);
  uint32_t ctrl = mmio_read(CLK_SYS_CTRL) & ~(uint32_t)CLK_SYS_CTRL_AUXSRC;
  mmio_write(CLK_SYS_CTRL, ctrl | (CLK_SYS_CTRL_AUXSRC_PLL_SYS << CLK_SYS_CTRL_AUXSRC_LSB));
  mmio_set_bits(CLK_SYS_CTRL, CLK_SYS_CTRL_SRC_AUX);
  *selected_aux = 0;
  for (uint32_t i = 0; i < 1000u && *selected_aux != (1u << CLK_SYS_CTRL_SRC_AUX); ++i)
    *selected_aux = mmio_read(CLK_SYS_SELECTED);
}

// SysTick cycles in 1000 us of TIMER, from a tick edge to the tick that ends them; SysTick
// is read with TIMERAWL on every poll so that both ends pair a cycle count with the counter
// value that was read with it. 0 when the counter does not run. From SRAM: no XIP misses.
RAMFUNC static uint32_t cycles_per_ms(void) {
  uint32_t t = mmio_read(TIMER_TIMERAWL);
  uint32_t c0 = mmio_read(SYST_CVR);
  uint32_t t0 = mmio_read(TIMER_TIMERAWL);
  for (uint32_t i = 10000u; i != 0 && t0 == t; --i) {
    c0 = mmio_read(SYST_CVR);
    t0 = mmio_read(TIMER_TIMERAWL);
  }
  uint32_t c1 = c0, t1 = t0;
  for (uint32_t i = 1000000u; i != 0 && t1 - t0 < 1000u; --i) {
    c1 = mmio_read(SYST_CVR);
    t1 = mmio_read(TIMER_TIMERAWL);
  }
  return t1 - t0 >= 1000u ? (c0 - c1) & SYST_RVR_RELOAD : 0;
}

static uint32_t length(const char* s) {
  uint32_t n = 0;
  while (s[n])
    ++n;
  return n;
}

int main(void) {
  selftest_begin("clocks_pll");
  mmio_write(WATCHDOG_TICK, WATCHDOG_TICK_ENABLE | CLK_REF_MHZ);
  resets_release(RESETS_TIMER);
  uart0_flush();  // nothing may be on the line while clk_peri changes

  struct pll_result sys = pll_start(&kPllSys);
  uint32_t selected_ref = 0, selected_aux = 0;
  if (sys.locked) clk_sys_to_pll_sys(&selected_ref, &selected_aux);
  clk_peri_enable(CLK_PERI_CTRL_AUXSRC_CLK_SYS);
  uint32_t baud = uart0_init(sys.locked ? SYS_HZ : PICO_XOSC_HZ, CONSOLE_BAUD);

  report_pll("pll_sys", &kPllSys, &sys);
  check_hex("clk_sys on clk_ref before the aux switch", selected_ref,
            1u << CLK_SYS_CTRL_SRC_CLK_REF);
  check_hex("clk_sys selects its aux source", selected_aux, 1u << CLK_SYS_CTRL_SRC_AUX);
  check_hex("clk_sys auxsrc is pll_sys", mmio_read(CLK_SYS_CTRL),
            (CLK_SYS_CTRL_AUXSRC_PLL_SYS << CLK_SYS_CTRL_AUXSRC_LSB) | CLK_SYS_CTRL_SRC_AUX);

  // A line of known length (check_true prints no detail), timed from an idle transmitter until its
  // stop bit has gone: bytes * 10 bits at the baud rate the divisors give from 125 MHz (uart0_init
  // returns it), give or take the start (under a bit) and the 1 us steps of TIMER.
  const char* timed = "clk_peri enabled from clk_sys";
  uart0_flush();
  uint32_t t0 = mmio_read(TIMER_TIMERAWL);
  check_true(timed, mmio_read(CLK_PERI_CTRL) ==
                        (CLK_PERI_CTRL_ENABLE |
                         (CLK_PERI_CTRL_AUXSRC_CLK_SYS << CLK_PERI_CTRL_AUXSRC_LSB)));
  uart0_flush();
  uint32_t took = mmio_read(TIMER_TIMERAWL) - t0;
  uint32_t bytes = length("PASS \n") + length(timed);
  uint32_t want = bytes * 10u * 1000000u / baud;
  uint32_t slack = 1000000u / baud + 2u;
  bool uart_ok = took + slack >= want && took <= want + slack;
  report_begin(uart_ok, "uart0 line time follows clk_peri");
  if (!uart_ok) {
    uart0_puts(": ");
    uart0_put_udec(bytes);
    uart0_puts(" bytes took ");
    uart0_put_udec(took);
    uart0_puts(" us want ");
    uart0_put_udec(want);
  }
  uart0_putc('\n');

  // SysTick on the processor clock against TIMER on clk_ref: +-1 us is +-125 cycles.
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  mmio_write(SYST_RVR, SYST_RVR_RELOAD);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_ENABLE);
  uint32_t cycles = cycles_per_ms();
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  bool rate_ok = cycles + SYS_MHZ >= 1000u * SYS_MHZ && cycles <= 1000u * SYS_MHZ + SYS_MHZ;
  report_begin(rate_ok, "1 ms of timer is 125000 processor cycles");
  if (!rate_ok) {
    uart0_puts(": got ");
    uart0_put_udec(cycles);
  }
  uart0_putc('\n');

  struct pll_result usb = pll_start(&kPllUsb);
  report_pll("pll_usb", &kPllUsb, &usb);
  mmio_write(CLK_USB_CTRL, 0);  // stopped while its source changes (no glitchless mux)
  mmio_write(CLK_USB_DIV, 1u << CLK_DIV_INT_LSB);
  mmio_write(CLK_USB_CTRL, CLK_USB_CTRL_AUXSRC_PLL_USB << CLK_USB_CTRL_AUXSRC_LSB);
  mmio_set_bits(CLK_USB_CTRL, CLK_USB_CTRL_ENABLE);
  check_hex("clk_usb enabled from pll_usb", mmio_read(CLK_USB_CTRL),
            CLK_USB_CTRL_ENABLE | (CLK_USB_CTRL_AUXSRC_PLL_USB << CLK_USB_CTRL_AUXSRC_LSB));

  selftest_end();
}
