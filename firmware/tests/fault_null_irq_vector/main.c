// fault_null_irq_vector: an interrupt whose vector was never filled in. The image moves its
// vector table to SRAM, as firmware does to install handlers at run time, leaves IRQ 26's
// entry 0 and raises IRQ 26.
//
// On the Cortex-M0+ the vector's bit 0 becomes EPSR.T; with it clear the handler's first
// instruction faults (ARMv6-M ARM B1.5.6, and EPSR.T in the xPSR) and HardFault runs.
// vpico stops at the exception entry with a report naming the vector, its address and its
// value.
//
//   fault_null_irq_vector: vector table at 0x2000xx00, IRQ 26 vector 0, raising IRQ 26
//   (the run ends here with the fault report)
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "regs.h"
#include "uart0.h"

#define VECTOR_COUNT (16 + IRQ_COUNT)
#define BAD_IRQ 26u  // not wired to any block (IRQ_SPARE_FIRST)

// VTOR keeps bits 31:7 and the table must be aligned to its size rounded up to a power of
// two (ARMv6-M ARM, VTOR): 48 words = 192 bytes, so 256.
uint32_t g_ram_vectors[VECTOR_COUNT] __attribute__((aligned(256)));

int main(void) {
  bringup_console();
  const uint32_t* flash_vectors = (const uint32_t*)mmio_read(SCB_VTOR);
  for (unsigned i = 0; i < VECTOR_COUNT; ++i)
    g_ram_vectors[i] = flash_vectors[i];
  g_ram_vectors[EXC_IRQ0 + BAD_IRQ] = 0;  // the handler that was never installed
  mmio_write(SCB_VTOR, (uint32_t)g_ram_vectors);

  uart0_puts("fault_null_irq_vector: vector table at ");
  uart0_put_hex32((uint32_t)g_ram_vectors);
  uart0_puts(", IRQ 26 vector 0, raising IRQ 26\n");
  uart0_flush();
  mmio_write(NVIC_ICPR, 1u << BAD_IRQ);
  mmio_write(NVIC_ISER, 1u << BAD_IRQ);
  mmio_write(NVIC_ISPR, 1u << BAD_IRQ);
  cpu_dsb();
  cpu_isb();
  uart0_puts("FAIL IRQ 26 was not taken, or ran without a fault\nDONE\n");
  uart0_flush();
  return 0;
}
