// The parts of a board file (peripherals/board.h) in the board window: each LED lit by its
// brightness in its colour, each control as a widget the user works (a button pressed while the
// mouse holds it, a potentiometer's or a sensor's slider). Only presents and forwards: changes go
// through Part::set_control, as a scenario's set-control does.
#pragma once

namespace vpico::peripherals {
class Board;
}

namespace vpico::gui {

// Draws the rows of the parts inside the current ImGui window.
void draw_parts_panel(peripherals::Board& board);

}  // namespace vpico::gui
