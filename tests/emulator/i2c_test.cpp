// The I2C controller (emulator/rp2040/i2c.h) against a scripted fake target, driven the way
// pico-sdk's hardware_i2c drives it.
#include "rp2040/i2c.h"

#include <gtest/gtest.h>

#include <string>

#include "line_recorders.h"
#include "rp2040/address_map.h"

using namespace vpico;
using vpico::rp2040::I2c;

namespace {
using Irqs = fakes::IrqLines;
using Dreqs = fakes::DreqLines;

// Logs every bus event as text: "S50w" (START to 0x50, write), "W12", "R", "Rn" (read, NACKed),
// "P" (STOP), each with the cycle it happened at.
struct FakeTarget : I2cTarget {
  Scheduler* sched = nullptr;
  uint8_t address = 0x50;
  bool nack_data = false;
  uint8_t next_read = 0xa0;
  std::string log;
  std::vector<uint64_t> at;
  void note(const std::string& s) {
    log += (log.empty() ? "" : " ") + s;
    at.push_back(sched->now());
  }
  bool start(uint8_t a, bool read) override {
    char buf[8];
    snprintf(buf, sizeof buf, "S%02x%c", a, read ? 'r' : 'w');
    note(buf);
    return a == address;
  }
  bool write_byte(uint8_t b) override {
    char buf[8];
    snprintf(buf, sizeof buf, "W%02x", b);
    note(buf);
    return !nack_data;
  }
  uint8_t read_byte(bool ack) override {
    note(ack ? "R" : "Rn");
    return next_read++;
  }
  void stop() override { note("P"); }
};

constexpr uint32_t CON = 0x00, TAR = 0x04, DATA_CMD = 0x10, SS_HCNT = 0x14, SS_LCNT = 0x18,
                   FS_HCNT = 0x1c, FS_LCNT = 0x20, INTR_STAT = 0x2c, INTR_MASK = 0x30,
                   RAW_INTR_STAT = 0x34, RX_TL = 0x38, TX_TL = 0x3c, CLR_INTR = 0x40,
                   CLR_TX_OVER = 0x4c, CLR_TX_ABRT = 0x54, CLR_STOP_DET = 0x60, ENABLE = 0x6c,
                   STATUS = 0x70, TXFLR = 0x74, RXFLR = 0x78, TX_ABRT_SOURCE = 0x80, DMA_CR = 0x88,
                   DMA_TDLR = 0x8c, ENABLE_STATUS = 0x9c, FS_SPKLEN = 0xa0, COMP_VERSION = 0xf8,
                   COMP_TYPE = 0xfc;
constexpr uint32_t kRead = 1u << 8, kStop = 1u << 9, kRestart = 1u << 10;
constexpr uint32_t kTxEmpty = 1u << 4, kTxAbrt = 1u << 6, kStopDet = 1u << 9, kRxFull = 1u << 2,
                   kTxOver = 1u << 3;

struct I2cFixture : ::testing::Test {
  Scheduler sched;
  Irqs irqs;
  Dreqs dreqs;
  I2cBus bus{4, 5};
  FakeTarget target;
  bool routed = true;
  I2c i2c{0, sched, irqs, dreqs,
          [this] { return routed ? std::vector<I2cBus*>{&bus} : std::vector<I2cBus*>{}; }};

