#include "rp2040/timer.h"

#include <gtest/gtest.h>

#include "fakes.h"
#include "rp2040/address_map.h"

using namespace vpico;
using vpico::test::clr_bits;
using vpico::test::IrqRecorder;
using vpico::test::rd;
using vpico::test::set_bits;
using vpico::test::wr;

namespace {
constexpr uint32_t TIMEHW = 0x00, TIMELW = 0x04, TIMEHR = 0x08, TIMELR = 0x0c, ALARM0 = 0x10,
                   ALARM1 = 0x14, ARMED = 0x20, TIMERAWH = 0x24, TIMERAWL = 0x28, DBGPAUSE = 0x2c,
                   PAUSE = 0x30, INTR = 0x34, INTE = 0x38, INTF = 0x3c, INTS = 0x40;
constexpr uint32_t WD_TICK = 0x2c;
}  // namespace

// clk_ref = clk_sys = 12 MHz and the watchdog tick at 1 us: 12 scheduler cycles per microsecond.
struct Timer : ::testing::Test {
  Scheduler sched;
  uint32_t ref = 12'000'000, sys = 12'000'000;
  IrqRecorder irqs;
  rp2040::Watchdog wd{sched, [this] { return ref; }, [this] { return sys; }};
  rp2040::Timer timer{sched, irqs, wd};

  void SetUp() override {
    wd.on_tick_change = [this] { timer.tick_changed(); };
    wr(wd, WD_TICK, (1u << 9) | 12);
  }
  uint32_t raw_low() { return rd(timer, TIMERAWL); }
};

TEST_F(Timer, ResetValues) {
  EXPECT_EQ(rd(timer, TIMERAWH), 0u);
  EXPECT_EQ(rd(timer, TIMERAWL), 0u);
  EXPECT_EQ(rd(timer, DBGPAUSE), 0x6u);  // reset 0x7 over bits 2:1
  EXPECT_EQ(rd(timer, PAUSE), 0u);
  EXPECT_EQ(rd(timer, ARMED), 0u);
  EXPECT_EQ(rd(timer, TIMEHW), 0u);  // write-only
}

TEST_F(Timer, CounterAdvancesOnTheWatchdogTick) {
  sched.run_until(1199);
  EXPECT_EQ(raw_low(), 99u);
  sched.run_until(1200);
  EXPECT_EQ(raw_low(), 100u);
}

