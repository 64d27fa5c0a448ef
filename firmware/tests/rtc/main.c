// rtc: the real-time clock (RP2040 datasheet 4.8) on clk_rtc = XOSC / 256 = 46875 Hz, the
// rate pico-sdk gives it. Checks: RTC_ACTIVE follows RTC_ENABLE, LOAD sets the time read back
// through RTC_0 then RTC_1, a second lasts CLKDIV_M1 + 1 clk_rtc cycles, the calendar's
// roll-overs (Feb 29 in a leap year, FORCE_NOTLEAPYEAR, the new year, day of the week), and
// the alarm: MATCH_ACTIVE follows MATCH_ENA, RTC_IRQ comes at the matching second, INTF
// forces INTS.
//
// clk_sys = 12 MHz (selftest_begin): one clk_rtc period is 256 cycles. To keep the image
// short, CLKDIV_M1 = 468 makes a "second" 469 clk_rtc periods (120064 cycles, ~10 ms); SysTick
// measures it from one seconds edge to the next, both seen by the same polling loop, so the
// two ends' lags cancel but for a loop pass and the clock-domain crossing (+-2 clk_rtc).
#include <stdbool.h>
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "rtc_regs.h"
#include "selftest.h"
#include "uart0.h"

#define CLKDIV_M1 468u
#define SECOND_CYCLES ((CLKDIV_M1 + 1u) * 256u)
// Polls of RTC_0 allowed while waiting for one second (each takes more than 4 cycles).
#define SECOND_POLLS (SECOND_CYCLES / 2u)

static volatile uint32_t g_irq_count;
static volatile uint32_t g_irq_rtc0;

void irq25_handler(void) {
  // What pico-sdk's handler does: disable the match (this clears INTR) and wait for it.
  g_irq_rtc0 = mmio_read(RTC_RTC_0);
  ++g_irq_count;
  mmio_write(RTC_IRQ_SETUP_0, mmio_read(RTC_IRQ_SETUP_0) & ~RTC_IRQ_SETUP_0_MATCH_ENA);
  for (uint32_t i = 0; i < 10000u && (mmio_read(RTC_IRQ_SETUP_0) & RTC_IRQ_SETUP_0_MATCH_ACTIVE);
       ++i) {
  }
}

static uint32_t setup_0(uint32_t year, uint32_t month, uint32_t day) {
  return (year << 12) | (month << 8) | day;
}
static uint32_t setup_1(uint32_t dotw, uint32_t hour, uint32_t min, uint32_t sec) {
  return (dotw << 24) | (hour << 16) | (min << 8) | sec;
}

static bool wait_ctrl_active(bool active) {
  for (uint32_t i = 0; i < 1000u; ++i)
    if (((mmio_read(RTC_CTRL) & RTC_CTRL_ACTIVE) != 0) == active) return true;
  return false;
}

// As pico-sdk's rtc_set_datetime: disable, wait, write SETUP, LOAD, enable, wait.
static bool set_time(uint32_t s0, uint32_t s1, uint32_t ctrl_extra) {
  mmio_write(RTC_CTRL, 0);
  bool stopped = wait_ctrl_active(false);
  mmio_write(RTC_SETUP_0, s0);
  mmio_write(RTC_SETUP_1, s1);
  mmio_write(RTC_CTRL, RTC_CTRL_LOAD | ctrl_extra);
  mmio_write(RTC_CTRL, RTC_CTRL_ENABLE | ctrl_extra);
  return wait_ctrl_active(true) && stopped;
}

// Reads the time as pico-sdk does (RTC_0 first); returns RTC_0, date in *rtc1.
static uint32_t read_time(uint32_t* rtc1) {
  uint32_t r0 = mmio_read(RTC_RTC_0);
  *rtc1 = mmio_read(RTC_RTC_1);
  return r0;
}

// Waits for the seconds field to change; false if it does not within about two seconds.
static bool next_second(void) {
  uint32_t before = mmio_read(RTC_RTC_0);
  for (uint32_t i = 0; i < 2u * SECOND_POLLS; ++i)
    if (mmio_read(RTC_RTC_0) != before) return true;
  return false;
}

