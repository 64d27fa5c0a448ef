// The Raspberry Pi Pico as the board window draws it: its 40 edge pins in physical order, where
// each sits on the drawing, and where the LED is (Raspberry Pi Pico datasheet, "Pinout": pin 1
// at the top left next to the USB connector, 1..20 down the left edge, 21..40 up the right).
// Pure geometry, no drawing: the window and the tests share it.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace vpico::gui {

struct Vec2 {
  float x = 0, y = 0;
};

struct Rect {
  Vec2 min, max;
  bool contains(Vec2 p) const { return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y; }
  Vec2 center() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
};

struct EdgePin {
  int number;             // physical pin, 1..40
  std::string_view name;  // "GP0", "GND", "3V3", ...
  int gpio;               // 0..28, or -1 for power, ground and control pins
};

class PicoLayout {
 public:
  static constexpr int kPinCount = 40;
  // The GPIOs that reach no edge pin on a Pico: GP23 (SMPS mode), GP24 (VBUS sense), GP25 (the
  // LED), GP29 (VSYS/3 on ADC3).
  static constexpr std::array<int, 4> kInternalGpios{23, 24, 25, 29};
  static constexpr int kLedGpio = 25;

  // The board drawn with its top-left corner at `origin`, `scale` pixels per millimetre (the
  // Pico is 21 x 51 mm).
  explicit PicoLayout(Vec2 origin = {24, 40}, float scale = 9.0f);

  static const std::array<EdgePin, kPinCount>& pins();
  // The pin's pad (a circle of radius pad_radius() around this centre).
  Vec2 pad_center(int number) const;
  float pad_radius() const { return 0.85f * m_scale; }
  Rect board() const;
  Rect usb_connector() const;
  Rect led() const;
  Rect chip() const;
  Rect bootsel() const;
  // The edge pin whose pad is under `p`, if any.
  std::optional<int> pin_at(Vec2 p) const;
  // The edge pin carrying a GPIO, or nullopt for GP23..25 and GP29.
  static std::optional<int> pin_of_gpio(int gpio);
  bool pin_on_left(int number) const { return number <= 20; }

 private:
  Vec2 mm(float x, float y) const { return {m_origin.x + x * m_scale, m_origin.y + y * m_scale}; }
  Vec2 m_origin;
  float m_scale;
};

}  // namespace vpico::gui
