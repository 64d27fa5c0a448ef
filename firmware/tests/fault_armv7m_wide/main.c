// fault_armv7m_wide: a 32-bit LDR.W, one of the wide Thumb-2 encodings of ARMv7-M. ARMv6-M
// has only six 32-bit instructions, BL, MSR, MRS, DMB, DSB and ISB (ARMv6-M ARM, 32-bit
// Thumb encodings); any other is UNDEFINED on the Cortex-M0+. vpico stops with an
// "undefined instruction" report at the LDR.W itself.
//
// The LDR.W is written as a raw .inst (wide.S); the image opts out of the ARMv6-M check for
// that label only (CMakeLists.txt).
//
//   fault_armv7m_wide: executing ldr.w at 0x1000xxxx
//   (the run ends here with the fault report)
#include <stdint.h>

#include "bringup.h"
#include "uart0.h"

uint32_t run_ldr_w(const uint32_t* p);  // wide.S
extern const char armv7m_ldr_w[];       // the LDR.W instruction

static const uint32_t g_word = 0x600dc0deu;

int main(void) {
  bringup_console();
  uart0_puts("fault_armv7m_wide: executing ldr.w at ");
  uart0_put_hex32((uint32_t)armv7m_ldr_w);
  uart0_putc('\n');
  uart0_flush();
  uint32_t value = run_ldr_w(&g_word);
  uart0_puts("FAIL the ldr.w did not fault: read ");
  uart0_put_hex32(value);
  uart0_puts("\nDONE\n");
  uart0_flush();
  return 0;
}
