// fault_watchdog: a firmware that hangs with the watchdog armed. The watchdog (datasheet 4.7)
// is not fed, runs out after 10 ms and reboots the chip; the image starts again, finds
// REASON.TIMER set (REASON survives the watchdog reset) and reports it:
//
//   fault_watchdog: hanging with the watchdog armed for 10 ms
//   fault_watchdog: rebooted by the watchdog, REASON 0x00000001
//   DONE
//
// If the watchdog never fires, the second line and DONE never come.
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "regs.h"
#include "uart0.h"

#define WATCHDOG_TIMEOUT_US 10000u
#define CLK_REF_MHZ (PICO_XOSC_HZ / 1000000u)  // bringup_console runs clk_ref from the XOSC

// The WATCHDOG (datasheet 4.7.6) and PSM (2.13.5) registers this image uses, under names of
// its own so that it builds whatever regs.h defines.
#define WDOG_CTRL 0x40058000u
#define WDOG_CTRL_ENABLE (1u << 30)
#define WDOG_LOAD 0x40058004u
#define WDOG_REASON 0x40058008u
#define WDOG_REASON_TIMER (1u << 0)
#define WDOG_TICK 0x4005802cu
#define WDOG_TICK_ENABLE (1u << 9)  // CYCLES in bits 8:0: clk_ref cycles per tick
#define PSM_WDSEL_REG 0x40010008u
#define PSM_WDSEL_ALL_BUT_OSCILLATORS 0x0001fffcu  // bits 16:2; ROSC is 0, XOSC 1

// The hang the watchdog is there for. (C11 6.8.5p6: a loop with a constant condition may
// run for ever.)
__attribute__((noinline, noreturn)) void hang(void) {
  for (;;) {
  }
}

int main(void) {
  bringup_console();
  const uint32_t reason = mmio_read(WDOG_REASON);
  if (reason & WDOG_REASON_TIMER) {
    uart0_puts("fault_watchdog: rebooted by the watchdog, REASON ");
    uart0_put_hex32(reason);
    uart0_puts("\nDONE\n");
    uart0_flush();
    for (;;)
      cpu_wfi();
  }

  uart0_puts("fault_watchdog: hanging with the watchdog armed for 10 ms\n");
  uart0_flush();
  // What pico-sdk's watchdog_enable() does: let the watchdog reset everything but the two
  // oscillators (2.13.4: PSM WDSEL resets nothing at power-on), tick every 1 us from
  // clk_ref, and load twice the count wanted (erratum RP2040-E1: it counts down by 2).
  mmio_write(PSM_WDSEL_REG, PSM_WDSEL_ALL_BUT_OSCILLATORS);
  mmio_write(WDOG_TICK, WDOG_TICK_ENABLE | CLK_REF_MHZ);
  mmio_write(WDOG_LOAD, 2u * WATCHDOG_TIMEOUT_US);
  mmio_set_bits(WDOG_CTRL, WDOG_CTRL_ENABLE);
  hang();
}
