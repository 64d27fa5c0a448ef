// Properties every successfully parsed image must have; the fuzz targets abort on a violation
// so libFuzzer reports it like a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "loader/image.h"

namespace vpico::fuzz {

[[noreturn]] inline void violated(const char* what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}

inline bool in_windows(uint64_t address, uint64_t size) {
  const bool flash = address >= 0x10000000 && address + size <= 0x11000000;
  const bool sram = address >= 0x20000000 && address + size <= 0x20042000;
  return flash || sram;
}

// Segments: nonempty, inside flash or SRAM, sorted, neither overlapping nor touching.
inline void check_segments(const Image& image) {
  if (image.segments.empty()) violated("a parsed image has no segments");
  uint64_t previous_end = 0;
  for (const ImageSegment& segment : image.segments) {
    if (segment.bytes.empty()) violated("empty segment");
    if (!in_windows(segment.address, segment.bytes.size())) violated("segment outside windows");
    if (previous_end != 0 && segment.address <= previous_end) {
      violated("segments unsorted, overlapping or touching");
    }
    previous_end = uint64_t{segment.address} + segment.bytes.size();
  }
}

// The bytes of `image` at `address`, or nullptr when no segment covers it.
inline const uint8_t* byte_at(const Image& image, uint32_t address) {
  for (const ImageSegment& segment : image.segments) {
    if (address >= segment.address && address - segment.address < segment.bytes.size()) {
      return &segment.bytes[address - segment.address];
    }
  }
  return nullptr;
}

// make_uf2 then parse_uf2 gives back every byte of the image at the same address.
inline void check_uf2_round_trip(const Image& image) {
  const std::vector<uint8_t> uf2 = make_uf2(image);
  auto again = parse_uf2(uf2, "roundtrip.uf2");
  if (!again.ok()) violated("make_uf2 output does not parse");
  check_segments(again.value());
  for (const ImageSegment& segment : image.segments) {
    const uint8_t* start = byte_at(again.value(), segment.address);
    const uint8_t* last =
        byte_at(again.value(), segment.address + static_cast<uint32_t>(segment.bytes.size()) - 1);
    if (start == nullptr || last == nullptr ||
        last - start + 1 != ptrdiff_t(segment.bytes.size()) ||
        std::memcmp(start, segment.bytes.data(), segment.bytes.size()) != 0) {
      violated("make_uf2 round trip changed the bytes");
    }
  }
}

// Symbol queries stay consistent with the symbol list.
inline void check_symbols(const Image& image, uint32_t probe) {
  for (size_t i = 1; i < image.symbols.size(); ++i) {
    if (image.symbols[i - 1].address > image.symbols[i].address) violated("symbols unsorted");
  }
  for (const ImageSymbol& symbol : image.symbols) {
    if (symbol.is_function && (symbol.address & 1)) violated("Thumb bit left on a function");
    if (symbol.name.empty() || symbol.name.size() > 512) violated("bad symbol name length");
  }
  for (uint32_t address : {probe, probe + 1, probe - 1}) {
    const ImageSymbol* symbol = image.symbol_at(address);
    if (symbol != nullptr && symbol->address > address) violated("symbol_at went forward");
    if (image.describe_address(address).rfind("0x", 0) != 0) violated("describe_address format");
  }
}

}  // namespace vpico::fuzz
