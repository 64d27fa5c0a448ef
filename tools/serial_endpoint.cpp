#include "serial_endpoint.h"

#include <fmt/format.h>

namespace vpico::cli {

Result<SerialSpec> parse_serial_spec(const std::string& text) {
  SerialSpec spec;
  std::string rest = text;
  for (const char* port : {"uart0", "uart1", "usb"}) {
    if (rest == port) {  // a port alone: on this terminal
      spec.port = port;
      spec.endpoint = "stdio";
      return spec;
    }
    std::string prefix = std::string(port) + ":";
    if (rest.rfind(prefix, 0) == 0) {
      spec.port = port;
      rest = rest.substr(prefix.size());
      break;
    }
  }
  if (rest == "stdio" || rest == "pty") {
    spec.endpoint = rest;
    return spec;
  }
  if (rest.rfind("tcp:", 0) == 0) {
    const std::string digits = rest.substr(4);
    unsigned long n = 0;
    bool ok = !digits.empty() && digits.size() <= 5 &&
              digits.find_first_not_of("0123456789") == std::string::npos &&
              (n = std::stoul(digits)) <= 65535;
    if (!ok)
      return make_error(
          fmt::format("--serial {}: '{}' is not a TCP port number (0-65535)", text, digits));
    spec.endpoint = "tcp";
    spec.tcp_port = static_cast<uint16_t>(n);
    return spec;
  }
  return make_error(fmt::format(
      "--serial {}: unknown endpoint '{}' (expected [uart0:|uart1:|usb:]stdio|pty|tcp:PORT)", text,
      rest));
}

}  // namespace vpico::cli
