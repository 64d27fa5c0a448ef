// Durations in scenario files: a number and a unit, "500ms", "2s", "10us", "250ns", "1.5s"
// (the units of Wokwi's automation scenarios). A bare number is refused: a missing unit is the
// commonest slip, and guessing one would turn it into a silent 1000x error. "0" alone is allowed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "result.h"

namespace vpico::scenarios {

// Nanoseconds, or an error saying what is wrong with `text` (missing unit, unknown unit,
// negative, too large).
Result<uint64_t> parse_duration(std::string_view text);

// "1.5 s", "500 ms", "12 us", "7 ns": the largest unit that keeps the value >= 1, up to three
// decimals, trailing zeros dropped.
std::string format_duration(uint64_t ns);

}  // namespace vpico::scenarios
