#include "duration.h"

#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace vpico::scenarios {

Result<uint64_t> parse_duration(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  if (s.empty()) return make_error("empty duration (expected e.g. 500ms, 2s, 10us)");
  if (s.front() == '-') return make_error(fmt::format("negative duration '{}'", text));
  // Digits with at most one decimal point; we accumulate the value exactly as a rational
  // mantissa / 10^decimals so that "0.1s" is exactly 100000000 ns.
  size_t i = 0;
  uint64_t mantissa = 0;
  unsigned decimals = 0;
  bool seen_point = false, seen_digit = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) break;
    seen_digit = true;
    if (mantissa > (UINT64_MAX - 9) / 10)
      return make_error(fmt::format("duration '{}' is too long", text));
    mantissa = mantissa * 10 + uint64_t(c - '0');
    if (seen_point) ++decimals;
  }
  if (!seen_digit)
    return make_error(fmt::format("'{}' is not a duration (expected e.g. 500ms, 2s, 10us)", text));
  std::string_view unit = s.substr(i);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.front())))
    unit.remove_prefix(1);
  if (unit.empty()) {
    if (mantissa == 0) return uint64_t{0};
    return make_error(
        fmt::format("duration '{}' has no unit (write e.g. {}ms or {}s; units: ns, us, ms, s)",
                    text, s.substr(0, i), s.substr(0, i)));
  }
  uint64_t scale = 0;
  std::string lower;
  for (char c : unit)
    lower += char(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "ns")
    scale = 1;
  else if (lower == "us")
    scale = 1'000;
  else if (lower == "ms")
    scale = 1'000'000;
  else if (lower == "s")
    scale = 1'000'000'000;
  else
    return make_error(
        fmt::format("duration '{}': unknown unit '{}' (units: ns, us, ms, s)", text, unit));
  // value = mantissa * scale / 10^decimals, refused when it is not a whole number of ns.
  uint64_t divisor = 1;
  for (unsigned d = 0; d < decimals; ++d) {
    if (divisor > UINT64_MAX / 10)
      return make_error(fmt::format("duration '{}' has too many decimals", text));
    divisor *= 10;
  }
  unsigned __int128 ns = (unsigned __int128)mantissa * scale;
  if (ns % divisor != 0)
    return make_error(fmt::format("duration '{}' is not a whole number of nanoseconds", text));
  ns /= divisor;
  if (ns > UINT64_MAX) return make_error(fmt::format("duration '{}' is too long", text));
  return uint64_t(ns);
}

std::string format_duration(uint64_t ns) {
  struct Unit {
    uint64_t size;
    const char* name;
  };
  static const Unit units[] = {{1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "us"}, {1, "ns"}};
  for (const Unit& u : units) {
    if (ns < u.size && u.size != 1) continue;
    std::string s = fmt::format("{:.3f}", double(ns) / double(u.size));
    while (s.back() == '0')
      s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s + " " + u.name;
  }
  return "0 ns";
}

}  // namespace vpico::scenarios
