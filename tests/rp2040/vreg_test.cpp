#include "rp2040/vreg.h"

#include <gtest/gtest.h>

#include "fakes.h"

using namespace vpico;
using vpico::test::rd;
using vpico::test::wr;

namespace {
constexpr uint32_t VREG = 0x0, BOD = 0x4, CHIP_RESET = 0x8;
}

struct Vreg : ::testing::Test {
  rp2040::Vreg vreg;
};

TEST_F(Vreg, ResetValues) {
  EXPECT_EQ(rd(vreg, VREG), 0x10b1u);  // 0xb1 with ROK: enabled and in regulation
  EXPECT_EQ(rd(vreg, BOD), 0x91u);
  EXPECT_EQ(rd(vreg, CHIP_RESET), 0x100u);  // HAD_POR after power-on
  EXPECT_DOUBLE_EQ(vreg.voltage(), 1.10);
}

TEST_F(Vreg, VselSetsTheVoltage) {
  int changes = 0;
  vreg.on_change = [&] { ++changes; };
  wr(vreg, VREG, (0xfu << 4) | 1);
  EXPECT_DOUBLE_EQ(vreg.voltage(), 1.30);
  wr(vreg, VREG, (0x3u << 4) | 1);
  EXPECT_DOUBLE_EQ(vreg.voltage(), 0.80);
  EXPECT_EQ(changes, 2);
}

TEST_F(Vreg, HighImpedanceDropsRok) {
  wr(vreg, VREG, 0xb3);
  EXPECT_EQ(rd(vreg, VREG), 0xb3u);
  wr(vreg, VREG, 0x10b1);  // ROK is read-only
  EXPECT_EQ(rd(vreg, VREG), 0x10b1u);
}

TEST_F(Vreg, ResetCauseShowsInChipReset) {
  vreg.set_reset_cause(rp2040::Vreg::ResetCause::RunPin);
  vreg.reset();
  EXPECT_EQ(rd(vreg, CHIP_RESET), 1u << 16);
  vreg.set_reset_cause(rp2040::Vreg::ResetCause::DebugPort);
  vreg.reset();
  EXPECT_EQ(rd(vreg, CHIP_RESET), 1u << 20);
  wr(vreg, CHIP_RESET, 0);  // read-only flags
  EXPECT_EQ(rd(vreg, CHIP_RESET), 1u << 20);
}