static void cycles_start(void) {
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  mmio_write(SYST_RVR, SYST_RVR_RELOAD);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_ENABLE);
}

static void check_rollover(const char* what, uint32_t s0, uint32_t s1, uint32_t ctrl_extra,
                           uint32_t want0, uint32_t want1) {
  bool set = set_time(s0, s1, ctrl_extra);
  bool ticked = set && next_second();
  uint32_t r1, r0 = read_time(&r1);
  report_begin(ticked && r0 == want0 && r1 == want1, what);
  if (!(ticked && r0 == want0 && r1 == want1)) {
    uart0_puts(": rtc_1 ");
    uart0_put_hex32(r1);
    uart0_puts(" rtc_0 ");
    uart0_put_hex32(r0);
    uart0_puts(ticked ? "" : " (no tick)");
  }
  uart0_putc('\n');
}

static void check_clock(void) {
  mmio_write(RTC_CLKDIV_M1, CLKDIV_M1);
  mmio_write(RTC_CTRL, RTC_CTRL_ENABLE);
  bool at_once = (mmio_read(RTC_CTRL) & RTC_CTRL_ACTIVE) != 0;
  bool active = wait_ctrl_active(true);
  check_true("rtc_active follows rtc_enable", !at_once && active);
  mmio_write(RTC_CTRL, 0);
  check_true("rtc_active falls after rtc_enable", wait_ctrl_active(false));

  bool set = set_time(setup_0(2020, 6, 5), setup_1(5, 15, 45, 0), 0);
  check_true("rtc_set_datetime sequence", set);
  uint32_t r1, r0 = read_time(&r1);
  check_hex("rtc_1 reads the loaded date", r1, setup_0(2020, 6, 5));
  check_hex("rtc_0 reads the loaded time", r0, setup_1(5, 15, 45, 0));
  check_hex("load reads back 0", mmio_read(RTC_CTRL) & RTC_CTRL_LOAD, 0);

  // One second from edge to edge.
  cycles_start();
  bool edge0 = next_second();
  uint32_t c0 = mmio_read(SYST_CVR);
  uint32_t t0 = mmio_read(RTC_RTC_0);
  bool edge1 = next_second();
  uint32_t c1 = mmio_read(SYST_CVR);
  uint32_t t1 = mmio_read(RTC_RTC_0);
  uint32_t cycles = (c0 - c1) & SYST_RVR_RELOAD;
  bool ok = edge0 && edge1 && cycles + 600u >= SECOND_CYCLES && cycles <= SECOND_CYCLES + 600u;
  report_begin(ok, "a second is clkdiv_m1+1 clk_rtc cycles");
  if (!ok) {
    uart0_puts(": got ");
    uart0_put_udec(cycles);
    uart0_puts(" cycles want ");
    uart0_put_udec(SECOND_CYCLES);
  }
  uart0_putc('\n');
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  check_hex("the seconds count up by one", t1 - t0, 1);

  mmio_write(RTC_CTRL, 0);
  wait_ctrl_active(false);
  uint32_t held = mmio_read(RTC_RTC_0);
  bool moved = next_second();
  check_true("a disabled rtc holds its time", !moved && mmio_read(RTC_RTC_0) == held);
}

