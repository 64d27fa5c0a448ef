// fault_jump_to_zero: a call through a null function pointer (a callback never set).
//
// The call is a BLX to address 0, whose bit 0 (the Thumb bit) is clear. On the Cortex-M0+
// that clears EPSR.T and the next instruction, at 0, faults before it executes (ARMv6-M ARM:
// BLX, and EPSR.T in the xPSR; a HardFault), whatever the ROM holds there. vpico
// must end the run with a fault report at PC 0 too, whether its ROM region is empty or holds
// a boot ROM.
//
//   fault_jump_to_zero: calling a null function pointer
//   (the run ends here with the fault report)
#include "bringup.h"
#include "uart0.h"

typedef void (*callback_fn)(void);

// Never assigned. volatile, so that GCC cannot see the null and turn the call into a trap.
static volatile callback_fn g_callback;

__attribute__((noinline)) void call_callback(void) {
  g_callback();
}

int main(void) {
  bringup_console();
  uart0_puts("fault_jump_to_zero: calling a null function pointer\n");
  uart0_flush();
  call_callback();
  uart0_puts("FAIL the call to 0 returned\nDONE\n");
  uart0_flush();
  return 0;
}
