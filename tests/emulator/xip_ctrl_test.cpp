#include "rp2040/xip_ctrl.h"

#include <gtest/gtest.h>

#include <vector>

#include "rp2040/address_map.h"

using namespace vpico;
using vpico::rp2040::XipAux;
using vpico::rp2040::XipCtrl;

namespace {
struct DreqRecorder : DreqSink {
  bool stream = false;
  void set_dreq_level(unsigned dreq, bool level) override {
    if (dreq == rp2040::kDreqXipStream) stream = level;
  }
};

constexpr uint32_t CTRL = 0x00, FLUSH = 0x04, STAT = 0x08, STREAM_ADDR = 0x14, STREAM_CTR = 0x18,
                   STREAM_FIFO = 0x1c;
constexpr uint32_t kFlushReady = 1, kFifoEmpty = 2, kFifoFull = 4;

struct XipCtrlFixture : ::testing::Test {
  Scheduler sched;
  DreqRecorder dreqs;
  std::vector<uint8_t> flash = std::vector<uint8_t>(64 * 1024, 0xff);
  uint32_t sckdv = 2;
  XipCtrl xip{sched, dreqs, flash, [this] { return sckdv; }};
  XipAux aux{xip};

  XipCtrlFixture() {
    for (uint32_t i = 0; i < 256; ++i)
      flash[0x1000 + i] = uint8_t(i);
  }
  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(xip.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(xip.write(off, v, 0xffffffff)); }
  void run_for(uint64_t cycles) { sched.run_until(sched.now() + cycles); }
};
}  // namespace

TEST_F(XipCtrlFixture, ResetValues) {
  EXPECT_EQ(rd(CTRL), 0x3u);
  EXPECT_EQ(rd(STAT), kFlushReady | kFifoEmpty);
  EXPECT_EQ(rd(STREAM_CTR), 0u);
}

TEST_F(XipCtrlFixture, PowerDownForcesCacheDisable) {
  wr(CTRL, 0x9);  // POWER_DOWN | EN
  EXPECT_EQ(rd(CTRL), 0x8u);
}

TEST_F(XipCtrlFixture, FlushCompletesAtOnce) {
  wr(FLUSH, 1);
  EXPECT_EQ(rd(FLUSH), 0u);
  EXPECT_TRUE(rd(STAT) & kFlushReady);
}

TEST_F(XipCtrlFixture, StreamFillsTwoEntriesOneWordPerEightSckPeriods) {
  wr(STREAM_ADDR, 0x10001000);
  wr(STREAM_CTR, 4);
  EXPECT_FALSE(dreqs.stream);
  run_for(15);  // 8 SCK at clk_sys/2 = 16 cycles per word
  EXPECT_EQ(rd(STAT) & kFifoEmpty, kFifoEmpty);
  run_for(1);
  EXPECT_TRUE(dreqs.stream);
  EXPECT_EQ(rd(STAT) & (kFifoEmpty | kFifoFull), 0u);
  run_for(100);  // the FIFO holds two words, then the stream waits
  EXPECT_EQ(rd(STAT) & kFifoFull, kFifoFull);
  EXPECT_EQ(rd(STREAM_CTR), 2u);
  EXPECT_EQ(rd(STREAM_ADDR), 0x10001008u);
  EXPECT_EQ(rd(STREAM_FIFO), 0x03020100u);
  uint32_t v = 0;
  EXPECT_TRUE(aux.read(0x40, v));  // any XIP_AUX address pops the same FIFO
  EXPECT_EQ(v, 0x07060504u);
  EXPECT_FALSE(dreqs.stream);
  run_for(100);
  EXPECT_EQ(rd(STREAM_FIFO), 0x0b0a0908u);
  EXPECT_EQ(rd(STREAM_FIFO), 0x0f0e0d0cu);
  run_for(100);
  EXPECT_EQ(rd(STREAM_CTR), 0u);
  EXPECT_EQ(rd(STAT) & kFifoEmpty, kFifoEmpty);
}

TEST_F(XipCtrlFixture, WritingZeroHaltsTheStream) {
  wr(STREAM_ADDR, 0x10001000);
  wr(STREAM_CTR, 100);
  run_for(8);
  wr(STREAM_CTR, 0);  // drops the word in flight
  run_for(1000);
  EXPECT_EQ(rd(STAT) & kFifoEmpty, kFifoEmpty);
  EXPECT_EQ(rd(STREAM_ADDR), 0x10001000u);
}

TEST_F(XipCtrlFixture, SlowerSerialClockStreamsSlower) {
  sckdv = 6;  // 48 cycles per word
  wr(STREAM_ADDR, 0x10001000);
  wr(STREAM_CTR, 1);
  run_for(47);
  EXPECT_FALSE(dreqs.stream);
  run_for(1);
  EXPECT_TRUE(dreqs.stream);
}
