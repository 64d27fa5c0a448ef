// bench_vm: a store-heavy kernel for bench/emulator_speed, shaped like an interpreter: a small
// stack-machine bytecode loop whose operand stack and locals live in SRAM, so most bytecodes
// store. bench_kernel() is called by the benchmark directly on raw Unicorn too.
#include <stdint.h>

#include "bringup.h"
#include "uart0.h"

__attribute__((used)) const uint32_t bench_iterations = 150000;

enum Op { LOAD, STORE, CONST, ADD, MUL, AND, DEC, JNZ, HALT };

// acc = 0; i = n; do { acc = (acc + i * i) & 0xffffff; i = i - 1; } while (i);
static const uint8_t program[] = {
    CONST, 0, STORE, 1,                         // acc = 0
    LOAD, 1, LOAD, 0, LOAD, 0, MUL, ADD,        // acc + i * i
    CONST, 0xff, AND, STORE, 1,                 // & 0xff (keeps numbers small)
    LOAD, 0, DEC, STORE, 0,                     // i = i - 1
    LOAD, 0, JNZ, 4,                            // loop while i
    HALT,
};

__attribute__((noinline, used)) uint32_t bench_kernel(uint32_t n) {
  volatile uint32_t locals[2];
  uint32_t stack[16];
  uint32_t sp = 0;
  const uint8_t* pc = program;
  locals[0] = n;
  for (;;) {
    uint8_t op = *pc++;
    switch (op) {
      case LOAD: stack[sp++] = locals[*pc++]; break;
      case STORE: locals[*pc++] = stack[--sp]; break;
      case CONST: stack[sp++] = *pc++; break;
      case ADD: --sp; stack[sp - 1] += stack[sp]; break;
      case MUL: --sp; stack[sp - 1] *= stack[sp]; break;
      case AND: --sp; stack[sp - 1] &= stack[sp]; break;
      case DEC: stack[sp - 1] -= 1; break;
      case JNZ: {
        uint8_t target = *pc++;
        if (stack[--sp]) pc = program + target;
        break;
      }
      default: return locals[1];
    }
  }
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
