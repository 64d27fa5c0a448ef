// Cortex-M0+ instructions that C cannot express, as inline functions (ARMv6-M ARM A6.7).
// Every one of them is a valid ARMv6-M encoding: WFI/WFE/SEV/CPSID/CPSIE are 16-bit,
// DSB/ISB/DMB/MRS/MSR are the 32-bit encodings ARMv6-M allows.
#ifndef VPICO_FIRMWARE_RP2040_CPU_H
#define VPICO_FIRMWARE_RP2040_CPU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

static inline void cpu_wfi(void) {
  __asm__ volatile("wfi" ::: "memory");
}
static inline void cpu_wfe(void) {
  __asm__ volatile("wfe" ::: "memory");
}
static inline void cpu_sev(void) {
  __asm__ volatile("sev" ::: "memory");
}
static inline void cpu_nop(void) {
  __asm__ volatile("nop");
}
static inline void cpu_dsb(void) {
  __asm__ volatile("dsb" ::: "memory");
}
static inline void cpu_isb(void) {
  __asm__ volatile("isb" ::: "memory");
}
static inline void cpu_dmb(void) {
  __asm__ volatile("dmb" ::: "memory");
}

// PRIMASK = 1 masks every exception of configurable priority (IRQs, SysTick, PendSV, SVCall).
static inline void cpu_irq_disable(void) {
  __asm__ volatile("cpsid i" ::: "memory");
}
static inline void cpu_irq_enable(void) {
  __asm__ volatile("cpsie i" ::: "memory");
}
static inline uint32_t cpu_get_primask(void) {
  uint32_t value;
  __asm__ volatile("mrs %0, primask" : "=r"(value)::"memory");
  return value;
}
// IPSR: the number of the exception being handled, 0 in thread mode.
static inline uint32_t cpu_get_ipsr(void) {
  uint32_t value;
  __asm__ volatile("mrs %0, ipsr" : "=r"(value));
  return value;
}

// Spins for about `iterations` * 3 cycles on a Cortex-M0+ (SUBS 1 cycle + taken BNE 2 cycles,
// Cortex-M0+ TRM 3.3), from an instruction cache hit or SRAM. The loop is written in
// assembly so the compiler cannot shorten it and the emulator's cycle count is exact.
static inline void cpu_delay_loops(uint32_t iterations) {
  if (iterations == 0) return;
  __asm__ volatile(
      "1: subs %0, %0, #1\n"
      "   bne 1b\n"
      : "+l"(iterations)
      :
      : "cc");
}

#ifdef __cplusplus
}
#endif

#endif  // VPICO_FIRMWARE_RP2040_CPU_H
