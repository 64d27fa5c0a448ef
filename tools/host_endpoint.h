// A serial port's far end on the host other than the terminal: a pseudo-terminal
// (pty_endpoint.h) or a loopback TCP socket (tcp_endpoint.h). vpico's run loop calls flush()
// and pump_into() at each quantum boundary; device output waits in queue() until then.
#pragma once

#include <cstdint>
#include <string>

#include "serial_port.h"

namespace vpico::cli {

class HostEndpoint {
 public:
  virtual ~HostEndpoint() = default;
  // Where a client finds it, e.g. "/dev/pts/3" or "tcp 127.0.0.1:4000".
  virtual std::string where() const = 0;
  void queue(uint8_t byte) { m_out.push_back(char(byte)); }
  virtual void flush() = 0;
  virtual void pump_into(SerialPort& port) = 0;

 protected:
  // Output nobody has read yet; past a megabyte the oldest goes, as a terminal's scrollback.
  void trim_pending() {
    constexpr size_t kMaxPending = 1 << 20;
    if (m_out.size() > kMaxPending) m_out.erase(0, m_out.size() - kMaxPending);
  }
  std::string m_out;
};

}  // namespace vpico::cli
