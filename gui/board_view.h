// Draws the Pico (board, USB connector, RP2040, LED, the 40 edge pads with their labels) with the
// level of each pad as Pins resolves it, in the colours of board_colours.h.
#pragma once

#include <cstdint>

#include "board_colours.h"
#include "pico_layout.h"

struct ImDrawList;

namespace vpico {
class Pins;
}

namespace vpico::gui {

void draw_pico(ImDrawList* draw, const PicoLayout& layout, const Pins& pins,
               int pressed_pin /* physical pin held by the mouse, or 0 */);

}  // namespace vpico::gui
