// Jumper wires between pads (Pins::connect): the far end follows the near end's level or
// waveform; loops, self-wires and a second wire into a pin are refused.
#include <gtest/gtest.h>

#include "pins.h"

using namespace vpico;

TEST(PinsWire, FarEndFollowsTheLevelDrivenAtTheNearEnd) {
  Pins pins;
  ASSERT_TRUE(pins.connect(2, 5).ok());
  EXPECT_FALSE(pins.level(5));  // GPIO2 pulled down at reset: so is the wire
  pins.set_chip(2, Pins::ChipDrive{true, true});
  EXPECT_TRUE(pins.level(5));
  pins.set_chip(2, Pins::ChipDrive{true, false});
  EXPECT_FALSE(pins.level(5));
  pins.drive(2, true);  // an outside driver on the near end, the chip released
  pins.set_chip(2, Pins::ChipDrive{});
  EXPECT_TRUE(pins.level(5));
}

TEST(PinsWire, WiresChainAndCarryWaveforms) {
  Pins pins;
  uint64_t now = 0;
  pins.set_clock([&] { return now; });
  ASSERT_TRUE(pins.connect(2, 5).ok());
  ASSERT_TRUE(pins.connect(5, 9).ok());
  Pins::ChipDrive d{true, false};
  d.wave = Waveform::make(100 * Waveform::kSub, 25 * Waveform::kSub, 0);
  pins.set_chip(2, d);
  EXPECT_DOUBLE_EQ(pins.duty(9), 0.25);
  EXPECT_EQ(pins.waveform(9), pins.waveform(2));
  pins.set_chip(2, Pins::ChipDrive{true, true});
  EXPECT_FALSE(pins.waveform(9).active());
  EXPECT_TRUE(pins.level(9));
}

TEST(PinsWire, BadWiresAreRefused) {
  Pins pins;
  EXPECT_FALSE(pins.connect(3, 3).ok());
  EXPECT_FALSE(pins.connect(3, 30).ok());
  ASSERT_TRUE(pins.connect(3, 4).ok());
  EXPECT_FALSE(pins.connect(7, 4).ok());  // a second wire into GPIO4
  ASSERT_TRUE(pins.connect(4, 6).ok());
  EXPECT_FALSE(pins.connect(6, 3).ok());  // 3 -> 4 -> 6 -> 3: a loop
}
