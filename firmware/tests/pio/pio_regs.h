// PIO registers (RP2040 datasheet 3.7, pico-sdk hardware/regs/pio.h) and hand-assembled
// instruction encodings (datasheet 3.4) for the pio test image.
#ifndef VPICO_FIRMWARE_TESTS_PIO_REGS_H
#define VPICO_FIRMWARE_TESTS_PIO_REGS_H

#define PIO0_BASE 0x50200000u
#define PIO1_BASE 0x50300000u
#define PIO_CTRL(b) ((b) + 0x000)
#define PIO_FSTAT(b) ((b) + 0x004)
#define PIO_FDEBUG(b) ((b) + 0x008)
#define PIO_FLEVEL(b) ((b) + 0x00c)
#define PIO_TXF(b, sm) ((b) + 0x010 + 4 * (sm))
#define PIO_RXF(b, sm) ((b) + 0x020 + 4 * (sm))
#define PIO_IRQ(b) ((b) + 0x030)
#define PIO_DBG_PADOUT(b) ((b) + 0x03c)
#define PIO_DBG_PADOE(b) ((b) + 0x040)
#define PIO_DBG_CFGINFO(b) ((b) + 0x044)
#define PIO_INSTR_MEM(b, i) ((b) + 0x048 + 4 * (i))
#define PIO_SM_CLKDIV(b, sm) ((b) + 0x0c8 + 0x18 * (sm))
#define PIO_SM_EXECCTRL(b, sm) ((b) + 0x0cc + 0x18 * (sm))
#define PIO_SM_SHIFTCTRL(b, sm) ((b) + 0x0d0 + 0x18 * (sm))
#define PIO_SM_ADDR(b, sm) ((b) + 0x0d4 + 0x18 * (sm))
#define PIO_SM_INSTR(b, sm) ((b) + 0x0d8 + 0x18 * (sm))
#define PIO_SM_PINCTRL(b, sm) ((b) + 0x0dc + 0x18 * (sm))
#define PIO_INTR(b) ((b) + 0x128)
#define PIO_IRQ0_INTE(b) ((b) + 0x12c)
#define PIO_IRQ0_INTS(b) ((b) + 0x134)
#define PIO0_IRQ_0 7u  // NVIC line (datasheet 2.3.2)

// Instruction encodings: opcode in bits 15:13, delay/side-set in 12:8.
#define PIO_JMP(cond, addr) ((uint16_t)(((cond) << 5) | (addr)))
#define PIO_WAIT(pol, src, idx) ((uint16_t)(0x2000 | ((pol) << 7) | ((src) << 5) | (idx)))
#define PIO_IN(src, n) ((uint16_t)(0x4000 | ((src) << 5) | ((n)&31)))
#define PIO_OUT(dst, n) ((uint16_t)(0x6000 | ((dst) << 5) | ((n)&31)))
#define PIO_PUSH_BLOCK ((uint16_t)0x8020)
#define PIO_PULL_BLOCK ((uint16_t)0x80a0)
#define PIO_MOV(dst, op, src) ((uint16_t)(0xa000 | ((dst) << 5) | ((op) << 3) | (src)))
#define PIO_IRQ_SET(idx) ((uint16_t)(0xc000 | (idx)))
#define PIO_SET(dst, v) ((uint16_t)(0xe000 | ((dst) << 5) | (v)))
#define PIO_DELAY(d) ((uint16_t)((d) << 8))
// Operand values.
#define JMP_ALWAYS 0u
#define JMP_X_DEC 2u
#define JMP_Y_DEC 4u
#define SRC_PINS 0u
#define REG_X 1u
#define REG_Y 2u
#define REG_PINDIRS 4u
#define REG_ISR 6u
#define REG_OSR 7u
#define MOV_INVERT 1u

#endif
