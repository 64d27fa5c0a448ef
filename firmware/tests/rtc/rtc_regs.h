// RTC and clk_rtc registers for the rtc test image (RP2040 datasheet 2.15.7 and 4.8.6;
// offsets as in pico-sdk hardware/regs/clocks.h and rtc.h).
#ifndef VPICO_FIRMWARE_TESTS_RTC_REGS_H
#define VPICO_FIRMWARE_TESTS_RTC_REGS_H

#include "regs.h"

#define CLK_RTC_CTRL (CLOCKS_BASE + 0x6c)
#define CLK_RTC_CTRL_ENABLE (1u << 11)
#define CLK_RTC_CTRL_AUXSRC_XOSC (3u << 5)
#define CLK_RTC_DIV (CLOCKS_BASE + 0x70)  // INT in bits 31:8, FRAC in 7:0

#define RTC_BASE 0x4005c000
#define RTC_CLKDIV_M1 (RTC_BASE + 0x00)
#define RTC_SETUP_0 (RTC_BASE + 0x04)  // YEAR 23:12, MONTH 11:8, DAY 4:0
#define RTC_SETUP_1 (RTC_BASE + 0x08)  // DOTW 26:24, HOUR 20:16, MIN 13:8, SEC 5:0
#define RTC_CTRL (RTC_BASE + 0x0c)
#define RTC_CTRL_ENABLE (1u << 0)
#define RTC_CTRL_ACTIVE (1u << 1)
#define RTC_CTRL_LOAD (1u << 4)
#define RTC_CTRL_FORCE_NOTLEAPYEAR (1u << 8)
#define RTC_IRQ_SETUP_0 (RTC_BASE + 0x10)
#define RTC_IRQ_SETUP_0_MATCH_ENA (1u << 28)
#define RTC_IRQ_SETUP_0_MATCH_ACTIVE (1u << 29)
#define RTC_IRQ_SETUP_1 (RTC_BASE + 0x14)
#define RTC_IRQ_SETUP_1_SEC_ENA (1u << 28)
#define RTC_IRQ_SETUP_1_MIN_ENA (1u << 29)
#define RTC_RTC_1 (RTC_BASE + 0x18)
#define RTC_RTC_0 (RTC_BASE + 0x1c)
#define RTC_INTR (RTC_BASE + 0x20)
#define RTC_INTE (RTC_BASE + 0x24)
#define RTC_INTF (RTC_BASE + 0x28)
#define RTC_INTS (RTC_BASE + 0x2c)

#define IRQ_RTC 25

#endif  // VPICO_FIRMWARE_TESTS_RTC_REGS_H
