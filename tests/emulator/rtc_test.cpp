#include "rp2040/rtc.h"

#include <gtest/gtest.h>

#include "rp2040/address_map.h"

using namespace vpico;
using vpico::rp2040::Rtc;

namespace {
struct IrqRecorder : IrqSink {
  uint32_t levels = 0;
  unsigned rises = 0;
  void set_irq_level(unsigned irq, bool level) override {
    if (level && !(levels & (1u << irq))) ++rises;
    levels = level ? levels | (1u << irq) : levels & ~(1u << irq);
  }
};

constexpr uint32_t CLKDIV_M1 = 0x00, SETUP_0 = 0x04, SETUP_1 = 0x08, CTRL = 0x0c,
                   IRQ_SETUP_0 = 0x10, IRQ_SETUP_1 = 0x14, RTC_1 = 0x18, RTC_0 = 0x1c, INTR = 0x20,
                   INTE = 0x24, INTF = 0x28, INTS = 0x2c;
constexpr uint32_t kEnable = 1, kActive = 2, kLoad = 0x10, kNotLeap = 0x100;
constexpr uint32_t kMatchEna = 1u << 28, kMatchActive = 1u << 29;
constexpr uint32_t kSecEna = 1u << 28, kMinEna = 1u << 29;

// clk_sys 12 MHz, clk_rtc 46875 Hz (12 MHz / 256, as the datasheet's example): one clk_rtc
// period is 256 cycles and, with CLKDIV_M1 = 46874, a second is 12,000,000 cycles.
constexpr uint64_t kSecond = 12'000'000;

struct RtcFixture : ::testing::Test {
  Scheduler sched;
  IrqRecorder irqs;
  uint32_t rtc_hz = 46875, sys_hz = 12'000'000;
  Rtc rtc{sched, irqs, [this] { return rtc_hz; }, [this] { return sys_hz; }};

  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(rtc.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(rtc.write(off, v, 0xffffffff)); }
  void run_for(uint64_t cycles) { sched.run_until(sched.now() + cycles); }
  // What pico-sdk's rtc_set_datetime does: disable, wait, setup, LOAD, enable, wait.
  void set(uint32_t year, uint32_t month, uint32_t day, uint32_t dotw, uint32_t hour, uint32_t min,
           uint32_t sec) {
    wr(CLKDIV_M1, 46874);
    wr(CTRL, 0);
    run_for(1000);
    wr(SETUP_0, (year << 12) | (month << 8) | day);
    wr(SETUP_1, (dotw << 24) | (hour << 16) | (min << 8) | sec);
    wr(CTRL, kLoad);
    wr(CTRL, kEnable);
    run_for(1000);
  }
  Rtc::DateTime time() {
    const uint32_t r0 = rd(RTC_0), r1 = rd(RTC_1);
    return Rtc::DateTime{(r1 >> 12) & 0xfff, (r1 >> 8) & 0xf,  r1 & 0x1f, (r0 >> 24) & 7,
                         (r0 >> 16) & 0x1f,  (r0 >> 8) & 0x3f, r0 & 0x3f};
  }
};

Rtc::DateTime dt(uint32_t y, uint32_t mo, uint32_t d, uint32_t w, uint32_t h, uint32_t mi,
                 uint32_t s) {
  return Rtc::DateTime{y, mo, d, w, h, mi, s};
}
}  // namespace

TEST_F(RtcFixture, ActiveFollowsEnableAfterTwoRtcClocks) {
  wr(CTRL, kEnable);
  EXPECT_EQ(rd(CTRL) & kActive, 0u);
  run_for(2 * 256 - 1);
  EXPECT_EQ(rd(CTRL) & kActive, 0u);
  run_for(1);
  EXPECT_EQ(rd(CTRL), kEnable | kActive);
  wr(CTRL, 0);
  EXPECT_EQ(rd(CTRL), kActive);
  run_for(2 * 256);
  EXPECT_EQ(rd(CTRL), 0u);
}

TEST_F(RtcFixture, NeverActiveWithoutClkRtc) {
  rtc_hz = 0;
  rtc.clocks_changed();
  wr(CTRL, kEnable);
  run_for(kSecond);
  EXPECT_EQ(rd(CTRL) & kActive, 0u);
  rtc_hz = 46875;
  rtc.clocks_changed();
  run_for(2 * 256);
  EXPECT_EQ(rd(CTRL) & kActive, kActive);
}

