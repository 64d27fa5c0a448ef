#include "rp2040/watchdog.h"

#include <gtest/gtest.h>

#include "fakes.h"

using namespace vpico;
using vpico::test::clr_bits;
using vpico::test::rd;
using vpico::test::set_bits;
using vpico::test::wr;

namespace {
constexpr uint32_t CTRL = 0x00, LOAD = 0x04, REASON = 0x08, SCRATCH0 = 0x0c, TICK = 0x2c;
constexpr uint32_t kEnable = 1u << 30, kTrigger = 1u << 31, kTickEnable = 1u << 9,
                   kRunning = 1u << 10;
}  // namespace

struct Watchdog : ::testing::Test {
  Scheduler sched;
  uint32_t ref = 12'000'000, sys = 12'000'000;
  rp2040::Watchdog wd{sched, [this] { return ref; }, [this] { return sys; }};
  int reboots = 0;
  bool last_timer = false;

  void SetUp() override {
    wd.request_reboot = [this](bool timer) {
      ++reboots;
      last_timer = timer;
    };
  }
  // What pico-sdk's clocks_init does: a 1 us tick from a 12 MHz clk_ref.
  void start_tick() { wr(wd, TICK, kTickEnable | 12); }
  uint32_t time() { return rd(wd, CTRL) & 0xffffff; }
};

TEST_F(Watchdog, ResetValues) {
  EXPECT_EQ(rd(wd, CTRL), 0x07000000u);
  EXPECT_EQ(rd(wd, REASON), 0u);
  EXPECT_EQ(rd(wd, TICK), kTickEnable);  // ENABLE, CYCLES 0: no tick yet
  EXPECT_EQ(rd(wd, LOAD), 0u);           // write-only
}

