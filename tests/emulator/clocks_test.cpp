#include "rp2040/clocks.h"

#include <gtest/gtest.h>

using namespace vpico;
using vpico::rp2040::Clocks;

namespace {
constexpr uint32_t REF_KHZ = 0x80, MIN_KHZ = 0x84, MAX_KHZ = 0x88, INTERVAL = 0x90, SRC = 0x94,
                   STATUS = 0x98, RESULT = 0x9c, SYS_CTRL = 0x3c, REF_CTRL = 0x30;
constexpr uint32_t kRunning = 1u << 8, kDone = 1u << 4, kPass = 1u, kFast = 1u << 24,
                   kDied = 1u << 28;

struct ClocksFixture : ::testing::Test {
  Scheduler sched;
  Clocks clocks{Clocks::Sources{[] { return 6'500'000u; }, [] { return 12'000'000u; },
                                [] { return 125'000'000u; }, [] { return 48'000'000u; }}};
  void SetUp() override { clocks.set_scheduler(&sched); }
  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(clocks.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(clocks.write(off, v, 0xffffffff)); }
};
}  // namespace

TEST_F(ClocksFixture, GlitchlessMuxSelectsAndFrequenciesFollow) {
  EXPECT_EQ(clocks.sys_hz(), 6'500'000u);  // clk_sys = clk_ref = ROSC after reset
  wr(REF_CTRL, 2);                         // clk_ref from XOSC
  EXPECT_EQ(rd(0x38), 1u << 2);            // CLK_REF_SELECTED one-hot
  wr(SYS_CTRL, 1);                         // clk_sys from the aux mux: pll_sys
  EXPECT_EQ(clocks.sys_hz(), 125'000'000u);
  wr(0x40, 2u << 8);  // CLK_SYS_DIV INT = 2
  EXPECT_EQ(clocks.sys_hz(), 62'500'000u);
}

TEST_F(ClocksFixture, FrequencyCounterMeasuresTheSourceAfterItsInterval) {
  wr(REF_KHZ, 6500);
  wr(INTERVAL, 4);  // 16 us
  wr(SRC, 0x02);    // pll_usb
  EXPECT_EQ(rd(STATUS), kRunning);
  sched.run_until(sched.now() + 6'500'000 / 1'000'000 * 20);  // 20 us of clk_sys at 6.5 MHz
  EXPECT_EQ(rd(STATUS), kDone | kPass);
  EXPECT_EQ(rd(RESULT) >> 5, 48000u);
}

TEST_F(ClocksFixture, FrequencyCounterFlagsFastAndDeadClocks) {
  wr(REF_KHZ, 6500);
  wr(MAX_KHZ, 100000);
  wr(SRC, 0x01);  // pll_sys 125 MHz > 100 MHz
  sched.run_until(sched.now() + 10'000'000);
  EXPECT_TRUE(rd(STATUS) & kFast);
  EXPECT_FALSE(rd(STATUS) & kPass);
  wr(SRC, 0x06);  // GPIN0: nothing connected
  sched.run_until(sched.now() + 10'000'000);
  EXPECT_TRUE(rd(STATUS) & kDied);
  EXPECT_EQ(rd(RESULT), 0u);
}
