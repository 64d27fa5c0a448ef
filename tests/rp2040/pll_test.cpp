#include "rp2040/pll.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fakes.h"

using namespace vpico;
using vpico::test::clr_bits;
using vpico::test::rd;
using vpico::test::set_bits;
using vpico::test::wr;

namespace {
constexpr uint32_t CS = 0x0, PWR = 0x4, FBDIV_INT = 0x8, PRIM = 0xc;
constexpr uint32_t kLock = 1u << 31, kPD = 1, kPostdivPD = 1u << 3, kVcoPD = 1u << 5;
}  // namespace

struct Pll : ::testing::Test {
  Scheduler sched;
  uint32_t xosc = 12'000'000, sys = 12'000'000;
  rp2040::Pll pll{0, sched, [this] { return xosc; }, [this] { return sys; }};
  int changes = 0;
  std::vector<std::string> warnings;

  void SetUp() override {
    pll.on_change = [this] { ++changes; };
    pll.on_warning = [this](const std::string& key, const std::string&) {
      warnings.push_back(key);
    };
  }
  // pico-sdk's pll_init order: dividers, VCO power, wait for LOCK, post dividers, their power.
  void start(rp2040::Pll& p, uint32_t refdiv, uint32_t fbdiv, uint32_t pd1, uint32_t pd2) {
    wr(p, CS, refdiv);
    wr(p, FBDIV_INT, fbdiv);
    clr_bits(p, PWR, kPD | kVcoPD);
    sched.run_until(sched.now() + 1000);
    wr(p, PRIM, (pd1 << 16) | (pd2 << 12));
    clr_bits(p, PWR, kPostdivPD);
  }
};

TEST_F(Pll, ResetIsPoweredDownAndUnlocked) {
  EXPECT_EQ(rd(pll, CS), 0x1u);
  EXPECT_EQ(rd(pll, PWR), 0x2du);
  EXPECT_EQ(rd(pll, FBDIV_INT), 0u);
  EXPECT_EQ(rd(pll, PRIM), 0x77000u);
  EXPECT_EQ(pll.hz(), 0u);
  EXPECT_EQ(pll.name(), "PLL_SYS");
}

TEST_F(Pll, LocksAndGivesFrequency) {
  wr(pll, CS, 1);
  wr(pll, FBDIV_INT, 125);  // 1500 MHz VCO
  clr_bits(pll, PWR, kPD | kVcoPD);
  EXPECT_FALSE(rd(pll, CS) & kLock);
  // 120 reference periods at clk_sys = the reference: 120 cycles.
  sched.run_until(rp2040::Pll::kLockRefCycles - 1);
  EXPECT_FALSE(rd(pll, CS) & kLock);
  sched.run_until(rp2040::Pll::kLockRefCycles);
  EXPECT_TRUE(rd(pll, CS) & kLock);
  wr(pll, PRIM, (6u << 16) | (2u << 12));
  EXPECT_EQ(pll.hz(), 0u);  // post dividers still powered down
  clr_bits(pll, PWR, kPostdivPD);
  EXPECT_EQ(pll.vco_hz(), 1'500'000'000u);
  EXPECT_EQ(pll.hz(), 125'000'000u);
  EXPECT_GE(changes, 1);
  EXPECT_TRUE(warnings.empty());
}

TEST_F(Pll, UsbPllGives48MHz) {
  rp2040::Pll usb{1, sched, [this] { return xosc; }, [this] { return sys; }};
  EXPECT_EQ(usb.name(), "PLL_USB");
  EXPECT_EQ(usb.base(), 0x4002c000u);
  start(usb, 1, 100, 5, 5);
  EXPECT_TRUE(usb.locked());
  EXPECT_EQ(usb.hz(), 48'000'000u);
}

TEST_F(Pll, LockDelayScalesWithClkSys) {
  sys = 120'000'000;  // 10 clk_sys cycles per reference period
  wr(pll, FBDIV_INT, 100);
  clr_bits(pll, PWR, kPD | kVcoPD);
  sched.run_until(1199);
  EXPECT_FALSE(pll.locked());
  sched.run_until(1200);
  EXPECT_TRUE(pll.locked());
}

TEST_F(Pll, ChangingFbdivDropsLock) {
  start(pll, 1, 125, 6, 2);
  ASSERT_TRUE(pll.locked());
  wr(pll, FBDIV_INT, 100);
  EXPECT_FALSE(rd(pll, CS) & kLock);
  sched.run_until(sched.now() + rp2040::Pll::kLockRefCycles);
  EXPECT_TRUE(rd(pll, CS) & kLock);
  EXPECT_EQ(pll.hz(), 100'000'000u);
}

TEST_F(Pll, PowerDownGivesZeroAndDropsLock) {
  start(pll, 1, 125, 6, 2);
  const int before = changes;
  set_bits(pll, PWR, kPD);
  EXPECT_EQ(pll.hz(), 0u);
  EXPECT_FALSE(pll.locked());
  EXPECT_EQ(changes, before + 1);
}

TEST_F(Pll, BypassPassesTheReference) {
  set_bits(pll, CS, 1u << 8);
  EXPECT_EQ(pll.hz(), 12'000'000u);
}

TEST_F(Pll, NoReferenceNeverLocks) {
  xosc = 0;
  start(pll, 1, 125, 6, 2);
  sched.run_until(1'000'000);
  EXPECT_FALSE(pll.locked());
  EXPECT_EQ(pll.hz(), 0u);
}

TEST_F(Pll, VcoOutOfRangeIsLogged) {
  start(pll, 1, 50, 6, 2);  // 600 MHz VCO, below 750 MHz
  ASSERT_FALSE(warnings.empty());
  EXPECT_EQ(warnings[0], "PLL_SYS.vco600000000");
  EXPECT_EQ(pll.hz(), 50'000'000u);  // still given: the check only reports
}

TEST_F(Pll, FbdivOutOfRangeIsLoggedAndNeverLocks) {
  start(pll, 1, 400, 6, 2);
  EXPECT_FALSE(pll.locked());
  ASSERT_FALSE(warnings.empty());
  EXPECT_EQ(warnings[0], "PLL_SYS.fbdiv400");
}

TEST_F(Pll, ResetThroughResetsStopsTheOutput) {
  start(pll, 1, 125, 6, 2);
  pll.reset();
  EXPECT_EQ(pll.hz(), 0u);
  EXPECT_FALSE(pll.locked());
  sched.run_until(sched.now() + 10'000);
  EXPECT_FALSE(pll.locked());
}
