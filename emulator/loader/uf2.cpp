// UF2 reading and writing. Block layout (UF2 spec, "File format"): eight little-endian 32-bit
// header words, 476 data bytes, one end magic word; 512 bytes in all.
#include <algorithm>
#include <array>
#include <cstring>
#include <set>

#include <fmt/format.h>

#include "loader/image.h"
#include "loader/load_windows.h"

namespace vpico {

namespace {

constexpr size_t kBlockSize = 512;
constexpr size_t kHeaderSize = 32;
constexpr size_t kMaxPayload = 476;
constexpr size_t kEndMagicOffset = 508;
constexpr uint32_t kMagicStart0 = 0x0a324655;  // "UF2\n"
constexpr uint32_t kMagicStart1 = 0x9e5d5157;
constexpr uint32_t kMagicEnd = 0x0ab16f30;
struct Magic {
  size_t offset;
  uint32_t value;
};
constexpr Magic kMagics[] = {{0, kMagicStart0}, {4, kMagicStart1}, {kEndMagicOffset, kMagicEnd}};
constexpr uint32_t kFlagNotMainFlash = 0x00000001;
constexpr uint32_t kFlagFileContainer = 0x00001000;
constexpr uint32_t kFlagFamilyIdPresent = 0x00002000;
constexpr uint32_t kPageSize = 256;  // RP2040 datasheet 2.8.4.2: the bootrom's payload size
constexpr size_t kMaxFamiliesNamed = 8;

uint32_t read_le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

void write_le32(uint8_t* p, uint32_t value) {
  for (int i = 0; i < 4; ++i)
    p[i] = static_cast<uint8_t>(value >> (8 * i));
}

std::string family_name(uint32_t family) {
  if (family == kRp2040FamilyId) return fmt::format("the RP2040 family {:#010x}", family);
  return fmt::format("family {:#010x}", family);
}

}  // namespace

Result<Image> parse_uf2(std::span<const uint8_t> data, std::string_view path, uint32_t family) {
  if (data.empty()) return make_error(fmt::format("{}: empty file", path));
  if (data.size() % kBlockSize != 0) {
    return make_error(fmt::format("{}: size {} bytes is not a multiple of the 512-byte UF2 block",
                                  path, data.size()));
  }
  const size_t block_count = data.size() / kBlockSize;
  std::vector<loader::Piece> pieces;
  std::set<uint32_t> families_seen;
  size_t blocks_without_family = 0;
  size_t blocks_of_family = 0;
  for (size_t index = 0; index < block_count; ++index) {
    const size_t offset = index * kBlockSize;
    const uint8_t* block = data.data() + offset;
    auto where = [&] { return fmt::format("{}: block {} (offset {})", path, index, offset); };
    for (const auto& [magic_offset, expected] : kMagics) {
      const uint32_t found = read_le32(block + magic_offset);
      if (found != expected) {
        return make_error(fmt::format("{}: bad magic {:#010x}", where(), found));
      }
    }
    const uint32_t flags = read_le32(block + 8);
    const uint32_t address = read_le32(block + 12);
    const uint32_t payload_size = read_le32(block + 16);
    const uint32_t block_family = read_le32(block + 28);
    // UF2 spec "File containers": such blocks are files for a file system, not flash contents,
    // and "not main flash" means nothing on them.
    if (flags & kFlagFileContainer) {
      return make_error(fmt::format("{}: file-container blocks are not supported", where()));
    }
    if (flags & kFlagNotMainFlash) continue;
    if (!(flags & kFlagFamilyIdPresent)) {
      ++blocks_without_family;
      continue;
    }
    if (block_family != family) {
      families_seen.insert(block_family);
      continue;
    }
    ++blocks_of_family;
    if (payload_size > kMaxPayload) {
      return make_error(
          fmt::format("{}: payload size {} is larger than 476", where(), payload_size));
    }
    if (payload_size == 0) continue;
    if (loader::window_for(address, payload_size) == nullptr) {
      return make_error(fmt::format("{}: {} bytes at {} are {}", where(), payload_size,
                                    loader::hex32(address), loader::outside_windows_text()));
    }
    pieces.push_back(
        loader::Piece{address, std::span<const uint8_t>(block + kHeaderSize, payload_size), index});
  }

  if (blocks_of_family == 0) {
    std::string seen;
    size_t named = 0;
    for (uint32_t seen_family : families_seen) {
      if (named == kMaxFamiliesNamed) {
        seen += ", ...";
        break;
      }
      seen += fmt::format("{}{:#010x}", named == 0 ? "" : ", ", seen_family);
      ++named;
    }
    if (seen.empty()) seen = "none";
    std::string without;
    if (blocks_without_family > 0) {
      without = fmt::format("; {} block{} without a family ID", blocks_without_family,
                            blocks_without_family == 1 ? "" : "s");
    }
    return make_error(fmt::format("{}: no blocks for {} (families seen: {}{})", path,
                                  family_name(family), seen, without));
  }
  if (pieces.empty()) {
    return make_error(fmt::format("{}: the {} blocks for {} carry no data", path, blocks_of_family,
                                  family_name(family)));
  }

  Image image;
  image.path = std::string(path);
  image.format = ImageFormat::Uf2;
  if (auto overlap = loader::merge_pieces(std::move(pieces), loader::OverlapPolicy::AllowIdentical,
                                          image.segments)) {
    return make_error(fmt::format(
        "{}: block {} (offset {}) writes different bytes at {} than block {} (offset {})", path,
        overlap->later_origin, overlap->later_origin * kBlockSize, loader::hex32(overlap->address),
        overlap->earlier_origin, overlap->earlier_origin * kBlockSize));
  }
  return image;
}

std::vector<uint8_t> make_uf2(const Image& image, uint32_t family) {
  // Pages in address order; segments are sorted and disjoint, so a page shared by two segments
  // is always the last one added.
  struct Page {
    uint32_t address;
    std::array<uint8_t, kPageSize> bytes;
  };
  std::vector<Page> pages;
  for (const ImageSegment& segment : image.segments) {
    uint64_t address = segment.address;
    // An image that parsed never crosses 4 GiB; a hand-made one is cut there.
    const uint64_t end = std::min<uint64_t>(address + segment.bytes.size(), uint64_t{1} << 32);
    size_t consumed = 0;
    while (address < end) {
      const uint64_t page_address = address & ~uint64_t{kPageSize - 1};
      if (pages.empty() || pages.back().address != page_address) {
        pages.push_back(Page{static_cast<uint32_t>(page_address), {}});
      }
      const size_t in_page = static_cast<size_t>(address - page_address);
      const size_t count =
          static_cast<size_t>(std::min<uint64_t>(end - address, kPageSize - in_page));
      std::memcpy(pages.back().bytes.data() + in_page, segment.bytes.data() + consumed, count);
      consumed += count;
      address += count;
    }
  }

  std::vector<uint8_t> out(pages.size() * kBlockSize, 0);
  for (size_t i = 0; i < pages.size(); ++i) {
    uint8_t* block = out.data() + i * kBlockSize;
    write_le32(block + 0, kMagicStart0);
    write_le32(block + 4, kMagicStart1);
    write_le32(block + 8, kFlagFamilyIdPresent);
    write_le32(block + 12, pages[i].address);
    write_le32(block + 16, kPageSize);
    write_le32(block + 20, static_cast<uint32_t>(i));
    write_le32(block + 24, static_cast<uint32_t>(pages.size()));
    write_le32(block + 28, family);
    std::memcpy(block + kHeaderSize, pages[i].bytes.data(), kPageSize);
    write_le32(block + kEndMagicOffset, kMagicEnd);
  }
  return out;
}

}  // namespace vpico