  I2cFixture() {
    target.sched = &sched;
    bus.attach(target);
  }
  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(i2c.read(off, v)) << off;
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(i2c.write(off, v, 0xffffffff)) << off; }
  // What pico-sdk's i2c_init + i2c_set_baudrate write for `baud` from clk_sys = `sys`.
  void init(uint32_t baud, uint32_t sys = 125'000'000) {
    wr(ENABLE, 0);
    wr(CON, (2u << 1) | 1u | (1u << 6) | (1u << 5) | (1u << 8));
    wr(TX_TL, 0);
    wr(RX_TL, 0);
    wr(DMA_CR, 3);
    const uint32_t period = (sys + baud / 2) / baud, lcnt = period * 3 / 5, hcnt = period - lcnt;
    wr(FS_HCNT, hcnt);
    wr(FS_LCNT, lcnt);
    wr(FS_SPKLEN, lcnt < 16 ? 1 : lcnt / 16);
    wr(ENABLE, 1);
  }
  void set_target(uint32_t addr) {
    wr(ENABLE, 0);
    wr(TAR, addr);
    wr(ENABLE, 1);
  }
  // Runs events until `bit` shows in RAW_INTR_STAT (bounded).
  bool run_until_raw(uint32_t bit) {
    for (int i = 0; i < 1000 && !(rd(RAW_INTR_STAT) & bit); ++i) {
      if (sched.next_event() == UINT64_MAX) return false;
      sched.run_until(sched.next_event());
    }
    return rd(RAW_INTR_STAT) & bit;
  }
  void run_all() {
    while (sched.next_event() != UINT64_MAX)
      sched.run_until(sched.next_event());
  }
};
}  // namespace

TEST_F(I2cFixture, ResetValuesAndIdentity) {
  EXPECT_EQ(rd(CON), 0x65u);
  EXPECT_EQ(rd(TAR), 0x55u);
  EXPECT_EQ(rd(INTR_MASK), 0x8ffu);
  EXPECT_EQ(rd(STATUS), 0x6u);
  EXPECT_EQ(rd(FS_SPKLEN), 7u);
  EXPECT_EQ(rd(COMP_VERSION), 0x3230312au);
  EXPECT_EQ(rd(COMP_TYPE), 0x44570140u);
  EXPECT_EQ(rd(ENABLE_STATUS), 0u);
}

TEST_F(I2cFixture, ControlRegistersAreWritableOnlyWhileDisabled) {
  wr(ENABLE, 1);
  EXPECT_EQ(rd(ENABLE_STATUS), 1u);
  wr(TAR, 0x12);
  wr(CON, 0x63);
  EXPECT_EQ(rd(TAR), 0x55u);
  EXPECT_EQ(rd(CON), 0x65u);
  wr(ENABLE, 0);
  wr(TAR, 0x12);
  EXPECT_EQ(rd(TAR), 0x12u);
  wr(CON, 0x61);  // SPEED 0 is not allowed: reads back as fast mode
  EXPECT_EQ(rd(CON), 0x65u);
  wr(FS_HCNT, 2);  // below the minimum
  EXPECT_EQ(rd(FS_HCNT), 6u);
}

