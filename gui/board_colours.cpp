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

uint32_t pad_colour(double duty) {
  return blend(BoardColours::kPadLow, BoardColours::kPadHigh, duty);
}

}  // namespace vpico::gui
