// The virtual board window (DESIGN.md "Who uses it": `vpico board`): an SDL2 + Dear ImGui
// window showing the Pico with its LED and the level of every pin, a serial terminal per port
// (the REPL), and the machine's virtual time, clock and speed. It only presents and forwards the
// user's input (typed text, a pad pressed to ground with the mouse) to the Machine; it decides
// nothing about the machine's behaviour.
//
// Time: in real-time mode each frame runs the machine up to the virtual time that corresponds to
// the wall clock (pacing only; the machine never reads the clock), bounded per frame so the
// window stays responsive when the host is slower than the board. With `exit_after_ns` the run is
// deterministic instead: every frame advances a fixed `frame_ns` of virtual time, so a screenshot
// taken at the end shows the same picture on every run (the GUI's own test).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "machine.h"
#include "result.h"

namespace vpico::peripherals {
class Board;
}

namespace vpico::gui {

struct BoardWindowOptions {
  std::string title = "vpico - Raspberry Pi Pico";
  int width = 1280;
  int height = 800;
  bool realtime = true;  // false: as fast as the host goes
  // Close the window after this much virtual time from now (and write the screenshot).
  std::optional<uint64_t> exit_after_ns;
  uint64_t frame_ns = 16'666'667;       // virtual time per frame when not in real time
  std::string screenshot;               // a PNG of the last frame, written when the window closes
  peripherals::Board* board = nullptr;  // the parts wired to the Pico (attached), if any
};

struct BoardWindowResult {
  RunResult last_run{};  // how the machine's last run ended
  bool fault = false;    // the firmware faulted (the window showed it)
  uint64_t frames = 0;
};

// Opens the window and runs `machine` until the user closes it (or exit_after_ns passes).
// Errors: no display, no OpenGL, the screenshot could not be written.
Result<BoardWindowResult> run_board_window(Machine& machine, const BoardWindowOptions& options);

}  // namespace vpico::gui
