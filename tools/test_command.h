// `vpico test`: runs scenario files (scenarios/README.md), each in its own process, and reports
// PASS/FAIL/ERROR per scenario, a summary, JUnit XML and failure artefacts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "target.h"

namespace CLI {
class App;
}

namespace vpico::cli {

struct TestOptions {
  std::vector<std::string> paths;  // .yaml files or folders (searched recursively)
  unsigned jobs = 1;
  std::string junit;      // JUnit XML file to write
  std::string artifacts;  // folder for failure artefacts, one subfolder per scenario
  std::string target;     // a real board's serial device; empty: the emulator
  unsigned baud = 115200;
  double timeout_scale = 1.0;
  double host_timeout_s = 600;   // wall-clock last resort per scenario
  bool verbose = false;          // print every scenario's step log
  std::string default_firmware;  // empty: default_firmware_path()
  // Builds a scenario's `board:` parts; empty: peripherals' board files (default_board_factory).
  scenarios::BoardFactory board_factory;
};

// The board model this build wires scenarios' `board:` files with (none yet).
scenarios::BoardFactory default_board_factory();

void add_test_command(CLI::App& app, TestOptions& options, int& exit_status);
// 0 when every scenario passed, 1 otherwise (a failure, an error, or no scenario at all).
int test_command(const TestOptions& options);

}  // namespace vpico::cli
