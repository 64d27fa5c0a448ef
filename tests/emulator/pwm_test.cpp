#include "rp2040/pwm.h"

#include <gtest/gtest.h>

#include <vector>

#include "rp2040/address_map.h"

using namespace vpico;
using vpico::rp2040::Pwm;

namespace {
struct IrqRecorder : IrqSink {
  uint32_t levels = 0;
  void set_irq_level(unsigned irq, bool level) override {
    levels = level ? levels | (1u << irq) : levels & ~(1u << irq);
  }
  bool wrap() const { return (levels >> rp2040::kPwmIrqWrap) & 1; }
};

struct DreqRecorder : DreqSink {
  std::array<bool, 64> level{};
  std::array<unsigned, 64> rises{};
  void set_dreq_level(unsigned dreq, bool l) override {
    if (l && !level[dreq]) ++rises[dreq];
    level[dreq] = l;
  }
};

// Slice registers (pico-sdk hardware/regs/pwm.h).
constexpr uint32_t CSR = 0x00, DIV = 0x04, CTR = 0x08, CC = 0x0c, TOP = 0x10;
constexpr uint32_t EN = 0xa0, INTR = 0xa4, INTE = 0xa8, INTF = 0xac, INTS = 0xb0;
constexpr uint32_t kEn = 1, kPhCorrect = 2, kAInv = 4, kPhRet = 1u << 6, kPhAdv = 1u << 7;
constexpr uint32_t kLevel = 1u << 4, kRise = 2u << 4, kFall = 3u << 4;

struct PwmFixture : ::testing::Test {
  Scheduler sched;
  IrqRecorder irqs;
  DreqRecorder dreqs;
  Pins pins;
  Pwm pwm{sched, irqs, dreqs, pins};
  // GPIOs on the PWM function, as IO_BANK0 would route them.
  uint32_t pwm_pins = 0;

  PwmFixture() {
    pins.set_scheduler(&sched);
    pwm.on_output_change = [this] { route(); };
  }
  void route() {
    for (unsigned p = 0; p < Pins::kCount; ++p)
      if ((pwm_pins >> p) & 1) pins.set_chip(p, pwm.pin_drive(p));
  }
  void select(uint32_t mask) {
    pwm_pins = mask;
    pwm.set_selected_pins(mask);
    route();
  }
  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(pwm.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(pwm.write(off, v, 0xffffffff)); }
  uint32_t ch(unsigned slice, uint32_t reg) { return 0x14 * slice + reg; }
  void at(uint64_t cycle) { sched.run_until(cycle); }
};
}  // namespace

TEST_F(PwmFixture, ResetValues) {
  EXPECT_EQ(rd(ch(0, CSR)), 0u);
  EXPECT_EQ(rd(ch(3, DIV)), 0x10u);
  EXPECT_EQ(rd(ch(7, TOP)), 0xffffu);
  EXPECT_EQ(rd(ch(7, CC)), 0u);
  EXPECT_EQ(rd(EN), 0u);
  uint32_t v;
  EXPECT_FALSE(pwm.read(0xb4, v));
}

TEST_F(PwmFixture, CounterCountsClkSysDividedByInt) {
  wr(ch(0, DIV), 4 << 4);
  wr(ch(0, CSR), kEn);
  at(400);
  EXPECT_EQ(rd(ch(0, CTR)), 100u);
  at(403);
  EXPECT_EQ(rd(ch(0, CTR)), 100u);
  at(404);
  EXPECT_EQ(rd(ch(0, CTR)), 101u);
}

TEST_F(PwmFixture, FractionalDividerCountsAtTheMeanRate) {
  wr(ch(1, DIV), (2 << 4) | 8);  // 2.5
  wr(ch(1, CSR), kEn);
  at(1000);
  EXPECT_EQ(rd(ch(1, CTR)), 400u);
  at(1001);
  EXPECT_EQ(rd(ch(1, CTR)), 400u);
  at(1003);
  EXPECT_EQ(rd(ch(1, CTR)), 401u);
}

TEST_F(PwmFixture, DivIntZeroDividesBy256) {
  wr(ch(0, DIV), 0);
  wr(ch(0, CSR), kEn);
  at(2560);
  EXPECT_EQ(rd(ch(0, CTR)), 10u);
}

TEST_F(PwmFixture, CounterStopsWhenDisabledAndResumes) {
  wr(ch(0, CSR), kEn);
  at(100);
  wr(ch(0, CSR), 0);
  at(500);
  EXPECT_EQ(rd(ch(0, CTR)), 100u);
  wr(ch(0, CSR), kEn);
  at(550);
  EXPECT_EQ(rd(ch(0, CTR)), 150u);
}