TEST_F(RtcFixture, LoadSetsTheTimeAndLoadReadsZero) {
  set(2020, 6, 5, 5, 15, 45, 0);
  EXPECT_EQ(time(), dt(2020, 6, 5, 5, 15, 45, 0));
  EXPECT_EQ(rd(CTRL) & kLoad, 0u);
}

TEST_F(RtcFixture, SecondsAdvanceEveryClkdivPlusOneRtcClocks) {
  set(2020, 6, 5, 5, 15, 45, 0);
  run_for(kSecond - 1000 - 1);  // the divider started when RTC_ACTIVE rose (512 cycles in)
  EXPECT_EQ(time().sec, 0u);
  run_for(1000);
  EXPECT_EQ(time().sec, 1u);
  run_for(59 * kSecond);
  EXPECT_EQ(time(), dt(2020, 6, 5, 5, 15, 46, 0));
}

TEST_F(RtcFixture, DisabledRtcHoldsItsTime) {
  set(2020, 6, 5, 5, 15, 45, 0);
  run_for(3 * kSecond);
  wr(CTRL, 0);
  run_for(10 * kSecond);
  EXPECT_EQ(time(), dt(2020, 6, 5, 5, 15, 45, 3));
}

TEST_F(RtcFixture, RollsIntoFeb29InALeapYear) {
  set(2024, 2, 28, 3, 23, 59, 59);
  run_for(kSecond);
  EXPECT_EQ(time(), dt(2024, 2, 29, 4, 0, 0, 0));
  run_for(86400 * kSecond);
  EXPECT_EQ(time(), dt(2024, 3, 1, 5, 0, 0, 0));
}

TEST_F(RtcFixture, ForceNotLeapYearSkipsFeb29) {
  set(2100, 2, 28, 0, 23, 59, 59);
  wr(CTRL, kEnable | kNotLeap);
  run_for(kSecond);
  EXPECT_EQ(time(), dt(2100, 3, 1, 1, 0, 0, 0));
}

TEST_F(RtcFixture, NonLeapYearGoesToMarch) {
  set(2023, 2, 28, 2, 23, 59, 59);
  run_for(kSecond);
  EXPECT_EQ(time(), dt(2023, 3, 1, 3, 0, 0, 0));
}

TEST_F(RtcFixture, YearRollsOverAtNewYear) {
  set(2020, 12, 31, 4, 23, 59, 58);
  run_for(2 * kSecond);
  EXPECT_EQ(time(), dt(2021, 1, 1, 5, 0, 0, 0));
}

TEST_F(RtcFixture, DayOfWeekWrapsAfterSaturday) {
  set(2021, 4, 30, 6, 23, 59, 59);
  run_for(kSecond);
  EXPECT_EQ(time(), dt(2021, 5, 1, 0, 0, 0, 0));
}

TEST_F(RtcFixture, LongRunsFollowTheCalendar) {
  // 2020-01-01 00:00:00 (a Wednesday) plus 366 + 365 days is 2022-01-01, a Saturday.
  set(2020, 1, 1, 3, 0, 0, 0);
  run_for((366 + 365) * 86400 * kSecond);
  EXPECT_EQ(time(), dt(2022, 1, 1, 6, 0, 0, 0));
}

