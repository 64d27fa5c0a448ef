// A scenario file (YAML) parsed and checked into typed steps (DESIGN.md "Scenarios").
//
// The file's keys follow Wokwi's automation scenarios (name, version, author, steps; the steps
// delay, wait-serial, write-serial, expect-pin, wait-pin, set-control), so a Wokwi scenario
// runs here as it is; vpico adds firmware, board, serial and timeout at the top, a set-pin step
// and optional timeout/port keys on some steps. Everything is checked before anything runs: an
// unknown key, a bad duration or a pin that does not exist is an error naming the file, the line
// and the step, so a typo never turns into a step that silently does nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "result.h"

namespace vpico::scenarios {

// The id the Pico itself has in a scenario's part-id (as in Wokwi's diagrams).
inline constexpr const char* kPicoPartId = "pico";
// `firmware: vpico:NAME`: an image of vpico's firmware folder.
inline constexpr const char* kBuiltinPrefix = "vpico:";

// A pin as a step names it: a GPIO of the Pico (part "pico", pin "GP25" or "25"), or a pin of a
// part in the board file (resolved by the board at run time).
struct PinRef {
  std::string part = kPicoPartId;
  std::string pin;               // as written
  std::optional<unsigned> gpio;  // set for the Pico's own pins
  bool is_pico() const { return gpio.has_value(); }
  std::string describe() const;  // "pico:GP25", "led1:A"
};

struct DelayStep {
  uint64_t ns = 0;
};
// Runs until `text` appears on `port` after the end of the previous wait-serial match on that
// port (or since the start), or until `timeout_ns` (else the scenario's time runs out).
struct WaitSerialStep {
  std::string text;
  std::string port;
  std::optional<uint64_t> timeout_ns;
};
struct WriteSerialStep {
  std::string bytes;
  std::string port;
};
struct ExpectPinStep {
  PinRef pin;
  bool value = false;
};
struct WaitPinStep {
  PinRef pin;
  bool value = false;
  std::optional<uint64_t> timeout_ns;
};
// vpico's own: drive one of the Pico's pads from outside (as a wire to 3V3/GND would), or
// release it (value z).
struct SetPinStep {
  PinRef pin;
  std::optional<bool> value;  // nullopt: released
};
struct SetControlStep {
  std::string part;
  std::string control;
  double value = 0;
};

using StepAction = std::variant<DelayStep, WaitSerialStep, WriteSerialStep, ExpectPinStep,
                                WaitPinStep, SetPinStep, SetControlStep>;

struct Step {
  StepAction action;
  std::string kind;   // the key as written: "wait-serial"
  std::string name;   // optional `name:` of the step
  unsigned line = 0;  // 1-based line of the step in the file
  // True for steps that need to see or drive pins (skipped on a real board).
  bool needs_pins() const;
  // One line for logs: "wait-serial '>>> ' on uart0".
  std::string describe() const;
};

struct Scenario {
  std::filesystem::path file;  // as given
  std::string name;
  std::string author;
  // Resolved against the file's folder; or, written "vpico:NAME", NAME in vpico's own firmware
  // folder (the images the build makes: vpico:hello.elf), with firmware_builtin set.
  std::optional<std::filesystem::path> firmware;
  bool firmware_builtin = false;
  std::optional<std::filesystem::path> board;  // resolved against the file's folder
  unsigned firmware_line = 0, board_line = 0;  // where they were named, for messages
  std::string serial = "uart0";                // default port of the serial steps
  uint64_t timeout_ns = 30'000'000'000;        // whole scenario, virtual time
  std::vector<Step> steps;

  // "examples/repl.yaml:12" for a step: where messages point.
  std::string where(const Step& step) const;
};

// The serial ports a scenario may name.
bool is_known_port(const std::string& port);

Result<Scenario> parse_scenario_text(const std::string& text, const std::filesystem::path& file);
Result<Scenario> load_scenario(const std::filesystem::path& file);

// "GP25", "GPIO25", "25" -> 25; nullopt for anything else or a pin past GP29.
std::optional<unsigned> parse_pico_pin(const std::string& name);

// Text with control characters shown as escapes ("\r\n" -> "\\r\\n"), for messages.
std::string printable(std::string_view text);

}  // namespace vpico::scenarios
