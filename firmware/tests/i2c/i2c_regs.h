// I2C0/I2C1 registers (RP2040 datasheet 4.3.17; offsets and bits from pico-sdk
// hardware/regs/i2c.h), kept beside the i2c test image.
#ifndef VPICO_FIRMWARE_TESTS_I2C_REGS_H
#define VPICO_FIRMWARE_TESTS_I2C_REGS_H

#define I2C0_BASE 0x40044000u
#define I2C1_BASE 0x40048000u

#define IC_CON 0x00u
#define IC_TAR 0x04u
#define IC_DATA_CMD 0x10u
#define IC_FS_SCL_HCNT 0x1cu
#define IC_FS_SCL_LCNT 0x20u
#define IC_INTR_STAT 0x2cu
#define IC_INTR_MASK 0x30u
#define IC_RAW_INTR_STAT 0x34u
#define IC_RX_TL 0x38u
#define IC_TX_TL 0x3cu
#define IC_CLR_INTR 0x40u
#define IC_CLR_RX_UNDER 0x44u
#define IC_CLR_TX_OVER 0x4cu
#define IC_CLR_TX_ABRT 0x54u
#define IC_CLR_STOP_DET 0x60u
#define IC_ENABLE 0x6cu
#define IC_STATUS 0x70u
#define IC_TXFLR 0x74u
#define IC_RXFLR 0x78u
#define IC_TX_ABRT_SOURCE 0x80u
#define IC_DMA_CR 0x88u
#define IC_ENABLE_STATUS 0x9cu
#define IC_FS_SPKLEN 0xa0u
#define IC_COMP_VERSION 0xf8u
#define IC_COMP_TYPE 0xfcu

#define IC_CON_MASTER_MODE (1u << 0)
#define IC_CON_SPEED_FAST (2u << 1)
#define IC_CON_RESTART_EN (1u << 5)
#define IC_CON_SLAVE_DISABLE (1u << 6)
#define IC_CON_TX_EMPTY_CTRL (1u << 8)

#define IC_DATA_CMD_READ (1u << 8)
#define IC_DATA_CMD_STOP (1u << 9)
#define IC_DATA_CMD_RESTART (1u << 10)

#define IC_ENABLE_ENABLE (1u << 0)
#define IC_ENABLE_TX_CMD_BLOCK (1u << 2)

#define IC_INTR_RX_UNDER (1u << 0)
#define IC_INTR_TX_OVER (1u << 3)
#define IC_INTR_TX_EMPTY (1u << 4)
#define IC_INTR_TX_ABRT (1u << 6)
#define IC_INTR_STOP_DET (1u << 9)

#define IC_ABRT_7B_ADDR_NOACK (1u << 0)
#define IC_ABRT_TX_FLUSH_CNT_LSB 23u

#endif  // VPICO_FIRMWARE_TESTS_I2C_REGS_H
