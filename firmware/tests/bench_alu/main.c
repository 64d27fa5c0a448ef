// bench_alu: an ALU-bound kernel for bench/emulator_speed (register arithmetic only, no loads or
// stores in the loop). bench_kernel() is called by the benchmark directly on raw Unicorn too, so
// it must stay a pure function of its argument.
#include <stdint.h>

#include "bringup.h"
#include "uart0.h"

// How many loop iterations main() runs; the benchmark reads this symbol.
__attribute__((used)) const uint32_t bench_iterations = 4000000;

__attribute__((noinline, used)) uint32_t bench_kernel(uint32_t n) {
  uint32_t a = 1, b = 2, c = 3;
  for (uint32_t i = 0; i < n; ++i) {
    a += b ^ c;
    b = (b << 1) | (a >> 31);
    c = c * 3u + a;
  }
  return a ^ b ^ c;
}

int main(void) {
  bringup_console();
  // Read through a volatile pointer so the symbol stays in the image for the benchmark to read.
  uint32_t r = bench_kernel(*(const volatile uint32_t*)&bench_iterations);
  uart0_puts("result ");
  uart0_put_hex32(r);
  uart0_puts("\nDONE\n");
  for (;;) __asm volatile("wfi");
}
