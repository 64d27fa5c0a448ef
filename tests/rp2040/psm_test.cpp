#include "rp2040/psm.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "fakes.h"

using namespace vpico;
using vpico::test::clr_bits;
using vpico::test::rd;
using vpico::test::set_bits;
using vpico::test::wr;

namespace {
constexpr uint32_t FRCE_ON = 0x0, FRCE_OFF = 0x4, WDSEL = 0x8, DONE = 0xc;

struct CountingDevice : Device {
  int resets = 0;
  CountingDevice() : Device("FAKE", 0x40100000) {}
  void reset() override { ++resets; }
};
}  // namespace

struct Psm : ::testing::Test {
  rp2040::Psm psm;
};

TEST_F(Psm, DoneShowsEveryBlockPowered) {
  EXPECT_EQ(rd(psm, DONE), 0x1ffffu);
  EXPECT_EQ(rd(psm, FRCE_ON), 0u);
  EXPECT_EQ(rd(psm, FRCE_OFF), 0u);
  EXPECT_EQ(rd(psm, WDSEL), 0u);
}

TEST_F(Psm, ForceOffResetsBoundDevices) {
  CountingDevice xosc;
  psm.bind(rp2040::kPsmXosc, xosc);
  set_bits(psm, FRCE_OFF, 1u << rp2040::kPsmXosc);
  EXPECT_EQ(xosc.resets, 1);
  EXPECT_EQ(rd(psm, DONE), 0x1ffffu & ~(1u << rp2040::kPsmXosc));
  clr_bits(psm, FRCE_OFF, 1u << rp2040::kPsmXosc);
  EXPECT_EQ(xosc.resets, 1);
  EXPECT_EQ(rd(psm, DONE), 0x1ffffu);
}

TEST_F(Psm, ForcingProc1OffIsReported) {
  // pico-sdk's multicore_reset_core1: set FRCE_OFF.PROC1, read it back, clear it.
  std::vector<std::pair<unsigned, bool>> events;
  psm.on_power_change = [&](unsigned block, bool off) { events.push_back({block, off}); };
  set_bits(psm, FRCE_OFF, 1u << rp2040::kPsmProc1);
  EXPECT_TRUE(rd(psm, FRCE_OFF) & (1u << 16));
  EXPECT_TRUE(psm.forced_off(rp2040::kPsmProc1));
  clr_bits(psm, FRCE_OFF, 1u << rp2040::kPsmProc1);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0], std::make_pair(16u, true));
  EXPECT_EQ(events[1], std::make_pair(16u, false));
}

TEST_F(Psm, WdselIsKeptForTheMachine) {
  // pico-sdk's watchdog_enable selects everything but the oscillators.
  wr(psm, WDSEL, 0x1ffff & ~0x3u);
  EXPECT_EQ(psm.wdsel(), 0x1fffcu);
  wr(psm, WDSEL, 0xffffffff);
  EXPECT_EQ(rd(psm, WDSEL), 0x1ffffu);
}
