// Firmware images for the emulated RP2040: UF2, ELF and raw BIN files turned into the bytes to
// place in flash or SRAM, plus the ELF's symbols for messages and profiles; and the reverse,
// an image encoded as an RP2040 UF2.
//
// Every parser takes untrusted bytes (they are fuzzed: tests/fuzz/). None allocates more than
// a small multiple of its input, none crashes, and every error is one line that starts with the
// path, then says what is wrong and where:
//   fw.uf2: block 3 (offset 1536): bad magic 0x12345678
//
// Accepted load addresses are those the RP2040 bootrom can write (RP2040 datasheet 2.8.4.2):
//   flash  0x10000000..0x11000000 (the 16 MiB XIP window)
//   SRAM   0x20000000..0x20042000 (SRAM0-3 striped, SRAM4, SRAM5)
// A segment must lie entirely inside one of them.
//
// UF2 (https://github.com/microsoft/uf2, "Flags" and "Family ID"; RP2040 datasheet 2.8.4.2):
// - Each 512-byte block must carry both start magics and the end magic, and a payload of at
//   most 476 bytes; a file whose length is not a multiple of 512 is rejected.
// - Blocks flagged "not main flash" are skipped (the spec's comments/source blocks).
// - Blocks flagged "file container" make the file an error: they hold files for a file system,
//   not a flash image, and the RP2040 has no such loader.
// - Blocks whose family ID is present but is not the requested family are skipped, as the spec
//   asks ("disregard the entire block"); that is how one UF2 carries images for several chips.
// - Blocks WITHOUT the family-ID flag are skipped as well. The RP2040 bootrom only writes data
//   from blocks that have the family ID present and equal to 0xe48bff56 (datasheet 2.8.4.2), and
//   the UF2 spec recommends new bootloaders refuse files without one; loading such blocks here
//   would run images a real Pico ignores. If no block of the family remains, the error names
//   the families that were seen and how many blocks had no family ID.
// - The block number / total fields are not checked (the spec lets a loader ignore them):
//   blocks may come in any order and the address space may have holes. We are more lenient than
//   the bootrom in two ways that only matter to hand-made files: any payload size up to 476 and
//   any alignment are accepted.
// - Two blocks may write the same address only with the same bytes; otherwise it is an error.
//
// ELF: 32-bit, little-endian, EM_ARM, ET_EXEC. Each PT_LOAD segment with file bytes is loaded at
// its PHYSICAL address (p_paddr), which is where the bytes sit in flash: .data's copy in flash,
// not its run address in SRAM. Bytes beyond p_filesz (.bss) are not part of the image; the
// firmware's startup code zeroes them. Overlapping segments and ELFs with no loadable bytes are
// errors.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "result.h"

namespace vpico {

constexpr uint32_t kRp2040FamilyId = 0xe48bff56;  // UF2 family list: "Raspberry Pi RP2040"
constexpr uint32_t kFlashBase = 0x10000000;       // RP2040 datasheet 2.2: XIP base

struct ImageSegment {
  uint32_t address;
  std::vector<uint8_t> bytes;
};

struct ImageSymbol {
  std::string name;  // truncated to 512 bytes
  uint32_t address;  // the Thumb bit is cleared on functions
  uint32_t size;     // 0 for labels
  bool is_function;  // STT_FUNC, or an untyped label in an executable section
};

enum class ImageFormat { Uf2, Elf, Bin };
const char* image_format_name(ImageFormat format);  // "UF2", "ELF", "BIN"

struct Image {
  std::string path;  // as given, for messages
  ImageFormat format = ImageFormat::Bin;
  // Sorted by address, non-overlapping; runs that touch are merged into one segment.
  std::vector<ImageSegment> segments;
  // ELF only. Sorted by address; at one address, data objects come before functions.
  // Symbols: STT_FUNC (any size), STT_OBJECT with a nonzero size, and STT_NOTYPE labels in
  // executable sections (assembly routines), except ARM mapping symbols ($t, $d, $a).
  std::vector<ImageSymbol> symbols;
  // ELF e_entry when nonzero, exactly as in the file: for Thumb code its bit 0 is set.
  std::optional<uint32_t> entry;

  // The symbol containing `address` (address in [a, a+size)), preferring the innermost one
  // (the greatest start; a function over an object at the same start); or else the nearest
  // preceding function symbol that starts at most 64 KiB before; nullptr if none.
  // Linear in the number of symbols at worst: hot loops (profilers) should build their own index.
  const ImageSymbol* symbol_at(uint32_t address) const;
  // "0x10000234 (main+0x1c)", "0x10000218 (main)" or "0x10000234" when no symbol applies.
  std::string describe_address(uint32_t address) const;
};

Result<Image> parse_uf2(std::span<const uint8_t> data, std::string_view path,
                        uint32_t family = kRp2040FamilyId);
Result<Image> parse_elf(std::span<const uint8_t> data, std::string_view path);
// The whole file is one segment at `base`; it must fit in flash or SRAM from there.
Result<Image> parse_bin(std::span<const uint8_t> data, std::string_view path,
                        uint32_t base = kFlashBase);

// Reads the file and picks the format by content: UF2 magic -> UF2, ELF magic -> ELF, else a
// ".bin" extension (any case) -> BIN, else an error naming the file and the accepted formats.
Result<Image> load_image(const std::string& path);

// Encodes the image's segments as RP2040 UF2: one block per 256-byte page that holds any image
// byte, at the page's aligned address, the rest of the page filled with 0; the familyID flag
// set with `family`; block numbers and the total filled in. The 220 unused data bytes of each
// block are 0. Parsing the result gives back the image's bytes, padded out to whole pages.
std::vector<uint8_t> make_uf2(const Image& image, uint32_t family = kRp2040FamilyId);

// Writes bytes to path atomically: a temporary file in the same directory, fsync, rename over
// path, fsync of the directory. An existing file keeps its permissions. On failure the old file
// is untouched and the temporary file is removed.
Result<void> write_file_atomically(const std::string& path, std::span<const uint8_t> bytes);

}  // namespace vpico
