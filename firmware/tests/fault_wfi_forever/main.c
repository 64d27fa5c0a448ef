// fault_wfi_forever: sleeps on WFI with every interrupt source off, so nothing can ever wake
// the core and DONE never comes. vpico notices that every core sleeps and nothing is
// scheduled: `vpico run --until-serial DONE` exits at once with status 4 ("idle") instead of
// running out the clock.
//
//   fault_wfi_forever: sleeping with nothing to wake me
#include "bringup.h"
#include "cpu.h"
#include "regs.h"
#include "uart0.h"

__attribute__((noinline, noreturn)) void sleep_for_ever(void) {
  for (;;)
    cpu_wfi();
}

int main(void) {
  bringup_console();
  uart0_puts("fault_wfi_forever: sleeping with nothing to wake me\n");
  uart0_flush();
  // No IRQ enabled or pending, SysTick off (its reset state, made explicit).
  mmio_write(NVIC_ICER, 0xffffffffu);
  mmio_write(NVIC_ICPR, 0xffffffffu);
  mmio_write(SYST_CSR, 0);
  sleep_for_ever();
}
