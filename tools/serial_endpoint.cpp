#include "serial_endpoint.h"

#include <fmt/format.h>

namespace vpico::cli {

Result<SerialSpec> parse_serial_spec(const std::string& text) {
  SerialSpec spec;
  std::string rest = text;
  for (const char* port : {"uart0", "uart1", "usb"}) {
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
  if (rest.rfind("tcp:", 0) == 0)
    return make_error(fmt::format(
        "--serial {}: endpoint '{}' is not available yet (stdio and pty are)", text, rest));
  return make_error(fmt::format(
      "--serial {}: unknown endpoint '{}' (expected [uart0:|uart1:|usb:]stdio|pty|tcp:PORT)", text,
      rest));
}

}  // namespace vpico::cli
