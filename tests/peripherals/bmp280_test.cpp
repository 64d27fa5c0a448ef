// The BMP280 part (peripherals/bmp280.h) on an I2cBus, driven byte by byte as a controller would.
#include "bmp280.h"

#include <gtest/gtest.h>

#include <vector>

using namespace vpico;
using vpico::peripherals::Bmp280;

namespace {
struct Bmp280Fixture : ::testing::Test {
  Bmp280 sensor{0x76};
  I2cBus bus{4, 5};
  Bmp280Fixture() { bus.attach(sensor); }

  bool write(std::vector<uint8_t> bytes) {
    if (!bus.start(0x76, false)) return false;
    for (uint8_t b : bytes)
      if (!bus.write_byte(b)) return false;
    bus.stop();
    return true;
  }
  // Register address, repeated START, n bytes (the pico-sdk example's nostop pattern).
  std::vector<uint8_t> read(uint8_t reg, size_t n) {
    std::vector<uint8_t> out;
    EXPECT_TRUE(bus.start(0x76, false));
    EXPECT_TRUE(bus.write_byte(reg));
    EXPECT_TRUE(bus.start(0x76, true));
    for (size_t i = 0; i < n; ++i)
      out.push_back(bus.read_byte(i + 1 < n));
    bus.stop();
    return out;
  }
  int32_t raw(uint8_t msb) {
    auto b = read(msb, 3);
    return (b[0] << 12) | (b[1] << 4) | (b[2] >> 4);
  }
};
}  // namespace

TEST_F(Bmp280Fixture, AcknowledgesOnlyItsAddress) {
  EXPECT_TRUE(bus.start(0x76, false));
  bus.stop();
  EXPECT_FALSE(bus.start(0x77, false));
  bus.stop();
  Bmp280 high(0x77);
  bus.attach(high);
  EXPECT_TRUE(bus.start(0x77, true));
  bus.stop();
}

TEST_F(Bmp280Fixture, ChipIdIs0x58) {
  EXPECT_EQ(read(0xd0, 1), std::vector<uint8_t>{0x58});
}

TEST_F(Bmp280Fixture, CalibrationHoldsTheDatasheetExampleLittleEndian) {
  auto c = read(0x88, 24);
  EXPECT_EQ(c[0] | (c[1] << 8), 27504);
  EXPECT_EQ(int16_t(c[2] | (c[3] << 8)), 26435);
  EXPECT_EQ(int16_t(c[4] | (c[5] << 8)), -1000);
  EXPECT_EQ(c[6] | (c[7] << 8), 36477);
  EXPECT_EQ(int16_t(c[22] | (c[23] << 8)), 6000);
}

TEST_F(Bmp280Fixture, CompensationMatchesTheDatasheetExample) {
  // Datasheet 3.12: adc_T 519888 -> 25.08 degC; adc_P 415148 -> 100653.27 Pa in floating point,
  // a few pascals off with the 32-bit integer formula.
  int32_t t_fine = 0;
  EXPECT_EQ(Bmp280::compensate_temperature(519888, Bmp280::kExampleTrimming, t_fine), 2508);
  EXPECT_EQ(t_fine, 128422);
  const uint32_t p = Bmp280::compensate_pressure(415148, t_fine, Bmp280::kExampleTrimming);
  EXPECT_NEAR(double(p), 100653.0, 5.0);
}

TEST_F(Bmp280Fixture, DataReadsSkippedUntilMeasuring) {
  EXPECT_EQ(raw(0xfa), 0x80000);
  EXPECT_EQ(raw(0xf7), 0x80000);
}

TEST_F(Bmp280Fixture, NormalModeRawValuesCompensateToTheSetConditions) {
  ASSERT_TRUE(write({0xf4, (5u << 5) | (5u << 2) | 3u}));  // x16, x16, normal
  sensor.set_temperature_centi(2150);
  sensor.set_pressure_pa(98765);
  const int32_t adc_t = raw(0xfa), adc_p = raw(0xf7);
  int32_t t_fine = 0;
  EXPECT_EQ(Bmp280::compensate_temperature(adc_t, Bmp280::kExampleTrimming, t_fine), 2150);
  EXPECT_NEAR(double(Bmp280::compensate_pressure(adc_p, t_fine, Bmp280::kExampleTrimming)), 98765.0,
              2.0);
  EXPECT_EQ(read(0xf4, 1)[0] & 3, 3);  // stays in normal mode
}

TEST_F(Bmp280Fixture, ForcedModeMeasuresOnceAndSleeps) {
  sensor.set_temperature_centi(-1234);
  ASSERT_TRUE(write({0xf4, (1u << 5) | (1u << 2) | 1u}));
  EXPECT_EQ(read(0xf4, 1)[0] & 3, 0);
  const int32_t adc_t = raw(0xfa);
  EXPECT_EQ(adc_t & 0xf, 0);  // x1 oversampling: 16-bit resolution
  int32_t t_fine = 0;
  EXPECT_NEAR(Bmp280::compensate_temperature(adc_t, Bmp280::kExampleTrimming, t_fine), -1234, 3);
}

TEST_F(Bmp280Fixture, WritesArePairsOfRegisterAndData) {
  ASSERT_TRUE(write({0xf5, 0x90, 0xf4, 0x27}));
  EXPECT_EQ(read(0xf4, 2), (std::vector<uint8_t>{0x27, 0x90}));
}

TEST_F(Bmp280Fixture, ResetWordRestoresPowerOnValues) {
  ASSERT_TRUE(write({0xf4, 0x27, 0xf5, 0x10}));
  ASSERT_TRUE(write({0xe0, 0xb6}));
  EXPECT_EQ(read(0xf4, 2), (std::vector<uint8_t>{0x00, 0x00}));
  EXPECT_EQ(raw(0xfa), 0x80000);
}

TEST_F(Bmp280Fixture, ConditionsAreClampedToTheOperatingRange) {
  sensor.set_temperature_centi(20000);
  sensor.set_pressure_pa(1);
  EXPECT_EQ(sensor.temperature_centi(), Bmp280::kMaxTemperature);
  EXPECT_EQ(sensor.pressure_pa(), Bmp280::kMinPressure);
}
