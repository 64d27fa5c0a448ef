// `--serial [PORT:]pty`: a pseudo-terminal whose other end (printed as /dev/pts/N) a terminal
// program, pyboard.py or mpremote opens like a board's serial port.
#pragma once

#include <string>

#include <memory>

#include "host_endpoint.h"
#include "result.h"

namespace vpico::cli {

class PtyEndpoint : public HostEndpoint {
 public:
  static Result<std::unique_ptr<PtyEndpoint>> open();
  PtyEndpoint(int master, int slave, std::string path)
      : m_master(master), m_slave(slave), m_path(std::move(path)) {}
  PtyEndpoint(const PtyEndpoint&) = delete;
  PtyEndpoint& operator=(const PtyEndpoint&) = delete;
  ~PtyEndpoint() override;

  std::string where() const override { return m_path; }
  void flush() override;
  void pump_into(SerialPort& port) override;

 private:
  int m_master = -1;
  int m_slave = -1;  // kept open, so the master reads nothing (not EIO) while no one is connected
  std::string m_path;
};

}  // namespace vpico::cli
