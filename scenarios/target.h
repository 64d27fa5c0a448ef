// Target: what the scenario runner drives (DESIGN.md "Scenarios": one transport interface).
// Two kinds exist: the emulated Pico (emulated_target.h: virtual time, pins, board parts) and a
// real board behind its serial port (serial_device_target.h: wall-clock time, serial only).
// Another transport (a probe board that sees pins, a remote simulator) is one more subclass.
//
// BoardParts: what a board file gives a scenario, kept to two calls so that whichever board
// model the build has can be adapted to it (the runner is given a factory; see BoardFactory).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "result.h"
#include "scenario.h"

namespace vpico {
class Machine;
}

namespace vpico::scenarios {

// The parts of a board file (LEDs, buttons, potentiometers, sensors) wired to the machine.
class BoardParts {
 public:
  virtual ~BoardParts() = default;
  // A control of a part, with Wokwi's names: a button's "pressed" (0/1), a potentiometer's
  // "position" (0..1), a sensor's "temperature" ... An unknown part or control is an error.
  virtual Result<void> set_control(const std::string& part_id, const std::string& control,
                                   double value) = 0;
  // The digital level at a part's pin (an LED's "A", a button's "1.l").
  virtual Result<bool> pin_level(const std::string& part_id, const std::string& pin) = 0;
};

// Builds the parts of `board_file` and wires them to `machine`. The parts must stay usable for
// as long as the machine lives (the target destroys the machine first).
using BoardFactory = std::function<Result<std::unique_ptr<BoardParts>>(
    const std::filesystem::path& board_file, Machine& machine)>;

// What one run of the target waits for; it stops at the first that holds.
struct Until {
  struct Serial {
    std::string port;
    std::string text;
    size_t from = 0;  // search the port's output from this offset (the runner's cursor)
  };
  std::optional<Serial> serial;
  std::optional<PinRef> pin;  // with pin_value
  bool pin_value = false;
};

enum class RunEnd {
  Met,      // the Until condition holds (size_t match offset in RunOutcome::match_at)
  Timeout,  // the time given ran out (for a delay: success)
  Idle,     // nothing can ever happen again (every core asleep, nothing scheduled)
  Fault,    // the firmware faulted (detail says how)
  Error,    // the transport failed (detail)
};

struct RunOutcome {
  RunEnd end = RunEnd::Timeout;
  size_t match_at = 0;  // for a serial match: offset of the text in the port's output
  std::string detail;
};

class Target {
 public:
  virtual ~Target() = default;
  // "emulated vpy-rp2040.elf", "board on /dev/ttyACM0".
  virtual std::string description() const = 0;
  // Whether the target sees and drives pins and parts; when not, such steps are skipped.
  virtual bool has_pins() const = 0;
  // Time since the scenario started: virtual (emulated) or wall-clock (a real board).
  virtual uint64_t now_ns() const = 0;

  // Everything `port` has sent since the scenario started.
  virtual const std::string& serial_output(const std::string& port) = 0;
  virtual Result<void> write_serial(const std::string& port, std::string_view bytes) = 0;
  // Runs (or, for a board, listens) until `until` holds or `timeout_ns` has passed. With an
  // empty `until` it is a delay and ends with Timeout.
  virtual RunOutcome run(const Until& until, uint64_t timeout_ns) = 0;

  // Pins and parts (only called when has_pins()).
  virtual Result<bool> read_pin(const PinRef& pin) = 0;
  virtual Result<void> set_pin(unsigned gpio, std::optional<bool> level) = 0;
  virtual Result<void> set_control(const std::string& part, const std::string& control,
                                   double value) = 0;

  // Failure artefacts beyond the serial logs and the step log the runner writes: the place for
  // a VCD of the pins and a tail of the executed instructions once those exist. Files go into
  // `dir` (which exists).
  virtual void write_artefacts(const std::filesystem::path& dir) { (void)dir; }
};

}  // namespace vpico::scenarios