TEST_F(RtcFixture, AdvanceMatchesSecondBySecondCounting) {
  Rtc::DateTime a = dt(2023, 12, 30, 6, 22, 58, 17), b = a;
  Rtc::advance(a, 200'000, false);
  for (int i = 0; i < 200'000; ++i)
    Rtc::advance(b, 1, false);
  EXPECT_EQ(a, b);
}

TEST_F(RtcFixture, ReadingRtc0LatchesTheDateForRtc1) {
  set(2020, 12, 31, 4, 23, 59, 59);
  const uint32_t r0 = rd(RTC_0);
  run_for(kSecond);
  const uint32_t r1 = rd(RTC_1);
  EXPECT_EQ(r0 & 0x3f, 59u);
  EXPECT_EQ(r1, (2020u << 12) | (12u << 8) | 31u);       // the date read with r0
  EXPECT_EQ(rd(RTC_1), (2021u << 12) | (1u << 8) | 1u);  // unlatched: live
}

TEST_F(RtcFixture, ClockChangeKeepsTheCountAndTakesTheNewRate) {
  set(2020, 1, 1, 3, 0, 0, 0);
  run_for(kSecond / 2);
  sys_hz = 24'000'000;  // the same clk_rtc counted in faster clk_sys cycles
  rtc.clocks_changed();
  run_for(kSecond - 4000);  // just under half a second at 24 MHz
  EXPECT_EQ(time().sec, 0u);
  run_for(8000);
  EXPECT_EQ(time().sec, 1u);
}

TEST_F(RtcFixture, MatchActiveFollowsMatchEna) {
  set(2020, 1, 1, 3, 0, 0, 0);
  wr(IRQ_SETUP_0, kMatchEna);
  EXPECT_EQ(rd(IRQ_SETUP_0) & kMatchActive, 0u);
  run_for(2 * 256);
  EXPECT_EQ(rd(IRQ_SETUP_0) & kMatchActive, kMatchActive);
}

TEST_F(RtcFixture, AlarmRaisesRtcIrqAtTheMatchingSecond) {
  set(2020, 1, 13, 3, 11, 20, 0);
  wr(IRQ_SETUP_1, kSecEna | kMinEna | (20u << 8) | 5u);
  wr(INTE, 1);
  wr(IRQ_SETUP_0, kMatchEna);
  run_for(4 * kSecond);
  EXPECT_EQ(rd(INTR), 0u);
  EXPECT_EQ(irqs.levels, 0u);
  run_for(kSecond);
  EXPECT_EQ(time().sec, 5u);
  EXPECT_EQ(rd(INTR), 1u);
  EXPECT_EQ(rd(INTS), 1u);
  EXPECT_EQ(irqs.levels, 1u << rp2040::kRtcIrq);
  // Disabling the match clears it once MATCH_ACTIVE falls.
  wr(IRQ_SETUP_0, 0);
  run_for(2 * 256);
  EXPECT_EQ(rd(INTR), 0u);
  EXPECT_EQ(irqs.levels, 0u);
}

TEST_F(RtcFixture, RepeatingAlarmFiresOncePerMinuteWithSdkHandling) {
  set(2020, 1, 13, 3, 11, 20, 0);
  wr(IRQ_SETUP_1, kSecEna | 0u);
  wr(INTE, 1);
  wr(IRQ_SETUP_0, kMatchEna);
  unsigned handled = 0;
  for (int s = 0; s < 190; ++s) {
    run_for(kSecond / 4);
    for (int q = 0; q < 4 && irqs.levels; ++q) {
      // pico-sdk's handler: disable the match, wait, re-enable it, wait.
      ++handled;
      wr(IRQ_SETUP_0, 0);
      run_for(2 * 256);
      wr(IRQ_SETUP_0, kMatchEna);
      run_for(2 * 256);
    }
    run_for(3 * kSecond / 4);
  }
  EXPECT_EQ(handled, 3u);  // 11:21:00, 11:22:00, 11:23:00
}

TEST_F(RtcFixture, AlarmOnAFarDateIsFound) {
  set(2020, 1, 1, 3, 0, 0, 0);
  // 2021-03-01 00:00:00: 425 days ahead, beyond one search horizon.
  wr(IRQ_SETUP_0, (1u << 26) | (1u << 25) | (1u << 24) | (2021u << 12) | (3u << 8) | 1u);
  wr(IRQ_SETUP_1, kSecEna | kMinEna | (1u << 30));
  wr(IRQ_SETUP_0, rd(IRQ_SETUP_0) | kMatchEna);
  run_for(425ull * 86400 * kSecond - 2000);
  EXPECT_EQ(rd(INTR), 0u);
  run_for(2000);
  EXPECT_EQ(rd(INTR), 1u);
  EXPECT_EQ(time(), dt(2021, 3, 1, 1, 0, 0, 0));
}

TEST_F(RtcFixture, IntfForcesTheLine) {
  wr(INTF, 1);
  EXPECT_EQ(rd(INTS), 1u);
  EXPECT_EQ(irqs.levels, 1u << rp2040::kRtcIrq);
  wr(INTF, 0);
  EXPECT_EQ(irqs.levels, 0u);
}

TEST_F(RtcFixture, ResetStopsTheClock) {
  set(2020, 1, 1, 3, 0, 0, 0);
  rtc.reset();
  EXPECT_EQ(rd(CTRL), 0u);
  EXPECT_EQ(rd(RTC_1), 0u);
}

TEST(RtcCalendar, MonthLengths) {
  EXPECT_EQ(Rtc::month_length(1, 2023, false), 31u);
  EXPECT_EQ(Rtc::month_length(2, 2023, false), 28u);
  EXPECT_EQ(Rtc::month_length(2, 2024, false), 29u);
  EXPECT_EQ(Rtc::month_length(2, 2024, true), 28u);
  EXPECT_EQ(Rtc::month_length(4, 2024, false), 30u);
  EXPECT_EQ(Rtc::month_length(12, 2024, false), 31u);
}
