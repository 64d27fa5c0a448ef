// fault_stack_overflow: recursion without end. The stack grows down from the top of SRAM
// (0x20042000, flash.ld) over .bss and .data — nothing on the M0+ stops it — until a push
// goes below 0x20000000, where nothing answers: a bus fault. vpico stops with a "bus error"
// report naming the address just below SRAM.
//
// With faults escalating as on silicon, the HardFault entry itself must push its frame on
// that same exhausted stack and fails: the core locks up (ARMv6-M ARM B1.5.15).
//
//   fault_stack_overflow: recursing until the stack leaves SRAM
//   (the run ends here with the fault report)
#include <stdint.h>

#include "bringup.h"
#include "uart0.h"

// Always 1; volatile so that the compiler cannot see the recursion has no end. It lives in
// flash (const): the stack overwrites all of .data and .bss on its way down.
static const volatile uint32_t g_keep_going = 1;

// Each call keeps a small frame live (the volatile array) and is not a tail call, so GCC
// cannot turn the recursion into a loop.
__attribute__((noinline)) uint32_t recurse(uint32_t depth) {
  volatile uint32_t frame[4];
  frame[0] = depth;
  if (g_keep_going) return recurse(depth + 1) + frame[0];
  return frame[0];
}

int main(void) {
  bringup_console();
  uart0_puts("fault_stack_overflow: recursing until the stack leaves SRAM\n");
  uart0_flush();
  uint32_t depth = recurse(0);
  uart0_puts("FAIL the recursion ended at depth ");
  uart0_put_udec(depth);
  uart0_puts("\nDONE\n");
  uart0_flush();
  return 0;
}