static void check_calendar(void) {
  check_rollover("feb 28 rolls into feb 29 in a leap year", setup_0(2024, 2, 28),
                 setup_1(3, 23, 59, 59), 0, setup_1(4, 0, 0, 0), setup_0(2024, 2, 29));
  check_rollover("feb 29 rolls into march", setup_0(2024, 2, 29), setup_1(4, 23, 59, 59), 0,
                 setup_1(5, 0, 0, 0), setup_0(2024, 3, 1));
  check_rollover("force_notleapyear skips feb 29", setup_0(2100, 2, 28), setup_1(0, 23, 59, 59),
                 RTC_CTRL_FORCE_NOTLEAPYEAR, setup_1(1, 0, 0, 0), setup_0(2100, 3, 1));
  check_rollover("feb 28 rolls into march in 2023", setup_0(2023, 2, 28), setup_1(2, 23, 59, 59), 0,
                 setup_1(3, 0, 0, 0), setup_0(2023, 3, 1));
  check_rollover("new year", setup_0(2020, 12, 31), setup_1(4, 23, 59, 59), 0, setup_1(5, 0, 0, 0),
                 setup_0(2021, 1, 1));
  check_rollover("saturday is followed by sunday", setup_0(2021, 4, 30), setup_1(6, 23, 59, 59), 0,
                 setup_1(0, 0, 0, 0), setup_0(2021, 5, 1));
  check_rollover("april has 30 days", setup_0(2021, 4, 30), setup_1(5, 23, 59, 59), 0,
                 setup_1(6, 0, 0, 0), setup_0(2021, 5, 1));
  check_rollover("minute and hour carry", setup_0(2021, 5, 1), setup_1(6, 9, 59, 59), 0,
                 setup_1(6, 10, 0, 0), setup_0(2021, 5, 1));
}

static void check_alarm(void) {
  set_time(setup_0(2020, 1, 13), setup_1(3, 11, 20, 0), 0);
  mmio_write(RTC_IRQ_SETUP_0, 0);
  mmio_write(RTC_IRQ_SETUP_1, RTC_IRQ_SETUP_1_SEC_ENA | RTC_IRQ_SETUP_1_MIN_ENA | (20u << 8) | 3u);
  mmio_write(RTC_INTE, 1);
  mmio_write(NVIC_ICPR, 1u << IRQ_RTC);
  mmio_write(NVIC_ISER, 1u << IRQ_RTC);
  g_irq_count = 0;
  mmio_write(RTC_IRQ_SETUP_0, RTC_IRQ_SETUP_0_MATCH_ENA);
  bool at_once = (mmio_read(RTC_IRQ_SETUP_0) & RTC_IRQ_SETUP_0_MATCH_ACTIVE) != 0;
  bool active = false;
  for (uint32_t i = 0; i < 1000u && !active; ++i)
    active = (mmio_read(RTC_IRQ_SETUP_0) & RTC_IRQ_SETUP_0_MATCH_ACTIVE) != 0;
  check_true("match_active follows match_ena", !at_once && active);
  next_second();
  next_second();
  check_dec("no rtc_irq before the matching second", (int32_t)g_irq_count, 0);
  for (uint32_t i = 0; i < 4u * SECOND_POLLS && g_irq_count == 0; ++i) {
  }
  check_dec("rtc_irq at the matching second", (int32_t)g_irq_count, 1);
  check_hex("the handler saw the alarm time", g_irq_rtc0, setup_1(3, 11, 20, 3));
  check_hex("disabling the match clears intr", mmio_read(RTC_INTR), 0);
  next_second();
  next_second();
  check_dec("a disabled alarm stays quiet", (int32_t)g_irq_count, 1);
  mmio_write(NVIC_ICER, 1u << IRQ_RTC);
  mmio_write(RTC_INTE, 0);

  mmio_write(RTC_INTF, 1);
  check_hex("intf forces ints", mmio_read(RTC_INTS), 1);
  check_hex("intf leaves intr alone", mmio_read(RTC_INTR), 0);
  mmio_write(RTC_INTF, 0);
  check_hex("ints clear without intf", mmio_read(RTC_INTS), 0);
  mmio_write(NVIC_ICPR, 1u << IRQ_RTC);
}

int main(void) {
  selftest_begin("rtc");
  // clk_rtc = XOSC / 256 = 46875 Hz (datasheet 4.8: "divide externally by 256").
  mmio_write(CLK_RTC_DIV, 256u << 8);
  mmio_write(CLK_RTC_CTRL, CLK_RTC_CTRL_ENABLE | CLK_RTC_CTRL_AUXSRC_XOSC);
  resets_release(RESETS_RTC);
  check_clock();
  check_calendar();
  check_alarm();
  mmio_write(RTC_CTRL, 0);
  selftest_end();
}