TEST_F(PwmFixture, CounterWrapsAfterTopAndLatchesIntr) {
  wr(ch(2, TOP), 9);
  wr(ch(2, CSR), kEn);
  at(9);
  EXPECT_EQ(rd(ch(2, CTR)), 9u);
  EXPECT_EQ(rd(INTR), 0u);
  at(25);
  EXPECT_EQ(rd(ch(2, CTR)), 5u);
  EXPECT_EQ(rd(INTR), 1u << 2);
  wr(INTR, 1u << 2);
  EXPECT_EQ(rd(INTR), 0u);
}

TEST_F(PwmFixture, PhaseCorrectCountsUpThenDown) {
  wr(ch(0, TOP), 4);
  wr(ch(0, CSR), kEn | kPhCorrect);
  const uint32_t want[] = {0, 1, 2, 3, 4, 4, 3, 2, 1, 0, 0, 1};
  for (uint64_t t = 0; t < 12; ++t) {
    at(t);
    EXPECT_EQ(rd(ch(0, CTR)), want[t]) << "cycle " << t;
    if (t == 9) {
      EXPECT_EQ(rd(INTR), 0u);  // the wrap is at the bottom, after 2 * (TOP + 1)
    }
  }
  EXPECT_EQ(rd(INTR), 1u);
}

TEST_F(PwmFixture, CtrWriteMovesTheCounter) {
  wr(ch(0, TOP), 99);
  wr(ch(0, CSR), kEn);
  at(10);
  wr(ch(0, CTR), 90);
  at(15);
  EXPECT_EQ(rd(ch(0, CTR)), 95u);
  at(25);
  EXPECT_EQ(rd(ch(0, CTR)), 5u);
}

TEST_F(PwmFixture, PhAdvAndPhRetMoveTheCounterOneCount) {
  wr(ch(0, DIV), 10 << 4);
  wr(ch(0, CSR), kEn);
  at(105);
  EXPECT_EQ(rd(ch(0, CTR)), 10u);
  wr(ch(0, CSR), kEn | kPhAdv);
  EXPECT_EQ(rd(ch(0, CSR)) & kPhAdv, 0u);  // self-clearing
  EXPECT_EQ(rd(ch(0, CTR)), 11u);
  wr(ch(0, CSR), kEn | kPhRet);
  wr(ch(0, CSR), kEn | kPhRet);
  at(205);
  EXPECT_EQ(rd(ch(0, CTR)), 19u);  // 11 + 10 counts, two of them retarded
}

TEST_F(PwmFixture, TopWriteTakesEffectAtTheNextWrap) {
  wr(ch(0, TOP), 99);
  wr(ch(0, CSR), kEn);
  at(50);
  wr(ch(0, TOP), 9);
  EXPECT_EQ(rd(ch(0, TOP)), 9u);  // software's copy reads back at once
  at(60);
  EXPECT_EQ(rd(ch(0, CTR)), 60u);  // still counting to 99
  at(105);
  EXPECT_EQ(rd(ch(0, CTR)), 5u);
  at(112);
  EXPECT_EQ(rd(ch(0, CTR)), 2u);  // now wrapping at 9
}

TEST_F(PwmFixture, CcWriteChangesTheOutputAtTheNextWrap) {
  select(1u << 0);
  wr(ch(0, TOP), 1999);
  wr(ch(0, CC), 500);
  wr(ch(0, CSR), kEn);
  EXPECT_DOUBLE_EQ(pins.duty(0), 0.25);
  at(100);
  wr(ch(0, CC), 1500);
  at(1999);
  EXPECT_DOUBLE_EQ(pins.duty(0), 0.25);
  at(2000);
  EXPECT_DOUBLE_EQ(pins.duty(0), 0.75);
}

TEST_F(PwmFixture, WritesWhileDisabledTakeEffectAtOnce) {
  select(1u << 0);
  wr(ch(0, TOP), 3);
  wr(ch(0, CC), 1);
  wr(ch(0, CSR), kEn);
  EXPECT_DOUBLE_EQ(pins.duty(0), 0.25);
  at(2);
  EXPECT_EQ(rd(ch(0, CTR)), 2u);
}

TEST_F(PwmFixture, OutputLevelFollowsTheCounterAtAnyCycle) {
  select(0b11);
  wr(ch(0, TOP), 3);
  wr(ch(0, CC), (3u << 16) | 1u);  // A high 1 cycle in 4, B 3 in 4 (hello_pwm)
  wr(ch(0, CSR), kEn);
  const bool a[] = {1, 0, 0, 0, 1, 0, 0, 0}, b[] = {1, 1, 1, 0, 1, 1, 1, 0};
  for (uint64_t t = 0; t < 8; ++t) {
    at(t);
    EXPECT_EQ(pins.level(0), a[t]) << t;
    EXPECT_EQ(pins.level(1), b[t]) << t;
  }
  EXPECT_DOUBLE_EQ(pins.duty(0), 0.25);
  EXPECT_DOUBLE_EQ(pins.duty(1), 0.75);
  EXPECT_EQ(pins.change_count(0), 1u);  // a 4-cycle period reports its duty, makes no edges
}

