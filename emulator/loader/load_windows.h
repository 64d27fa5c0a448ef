// Internal to the loader: the address windows an image may load into, and the merge of loose
// pieces (UF2 payloads, ELF segments) into the sorted, non-overlapping segments of an Image.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "loader/image.h"

namespace vpico::loader {

struct LoadWindow {
  const char* name;
  uint32_t begin;
  uint32_t end;  // exclusive
};

// RP2040 datasheet 2.8.4.2: the regions a UF2 may target (the XIP cache-as-SRAM window aside).
inline constexpr LoadWindow kFlashWindow{"flash", 0x10000000, 0x11000000};
inline constexpr LoadWindow kSramWindow{"SRAM", 0x20000000, 0x20042000};

// The window holding all of [address, address + size), size > 0; nullptr if none does.
const LoadWindow* window_for(uint64_t address, uint64_t size);
// "outside flash (0x10000000..0x11000000) and SRAM (0x20000000..0x20042000)"
std::string outside_windows_text();

std::string hex32(uint32_t value);  // "0x0000abcd"

// A run of bytes to place at an address; `origin` identifies it in messages (block or segment
// index).
struct Piece {
  uint32_t address;
  std::span<const uint8_t> bytes;
  size_t origin;
};

enum class OverlapPolicy { AllowIdentical, Reject };

struct Overlap {
  size_t earlier_origin;  // the piece that wrote `address` first (lower address, then origin)
  size_t later_origin;
  uint32_t address;  // first address where the later piece conflicts
};

// Sorts the pieces by address (stable, so ties keep their order) and merges them into `out`.
// Returns the first conflict, if any; `out` is then incomplete. Empty pieces are ignored.
std::optional<Overlap> merge_pieces(std::vector<Piece> pieces, OverlapPolicy policy,
                                    std::vector<ImageSegment>& out);

}  // namespace vpico::loader
