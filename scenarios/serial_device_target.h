// SerialDeviceTarget: a scenario's serial steps against a real board through its serial port
// (a USB CDC tty such as /dev/ttyACM0, or a USB-serial adapter on the board's UART). Time is the
// host's wall clock: a delay sleeps, a wait listens until its timeout. The board has one port,
// so every port a step names (uart0, usb, ...) is this one. Pins are not visible: the runner
// skips steps that need them, with a note. The image is whatever the board has in flash: the
// scenario's `firmware:` is not used.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "target.h"

namespace vpico::scenarios {

class SerialDeviceTarget : public Target {
 public:
  // Opens `device` raw (8N1, no echo, no line editing) at `baud` (a CDC-ACM port ignores it).
  static Result<std::unique_ptr<SerialDeviceTarget>> open(const std::string& device,
                                                          unsigned baud = 115200);
  ~SerialDeviceTarget() override;

  std::string description() const override { return "board on " + m_device; }
  bool has_pins() const override { return false; }
  uint64_t now_ns() const override;
  const std::string& serial_output(const std::string& port) override;
  Result<void> write_serial(const std::string& port, std::string_view bytes) override;
  RunOutcome run(const Until& until, uint64_t timeout_ns) override;
  Result<bool> read_pin(const PinRef& pin) override;
  Result<void> set_pin(unsigned gpio, std::optional<bool> level) override;
  Result<void> set_control(const std::string& part, const std::string& control,
                           double value) override;

 private:
  SerialDeviceTarget() = default;
  // Reads what has arrived, waiting at most `wait_ms` for the first byte. False on a read error
  // (the board went away).
  bool pump(int wait_ms);

  std::string m_device;
  int m_fd = -1;
  std::string m_output;
  std::string m_error;
  std::chrono::steady_clock::time_point m_start;
};

}  // namespace vpico::scenarios
