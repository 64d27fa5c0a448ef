#include "parts_panel.h"

#include <imgui.h>

#include <string>

#include "board.h"
#include "board_colours.h"
#include "led.h"

namespace vpico::gui {

namespace {

void led_row(const peripherals::Led& led, const peripherals::Net& anode,
             const peripherals::Net& cathode) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float r = 8.0f;
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + r, at.y + r), r,
                                              part_led_colour(led.colour(), led.brightness()), 20);
  ImGui::Dummy(ImVec2(2 * r + 4, 2 * r));
  ImGui::SameLine();
  ImGui::Text("%s  %s LED (A: %s, C: %s): %s (%.0f%%)", led.id().c_str(), led.colour().c_str(),
              anode.describe().c_str(), cathode.describe().c_str(), led.lit() ? "lit" : "dark",
              100.0 * led.brightness());
}

}  // namespace

void draw_parts_panel(peripherals::Board& board) {
  for (const auto& part : board.parts()) {
    ImGui::PushID(part->id().c_str());
    if (const auto* led = dynamic_cast<const peripherals::Led*>(part.get())) {
      led_row(*led, board.net_of(led->id(), "A"), board.net_of(led->id(), "C"));
    } else {
      ImGui::Text("%s (%s)", part->id().c_str(), part->type().c_str());
      for (const auto& c : part->controls()) {
        ImGui::SameLine();
        if (c.name == "pressed") {
          // Held down while the mouse holds the button.
          ImGui::Button("press");
          const double want = ImGui::IsItemActive() ? 1.0 : 0.0;
          if (part->control("pressed") != want) (void)part->set_control("pressed", want);
        } else {
          float v = float(part->control(c.name));
          ImGui::SetNextItemWidth(160.0f);
          if (ImGui::SliderFloat(c.name.c_str(), &v, float(c.min), float(c.max), "%.2f"))
            (void)part->set_control(c.name, double(v));
        }
      }
    }
    ImGui::PopID();
  }
}

}  // namespace vpico::gui
