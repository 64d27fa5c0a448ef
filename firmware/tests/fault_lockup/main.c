// fault_lockup: a HardFault handler that faults itself. Run with MachineConfig.stop_on_fault
// = false, so that the first fault (an undefined instruction in thread mode) escalates to
// HardFault as on silicon. The handler prints a line and then makes an unaligned load: a
// fault inside HardFault locks the Cortex-M0+ up (ARMv6-M ARM B1.5.15). vpico stops with a
// "lockup" report at the handler's load.
//
//   fault_lockup: udf in thread mode; its HardFault handler faults too
//   fault_lockup: in HardFault, faulting again
//   (the run ends here with the lockup report)
//
// With faults stopping the run (the default), it stops at the UDF instead.
#include <stdint.h>

#include "bringup.h"
#include "uart0.h"

static uint8_t g_buffer[8] __attribute__((aligned(4)));

__attribute__((noinline)) void undefined_in_thread(void) {
  __asm__ volatile("udf #1" ::: "memory");
}

void hardfault_handler(void) {
  uart0_puts("fault_lockup: in HardFault, faulting again\n");
  uart0_flush();
  uint32_t value;
  __asm__ volatile("ldr %0, [%1]" : "=l"(value) : "l"(g_buffer + 1) : "memory");
  uart0_puts("FAIL the unaligned load in HardFault did not lock up: read ");
  uart0_put_hex32(value);
  uart0_puts("\nDONE\n");
  uart0_flush();
  for (;;) {
  }
}

int main(void) {
  bringup_console();
  uart0_puts("fault_lockup: udf in thread mode; its HardFault handler faults too\n");
  uart0_flush();
  undefined_in_thread();
  uart0_puts("FAIL the udf did not fault\nDONE\n");
  uart0_flush();
  return 0;
}