TEST_F(Timer, CounterStandsStillWithoutTheTick) {
  wr(wd, WD_TICK, 0);
  sched.run_until(100'000);
  EXPECT_EQ(raw_low(), 0u);
}

TEST_F(Timer, WritingTimelwThenTimehwSetsTheTime) {
  wr(timer, TIMELW, 1234);
  EXPECT_EQ(raw_low(), 0u);  // held until TIMEHW is written
  wr(timer, TIMEHW, 7);
  EXPECT_EQ(raw_low(), 1234u);
  EXPECT_EQ(rd(timer, TIMERAWH), 7u);
  sched.run_until(120);
  EXPECT_EQ(timer.time_us(), (uint64_t(7) << 32) + 1244);
}

TEST_F(Timer, ReadingTimelrLatchesTimehr) {
  wr(timer, TIMELW, 0xfffffff0u);
  wr(timer, TIMEHW, 5);
  EXPECT_EQ(rd(timer, TIMELR), 0xfffffff0u);
  sched.run_until(12 * 20);  // the low word wraps, the high word moves on to 6
  EXPECT_EQ(rd(timer, TIMERAWH), 6u);
  EXPECT_EQ(rd(timer, TIMEHR), 5u);  // the value latched with TIMELR
  EXPECT_EQ(rd(timer, TIMEHR), 6u);  // the latch is released by reading TIMEHR
}

TEST_F(Timer, RawReadsDoNotLatch) {
  wr(timer, TIMELW, 0xfffffff0u);
  wr(timer, TIMEHW, 5);
  EXPECT_EQ(rd(timer, TIMERAWL), 0xfffffff0u);
  sched.run_until(12 * 20);
  EXPECT_EQ(rd(timer, TIMEHR), 6u);
}

TEST_F(Timer, AlarmFiresAtTheMatchingMicrosecond) {
  wr(timer, ALARM0, 10);
  EXPECT_EQ(rd(timer, ARMED), 1u);
  sched.run_until(119);
  EXPECT_EQ(rd(timer, INTR), 0u);
  EXPECT_EQ(rd(timer, ARMED), 1u);
  sched.run_until(120);
  EXPECT_EQ(rd(timer, INTR), 1u);
  EXPECT_EQ(rd(timer, ARMED), 0u);  // disarms itself
  EXPECT_EQ(raw_low(), 10u);
}

TEST_F(Timer, AlarmIrqNeedsInte) {
  wr(timer, ALARM1, 10);
  sched.run_until(120);
  EXPECT_EQ(rd(timer, INTR), 2u);
  EXPECT_FALSE(irqs.high(rp2040::kTimerIrq1));
  EXPECT_EQ(rd(timer, INTS), 0u);
  wr(timer, INTE, 2);
  EXPECT_TRUE(irqs.high(rp2040::kTimerIrq1));
  EXPECT_EQ(rd(timer, INTS), 2u);
  wr(timer, INTR, 2);  // write 1 to clear
  EXPECT_FALSE(irqs.high(rp2040::kTimerIrq1));
  EXPECT_EQ(rd(timer, INTR), 0u);
}

TEST_F(Timer, EnabledAlarmRaisesItsOwnLine) {
  wr(timer, INTE, 0xf);
  wr(timer, 0x18, 5);  // ALARM2
  sched.run_until(60);
  EXPECT_EQ(irqs.levels, 1u << rp2040::kTimerIrq2);
}

TEST_F(Timer, IntfForcesTheIrq) {
  wr(timer, INTF, 4);
  EXPECT_TRUE(irqs.high(rp2040::kTimerIrq2));
  EXPECT_EQ(rd(timer, INTS), 4u);
  EXPECT_EQ(rd(timer, INTR), 0u);
  wr(timer, INTF, 0);
  EXPECT_FALSE(irqs.high(rp2040::kTimerIrq2));
}

TEST_F(Timer, WritingArmedDisarms) {
  wr(timer, ALARM1, 10);
  wr(timer, ARMED, 2);
  EXPECT_EQ(rd(timer, ARMED), 0u);
  sched.run_until(12 * 1000);
  EXPECT_EQ(rd(timer, INTR), 0u);
}

TEST_F(Timer, AlarmComparesTheLow32BitsOnly) {
  wr(timer, TIMELW, 100);
  wr(timer, TIMEHW, 1);
  wr(timer, ALARM0, 50);  // already passed in the low word: matches after it wraps
  const uint64_t wait_us = (uint64_t(1) << 32) - 50;
  EXPECT_EQ(sched.next_event(), 12 * wait_us);
  sched.run_until(12 * wait_us);
  EXPECT_EQ(rd(timer, INTR), 1u);
  EXPECT_EQ(timer.time_us(), (uint64_t(2) << 32) + 50);
}

TEST_F(Timer, AlarmAtTheCurrentTimeFiresAtOnce) {
  sched.run_until(60);
  wr(timer, INTE, 1);
  wr(timer, ALARM0, 5);  // the compare matches now
  EXPECT_EQ(rd(timer, INTR), 1u);
  EXPECT_EQ(rd(timer, ARMED), 0u);
  EXPECT_TRUE(irqs.high(rp2040::kTimerIrq0));
}

TEST_F(Timer, CounterFollowsTickRateChange) {
  wr(timer, ALARM0, 30);
  sched.run_until(120);  // 10 us at 12 cycles/us
  sys = 24'000'000;      // clk_sys doubles: 24 cycles/us from here
  wd.clocks_changed();
  sched.run_until(120 + 240);
  EXPECT_EQ(raw_low(), 20u);
  EXPECT_EQ(rd(timer, INTR), 0u);
  sched.run_until(120 + 480 - 1);
  EXPECT_EQ(rd(timer, INTR), 0u);
  sched.run_until(120 + 480);  // the alarm moved with the rate
  EXPECT_EQ(rd(timer, INTR), 1u);
}

TEST_F(Timer, TickCyclesChangeMovesTheAlarm) {
  wr(timer, ALARM0, 20);
  sched.run_until(120);
  wr(wd, WD_TICK, (1u << 9) | 24);  // a 2 us tick: 10 more ticks take 240 cycles
  sched.run_until(120 + 239);
  EXPECT_EQ(rd(timer, INTR), 0u);
  sched.run_until(120 + 240);
  EXPECT_EQ(rd(timer, INTR), 1u);
}

TEST_F(Timer, PauseStopsTheCounter) {
  wr(timer, ALARM0, 15);
  sched.run_until(120);
  wr(timer, PAUSE, 1);
  sched.run_until(12'000);
  EXPECT_EQ(raw_low(), 10u);
  EXPECT_EQ(rd(timer, INTR), 0u);
  wr(timer, PAUSE, 0);
  sched.run_until(12'000 + 59);
  EXPECT_EQ(rd(timer, INTR), 0u);
  sched.run_until(12'000 + 60);
  EXPECT_EQ(rd(timer, INTR), 1u);
  EXPECT_EQ(raw_low(), 15u);
}

TEST_F(Timer, DebugHaltPausesWhenDbgpauseSet) {
  sched.run_until(120);
  timer.set_debug_halted(1, true);  // DBGPAUSE.DBG1 is set from reset
  sched.run_until(1200);
  EXPECT_EQ(raw_low(), 10u);
  clr_bits(timer, DBGPAUSE, 1u << 2);  // no pause for core 1: counting resumes
  sched.run_until(1200 + 120);
  EXPECT_EQ(raw_low(), 20u);
  timer.set_debug_halted(1, false);
  set_bits(timer, DBGPAUSE, 1u << 2);
  sched.run_until(1200 + 240);
  EXPECT_EQ(raw_low(), 30u);
}

TEST_F(Timer, ResetClearsTimeAndLowersIrqs) {
  wr(timer, INTE, 1);
  wr(timer, ALARM0, 2);
  wr(timer, ALARM1, 1000);
  sched.run_until(24);
  EXPECT_TRUE(irqs.high(rp2040::kTimerIrq0));
  timer.reset();
  EXPECT_EQ(irqs.levels, 0u);
  EXPECT_EQ(timer.time_us(), 0u);
  EXPECT_EQ(rd(timer, ARMED), 0u);
  sched.run_until(12 * 2000);
  EXPECT_EQ(rd(timer, INTR), 0u);  // the alarm armed before the reset is gone
  EXPECT_EQ(raw_low(), 2000u - 2);
}

TEST_F(Timer, MachineResetInBusOrderRestartsFromZero) {
  // Machine::reset() clears the scheduler, then resets the blocks by address: TIMER first.
  sched.run_until(1200);
  EXPECT_EQ(raw_low(), 100u);
  sched.clear();
  timer.reset();
  wd.reset();
  wr(wd, WD_TICK, (1u << 9) | 12);
  EXPECT_EQ(raw_low(), 0u);
  sched.run_until(120);
  EXPECT_EQ(raw_low(), 10u);
}

TEST_F(Timer, MachineResetWatchdogFirstRestartsFromZero) {
  sched.run_until(1200);
  EXPECT_EQ(raw_low(), 100u);
  sched.clear();
  wd.reset();
  timer.reset();
  wr(wd, WD_TICK, (1u << 9) | 12);
  sched.run_until(120);
  EXPECT_EQ(raw_low(), 10u);
}
