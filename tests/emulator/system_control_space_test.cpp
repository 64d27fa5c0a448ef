#include "system_control_space.h"

#include <gtest/gtest.h>

using namespace vpico;

namespace {
constexpr uint32_t CSR = 0x010, RVR = 0x014, CVR = 0x018, ISER = 0x100, ICER = 0x180, ISPR = 0x200,
                   ICPR = 0x280, IPR0 = 0x400, ICSR = 0xd04, SHPR3 = 0xd20;

struct ScsFixture : ::testing::Test {
  Scheduler sched;
  Diagnostics diag;
  SystemControlSpace scs{0, sched, diag};
  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(scs.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(scs.write(off, v, 0xffffffff)); }
};
}  // namespace

TEST_F(ScsFixture, CpuidIsCortexM0Plus) {
  EXPECT_EQ(rd(0xd00), 0x410cc601u);
}

TEST_F(ScsFixture, PendingIrqNeedsEnableToBeTaken) {
  wr(ISPR, 1u << 5);
  EXPECT_EQ(rd(ISPR), 1u << 5);
  EXPECT_EQ(scs.exception_to_take(false), 0u);
  wr(ISER, 1u << 5);
  EXPECT_EQ(scs.exception_to_take(false), kIrq0 + 5);
  wr(ICER, 1u << 5);
  EXPECT_EQ(scs.exception_to_take(false), 0u);
}

TEST_F(ScsFixture, PrimaskBlocksConfigurablePriorities) {
  wr(ISER, 1);
  wr(ISPR, 1);
  EXPECT_EQ(scs.exception_to_take(true), 0u);
  EXPECT_EQ(scs.exception_to_take(false), kIrq0);
}

TEST_F(ScsFixture, HigherPriorityPreemptsActiveLowerPriority) {
  wr(IPR0, (3u << 6) | (1u << 14));  // IRQ0 priority 3, IRQ1 priority 1
  wr(ISER, 3);
  wr(ISPR, 1);
  ASSERT_EQ(scs.exception_to_take(false), kIrq0);
  scs.activate(kIrq0);
  wr(ISPR, 2);
  EXPECT_EQ(scs.exception_to_take(false), kIrq0 + 1);
  scs.activate(kIrq0 + 1);
  wr(ISPR, 1);  // same priority as the active IRQ0's: must wait
  EXPECT_EQ(scs.exception_to_take(false), 0u);
  scs.deactivate(kIrq0 + 1);
  EXPECT_EQ(scs.exception_to_take(false), 0u);  // IRQ0 still active at priority 3
  scs.deactivate(kIrq0);
  EXPECT_EQ(scs.exception_to_take(false), kIrq0);
}

TEST_F(ScsFixture, EqualPriorityTakesLowerNumberFirst) {
  wr(ISER, 0xff);
  wr(ISPR, (1u << 7) | (1u << 3));
  EXPECT_EQ(scs.highest_pending(), kIrq0 + 3);
}

TEST_F(ScsFixture, LevelIrqPendsAgainWhileAsserted) {
  wr(ISER, 1u << 20);
  scs.set_irq_line(20, true);
  ASSERT_EQ(scs.exception_to_take(false), kIrq0 + 20);
  scs.activate(kIrq0 + 20);
  EXPECT_EQ(rd(ISPR), 0u);
  scs.deactivate(kIrq0 + 20);  // handler returned without clearing the source
  EXPECT_EQ(rd(ISPR), 1u << 20);
  scs.set_irq_line(20, false);
  wr(ICPR, 1u << 20);
  EXPECT_EQ(rd(ISPR), 0u);
}

TEST_F(ScsFixture, IcsrSetsAndClearsPendSvAndSysTick) {
  wr(ICSR, 1u << 28);
  EXPECT_TRUE(rd(ICSR) & (1u << 28));
  EXPECT_EQ(scs.highest_pending(), kPendsv);
  wr(ICSR, 1u << 27);
  EXPECT_FALSE(rd(ICSR) & (1u << 28));
  wr(ICSR, 1u << 26);
  EXPECT_EQ(scs.highest_pending(), kSystick);
  EXPECT_EQ((rd(ICSR) >> 12) & 0x1ff, kSystick);
}

TEST_F(ScsFixture, SystemHandlerPrioritiesComeFromShpr) {
  wr(SHPR3, (2u << 22) | (1u << 30));  // PendSV 2, SysTick 1
  EXPECT_EQ(scs.priority_of(kPendsv), 2);
  EXPECT_EQ(scs.priority_of(kSystick), 1);
  EXPECT_EQ(scs.priority_of(kHardFault), -1);
  EXPECT_EQ(scs.priority_of(kNmi), -2);
}

TEST_F(ScsFixture, SysTickCountsDownAndWrapsToReload) {
  wr(RVR, 99);
  wr(CVR, 0);
  wr(CSR, 0x5);  // ENABLE | CLKSOURCE
  sched.run_until(1);
  EXPECT_EQ(rd(CVR), 99u);  // the first clock loads RELOAD
  sched.run_until(50);
  EXPECT_EQ(rd(CVR), 50u);
  sched.run_until(100);
  EXPECT_EQ(rd(CVR), 0u);
  EXPECT_TRUE(rd(CSR) & (1u << 16));
  EXPECT_FALSE(rd(CSR) & (1u << 16));  // COUNTFLAG clears on read
  sched.run_until(101);
  EXPECT_EQ(rd(CVR), 99u);
}

TEST_F(ScsFixture, SysTickExceptionOnlyWithTickint) {
  wr(RVR, 9);
  wr(CVR, 0);
  wr(CSR, 0x5);
  sched.run_until(100);
  EXPECT_EQ(scs.highest_pending(), 0u);
  wr(CSR, 0x7);
  sched.run_until(200);
  EXPECT_EQ(scs.highest_pending(), kSystick);
}

TEST_F(ScsFixture, SysTickPeriodIsReloadPlusOne) {
  int wraps = 0;
  wr(RVR, 999);
  wr(CVR, 0);
  wr(CSR, 0x5);
  for (uint64_t t = 1; t <= 10'000; ++t) {
    sched.run_until(t);
    if (rd(CSR) & (1u << 16)) ++wraps;
  }
  EXPECT_EQ(wraps, 10);
}
