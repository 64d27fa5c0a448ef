#include "board_colours.h"

#include <algorithm>

namespace vpico::gui {

namespace {

uint32_t blend(uint32_t a, uint32_t b, double t) {
  t = std::clamp(t, 0.0, 1.0);
  uint32_t out = 0xff000000u;
  for (int shift = 0; shift < 24; shift += 8) {
    const double ca = (a >> shift) & 0xff, cb = (b >> shift) & 0xff;
    out |= uint32_t(ca + (cb - ca) * t + 0.5) << shift;
  }
  return out;
}

}  // namespace

uint32_t led_colour(double brightness) {
  return blend(BoardColours::kLedOff, BoardColours::kLedOn, brightness);
}

uint32_t part_led_full_colour(std::string_view colour) {
  if (colour == "green") return rgb(64, 255, 64);
  if (colour == "blue") return rgb(64, 128, 255);
  if (colour == "yellow") return rgb(255, 230, 32);
  if (colour == "orange") return rgb(255, 140, 0);
  if (colour == "white") return rgb(255, 255, 255);
  if (colour == "purple") return rgb(200, 64, 255);
  return rgb(255, 40, 40);
}

uint32_t part_led_colour(std::string_view colour, double brightness) {
  return blend(rgb(48, 40, 40), part_led_full_colour(colour), brightness);
}

uint32_t pad_colour(double duty) {
  return blend(BoardColours::kPadLow, BoardColours::kPadHigh, duty);
}

}  // namespace vpico::gui