TEST_F(I2cFixture, WriteTransactionReachesTheTarget) {
  init(100'000);
  set_target(0x50);
  wr(DATA_CMD, 0x12);
  wr(DATA_CMD, 0x34 | kStop);
  ASSERT_TRUE(run_until_raw(kStopDet));
  EXPECT_EQ(target.log, "S50w W12 W34 P");
  EXPECT_EQ(rd(TX_ABRT_SOURCE), 0u);
  EXPECT_TRUE(rd(RAW_INTR_STAT) & kTxEmpty);
  EXPECT_FALSE(i2c.bus_held());
}

TEST_F(I2cFixture, NostopWriteThenReadSendsARepeatedStart) {
  // pico-sdk: i2c_write_blocking(nostop = true), then i2c_read_blocking, whose first command
  // carries RESTART; between them the block is disabled to rewrite IC_TAR.
  init(400'000);
  set_target(0x50);
  wr(DATA_CMD, 0xf7);
  ASSERT_TRUE(run_until_raw(kTxEmpty));
  EXPECT_TRUE(i2c.bus_held());
  set_target(0x50);
  wr(DATA_CMD, kRead | kRestart);
  wr(DATA_CMD, kRead);
  wr(DATA_CMD, kRead | kStop);
  ASSERT_TRUE(run_until_raw(kStopDet));
  EXPECT_EQ(target.log, "S50w Wf7 S50r R R Rn P");
  EXPECT_EQ(rd(RXFLR), 3u);
  EXPECT_EQ(rd(DATA_CMD), 0xa0u | (1u << 11));  // FIRST_DATA_BYTE after the address
  EXPECT_EQ(rd(DATA_CMD), 0xa1u);
  EXPECT_EQ(rd(DATA_CMD), 0xa2u);
  EXPECT_EQ(rd(RXFLR), 0u);
}

TEST_F(I2cFixture, ChangeOfDirectionRestartsEvenWithoutTheRestartBit) {
  init(400'000);
  set_target(0x50);
  wr(DATA_CMD, 0x01);
  wr(DATA_CMD, kRead | kStop);
  ASSERT_TRUE(run_until_raw(kStopDet));
  EXPECT_EQ(target.log, "S50w W01 S50r Rn P");
}

TEST_F(I2cFixture, WithoutRestartEnAStopAndStartAreSent) {
  init(400'000);
  wr(ENABLE, 0);
  wr(CON, rd(CON) & ~(1u << 5));
  wr(TAR, 0x50);
  wr(ENABLE, 1);
  wr(DATA_CMD, 0x01);
  wr(DATA_CMD, kRead | kStop);
  ASSERT_TRUE(run_until_raw(kStopDet));
  run_all();
  EXPECT_EQ(target.log, "S50w W01 P S50r Rn P");
}

TEST_F(I2cFixture, AddressNackAbortsWithAddrNoack) {
  init(100'000);
  set_target(0x51);  // nobody there
  wr(DATA_CMD, kRead | kStop);
  ASSERT_TRUE(run_until_raw(kTxAbrt));
  EXPECT_EQ(rd(TX_ABRT_SOURCE), 1u);  // ABRT_7B_ADDR_NOACK
  EXPECT_TRUE(rd(RAW_INTR_STAT) & kTxEmpty);
  ASSERT_TRUE(run_until_raw(kStopDet));
  EXPECT_EQ(target.log, "S51r P");
  // The FIFOs stay flushed until IC_CLR_TX_ABRT is read, which also clears the source.
  wr(DATA_CMD, 0x00);
  EXPECT_EQ(rd(TXFLR), 0u);
  EXPECT_EQ(rd(CLR_TX_ABRT), 0u);
  EXPECT_EQ(rd(TX_ABRT_SOURCE), 0u);
  EXPECT_FALSE(rd(RAW_INTR_STAT) & kTxAbrt);
  EXPECT_EQ(rd(CLR_STOP_DET), 0u);
  EXPECT_FALSE(rd(RAW_INTR_STAT) & kStopDet);
}

TEST_F(I2cFixture, NoRoutedPinsMeansNoAck) {
  routed = false;
  init(100'000);
  set_target(0x50);
  wr(DATA_CMD, 0x00 | kStop);
  ASSERT_TRUE(run_until_raw(kTxAbrt));
  EXPECT_EQ(rd(TX_ABRT_SOURCE), 1u);
  EXPECT_EQ(target.log, "");
}

TEST_F(I2cFixture, DataNackAbortsAndCountsFlushedCommands) {
  init(400'000);
  set_target(0x50);
  target.nack_data = true;
  for (uint32_t b = 0; b < 4; ++b)
    wr(DATA_CMD, b | (b == 3 ? kStop : 0));
  ASSERT_TRUE(run_until_raw(kTxAbrt));
  // ABRT_TXDATA_NOACK, and the 3 commands left in the FIFO in TX_FLUSH_CNT.
  EXPECT_EQ(rd(TX_ABRT_SOURCE), (1u << 3) | (3u << 23));
  EXPECT_EQ(rd(TXFLR), 0u);
  ASSERT_TRUE(run_until_raw(kStopDet));
  EXPECT_EQ(target.log, "S50w W00 P");
}

TEST_F(I2cFixture, UserAbortEndsAHeldTransfer) {
  init(400'000);
  set_target(0x50);
  wr(DATA_CMD, 0x01);
  ASSERT_TRUE(run_until_raw(kTxEmpty));
  EXPECT_TRUE(i2c.bus_held());
  wr(ENABLE, 1 | 2);
  ASSERT_TRUE(run_until_raw(kStopDet));
  EXPECT_EQ(rd(TX_ABRT_SOURCE), 1u << 16);  // ABRT_USER_ABRT
  EXPECT_EQ(rd(ENABLE), 1u);                // ABORT clears itself when done
  EXPECT_EQ(target.log, "S50w W01 P");
}

TEST_F(I2cFixture, ByteTakesNineSclPeriodsAt100kHz) {
  init(100'000);
  // 125 MHz / 100 kHz: period 1250, LCNT 750, HCNT 500, SPKLEN 46:
  // (500 + 46 + 7) + (750 + 1) = 1304 cycles per SCL period.
  EXPECT_EQ(i2c.scl_period(), 1304u);
  set_target(0x50);
  const uint64_t t0 = sched.now();
  wr(DATA_CMD, 0x12);
  wr(DATA_CMD, 0x34 | kStop);
  ASSERT_TRUE(run_until_raw(kStopDet));
  ASSERT_EQ(target.at.size(), 4u);
  EXPECT_EQ(target.at[0] - t0, 10 * 1304u);  // START + address byte
  EXPECT_EQ(target.at[1] - target.at[0], 9 * 1304u);
  EXPECT_EQ(target.at[2] - target.at[1], 9 * 1304u);
  EXPECT_EQ(target.at[3] - target.at[2], 1304u);  // STOP
}

TEST_F(I2cFixture, ByteTakesNineSclPeriodsAt400kHz) {
  init(400'000);
  // period 313 (312.5 rounded), LCNT 187, HCNT 126, SPKLEN 11: 126 + 11 + 7 + 188 = 332.
  EXPECT_EQ(i2c.scl_period(), 332u);
  set_target(0x50);
  wr(DATA_CMD, 0x12);
  wr(DATA_CMD, 0x34 | kStop);
  ASSERT_TRUE(run_until_raw(kStopDet));
  EXPECT_EQ(target.at[2] - target.at[1], 9 * 332u);
}

TEST_F(I2cFixture, StandardSpeedUsesTheSsCounts) {
  wr(CON, (1u << 1) | 1u | (1u << 6) | (1u << 5));
  wr(SS_HCNT, 100);
  wr(SS_LCNT, 200);
  wr(FS_SPKLEN, 3);
  EXPECT_EQ(i2c.scl_period(), (100u + 3 + 7) + (200 + 1));
}

TEST_F(I2cFixture, TxEmptyWaitsForTheShiftRegisterWithTxEmptyCtrl) {
  init(400'000);
  set_target(0x50);
  wr(DATA_CMD, 0x01 | kStop);
  EXPECT_EQ(rd(TXFLR), 0u);                    // popped into the shift register at once
  EXPECT_FALSE(rd(RAW_INTR_STAT) & kTxEmpty);  // but not sent yet
  ASSERT_TRUE(run_until_raw(kTxEmpty));
  EXPECT_EQ(target.log, "S50w W01");
}

TEST_F(I2cFixture, TxEmptyFollowsTheFifoLevelWithoutTxEmptyCtrl) {
  init(400'000);
  wr(ENABLE, 0);
  wr(CON, rd(CON) & ~(1u << 8));
  wr(TAR, 0x50);
  wr(TX_TL, 2);
  wr(ENABLE, 1);
  wr(DATA_CMD, 0x01);
  EXPECT_TRUE(rd(RAW_INTR_STAT) & kTxEmpty);
  wr(DATA_CMD, 0x02);
  wr(DATA_CMD, 0x03);
  wr(DATA_CMD, 0x04);
  EXPECT_EQ(rd(TXFLR), 3u);
  EXPECT_FALSE(rd(RAW_INTR_STAT) & kTxEmpty);
}

TEST_F(I2cFixture, RxFullFollowsTheThresholdAndRaisesTheIrq) {
  init(400'000);
  wr(INTR_MASK, kRxFull);
  wr(RX_TL, 1);  // two entries
  set_target(0x50);
  wr(DATA_CMD, kRead);
  wr(DATA_CMD, kRead | kStop);
  ASSERT_TRUE(run_until_raw(kStopDet));
  EXPECT_EQ(rd(RXFLR), 2u);
  EXPECT_EQ(rd(INTR_STAT), kRxFull);
  EXPECT_TRUE(irqs.levels & (1u << rp2040::kI2c0Irq));
  rd(DATA_CMD);
  EXPECT_EQ(rd(INTR_STAT), 0u);
  EXPECT_FALSE(irqs.levels & (1u << rp2040::kI2c0Irq));
}

TEST_F(I2cFixture, TxOverflowSetsTxOver) {
  init(400'000);
  wr(ENABLE, 0);
  wr(TAR, 0x50);
  wr(ENABLE, 1 | 4);  // TX_CMD_BLOCK: commands wait in the FIFO
  for (int i = 0; i < 17; ++i)
    wr(DATA_CMD, 0x00);
  EXPECT_EQ(rd(TXFLR), 16u);
  EXPECT_EQ(rd(STATUS) & 2u, 0u);  // TFNF clear
  EXPECT_TRUE(rd(RAW_INTR_STAT) & kTxOver);
  rd(CLR_TX_OVER);
  EXPECT_FALSE(rd(RAW_INTR_STAT) & kTxOver);
  EXPECT_EQ(target.log, "");
  wr(ENABLE, 1);  // unblocked: they go out
  run_all();
  EXPECT_EQ(target.log.substr(0, 8), "S50w W00");
}

TEST_F(I2cFixture, ReadingAnEmptyRxFifoSetsRxUnder) {
  init(400'000);
  EXPECT_EQ(rd(DATA_CMD), 0u);
  EXPECT_TRUE(rd(RAW_INTR_STAT) & 1u);
  rd(CLR_INTR);
  EXPECT_FALSE(rd(RAW_INTR_STAT) & 1u);
}

TEST_F(I2cFixture, DreqsFollowTheFifoLevels) {
  init(400'000);
  wr(DMA_TDLR, 0);
  EXPECT_TRUE(dreqs.high(rp2040::kDreqI2c0Tx));  // empty TX FIFO, TDMAE
  EXPECT_FALSE(dreqs.high(rp2040::kDreqI2c0Rx));
  set_target(0x50);
  wr(DATA_CMD, kRead | kStop);
  ASSERT_TRUE(run_until_raw(kStopDet));
  EXPECT_TRUE(dreqs.high(rp2040::kDreqI2c0Rx));
  rd(DATA_CMD);
  EXPECT_FALSE(dreqs.high(rp2040::kDreqI2c0Rx));
  wr(DMA_CR, 0);
  EXPECT_FALSE(dreqs.high(rp2040::kDreqI2c0Tx));
}

TEST_F(I2cFixture, DisablingFlushesTheFifosAndClearsIcEn) {
  init(400'000);
  wr(ENABLE, 1 | 4);
  wr(DATA_CMD, 0x00);
  EXPECT_EQ(rd(TXFLR), 1u);
  wr(ENABLE, 0);
  EXPECT_EQ(rd(TXFLR), 0u);
  EXPECT_EQ(rd(ENABLE_STATUS), 0u);
  wr(DATA_CMD, 0x00);  // ignored while disabled
  EXPECT_EQ(rd(TXFLR), 0u);
}

TEST_F(I2cFixture, ResetReleasesEverything) {
  init(400'000);
  set_target(0x50);
  wr(DATA_CMD, 0x01);
  i2c.reset();
  EXPECT_FALSE(i2c.bus_held());
  EXPECT_EQ(rd(ENABLE), 0u);
  EXPECT_EQ(sched.next_event(), UINT64_MAX);
}
