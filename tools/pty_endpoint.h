// `--serial [PORT:]pty`: a pseudo-terminal whose other end (printed as /dev/pts/N) a terminal
// program, pyboard.py or mpremote opens like a board's serial port.
#pragma once

#include <string>

#include "result.h"
#include "serial_port.h"

namespace vpico::cli {

class PtyEndpoint {
 public:
  static Result<PtyEndpoint> open();
  PtyEndpoint(PtyEndpoint&& other) noexcept;
  PtyEndpoint& operator=(PtyEndpoint&&) = delete;
  ~PtyEndpoint();

  const std::string& path() const { return m_path; }
  // Device output waits here until flush() (called at quantum boundaries).
  void queue(uint8_t byte) { m_out.push_back(char(byte)); }
  void flush();
  // Moves whatever the other end has written into the port's input.
  void pump_into(SerialPort& port);

 private:
  PtyEndpoint(int master, int slave, std::string path)
      : m_master(master), m_slave(slave), m_path(std::move(path)) {}
  int m_master = -1;
  int m_slave = -1;  // kept open, so the master reads nothing (not EIO) while no one is connected
  std::string m_path;
  std::string m_out;
};

}  // namespace vpico::cli
