// ADC and clk_adc registers for the adc test image (RP2040 datasheet 2.15.7 and 4.9.6;
// offsets as in pico-sdk hardware/regs/clocks.h and adc.h).
#ifndef VPICO_FIRMWARE_TESTS_ADC_REGS_H
#define VPICO_FIRMWARE_TESTS_ADC_REGS_H

#include "regs.h"

#define CLK_ADC_CTRL (CLOCKS_BASE + 0x60)
#define CLK_ADC_CTRL_ENABLE (1u << 11)
#define CLK_ADC_CTRL_AUXSRC_XOSC (3u << 5)
#define CLK_ADC_DIV (CLOCKS_BASE + 0x64)  // INT in bits 9:8

#define ADC_BASE 0x4004c000
#define ADC_CS (ADC_BASE + 0x00)
#define ADC_CS_EN (1u << 0)
#define ADC_CS_TS_EN (1u << 1)
#define ADC_CS_START_ONCE (1u << 2)
#define ADC_CS_START_MANY (1u << 3)
#define ADC_CS_READY (1u << 8)
#define ADC_CS_AINSEL(n) ((uint32_t)(n) << 12)
#define ADC_CS_RROBIN(mask) ((uint32_t)(mask) << 16)
#define ADC_RESULT (ADC_BASE + 0x04)
#define ADC_FCS (ADC_BASE + 0x08)
#define ADC_FCS_EN (1u << 0)
#define ADC_FCS_SHIFT (1u << 1)
#define ADC_FCS_EMPTY (1u << 8)
#define ADC_FCS_FULL (1u << 9)
#define ADC_FCS_UNDER (1u << 10)
#define ADC_FCS_OVER (1u << 11)
#define ADC_FCS_LEVEL(fcs) (((fcs) >> 16) & 0xfu)
#define ADC_FCS_THRESH(n) ((uint32_t)(n) << 24)
#define ADC_FIFO (ADC_BASE + 0x0c)
#define ADC_DIV (ADC_BASE + 0x10)
#define ADC_INTR (ADC_BASE + 0x14)
#define ADC_INTE (ADC_BASE + 0x18)
#define ADC_INTF (ADC_BASE + 0x1c)
#define ADC_INTS (ADC_BASE + 0x20)

#define IRQ_ADC_FIFO 22

#endif  // VPICO_FIRMWARE_TESTS_ADC_REGS_H
