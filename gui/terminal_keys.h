// What a serial terminal sends for a key: the board window's terminals forward the keyboard to
// the firmware as picocom or a PC's terminal would.
#pragma once

#include <SDL_events.h>

#include <string>

namespace vpico::gui {

// The bytes for a key press or typed text (VT100 keys; Ctrl-letter as its control code: Ctrl-C
// interrupts, Ctrl-D soft-resets, Ctrl-E pastes on a MicroPython REPL); empty for other events.
std::string key_bytes(const SDL_Event& event);

}  // namespace vpico::gui
