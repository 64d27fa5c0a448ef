// `vpico run`: load an image, run it headless with serial endpoints, report how it ended.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace vpico::cli {

// Exit statuses of `vpico run` (also listed in its --help).
enum ExitStatus : int {
  kExitOk = 0,        // the --until condition was met, or the limit ended a run without one
  kExitBadInput = 1,  // bad options, unreadable or malformed image
  kExitFault = 2,     // the firmware faulted (report on stderr)
  kExitLimit = 3,     // a limit was reached before the --until condition
  kExitIdle = 4,      // every core asleep and nothing scheduled: the condition can never happen
  kExitInterrupted = 130,
};

struct RunOptions {
  std::string image;
  std::vector<std::string> serial;
  std::optional<std::string> until_serial;
  std::optional<uint64_t> cycles;
  std::optional<uint64_t> timeout_ms;
  bool strict = false;
  bool stats = false;
  bool quiet = false;
  std::string speed = "auto";
  std::string flash_file;
  std::string on_fault = "stop";
  uint32_t quantum = 10'000;
  std::vector<std::string> i2c_parts;  // --i2c-part specs (i2c_part_spec.h)
  std::vector<std::string> wires;      // --wire FROM:TO (GPIO numbers)
  std::string board;                   // --board FILE (peripherals/board.h)
  std::string vcd;                     // --vcd FILE: every pin change of the run
  std::optional<uint16_t> gdb_port;    // --gdb PORT: wait for gdb on 127.0.0.1:PORT first
};

void add_run_command(CLI::App& app, RunOptions& options, int& exit_status);
int run_command(const RunOptions& options);
std::string default_firmware_path();

}  // namespace vpico::cli
