// RP2040 address map (datasheet 2.2, pico-sdk hardware/regs/addressmap.h) and IRQ numbers
// (datasheet 2.3.2, table 80).
#pragma once

#include <cstdint>

namespace vpico::rp2040 {

constexpr uint32_t kRomBase = 0x00000000, kRomSize = 16 * 1024;
constexpr uint32_t kXipBase = 0x10000000, kXipWindow = 16 * 1024 * 1024;
constexpr uint32_t kXipNoallocBase = 0x11000000, kXipNocacheBase = 0x12000000,
                   kXipNocacheNoallocBase = 0x13000000;
constexpr uint32_t kXipCtrlBase = 0x14000000;
constexpr uint32_t kXipSramBase = 0x15000000, kXipSramSize = 16 * 1024;
constexpr uint32_t kXipSsiBase = 0x18000000;
constexpr uint32_t kSramBase = 0x20000000, kSramSize = 264 * 1024;
constexpr uint32_t kSram0NonStripedBase = 0x21000000;
constexpr uint32_t kApbBase = 0x40000000, kApbSize = 0x70000;
constexpr uint32_t kSysinfoBase = 0x40000000, kSyscfgBase = 0x40004000, kClocksBase = 0x40008000,
                   kResetsBase = 0x4000c000, kPsmBase = 0x40010000, kIoBank0Base = 0x40014000,
                   kIoQspiBase = 0x40018000, kPadsBank0Base = 0x4001c000,
                   kPadsQspiBase = 0x40020000, kXoscBase = 0x40024000, kPllSysBase = 0x40028000,
                   kPllUsbBase = 0x4002c000, kBusctrlBase = 0x40030000, kUart0Base = 0x40034000,
                   kUart1Base = 0x40038000, kSpi0Base = 0x4003c000, kSpi1Base = 0x40040000,
                   kI2c0Base = 0x40044000, kI2c1Base = 0x40048000, kAdcBase = 0x4004c000,
                   kPwmBase = 0x40050000, kTimerBase = 0x40054000, kWatchdogBase = 0x40058000,
                   kRtcBase = 0x4005c000, kRoscBase = 0x40060000, kVregBase = 0x40064000,
                   kTbmanBase = 0x4006c000;
constexpr uint32_t kAhbBase = 0x50000000, kAhbSize = 0x500000;
constexpr uint32_t kDmaBase = 0x50000000, kUsbDpramBase = 0x50100000, kUsbRegsBase = 0x50110000,
                   kPio0Base = 0x50200000, kPio1Base = 0x50300000, kXipAuxBase = 0x50400000;
constexpr uint32_t kSioBase = 0xd0000000, kSioSize = 0x1000;
constexpr uint32_t kPpbBase = 0xe0000000, kScsBase = 0xe000e000;

// Boot (datasheet 2.8.1): boot2 is the first 256 bytes of flash, run from the top of SRAM.
constexpr uint32_t kBoot2Size = 256;
constexpr uint32_t kBoot2Load = 0x20041f00;
constexpr uint32_t kBoot2StackTop = 0x20042000;

// Interrupt numbers (datasheet 2.3.2).
enum Irq : unsigned {
  kTimerIrq0 = 0,
  kTimerIrq1,
  kTimerIrq2,
  kTimerIrq3,
  kPwmIrqWrap,
  kUsbctrlIrq,
  kXipIrq,
  kPio0Irq0,
  kPio0Irq1,
  kPio1Irq0,
  kPio1Irq1,
  kDmaIrq0,
  kDmaIrq1,
  kIoIrqBank0,
  kIoIrqQspi,
  kSioIrqProc0,
  kSioIrqProc1,
  kClocksIrq,
  kSpi0Irq,
  kSpi1Irq,
  kUart0Irq,
  kUart1Irq,
  kAdcIrqFifo,
  kI2c0Irq,
  kI2c1Irq,
  kRtcIrq,
};

// DMA data request numbers (datasheet 2.5.3.1, table 120; pico-sdk hardware/regs/dreq.h).
enum Dreq : unsigned {
  kDreqPio0Tx0 = 0,  // PIO0 TX FIFOs 0..3, then RX FIFOs 4..7
  kDreqPio1Tx0 = 8,  // PIO1 TX FIFOs 8..11, then RX FIFOs 12..15
  kDreqSpi0Tx = 16,
  kDreqSpi0Rx,
  kDreqSpi1Tx,
  kDreqSpi1Rx,
  kDreqUart0Tx,
  kDreqUart0Rx,
  kDreqUart1Tx,
  kDreqUart1Rx,
  kDreqPwmWrap0 = 24,  // PWM slices 0..7: 24..31
  kDreqI2c0Tx = 32,
  kDreqI2c0Rx,
  kDreqI2c1Tx,
  kDreqI2c1Rx,
  kDreqAdc,
  kDreqXipStream,
  kDreqXipSsiTx,
  kDreqXipSsiRx,
  kDreqCount,           // 40 peripheral requests
  kDreqDmaTimer0 = 59,  // the DMA's own pacing timers 0..3: 59..62
  kDreqForce = 63,      // permanent request (unpaced)
};

// Crystal on the Pico board (Pico datasheet): 12 MHz. ROSC nominal frequency after reset
// (RP2040 datasheet 2.17: "nominally 6.5 MHz", varies between chips).
constexpr uint32_t kXoscHz = 12'000'000;
constexpr uint32_t kRoscHz = 6'500'000;

}  // namespace vpico::rp2040
