// DMA registers for the dma test image (RP2040 datasheet 2.5.7; pico-sdk hardware/regs/dma.h).
#ifndef VPICO_FIRMWARE_TESTS_DMA_REGS_H
#define VPICO_FIRMWARE_TESTS_DMA_REGS_H

#define DMA_BASE 0x50000000u
// Channel n's registers; the four layouts (aliases 0..3) trigger on their last register.
#define DMA_CH(n) (DMA_BASE + 0x40u * (n))
#define DMA_READ_ADDR(n) (DMA_CH(n) + 0x00)
#define DMA_WRITE_ADDR(n) (DMA_CH(n) + 0x04)
#define DMA_TRANS_COUNT(n) (DMA_CH(n) + 0x08)
#define DMA_CTRL_TRIG(n) (DMA_CH(n) + 0x0c)
#define DMA_AL1_CTRL(n) (DMA_CH(n) + 0x10)
#define DMA_AL3_TRANS_COUNT(n) (DMA_CH(n) + 0x38)
#define DMA_AL3_READ_ADDR_TRIG(n) (DMA_CH(n) + 0x3c)
#define DMA_DBG_TCR(n) (DMA_BASE + 0x804u + 0x40u * (n))

#define DMA_INTR (DMA_BASE + 0x400)
#define DMA_INTE0 (DMA_BASE + 0x404)
#define DMA_INTF0 (DMA_BASE + 0x408)
#define DMA_INTS0 (DMA_BASE + 0x40c)
#define DMA_TIMER0 (DMA_BASE + 0x420)
#define DMA_MULTI_CHAN_TRIGGER (DMA_BASE + 0x430)
#define DMA_SNIFF_CTRL (DMA_BASE + 0x434)
#define DMA_SNIFF_DATA (DMA_BASE + 0x438)
#define DMA_CHAN_ABORT (DMA_BASE + 0x444)
#define DMA_N_CHANNELS (DMA_BASE + 0x448)

// CTRL_TRIG fields.
#define DMA_EN (1u << 0)
#define DMA_HIGH_PRIORITY (1u << 1)
#define DMA_SIZE_BYTE (0u << 2)
#define DMA_SIZE_WORD (2u << 2)
#define DMA_INCR_READ (1u << 4)
#define DMA_INCR_WRITE (1u << 5)
#define DMA_RING_SIZE(n) ((uint32_t)(n) << 6)
#define DMA_RING_SEL_WRITE (1u << 10)
#define DMA_CHAIN_TO(n) ((uint32_t)(n) << 11)
#define DMA_TREQ(n) ((uint32_t)(n) << 15)
#define DMA_IRQ_QUIET (1u << 21)
#define DMA_BSWAP (1u << 22)
#define DMA_SNIFF_EN (1u << 23)
#define DMA_BUSY (1u << 24)
#define DMA_WRITE_ERROR (1u << 29)
#define DMA_READ_ERROR (1u << 30)
#define DMA_AHB_ERROR (1u << 31)

// TREQ_SEL values (datasheet 2.5.3.1).
#define DREQ_UART0_TX 20u
#define TREQ_TIMER0 0x3bu
#define TREQ_UNPACED 0x3fu

// SNIFF_CTRL fields.
#define SNIFF_EN (1u << 0)
#define SNIFF_DMACH(n) ((uint32_t)(n) << 1)
#define SNIFF_CALC_CRC32 (0x0u << 5)
#define SNIFF_CALC_CRC32R (0x1u << 5)
#define SNIFF_CALC_SUM (0xfu << 5)
#define SNIFF_OUT_REV (1u << 10)
#define SNIFF_OUT_INV (1u << 11)

// (IRQ_DMA_0 is in regs.h.)

// UART0 DMA control (datasheet 4.2.8, UARTDMACR).
#define UART0_DMACR (UART0_BASE + 0x48)
#define UART_DMACR_TXDMAE (1u << 1)
#define UART0_DR_ADDR (UART0_BASE + 0x00)

#endif  // VPICO_FIRMWARE_TESTS_DMA_REGS_H
