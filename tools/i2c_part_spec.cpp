#include "i2c_part_spec.h"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace vpico::cli {

namespace {
// A whole-string number (decimal, or hex with 0x); false when `s` is not one.
bool parse_number(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    out = double(std::strtoul(s.c_str() + 2, &end, 16));
  else
    out = std::strtod(s.c_str(), &end);
  return end && *end == '\0' && std::isfinite(out);
}
}  // namespace

Result<I2cPartSpec> parse_i2c_part_spec(const std::string& text) {
  auto bad = [&](const std::string& why) {
    return make_error(fmt::format(
        "--i2c-part {}: {} (expected bmp280[@ADDR][:sda=N,scl=N,t=DEGC,p=PA])", text, why));
  };
  I2cPartSpec spec;
  const size_t colon = text.find(':');
  std::string head = text.substr(0, colon);
  const size_t at = head.find('@');
  spec.kind = head.substr(0, at);
  if (spec.kind != "bmp280") return bad(fmt::format("unknown part '{}'", spec.kind));
  if (at != std::string::npos) {
    double a = 0;
    if (!parse_number(head.substr(at + 1), a) || a < 0x08 || a > 0x77 || a != std::floor(a))
      return bad(fmt::format("'{}' is not a 7-bit address (0x08..0x77)", head.substr(at + 1)));
    spec.address = uint8_t(a);
  }
  if (colon == std::string::npos) return spec;
  std::string rest = text.substr(colon + 1);
  size_t pos = 0;
  while (pos <= rest.size()) {
    const size_t comma = rest.find(',', pos);
    const std::string item = rest.substr(pos, comma == std::string::npos ? comma : comma - pos);
    const size_t eq = item.find('=');
    double v = 0;
    if (eq == std::string::npos || !parse_number(item.substr(eq + 1), v))
      return bad(fmt::format("'{}' is not KEY=NUMBER", item));
    const std::string key = item.substr(0, eq);
    if (key == "sda" || key == "scl") {
      if (v < 0 || v > 29 || v != std::floor(v)) return bad(fmt::format("no GPIO '{}'", item));
      (key == "sda" ? spec.sda : spec.scl) = unsigned(v);
    } else if (key == "t") {
      spec.temperature_centi = int32_t(std::lround(v * 100));
    } else if (key == "p") {
      if (v < 0) return bad(fmt::format("'{}' is not a pressure", item));
      spec.pressure_pa = uint32_t(std::lround(v));
    } else {
      return bad(fmt::format("unknown key '{}'", key));
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return spec;
}

}  // namespace vpico::cli
