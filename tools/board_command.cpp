#include "board_command.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "board.h"
#include "board_window.h"
#include "loader/image.h"
#include "machine.h"
#include "run_command.h"

namespace vpico::cli {

void add_board_command(CLI::App& app, BoardOptions& o, int& exit_status) {
  CLI::App* board = app.add_subcommand(
      "board",
      "Run firmware in the virtual board window: the Pico with its LED and pins, a serial "
      "terminal per port (the REPL), virtual time and speed. Click a GPIO pad to hold it to "
      "ground.");
  board->add_option("image", o.image,
                    "Firmware image (UF2, ELF or BIN); default: vpico's own firmware (vpy)");
  board->add_option("--speed", o.speed, "realtime or max (as fast as the host goes)")
      ->check(CLI::IsMember({"realtime", "max"}));
  board
      ->add_option("--exit-after-ms", o.exit_after_ms,
                   "Close the window after this much virtual time; each frame then advances a "
                   "fixed 1/60 s of virtual time, so the picture is the same on every run")
      ->type_name("MS");
  board
      ->add_option("--screenshot", o.screenshot,
                   "Write a PNG of the last frame when the window closes")
      ->type_name("FILE.png");
  board->add_option("--width", o.width, "Window width in pixels")->check(CLI::Range(640, 8192));
  board->add_option("--height", o.height, "Window height in pixels")->check(CLI::Range(480, 8192));
  board
      ->add_option("--board", o.board,
                   "A board file (Wokwi's diagram.json shape): its parts show in the window")
      ->type_name("FILE.json");
  board->add_flag("-q,--quiet", o.quiet, "Do not print warnings about unmodelled registers");
  board->callback([&o, &exit_status] { exit_status = board_command(o); });
}

int board_command(const BoardOptions& o) {
  const std::string path = o.image.empty() ? default_firmware_path() : o.image;
  auto image = load_image(path);
  if (!image) {
    fmt::print(stderr, "vpico: {}\n", image.error().message);
    return kExitBadInput;
  }
  std::unique_ptr<peripherals::Board> parts;  // outlives the machine
  if (!o.board.empty()) {
    auto loaded = peripherals::Board::load(o.board);
    if (!loaded) {
      fmt::print(stderr, "vpico: {}\n", loaded.error().message);
      return kExitBadInput;
    }
    parts = std::move(*loaded);
  }
  auto created = Machine::create();
  if (!created) {
    fmt::print(stderr, "vpico: {}\n", created.error().message);
    return kExitBadInput;
  }
  Machine& m = **created;
  if (!o.quiet)
    m.diagnostics().on_warning = [](const std::string& w) {
      fmt::print(stderr, "vpico: warning: {}\n", w);
    };
  if (auto r = m.load(*image); !r) {
    fmt::print(stderr, "vpico: {}\n", r.error().message);
    return kExitBadInput;
  }
  if (parts) {
    if (auto r = parts->attach(m); !r) {
      fmt::print(stderr, "vpico: {}\n", r.error().message);
      return kExitBadInput;
    }
  }
  if (auto r = m.reset(); !r) {
    fmt::print(stderr, "vpico: {}: cannot boot: {}\n", path, r.error().message);
    return kExitFault;
  }
  gui::BoardWindowOptions w;
  w.width = o.width;
  w.height = o.height;
  w.realtime = o.speed == "realtime";
  if (o.exit_after_ms) w.exit_after_ns = *o.exit_after_ms * 1'000'000ull;
  w.screenshot = o.screenshot;
  w.board = parts.get();
  auto r = gui::run_board_window(m, w);
  if (!r) {
    fmt::print(stderr, "vpico board: {}\n", r.error().message);
    return kExitBadInput;
  }
  if (r->fault) {
    if (r->last_run.fault)
      fmt::print(stderr, "vpico: fault on core {} at PC 0x{:08x}: {}\n", r->last_run.fault->core,
                 r->last_run.fault->pc, r->last_run.fault->message);
    return kExitFault;
  }
  return kExitOk;
}

}  // namespace vpico::cli
