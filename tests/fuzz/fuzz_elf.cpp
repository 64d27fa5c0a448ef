// libFuzzer target: parse_elf on arbitrary bytes, then the properties of any image it accepts.
#include <cstddef>
#include <cstdint>

#include "fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto image = vpico::parse_elf({data, size}, "fuzz.elf");
  if (!image.ok()) {
    if (image.error().message.rfind("fuzz.elf: ", 0) != 0) vpico::fuzz::violated("error format");
    return 0;
  }
  vpico::fuzz::check_segments(image.value());
  vpico::fuzz::check_uf2_round_trip(image.value());
  const uint32_t probe = image->symbols.empty() ? 0x10000000 : image->symbols.back().address;
  vpico::fuzz::check_symbols(image.value(), probe);
  return 0;
}
