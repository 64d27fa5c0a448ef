#include "rp2040/rosc.h"

#include <gtest/gtest.h>

#include "fakes.h"

using namespace vpico;
using vpico::test::rd;
using vpico::test::wr;

namespace {
constexpr uint32_t CTRL = 0x00, FREQA = 0x04, DORMANT = 0x0c, DIV = 0x10, PHASE = 0x14,
                   STATUS = 0x18, RANDOMBIT = 0x1c, COUNT = 0x20;
constexpr uint32_t kStable = 1u << 31, kBadwrite = 1u << 24, kDivRunning = 1u << 16,
                   kEnabled = 1u << 12;

uint64_t random_bits(rp2040::Rosc& rosc, unsigned n) {
  uint64_t bits = 0;
  for (unsigned i = 0; i < n; ++i)
    bits = (bits << 1) | rd(rosc, RANDOMBIT);
  return bits;
}
}  // namespace

struct Rosc : ::testing::Test {
  Scheduler sched;
  uint32_t sys = 13'000'000;
  rp2040::Rosc rosc{sched, [this] { return sys; }};
  int changes = 0;
  void SetUp() override {
    rosc.on_change = [this] { ++changes; };
  }
};

TEST_F(Rosc, ResetGivesTheNominalFrequency) {
  EXPECT_EQ(rosc.hz(), 6'500'000u);
  EXPECT_EQ(rd(rosc, CTRL), 0xaa0u);
  EXPECT_EQ(rd(rosc, DIV), 0xab0u);  // divide by 16
  EXPECT_EQ(rd(rosc, DORMANT), 0x77616b65u);
  EXPECT_EQ(rd(rosc, PHASE), 0x8u);
  EXPECT_EQ(rd(rosc, STATUS), kStable | kDivRunning | kEnabled);
}

TEST_F(Rosc, RandomBitIsDeterministic) {
  rp2040::Rosc other{sched, [this] { return sys; }};
  const uint64_t a = random_bits(rosc, 64);
  EXPECT_EQ(a, random_bits(other, 64));
  EXPECT_NE(a, 0u);
  EXPECT_NE(a, ~uint64_t(0));
  rosc.reset();  // the sequence restarts from the seed
  EXPECT_EQ(random_bits(rosc, 64), a);
  rp2040::Rosc seeded{sched, [this] { return sys; }, 12345};
  EXPECT_NE(random_bits(seeded, 64), a);
}

TEST_F(Rosc, PeekingRandomBitDoesNotStepIt) {
  rp2040::Rosc other{sched, [this] { return sys; }};
  uint32_t v = 0;
  for (int i = 0; i < 10; ++i)
    rosc.peek(RANDOMBIT, v);
  EXPECT_EQ(random_bits(rosc, 32), random_bits(other, 32));
}

TEST_F(Rosc, DivSetsTheOutputDivider) {
  wr(rosc, DIV, 0xaa0 + 8);
  EXPECT_EQ(rosc.hz(), 13'000'000u);
  EXPECT_EQ(changes, 1);
  wr(rosc, DIV, 0xaa0);  // 0 divides by 32
  EXPECT_EQ(rosc.hz(), 3'250'000u);
  EXPECT_EQ(rd(rosc, STATUS) & kBadwrite, 0u);
}

TEST_F(Rosc, FreqRangeShortensTheRing) {
  wr(rosc, CTRL, (0xfabu << 12) | 0xfa7);  // HIGH: 4 stages of 8
  EXPECT_EQ(rosc.hz(), 13'000'000u);
  wr(rosc, CTRL, (0xfabu << 12) | 0xfa5);  // MEDIUM: 6 stages
  EXPECT_EQ(rosc.hz(), 8'666'666u);
  EXPECT_EQ(rd(rosc, STATUS) & kBadwrite, 0u);
}

TEST_F(Rosc, DisableStopsTheOutput) {
  wr(rosc, CTRL, (0xd1eu << 12) | 0xfa4);
  EXPECT_FALSE(rosc.enabled());
  EXPECT_EQ(rosc.hz(), 0u);
  EXPECT_EQ(rd(rosc, STATUS), 0u);
  EXPECT_EQ(changes, 1);
  wr(rosc, CTRL, (0xfabu << 12) | 0xfa4);
  EXPECT_EQ(rosc.hz(), 6'500'000u);
}

TEST_F(Rosc, InvalidWritesSetBadwrite) {
  wr(rosc, DIV, 0x123);
  EXPECT_TRUE(rd(rosc, STATUS) & kBadwrite);
  EXPECT_EQ(rosc.hz(), 6'500'000u * 16 / 31);  // any other value divides by 31
  wr(rosc, STATUS, kBadwrite);                 // write 1 to clear
  EXPECT_EQ(rd(rosc, STATUS) & kBadwrite, 0u);
  wr(rosc, CTRL, (0x123u << 12) | 0xfa4);  // not a magic value: enabled, flagged
  EXPECT_TRUE(rosc.enabled());
  EXPECT_TRUE(rd(rosc, STATUS) & kBadwrite);
}

TEST_F(Rosc, FreqPasswordGuardsDriveStrengths) {
  wr(rosc, FREQA, (0x9696u << 16) | 0x7777);
  EXPECT_EQ(rd(rosc, FREQA), (0x9696u << 16) | 0x7777);
  wr(rosc, FREQA, (0x1234u << 16) | 0x7777);
  EXPECT_EQ(rd(rosc, FREQA) & 0xffff, 0u);
  EXPECT_TRUE(rd(rosc, STATUS) & kBadwrite);
}

TEST_F(Rosc, CountCountsDownAtTheRoscFrequency) {
  wr(rosc, COUNT, 100);  // clk_sys 13 MHz, ROSC 6.5 MHz: one count per 2 cycles
  sched.run_until(50);
  EXPECT_EQ(rd(rosc, COUNT), 75u);
  sched.run_until(1000);
  EXPECT_EQ(rd(rosc, COUNT), 0u);
}

TEST_F(Rosc, DormantIsReportedNotModelled) {
  std::string key;
  rosc.on_warning = [&](const std::string& k, const std::string&) { key = k; };
  wr(rosc, DORMANT, 0x636f6d61);
  EXPECT_EQ(key, "rosc.dormant");
  EXPECT_EQ(rosc.hz(), 6'500'000u);
}
