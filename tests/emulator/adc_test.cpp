#include "rp2040/adc.h"

#include <gtest/gtest.h>

#include "machine.h"
#include "pins.h"
#include "rp2040/address_map.h"

using namespace vpico;
using vpico::rp2040::Adc;

namespace {
struct Lines : IrqSink, DreqSink {
  uint32_t irqs = 0;
  bool dreq = false;
  void set_irq_level(unsigned irq, bool level) override {
    irqs = level ? irqs | (1u << irq) : irqs & ~(1u << irq);
  }
  void set_dreq_level(unsigned d, bool level) override {
    if (d == rp2040::kDreqAdc) dreq = level;
  }
};

constexpr uint32_t CS = 0x00, RESULT = 0x04, FCS = 0x08, FIFO = 0x0c, DIV = 0x10, INTR = 0x14,
                   INTE = 0x18, INTF = 0x1c, INTS = 0x20;
constexpr uint32_t kEn = 1, kTsEn = 2, kStartOnce = 4, kStartMany = 8, kReady = 0x100,
                   kErrSticky = 0x400;
constexpr uint32_t kFcsEn = 1, kFcsShift = 2, kFcsDreqEn = 8, kEmpty = 0x100, kFull = 0x200,
                   kUnder = 0x400, kOver = 0x800;
uint32_t ainsel(unsigned ch) {
  return ch << 12;
}
uint32_t thresh(unsigned n) {
  return n << 24;
}

// clk_adc = clk_sys = 48 MHz: a conversion is 96 scheduler cycles.
struct AdcFixture : ::testing::Test {
  Scheduler sched;
  Lines lines;
  Pins pins;
  uint32_t adc_hz = 48'000'000, sys_hz = 48'000'000;
  Adc adc{sched,
          lines,
          lines,
          [this] { return adc_hz; },
          [this] { return sys_hz; },
          [this](unsigned ch) { return pins.voltage(26 + ch); }};

  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(adc.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(adc.write(off, v, 0xffffffff)); }
  void run_for(uint64_t cycles) { sched.run_until(sched.now() + cycles); }
  uint32_t convert(unsigned ch) {
    wr(CS, kEn | kTsEn | ainsel(ch) | kStartOnce);
    run_for(96);
    return rd(RESULT);
  }
};
}  // namespace

TEST_F(AdcFixture, ReadyFollowsEn) {
  EXPECT_EQ(rd(CS) & kReady, 0u);
  wr(CS, kEn);
  EXPECT_EQ(rd(CS), kEn | kReady);
}

TEST_F(AdcFixture, ConversionTakes96AdcCycles) {
  pins.set_voltage(26, 1.65);
  wr(CS, kEn);
  wr(CS, kEn | kStartOnce);
  EXPECT_EQ(rd(CS) & (kReady | kStartOnce), 0u);
  run_for(95);
  EXPECT_EQ(rd(CS) & kReady, 0u);
  run_for(1);
  EXPECT_EQ(rd(CS) & kReady, kReady);
  EXPECT_EQ(rd(RESULT), 2048u);
}

TEST_F(AdcFixture, ConversionTimeFollowsClkAdc) {
  sys_hz = 125'000'000;
  wr(CS, kEn | kStartOnce);
  run_for(249);  // 2 us at 125 MHz is 250 cycles
  EXPECT_EQ(rd(CS) & kReady, 0u);
  run_for(1);
  EXPECT_EQ(rd(CS) & kReady, kReady);
}

TEST_F(AdcFixture, PinVoltagesConvertToTwelveBitCodes) {
  pins.set_voltage(26, 0.0);
  pins.set_voltage(27, 3.3);
  pins.set_voltage(28, 1.0);
  pins.set_voltage(29, 5.0);  // clamped to IOVDD by the pad
  EXPECT_EQ(convert(0), 0u);
  EXPECT_EQ(convert(1), 4095u);
  EXPECT_EQ(convert(2), 1241u);  // 1.0 / 3.3 * 4096 = 1241.2
  EXPECT_EQ(convert(3), 4095u);
}

