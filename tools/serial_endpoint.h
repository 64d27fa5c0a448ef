// Serial endpoints of the vpico command line: `--serial [uart0:|uart1:|usb:]ENDPOINT`.
#pragma once

#include <cstdint>
#include <string>

#include "result.h"

namespace vpico::cli {

struct SerialSpec {
  std::string port = "uart0";  // uart0, uart1, usb
  std::string endpoint;        // stdio, pty, tcp
  uint16_t tcp_port = 0;       // for tcp (0: any free port)
};

Result<SerialSpec> parse_serial_spec(const std::string& text);

}  // namespace vpico::cli
