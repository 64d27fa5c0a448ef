#include "loader/load_windows.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace vpico::loader {

const LoadWindow* window_for(uint64_t address, uint64_t size) {
  for (const LoadWindow* window : {&kFlashWindow, &kSramWindow}) {
    if (address >= window->begin && address < window->end && size <= window->end - address) {
      return window;
    }
  }
  return nullptr;
}

std::string outside_windows_text() {
  return fmt::format("outside flash ({}..{}) and SRAM ({}..{})", hex32(kFlashWindow.begin),
                     hex32(kFlashWindow.end), hex32(kSramWindow.begin), hex32(kSramWindow.end));
}

std::string hex32(uint32_t value) {
  return fmt::format("{:#010x}", value);
}

namespace {

uint64_t end_of(const ImageSegment& segment) {
  return uint64_t{segment.address} + segment.bytes.size();
}

// The piece among sorted[0..count) that covers `address` first in merge order; such a piece
// exists whenever `address` is already in the current segment.
size_t first_writer(const std::vector<Piece>& sorted, size_t count, uint32_t address) {
  for (size_t i = 0; i < count; ++i) {
    const Piece& piece = sorted[i];
    if (address >= piece.address && address - piece.address < piece.bytes.size()) {
      return piece.origin;
    }
  }
  return sorted[0].origin;  // unreachable for a correct caller
}

}  // namespace

std::optional<Overlap> merge_pieces(std::vector<Piece> pieces, OverlapPolicy policy,
                                    std::vector<ImageSegment>& out) {
  std::stable_sort(pieces.begin(), pieces.end(),
                   [](const Piece& a, const Piece& b) { return a.address < b.address; });
  out.clear();
  for (size_t i = 0; i < pieces.size(); ++i) {
    const Piece& piece = pieces[i];
    if (piece.bytes.empty()) continue;
    const uint64_t piece_end = uint64_t{piece.address} + piece.bytes.size();
    if (out.empty() || piece.address > end_of(out.back())) {
      out.push_back(ImageSegment{piece.address, {piece.bytes.begin(), piece.bytes.end()}});
      continue;
    }
    ImageSegment& current = out.back();
    const uint64_t current_end = end_of(current);
    if (piece.address < current_end) {
      // Sorted by start, so the piece can only overlap the segment being built.
      const size_t overlap = static_cast<size_t>(std::min(piece_end, current_end) - piece.address);
      const uint8_t* existing = current.bytes.data() + (piece.address - current.address);
      size_t mismatch = 0;
      if (policy == OverlapPolicy::AllowIdentical) {
        while (mismatch < overlap && existing[mismatch] == piece.bytes[mismatch])
          ++mismatch;
      }
      if (mismatch < overlap) {
        const uint32_t address = piece.address + static_cast<uint32_t>(mismatch);
        return Overlap{first_writer(pieces, i, address), piece.origin, address};
      }
    }
    if (piece_end > current_end) {
      const size_t skip = static_cast<size_t>(current_end - piece.address);
      current.bytes.insert(current.bytes.end(), piece.bytes.begin() + skip, piece.bytes.end());
    }
  }
  return std::nullopt;
}

}  // namespace vpico::loader