TEST_F(AdcFixture, UnconnectedPinReadsItsDigitalLevel) {
  EXPECT_EQ(convert(0), 0u);  // pulled down from reset
  pins.set_pad(26, Pins::Pad{true, false, true, false});
  EXPECT_EQ(convert(0), 4095u);  // pulled up
  pins.set_voltage(26, 2.0);
  EXPECT_EQ(convert(0), 2482u);
  pins.set_voltage(26, std::nullopt);
  EXPECT_EQ(convert(0), 4095u);
}

TEST_F(AdcFixture, ChipOutputOverridesTheAnalogSource) {
  pins.set_voltage(26, 1.0);
  pins.set_chip(26, Pins::ChipDrive{true, false});
  EXPECT_EQ(convert(0), 0u);
}

TEST_F(AdcFixture, TemperatureSensorFollowsTheDieTemperature) {
  EXPECT_EQ(convert(4), 876u);  // 0.706 V at 27 C
  adc.set_temperature_c(50.0);
  EXPECT_EQ(convert(4), 827u);           // 0.706 - 23 * 0.001721 = 0.6664 V
  wr(CS, kEn | ainsel(4) | kStartOnce);  // sensor powered off
  run_for(96);
  EXPECT_EQ(rd(RESULT), 0u);
}

TEST_F(AdcFixture, FifoCollectsResultsAndShifts) {
  pins.set_voltage(26, 3.3);
  wr(FCS, kFcsEn);
  wr(CS, kEn);
  EXPECT_EQ(rd(FCS) & kEmpty, kEmpty);
  wr(CS, kEn | kStartOnce);
  run_for(96);
  wr(FCS, kFcsEn | kFcsShift);
  wr(CS, kEn | kStartOnce);
  run_for(96);
  EXPECT_EQ((rd(FCS) >> 16) & 0xf, 2u);
  EXPECT_EQ(rd(FIFO), 0xfffu);
  EXPECT_EQ(rd(FIFO), 0xffu);
  EXPECT_EQ(rd(FCS) & kEmpty, kEmpty);
}

TEST_F(AdcFixture, OverflowAndUnderflowAreSticky) {
  wr(FCS, kFcsEn);
  wr(CS, kEn | kStartMany);
  run_for(5 * 96);
  wr(CS, kEn);
  run_for(96);
  EXPECT_EQ(rd(FCS) & (kFull | kOver), kFull | kOver);
  EXPECT_EQ((rd(FCS) >> 16) & 0xf, 4u);
  for (int i = 0; i < 5; ++i)
    rd(FIFO);
  EXPECT_EQ(rd(FCS) & kUnder, kUnder);
  wr(FCS, kFcsEn | kOver | kUnder);
  EXPECT_EQ(rd(FCS) & (kOver | kUnder), 0u);
}

TEST_F(AdcFixture, StartManyRunsBackToBack) {
  wr(FCS, kFcsEn);
  wr(CS, kEn | kStartMany);
  run_for(3 * 96);
  EXPECT_EQ((rd(FCS) >> 16) & 0xf, 3u);
  EXPECT_EQ(rd(CS) & kReady, 0u);  // the fourth is running
}

