#include "pico_layout.h"

#include <gtest/gtest.h>

#include <set>

using namespace vpico::gui;

TEST(PicoLayout, HasTheFortyPinsOfThePicoInPhysicalOrder) {
  const auto& pins = PicoLayout::pins();
  for (int i = 0; i < PicoLayout::kPinCount; ++i)
    EXPECT_EQ(pins[size_t(i)].number, i + 1);
  EXPECT_EQ(pins[0].name, "GP0");
  EXPECT_EQ(pins[2].name, "GND");
  EXPECT_EQ(pins[19].name, "GP15");
  EXPECT_EQ(pins[20].name, "GP16");
  EXPECT_EQ(pins[29].name, "RUN");
  EXPECT_EQ(pins[35].name, "3V3");
  EXPECT_EQ(pins[39].name, "VBUS");
}

TEST(PicoLayout, EveryGpioButTheInternalOnesReachesOneEdgePin) {
  std::set<int> seen;
  for (const EdgePin& p : PicoLayout::pins()) {
    if (p.gpio >= 0) {
      EXPECT_TRUE(seen.insert(p.gpio).second) << p.name;
    }
  }
  for (int gpio = 0; gpio < 30; ++gpio) {
    const bool internal = gpio == 23 || gpio == 24 || gpio == 25 || gpio == 29;
    EXPECT_EQ(PicoLayout::pin_of_gpio(gpio).has_value(), !internal) << gpio;
  }
  EXPECT_EQ(PicoLayout::pin_of_gpio(26), 31);
}

TEST(PicoLayout, PadsRunDownTheLeftAndUpTheRight) {
  const PicoLayout layout({0, 0}, 10.0f);
  EXPECT_LT(layout.pad_center(1).y, layout.pad_center(20).y);
  EXPECT_EQ(layout.pad_center(40).y, layout.pad_center(1).y);  // VBUS opposite GP0
  EXPECT_EQ(layout.pad_center(21).y, layout.pad_center(20).y);
  EXPECT_LT(layout.pad_center(1).x, layout.pad_center(40).x);
  // 2.54 mm pitch.
  EXPECT_NEAR(layout.pad_center(2).y - layout.pad_center(1).y, 25.4f, 1e-3f);
  // All pads on the board.
  for (int n = 1; n <= 40; ++n)
    EXPECT_TRUE(layout.board().contains(layout.pad_center(n))) << n;
}

TEST(PicoLayout, FindsThePadUnderThePointer) {
  const PicoLayout layout({100, 50}, 12.0f);
  for (int n = 1; n <= 40; ++n)
    EXPECT_EQ(layout.pin_at(layout.pad_center(n)), n);
  EXPECT_FALSE(layout.pin_at(layout.chip().center()).has_value());
  EXPECT_FALSE(layout.pin_at({0, 0}).has_value());
}
