#include "pico_layout.h"

namespace vpico::gui {

namespace {

// Raspberry Pi Pico datasheet, "Pinout" figure: physical pins 1..40.
constexpr std::array<EdgePin, PicoLayout::kPinCount> kPins{{
    {1, "GP0", 0},    {2, "GP1", 1},      {3, "GND", -1},   {4, "GP2", 2},    {5, "GP3", 3},
    {6, "GP4", 4},    {7, "GP5", 5},      {8, "GND", -1},   {9, "GP6", 6},    {10, "GP7", 7},
    {11, "GP8", 8},   {12, "GP9", 9},     {13, "GND", -1},  {14, "GP10", 10}, {15, "GP11", 11},
    {16, "GP12", 12}, {17, "GP13", 13},   {18, "GND", -1},  {19, "GP14", 14}, {20, "GP15", 15},
    {21, "GP16", 16}, {22, "GP17", 17},   {23, "GND", -1},  {24, "GP18", 18}, {25, "GP19", 19},
    {26, "GP20", 20}, {27, "GP21", 21},   {28, "GND", -1},  {29, "GP22", 22}, {30, "RUN", -1},
    {31, "GP26", 26}, {32, "GP27", 27},   {33, "AGND", -1}, {34, "GP28", 28}, {35, "ADC_VREF", -1},
    {36, "3V3", -1},  {37, "3V3_EN", -1}, {38, "GND", -1},  {39, "VSYS", -1}, {40, "VBUS", -1},
}};

// Pads sit 1.61 mm in from the long edges, on a 2.54 mm pitch from 1.37 mm below the top edge
// (where the USB connector is).
constexpr float kWidthMm = 21.0f, kHeightMm = 51.0f;
constexpr float kPadInsetMm = 1.61f, kFirstPadMm = 1.37f, kPitchMm = 2.54f;

}  // namespace

PicoLayout::PicoLayout(Vec2 origin, float scale) : m_origin(origin), m_scale(scale) {}

const std::array<EdgePin, PicoLayout::kPinCount>& PicoLayout::pins() {
  return kPins;
}

Vec2 PicoLayout::pad_center(int number) const {
  const bool left = number <= 20;
  const int row = left ? number - 1 : 40 - number;  // pin 40 is at the top right
  const float x = left ? kPadInsetMm : kWidthMm - kPadInsetMm;
  return mm(x, kFirstPadMm + kPitchMm * static_cast<float>(row));
}

Rect PicoLayout::board() const {
  return {mm(0, 0), mm(kWidthMm, kHeightMm)};
}
Rect PicoLayout::usb_connector() const {
  return {mm(6.5f, -1.3f), mm(14.5f, 4.2f)};
}
Rect PicoLayout::led() const {
  return {mm(4.2f, 5.0f), mm(6.0f, 7.6f)};
}
Rect PicoLayout::chip() const {
  return {mm(7.0f, 21.0f), mm(14.0f, 28.0f)};
}
Rect PicoLayout::bootsel() const {
  return {mm(8.6f, 10.5f), mm(12.4f, 14.5f)};
}

std::optional<int> PicoLayout::pin_at(Vec2 p) const {
  const float r = pad_radius() * 1.3f;  // a little generous: pads are small targets
  for (const EdgePin& pin : kPins) {
    const Vec2 c = pad_center(pin.number);
    const float dx = p.x - c.x, dy = p.y - c.y;
    if (dx * dx + dy * dy <= r * r) return pin.number;
  }
  return std::nullopt;
}

std::optional<int> PicoLayout::pin_of_gpio(int gpio) {
  for (const EdgePin& pin : kPins)
    if (pin.gpio == gpio) return pin.number;
  return std::nullopt;
}

}  // namespace vpico::gui