TEST_F(Watchdog, NoTickWhileCyclesIsZero) {
  sched.run_until(10'000);
  EXPECT_EQ(wd.ticks(), 0u);
  EXPECT_FALSE(wd.tick_running());
}

TEST_F(Watchdog, TickDividesClkRef) {
  start_tick();
  EXPECT_TRUE(rd(wd, TICK) & kRunning);
  EXPECT_DOUBLE_EQ(wd.tick_hz(), 1e6);
  sched.run_until(119);
  EXPECT_EQ(wd.ticks(), 9u);
  sched.run_until(120);
  EXPECT_EQ(wd.ticks(), 10u);
}

TEST_F(Watchdog, TickIsCountedInClkSysCycles) {
  sys = 125'000'000;  // 125 clk_sys cycles per microsecond
  wd.clocks_changed();
  start_tick();
  sched.run_until(125 * 1000 - 1);
  EXPECT_EQ(wd.ticks(), 999u);
  sched.run_until(125 * 1000);
  EXPECT_EQ(wd.ticks(), 1000u);
}

TEST_F(Watchdog, TickCountShowsClkRefCyclesToTheNextTick) {
  start_tick();
  sched.run_until(5);
  EXPECT_EQ((rd(wd, TICK) >> 11) & 0x1ff, 7u);
  sched.run_until(12);
  EXPECT_EQ((rd(wd, TICK) >> 11) & 0x1ff, 12u);
}

TEST_F(Watchdog, ClockChangeKeepsTheTicksCounted) {
  start_tick();
  sched.run_until(60);  // 5 ticks at 12 cycles each
  sys = 24'000'000;     // clk_sys doubles: a tick now takes 24 cycles
  wd.clocks_changed();
  sched.run_until(60 + 240);
  EXPECT_EQ(wd.ticks(), 15u);
}

TEST_F(Watchdog, ClkRefChangeChangesTheTickRate) {
  start_tick();
  sched.run_until(120);  // 10 ticks
  ref = 6'000'000;       // CYCLES still 12: a tick every 2 us
  wd.clocks_changed();
  sched.run_until(120 + 240);
  EXPECT_EQ(wd.ticks(), 20u);
}

TEST_F(Watchdog, TickDisableStopsTheTick) {
  start_tick();
  sched.run_until(120);
  wr(wd, TICK, 12);
  EXPECT_FALSE(rd(wd, TICK) & kRunning);
  sched.run_until(1200);
  EXPECT_EQ(wd.ticks(), 10u);
}

TEST_F(Watchdog, CounterDecrementsTwicePerTick) {
  // RP2040-E1: LOAD = 1000 lasts 500 ticks.
  start_tick();
  wr(wd, LOAD, 1000);
  set_bits(wd, CTRL, kEnable);
  sched.run_until(12 * 100);
  EXPECT_EQ(time(), 800u);
}

TEST_F(Watchdog, ExpiryRequestsReboot) {
  start_tick();
  wr(wd, LOAD, 20);  // 10 ticks
  set_bits(wd, CTRL, kEnable);
  sched.run_until(119);
  EXPECT_EQ(reboots, 0);
  EXPECT_EQ(time(), 2u);
  sched.run_until(120);
  EXPECT_EQ(reboots, 1);
  EXPECT_TRUE(last_timer);
  EXPECT_EQ(rd(wd, REASON), 1u);          // TIMER
  EXPECT_EQ(rd(wd, CTRL) & kEnable, 0u);  // our choice: firing disarms
  sched.run_until(100'000);
  EXPECT_EQ(reboots, 1);
}

TEST_F(Watchdog, LoadFeedsTheWatchdog) {
  start_tick();
  wr(wd, LOAD, 20);
  set_bits(wd, CTRL, kEnable);
  sched.run_until(100);  // tick 8, 4 clk_ref cycles into the 9th
  wr(wd, LOAD, 20);      // 10 more ticks: tick 18 at cycle 216
  sched.run_until(215);
  EXPECT_EQ(reboots, 0);
  sched.run_until(216);
  EXPECT_EQ(reboots, 1);
}

TEST_F(Watchdog, DisabledCounterHolds) {
  start_tick();
  wr(wd, LOAD, 100);
  set_bits(wd, CTRL, kEnable);
  sched.run_until(120);
  EXPECT_EQ(time(), 80u);
  clr_bits(wd, CTRL, kEnable);
  sched.run_until(12'000);
  EXPECT_EQ(time(), 80u);
  EXPECT_EQ(reboots, 0);
}

TEST_F(Watchdog, NoTickNoExpiry) {
  wr(wd, LOAD, 2);
  set_bits(wd, CTRL, kEnable);
  sched.run_until(1'000'000);
  EXPECT_EQ(reboots, 0);
  start_tick();  // the tick starts: the counter runs out one tick later
  sched.run_until(1'000'000 + 12);
  EXPECT_EQ(reboots, 1);
}

TEST_F(Watchdog, TriggerForcesReboot) {
  set_bits(wd, CTRL, kTrigger);  // needs no ENABLE
  EXPECT_EQ(rd(wd, CTRL) & kTrigger, 0u);
  EXPECT_EQ(reboots, 0);  // never from inside the bus access
  sched.run_until(sched.now());
  EXPECT_EQ(reboots, 1);
  EXPECT_FALSE(last_timer);
  EXPECT_EQ(rd(wd, REASON), 2u);  // FORCE
}

TEST_F(Watchdog, DebugHaltPausesTheCounter) {
  start_tick();
  wr(wd, LOAD, 100);
  set_bits(wd, CTRL, kEnable);  // PAUSE_DBG0/1 are set from reset
  sched.run_until(120);
  wd.set_debug_halted(0, true);
  sched.run_until(1200);
  EXPECT_EQ(time(), 80u);
  wd.set_debug_halted(0, false);
  sched.run_until(1200 + 120);
  EXPECT_EQ(time(), 60u);
}

TEST_F(Watchdog, ScratchAndReasonSurviveReboot) {
  start_tick();
  for (unsigned i = 0; i < 8; ++i)
    wr(wd, SCRATCH0 + 4 * i, 0xb007c0d3 + i);
  set_bits(wd, CTRL, kTrigger);
  sched.run_until(sched.now() + 1);
  // The machine clears its scheduler and resets the chip; the watchdog only re-anchors.
  sched.clear();
  wd.reboot();
  for (unsigned i = 0; i < 8; ++i)
    EXPECT_EQ(rd(wd, SCRATCH0 + 4 * i), 0xb007c0d3 + i);
  EXPECT_EQ(rd(wd, REASON), 2u);
}

TEST_F(Watchdog, TickCountNeverGoesBackAcrossSchedulerClear) {
  start_tick();
  sched.run_until(1200);
  EXPECT_EQ(wd.ticks(), 100u);  // a consumer (TIMER) saw 100
  sched.clear();                // time goes back to 0
  wd.reboot();
  EXPECT_EQ(wd.ticks(), 100u);
  sched.run_until(120);
  EXPECT_EQ(wd.ticks(), 110u);
}

TEST_F(Watchdog, PowerOnResetClearsScratchAndReason) {
  wr(wd, SCRATCH0, 1234);
  set_bits(wd, CTRL, kTrigger);
  sched.run_until(sched.now() + 1);
  wd.reset();
  EXPECT_EQ(rd(wd, SCRATCH0), 0u);
  EXPECT_EQ(rd(wd, REASON), 0u);
  EXPECT_EQ(rd(wd, TICK), kTickEnable);
}
