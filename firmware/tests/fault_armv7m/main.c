// fault_armv7m: a CBZ, the compare-and-branch that ARMv7-M added and the Cortex-M0+ does not
// have (ARMv6-M ARM A5.2: the 16-bit encodings 0b1011x0x1... are UNDEFINED). Code built for a
// Cortex-M3 or M4 hits it first. vpico must stop with an "undefined instruction" report at
// the CBZ itself; Unicorn's Cortex-M0 model would execute it, so vpico checks every block.
//
// The CBZ is written as a raw .inst (armv7m.S) so that GCC, which builds for the M0+, can
// emit it; the image opts out of the ARMv6-M check for that label only (CMakeLists.txt).
//
//   fault_armv7m: executing cbz at 0x1000xxxx
//   (the run ends here with the fault report)
#include <stdint.h>

#include "bringup.h"
#include "uart0.h"

void run_cbz(void);              // armv7m.S
extern const char armv7m_cbz[];  // the CBZ instruction

int main(void) {
  bringup_console();
  uart0_puts("fault_armv7m: executing cbz at ");
  uart0_put_hex32((uint32_t)armv7m_cbz);
  uart0_putc('\n');
  uart0_flush();
  run_cbz();
  uart0_puts("FAIL the cbz did not fault\nDONE\n");
  uart0_flush();
  return 0;
}
