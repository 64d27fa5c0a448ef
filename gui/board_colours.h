// The board window's colours. They are part of its contract: the GUI test checks them in a
// screenshot.
#pragma once

#include <cstdint>
#include <string_view>

namespace vpico::gui {

// An opaque colour in ImGui's IM_COL32 byte order (0xAABBGGRR).
constexpr uint32_t rgb(uint8_t r, uint8_t g, uint8_t b) {
  return 0xff000000u | (uint32_t(b) << 16) | (uint32_t(g) << 8) | r;
}

struct BoardColours {
  static constexpr uint32_t kBoard = rgb(0, 104, 56);
  static constexpr uint32_t kPadHigh = rgb(255, 72, 32);
  static constexpr uint32_t kPadLow = rgb(36, 36, 48);
  static constexpr uint32_t kPadGround = rgb(0, 0, 0);
  static constexpr uint32_t kPadPower = rgb(200, 40, 40);
  static constexpr uint32_t kPadOther = rgb(120, 120, 120);
  static constexpr uint32_t kLedOff = rgb(40, 56, 40);
  static constexpr uint32_t kLedOn = rgb(80, 255, 96);
};

// A board-file LED's colour (Wokwi's attrs.color: red, green, blue, yellow, orange, white,
// purple; others are red) at a brightness 0..1: from dark to fully lit.
uint32_t part_led_colour(std::string_view colour, double brightness);
uint32_t part_led_full_colour(std::string_view colour);

// The LED's colour at a brightness 0..1 (the duty of GPIO25).
uint32_t led_colour(double brightness);
// A GPIO pad's fill: low/high blended by the fraction of time it is high.
uint32_t pad_colour(double duty);

}  // namespace vpico::gui
