// Vector table and reset handler for vpico's RP2040 flash images.
//
// boot2 (boot2.S) points VTOR at this table, loads the stack pointer from its first word and
// jumps to reset_handler, which prepares the C environment and calls main(). Every handler
// is a weak alias of default_handler: an image overrides one by defining a function of the
// same name, e.g. `void systick_handler(void) { ... }`.
#include <stdint.h>

#include "cpu.h"
#include "regs.h"

typedef void (*vector_fn)(void);

// Symbols from flash.ld.
extern uint32_t __stack_top[];
extern uint32_t __data_load[];
extern uint32_t __data_start[];
extern uint32_t __data_end[];
extern uint32_t __bss_start[];
extern uint32_t __bss_end[];
extern vector_fn __init_array_start[];
extern vector_fn __init_array_end[];

int main(void);

void reset_handler(void) __attribute__((noreturn));

void default_handler(void);
#define VPICO_WEAK_HANDLER(name) void name(void) __attribute__((weak, alias("default_handler")))
VPICO_WEAK_HANDLER(nmi_handler);
VPICO_WEAK_HANDLER(hardfault_handler);
VPICO_WEAK_HANDLER(svcall_handler);
VPICO_WEAK_HANDLER(pendsv_handler);
VPICO_WEAK_HANDLER(systick_handler);
VPICO_WEAK_HANDLER(irq0_handler);
VPICO_WEAK_HANDLER(irq1_handler);
VPICO_WEAK_HANDLER(irq2_handler);
VPICO_WEAK_HANDLER(irq3_handler);
VPICO_WEAK_HANDLER(irq4_handler);
VPICO_WEAK_HANDLER(irq5_handler);
VPICO_WEAK_HANDLER(irq6_handler);
VPICO_WEAK_HANDLER(irq7_handler);
VPICO_WEAK_HANDLER(irq8_handler);
VPICO_WEAK_HANDLER(irq9_handler);
VPICO_WEAK_HANDLER(irq10_handler);
VPICO_WEAK_HANDLER(irq11_handler);
VPICO_WEAK_HANDLER(irq12_handler);
VPICO_WEAK_HANDLER(irq13_handler);
VPICO_WEAK_HANDLER(irq14_handler);
VPICO_WEAK_HANDLER(irq15_handler);
VPICO_WEAK_HANDLER(irq16_handler);
VPICO_WEAK_HANDLER(irq17_handler);
VPICO_WEAK_HANDLER(irq18_handler);
VPICO_WEAK_HANDLER(irq19_handler);
VPICO_WEAK_HANDLER(irq20_handler);
VPICO_WEAK_HANDLER(irq21_handler);
VPICO_WEAK_HANDLER(irq22_handler);
VPICO_WEAK_HANDLER(irq23_handler);
VPICO_WEAK_HANDLER(irq24_handler);
VPICO_WEAK_HANDLER(irq25_handler);
VPICO_WEAK_HANDLER(irq26_handler);
VPICO_WEAK_HANDLER(irq27_handler);
VPICO_WEAK_HANDLER(irq28_handler);
VPICO_WEAK_HANDLER(irq29_handler);
VPICO_WEAK_HANDLER(irq30_handler);
VPICO_WEAK_HANDLER(irq31_handler);

// The ARMv6-M vector table (ARMv6-M ARM B1.5.3): word 0 is the initial main stack pointer,
// word n the handler of exception n; the external interrupts IRQ0..31 are exceptions 16..47.
// Unused entries (reserved exception numbers) are 0.
struct vector_table {
  uint32_t* initial_sp;
  vector_fn exceptions[15];  // exceptions 1..15
  vector_fn irqs[IRQ_COUNT];
};

__attribute__((section(".vectors"), used)) const struct vector_table vector_table = {
    .initial_sp = __stack_top,
    .exceptions =
        {
            [1 - 1] = reset_handler,
            [EXC_NMI - 1] = nmi_handler,
            [EXC_HARDFAULT - 1] = hardfault_handler,
            [EXC_SVCALL - 1] = svcall_handler,
            [EXC_PENDSV - 1] = pendsv_handler,
            [EXC_SYSTICK - 1] = systick_handler,
        },
    .irqs =
        {
            irq0_handler,  irq1_handler,  irq2_handler,  irq3_handler,  irq4_handler,
            irq5_handler,  irq6_handler,  irq7_handler,  irq8_handler,  irq9_handler,
            irq10_handler, irq11_handler, irq12_handler, irq13_handler, irq14_handler,
            irq15_handler, irq16_handler, irq17_handler, irq18_handler, irq19_handler,
            irq20_handler, irq21_handler, irq22_handler, irq23_handler, irq24_handler,
            irq25_handler, irq26_handler, irq27_handler, irq28_handler, irq29_handler,
            irq30_handler, irq31_handler,
        },
};

// An exception nobody handles: stay here so a debugger or the emulator's fault report shows
// where it came from (IPSR says which exception).
void default_handler(void) {
  for (;;) {
  }
}

// GCC would turn the copy and clear loops into memcpy/memset calls; keep the reset path
// self-contained instead.
__attribute__((optimize("no-tree-loop-distribute-patterns"))) void reset_handler(void) {
  // boot2 sets VTOR already; setting it again keeps interrupts working when a loader or
  // debugger enters the image here directly.
  mmio_write(SCB_VTOR, (uint32_t)&vector_table);

  const uint32_t* src = __data_load;
  for (uint32_t* dst = __data_start; dst < __data_end;)
    *dst++ = *src++;
  for (uint32_t* dst = __bss_start; dst < __bss_end;)
    *dst++ = 0;

  // Static constructors (C++ images).
  for (vector_fn* init = __init_array_start; init < __init_array_end; ++init)
    (*init)();

  main();

  for (;;)
    cpu_wfi();
}
