// fault_unaligned: a word load from an odd address. ARMv6-M has no unaligned access at all
// (ARMv6-M ARM A3.2): every LDR/STR of a word or halfword that is not naturally aligned is a
// HardFault on the Cortex-M0+. vpico stops with an "unaligned access" report at the load.
//
//   fault_unaligned: loading a word from 0x2000xxxx
//   (the run ends here with the fault report)
#include <stdint.h>

#include "bringup.h"
#include "uart0.h"

static uint8_t g_buffer[8] __attribute__((aligned(4))) = {1, 2, 3, 4, 5, 6, 7, 8};

// A plain C dereference of a misaligned pointer is undefined behaviour and GCC may split it
// into byte loads; the LDR is written out so that the image does exactly what it says.
__attribute__((noinline)) uint32_t load_unaligned(const uint8_t* p) {
  uint32_t value;
  __asm__ volatile("ldr %0, [%1]" : "=l"(value) : "l"(p) : "memory");
  return value;
}

int main(void) {
  bringup_console();
  const uint8_t* odd = g_buffer + 1;
  uart0_puts("fault_unaligned: loading a word from ");
  uart0_put_hex32((uint32_t)odd);
  uart0_putc('\n');
  uart0_flush();
  uint32_t value = load_unaligned(odd);
  uart0_puts("FAIL the unaligned load did not fault: read ");
  uart0_put_hex32(value);
  uart0_puts("\nDONE\n");
  uart0_flush();
  return 0;
}
