#include "board_view.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "pins.h"

namespace vpico::gui {

namespace {

ImVec2 iv(Vec2 v) {
  return ImVec2(v.x, v.y);
}

}  // namespace

void draw_pico(ImDrawList* draw, const PicoLayout& layout, const Pins& pins, int pressed_pin) {
  const Rect board = layout.board();
  draw->AddRectFilled(iv(board.min), iv(board.max), BoardColours::kBoard, 6.0f);
  const Rect usb = layout.usb_connector();
  draw->AddRectFilled(iv(usb.min), iv(usb.max), rgb(190, 190, 196), 2.0f);
  const Rect chip = layout.chip();
  draw->AddRectFilled(iv(chip.min), iv(chip.max), rgb(24, 24, 24), 2.0f);
  draw->AddText(ImVec2(chip.min.x + 6, chip.center().y - 7), rgb(200, 200, 200), "RP2040");
  const Rect boot = layout.bootsel();
  draw->AddRectFilled(iv(boot.min), iv(boot.max), rgb(230, 230, 230), 2.0f);

  // The LED follows GPIO25's duty, so PWM dimming shows.
  const Rect led = layout.led();
  draw->AddRectFilled(iv(led.min), iv(led.max), led_colour(pins.duty(PicoLayout::kLedGpio)), 1.0f);
  draw->AddText(ImVec2(led.max.x + 4, led.min.y), rgb(220, 220, 220), "LED");

  const float r = layout.pad_radius();
  for (const EdgePin& pin : PicoLayout::pins()) {
    const Vec2 c = layout.pad_center(pin.number);
    uint32_t fill;
    if (pin.gpio >= 0)
      fill = pad_colour(pins.duty(unsigned(pin.gpio)));
    else if (pin.name == "GND" || pin.name == "AGND")
      fill = BoardColours::kPadGround;
    else if (pin.name == "3V3" || pin.name == "VSYS" || pin.name == "VBUS")
      fill = BoardColours::kPadPower;
    else
      fill = BoardColours::kPadOther;
    draw->AddCircleFilled(iv(c), r * 1.35f, rgb(212, 175, 55), 20);  // the ring
    draw->AddCircleFilled(iv(c), r, fill, 20);
    if (pin.gpio >= 0 && pins.chip_drives(unsigned(pin.gpio)))  // an output: a white rim
      draw->AddCircle(iv(c), r * 1.35f, rgb(255, 255, 255), 20, 1.5f);
    if (pin.number == pressed_pin) draw->AddCircle(iv(c), r * 1.8f, rgb(80, 160, 255), 20, 2.0f);

    const std::string label(pin.name);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const ImVec2 at = layout.pin_on_left(pin.number)
                          ? ImVec2(board.min.x - 6.0f - size.x, c.y - size.y / 2)
                          : ImVec2(board.max.x + 6.0f, c.y - size.y / 2);
    draw->AddText(at, pin.gpio >= 0 ? rgb(230, 230, 230) : rgb(150, 150, 150), label.c_str());
  }
}

}  // namespace vpico::gui
