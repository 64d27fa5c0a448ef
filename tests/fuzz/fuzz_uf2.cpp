// libFuzzer target: parse_uf2 on arbitrary bytes, then the properties of any image it accepts.
#include <cstddef>
#include <cstdint>

#include "fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto image = vpico::parse_uf2({data, size}, "fuzz.uf2");
  if (!image.ok()) {
    if (image.error().message.rfind("fuzz.uf2: ", 0) != 0) vpico::fuzz::violated("error format");
    return 0;
  }
  vpico::fuzz::check_segments(image.value());
  vpico::fuzz::check_uf2_round_trip(image.value());
  return 0;
}
