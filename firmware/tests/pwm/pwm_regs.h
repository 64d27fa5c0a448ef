// PWM registers (RP2040 datasheet 4.5.3; pico-sdk hardware/regs/pwm.h), for the pwm test image.
#ifndef VPICO_FIRMWARE_TESTS_PWM_REGS_H
#define VPICO_FIRMWARE_TESTS_PWM_REGS_H

#define PWM_BASE 0x40050000u
#define PWM_CH(n) (PWM_BASE + 0x14u * (n))
#define PWM_CSR(n) (PWM_CH(n) + 0x00u)
#define PWM_DIV(n) (PWM_CH(n) + 0x04u)  // INT in bits 11:4, FRAC in 3:0
#define PWM_CTR(n) (PWM_CH(n) + 0x08u)
#define PWM_CC(n) (PWM_CH(n) + 0x0cu)  // A in 15:0, B in 31:16
#define PWM_TOP(n) (PWM_CH(n) + 0x10u)
#define PWM_EN (PWM_BASE + 0xa0u)
#define PWM_INTR (PWM_BASE + 0xa4u)
#define PWM_INTE (PWM_BASE + 0xa8u)
#define PWM_INTF (PWM_BASE + 0xacu)
#define PWM_INTS (PWM_BASE + 0xb0u)

#define PWM_CSR_EN (1u << 0)
#define PWM_CSR_PH_CORRECT (1u << 1)
#define PWM_CSR_A_INV (1u << 2)
#define PWM_CSR_B_INV (1u << 3)
#define PWM_CSR_DIVMODE_LEVEL (1u << 4)
#define PWM_CSR_DIVMODE_RISE (2u << 4)
#define PWM_CSR_DIVMODE_FALL (3u << 4)
#define PWM_CSR_PH_RET (1u << 6)
#define PWM_CSR_PH_ADV (1u << 7)

// IO_BANK0 per-GPIO raw interrupts: 4 bits per pin, 8 pins per register (datasheet 2.19.6.1).
#define IO_BANK0_INTR(n) (0x40014000u + 0xf0u + 4u * (n))
#define IO_BANK0_INTR_EDGE_HIGH 0x8u
#define IO_BANK0_INTR_EDGE_LOW 0x4u

#endif
