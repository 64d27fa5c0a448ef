// `vpico profile`: run firmware with the cycle profiler attached and report where the cycles
// went, per C function and per call stack (emulator/profiler.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace vpico::cli {

struct ProfileOptions {
  std::string image;
  std::optional<std::string> until_serial;
  std::optional<uint64_t> timeout_ms;
  std::optional<uint64_t> cycles;
  std::string script;  // a Python script run through the firmware's raw REPL (vpy, MicroPython)
  std::string folded;  // folded stacks written here
  size_t top = 25;
  bool show_serial = false;
};

void add_profile_command(CLI::App& app, ProfileOptions& options, int& exit_status);
int profile_command(const ProfileOptions& options);

}  // namespace vpico::cli