TEST_F(PwmFixture, InversionAndFullScale) {
  select(0b11);
  wr(ch(0, TOP), 9);
  wr(ch(0, CC), (10u << 16) | 3u);  // B: CC = TOP + 1 is 100%
  wr(ch(0, CSR), kEn | kAInv);
  EXPECT_DOUBLE_EQ(pins.duty(0), 0.7);
  EXPECT_DOUBLE_EQ(pins.duty(1), 1.0);
  EXPECT_FALSE(pins.waveform(1).active());
  wr(ch(0, CC), 0);
  at(10);
  EXPECT_DOUBLE_EQ(pins.duty(0), 1.0);  // 0% inverted
  EXPECT_DOUBLE_EQ(pins.duty(1), 0.0);
}

TEST_F(PwmFixture, PhaseCorrectOutputIsCentredOnTheWrap) {
  select(1u << 0);
  wr(ch(0, TOP), 4);
  wr(ch(0, CC), 2);
  wr(ch(0, CSR), kEn | kPhCorrect);
  // CTR 0 1 2 3 4 4 3 2 1 0: high while CTR < 2.
  const bool want[] = {1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
  for (uint64_t t = 0; t < 12; ++t) {
    at(t);
    EXPECT_EQ(pins.level(0), want[t]) << t;
  }
  EXPECT_DOUBLE_EQ(pins.duty(0), 0.4);
}

TEST_F(PwmFixture, LongPeriodsMakeRealEdges) {
  select(1u << 0);
  std::vector<uint64_t> edges;
  pins.observe([&](unsigned pin, bool, uint64_t cycle) {
    if (pin == 0) edges.push_back(cycle);
  });
  wr(ch(0, TOP), 999);
  wr(ch(0, CC), 250);
  wr(ch(0, CSR), kEn);
  at(2500);
  // Rises at 0 (when enabled), 1000, 2000; falls at 250, 1250, 2250.
  EXPECT_EQ(edges, (std::vector<uint64_t>{0, 250, 1000, 1250, 2000, 2250}));
}

TEST_F(PwmFixture, EnRegisterStartsSlicesInSync) {
  wr(ch(0, DIV), 3 << 4);
  wr(ch(5, DIV), 3 << 4);
  at(7);
  wr(EN, (1u << 0) | (1u << 5));
  EXPECT_EQ(rd(ch(5, CSR)) & kEn, kEn);
  EXPECT_EQ(rd(EN), (1u << 0) | (1u << 5));
  at(307);
  EXPECT_EQ(rd(ch(0, CTR)), 100u);
  EXPECT_EQ(rd(ch(5, CTR)), 100u);
  wr(ch(5, CSR), 0);
  EXPECT_EQ(rd(EN), 1u);
}

TEST_F(PwmFixture, WrapRaisesTheIrqWhenEnabled) {
  wr(INTE, 1u << 3);
  wr(ch(3, TOP), 99);
  wr(ch(3, CSR), kEn);
  at(99);
  EXPECT_FALSE(irqs.wrap());
  at(100);
  EXPECT_TRUE(irqs.wrap());
  EXPECT_EQ(rd(INTS), 1u << 3);
  wr(INTR, 1u << 3);
  EXPECT_FALSE(irqs.wrap());
  at(199);
  EXPECT_FALSE(irqs.wrap());
  at(200);
  EXPECT_TRUE(irqs.wrap());
}

TEST_F(PwmFixture, IntfForcesTheIrq) {
  wr(INTF, 1u << 6);
  EXPECT_TRUE(irqs.wrap());
  EXPECT_EQ(rd(INTS), 1u << 6);
  EXPECT_EQ(rd(INTR), 0u);
  wr(INTF, 0);
  EXPECT_FALSE(irqs.wrap());
}

TEST_F(PwmFixture, NoEventsWhileNothingListens) {
  wr(ch(0, TOP), 3);
  wr(ch(0, CSR), kEn);
  EXPECT_EQ(sched.next_event(), UINT64_MAX);
}

TEST_F(PwmFixture, DreqPulsesOnceAtEachWrapWhenWanted) {
  pwm.set_dreq_wanted(1u << 1);
  wr(ch(1, TOP), 49);
  wr(ch(1, CSR), kEn);
  at(49);
  EXPECT_EQ(dreqs.rises[rp2040::kDreqPwmWrap0 + 1], 0u);
  at(50);
  EXPECT_TRUE(dreqs.level[rp2040::kDreqPwmWrap0 + 1]);
  at(51);
  EXPECT_FALSE(dreqs.level[rp2040::kDreqPwmWrap0 + 1]);
  at(500);
  EXPECT_EQ(dreqs.rises[rp2040::kDreqPwmWrap0 + 1], 10u);
}

TEST_F(PwmFixture, RisingEdgeModeCountsDrivenEdges) {
  select(1u << 3);  // GPIO3: slice 1, B
  pins.drive(3, false);
  wr(ch(1, CSR), kEn | kRise);
  EXPECT_FALSE(pins.chip_drives(3));  // B is an input now
  for (unsigned i = 0; i < 7; ++i) {
    at(10 * i + 5);
    pins.drive(3, true);
    at(10 * i + 8);
    pins.drive(3, false);
  }
  EXPECT_EQ(rd(ch(1, CTR)), 7u);
  wr(ch(1, CSR), kEn | kFall);
  pins.drive(3, true);
  pins.drive(3, false);
  pins.drive(3, true);
  EXPECT_EQ(rd(ch(1, CTR)), 8u);
}

TEST_F(PwmFixture, EdgeModeDividesEdgesAndWraps) {
  select(1u << 1);
  wr(ch(0, DIV), 2 << 4);
  wr(ch(0, TOP), 2);
  wr(ch(0, CSR), kEn | kRise);
  for (unsigned i = 0; i < 8; ++i) {
    pins.drive(1, true);
    pins.drive(1, false);
  }
  EXPECT_EQ(rd(ch(0, CTR)), 1u);  // 8 edges / 2 = 4 counts: 0 1 2 0 1
  EXPECT_EQ(rd(INTR), 1u);
}

TEST_F(PwmFixture, InputIsIgnoredUnlessThePinIsOnThePwmFunction) {
  pins.drive(3, false);
  wr(ch(1, CSR), kEn | kRise);
  pins.drive(3, true);
  pins.drive(3, false);
  EXPECT_EQ(rd(ch(1, CTR)), 0u);
}

TEST_F(PwmFixture, LevelModeCountsWhileBIsHigh) {
  select(1u << 5);
  pins.drive(5, false);
  wr(ch(2, CSR), kEn | kLevel);
  at(100);
  pins.drive(5, true);
  at(250);
  pins.drive(5, false);
  at(400);
  EXPECT_EQ(rd(ch(2, CTR)), 150u);
}

TEST_F(PwmFixture, LevelModeIntegratesAWaveformOnB) {
  select(1u << 7);
  // 25% duty, 40-cycle period: no edges are made, the counter integrates the high time.
  pins.drive_waveform(7, Waveform::make(40 * 16, 10 * 16, 0));
  wr(ch(3, DIV), 10 << 4);
  wr(ch(3, CSR), kEn | kLevel);
  at(40'000);
  EXPECT_EQ(rd(ch(3, CTR)), 1000u);  // 10000 high cycles / 10
}

TEST_F(PwmFixture, EdgeModeCountsTheEdgesOfAWaveformOnB) {
  select(1u << 9);
  pins.drive_waveform(9, Waveform::make(10 * 16, 3 * 16, 5 * 16));
  wr(ch(4, CSR), kEn | kFall);
  at(1000);
  EXPECT_EQ(rd(ch(4, CTR)), 100u);
}

TEST_F(PwmFixture, AnotherSliceFeedsTheMeasuringSlice) {
  // measure_duty_cycle's set-up: slice 1 A on GPIO2 at 30% wired to GPIO5 (slice 2 B), which
  // counts once per 10 cycles of high input.
  select((1u << 2) | (1u << 5));
  pins.observe_waveform([this](unsigned pin) {
    if (pin == 2) pins.drive_waveform(5, pins.waveform(2));
  });
  wr(ch(1, TOP), 99);
  wr(ch(1, CC), 30);
  wr(ch(1, CSR), kEn);
  wr(ch(2, DIV), 10 << 4);
  wr(ch(2, CSR), kEn | kLevel);
  at(100'000);
  EXPECT_EQ(rd(ch(2, CTR)), 3000u);
}

TEST_F(PwmFixture, WaveformEdgesAndHighTime) {
  const Waveform w = Waveform::make(100, 30, -10);  // high from sub-time 90 of each period
  EXPECT_EQ(w.origin, 90u);
  EXPECT_EQ(w.high_time(0, 1000), 300u);
  EXPECT_EQ(w.edges(0, 62, true), 10u);  // rises at 90, 190, ... 990 (cycle 62 = sub 992)
  EXPECT_EQ(w.inverted().high, 70u);
  EXPECT_TRUE(w.level_at(6));     // sub 96
  EXPECT_FALSE(w.level_at(8));    // sub 128: phase 38
  EXPECT_EQ(w.next_edge(6), 8u);  // falls at sub 120 -> seen at cycle 8
}
