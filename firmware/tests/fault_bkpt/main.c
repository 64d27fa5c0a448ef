// fault_bkpt: a BKPT with no debugger attached, as pico-sdk's panic() and a failed assert
// end (`bkpt #0`). With no debugger to halt it, the Cortex-M0+ escalates BKPT to HardFault
// (ARMv6-M ARM: BKPT with halting debug off); vpico stops with a "breakpoint" report at the
// instruction.
//
//   fault_bkpt: panic, hitting bkpt #0
//   (the run ends here with the fault report)
#include "bringup.h"
#include "uart0.h"

__attribute__((noinline)) void panic_with_bkpt(void) {
  __asm__ volatile("bkpt #0" ::: "memory");
}

int main(void) {
  bringup_console();
  uart0_puts("fault_bkpt: panic, hitting bkpt #0\n");
  uart0_flush();
  panic_with_bkpt();
  uart0_puts("FAIL execution went on past the bkpt\nDONE\n");
  uart0_flush();
  return 0;
}