TEST_F(AdcFixture, DivPacesStartMany) {
  wr(FCS, kFcsEn);
  wr(DIV, (479u << 8) | 128u);  // 480.5 clk_adc cycles per conversion: 100 kS/s-ish
  wr(CS, kEn | kStartMany);
  run_for(96);  // starts at 0, 481, 961, 1442 (k * 480.5 rounded up), each 96 long
  EXPECT_EQ((rd(FCS) >> 16) & 0xf, 1u);
  run_for(1004);
  EXPECT_EQ((rd(FCS) >> 16) & 0xf, 3u);
  run_for(350);
  EXPECT_EQ((rd(FCS) >> 16) & 0xf, 3u);
  EXPECT_EQ(rd(CS) & kReady, 0u);  // the fourth started at 1442
  for (int i = 0; i < 3; ++i)
    rd(FIFO);
  wr(CS, kEn);
  run_for(10'000);
  EXPECT_EQ((rd(FCS) >> 16) & 0xf, 1u);  // the one running when START_MANY fell completes
}

TEST_F(AdcFixture, RoundRobinCyclesThroughEnabledChannels) {
  pins.set_voltage(26, 0.5);
  pins.set_voltage(28, 2.5);
  wr(FCS, kFcsEn);
  wr(CS, kEn | kTsEn | (0x15u << 16) | ainsel(2) | kStartMany);  // channels 0, 2, 4
  run_for(4 * 96);
  wr(CS, kEn | kTsEn | (0x15u << 16));
  run_for(96);
  EXPECT_EQ(rd(FIFO), Adc::code_for(2.5));
  EXPECT_EQ(rd(FIFO), 876u);
  EXPECT_EQ(rd(FIFO), Adc::code_for(0.5));
  EXPECT_EQ(rd(FIFO), Adc::code_for(2.5));
}

TEST_F(AdcFixture, FifoIrqAtThreshold) {
  wr(FCS, kFcsEn | thresh(2));
  wr(INTE, 1);
  EXPECT_EQ(rd(INTR), 0u);
  wr(CS, kEn | kStartOnce);
  run_for(96);
  EXPECT_EQ(lines.irqs, 0u);
  wr(CS, kEn | kStartOnce);
  run_for(96);
  EXPECT_EQ(rd(INTS), 1u);
  EXPECT_EQ(lines.irqs, 1u << rp2040::kAdcIrqFifo);
  rd(FIFO);
  EXPECT_EQ(lines.irqs, 0u);
  wr(INTF, 1);
  EXPECT_EQ(lines.irqs, 1u << rp2040::kAdcIrqFifo);
}

TEST_F(AdcFixture, DreqWhileFifoHoldsThreshSamples) {
  wr(FCS, kFcsEn | kFcsDreqEn | thresh(1));
  EXPECT_FALSE(lines.dreq);
  wr(CS, kEn | kStartOnce);
  run_for(96);
  EXPECT_TRUE(lines.dreq);
  rd(FIFO);
  EXPECT_FALSE(lines.dreq);
  wr(FCS, kFcsEn | thresh(0));  // no DREQ_EN
  wr(CS, kEn | kStartOnce);
  run_for(96);
  EXPECT_FALSE(lines.dreq);
}

TEST_F(AdcFixture, ErrStickyIsWriteOneToClear) {
  wr(CS, kEn | kErrSticky);
  EXPECT_EQ(rd(CS) & kErrSticky, 0u);
}

TEST_F(AdcFixture, ClearingEnAbandonsAConversion) {
  wr(FCS, kFcsEn);
  wr(CS, kEn | kStartOnce);
  wr(CS, 0);
  run_for(1000);
  EXPECT_EQ(rd(FCS) & kEmpty, kEmpty);
}

TEST_F(AdcFixture, StoppedClkAdcHoldsTheConversionUntilItRuns) {
  adc_hz = 0;
  wr(CS, kEn | kStartOnce);
  run_for(10'000);
  EXPECT_EQ(rd(CS) & kReady, 0u);
  adc_hz = 48'000'000;
  adc.clocks_changed();
  run_for(96);
  EXPECT_EQ(rd(CS) & kReady, kReady);
}

TEST(AdcMachine, PinVoltagesAndTemperatureReachTheAdc) {
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  Machine& machine = **m;
  machine.pins().set_voltage(27, 1.2);
  EXPECT_DOUBLE_EQ(machine.adc().channel_voltage(1), 1.2);
  EXPECT_DOUBLE_EQ(machine.adc().channel_voltage(0), 0.0);
  machine.adc().set_temperature_c(40.0);
  EXPECT_DOUBLE_EQ(machine.adc().temperature_c(), 40.0);
}
