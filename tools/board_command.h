// `vpico board`: the firmware in the virtual board window (gui/board_window.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace vpico::cli {

struct BoardOptions {
  std::string image;
  std::string speed = "realtime";
  std::optional<uint64_t> exit_after_ms;
  std::string screenshot;
  int width = 1280;
  int height = 800;
  bool quiet = false;
  std::string board;  // a board file
};

void add_board_command(CLI::App& app, BoardOptions& options, int& exit_status);
int board_command(const BoardOptions& options);

}  // namespace vpico::cli
