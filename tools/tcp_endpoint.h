// `--serial [PORT:]tcp:N`: a TCP listener on the loopback interface only (other hosts cannot
// reach the emulated board unless the user forwards it); one client at a time, like a
// serial cable. Port 0 picks a free port; where() names the one in use.
#pragma once

#include <memory>

#include "host_endpoint.h"
#include "result.h"

namespace vpico::cli {

class TcpEndpoint : public HostEndpoint {
 public:
  static Result<std::unique_ptr<TcpEndpoint>> listen(uint16_t port);
  TcpEndpoint(int listener, uint16_t port) : m_listener(listener), m_port(port) {}
  TcpEndpoint(const TcpEndpoint&) = delete;
  TcpEndpoint& operator=(const TcpEndpoint&) = delete;
  ~TcpEndpoint() override;

  std::string where() const override;
  void flush() override;
  void pump_into(SerialPort& port) override;

 private:
  void accept_client();
  void drop_client();
  int m_listener = -1;
  int m_client = -1;
  uint16_t m_port = 0;
};

}  // namespace vpico::cli
