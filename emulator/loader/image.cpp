// Image queries (symbols for messages) and the format-sniffing loader.
#include "loader/image.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include <fmt/format.h>

#include "loader/file_io.h"

namespace vpico {

namespace {

constexpr uint32_t kNearestFunctionReach = 64 * 1024;

bool has_bin_extension(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.size() <= 4) return false;
  std::string extension = name.substr(name.size() - 4);
  for (char& c : extension)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == ".bin";
}

}  // namespace

const char* image_format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::Uf2:
      return "UF2";
    case ImageFormat::Elf:
      return "ELF";
    case ImageFormat::Bin:
      return "BIN";
  }
  return "unknown";
}

const ImageSymbol* Image::symbol_at(uint32_t address) const {
  // Symbols starting at or before `address`, walked from the nearest back.
  auto after = std::upper_bound(symbols.begin(), symbols.end(), address,
                                [](uint32_t a, const ImageSymbol& s) { return a < s.address; });
  const ImageSymbol* nearest_function = nullptr;
  for (auto it = after; it != symbols.begin();) {
    --it;
    if (address - it->address < it->size) return &*it;  // innermost container found
    if (nearest_function == nullptr && it->is_function &&
        address - it->address < kNearestFunctionReach) {
      nearest_function = &*it;
    }
  }
  return nearest_function;
}

std::string Image::describe_address(uint32_t address) const {
  const ImageSymbol* symbol = symbol_at(address);
  if (symbol == nullptr) return fmt::format("{:#010x}", address);
  if (symbol->address == address) return fmt::format("{:#010x} ({})", address, symbol->name);
  return fmt::format("{:#010x} ({}+{:#x})", address, symbol->name, address - symbol->address);
}

Result<Image> load_image(const std::string& path) {
  auto bytes = loader::read_file(path);
  if (!bytes) return bytes.error();
  const std::vector<uint8_t>& data = bytes.value();
  if (data.empty()) return make_error(fmt::format("{}: empty file", path));
  static constexpr uint8_t kUf2Magic[4] = {'U', 'F', '2', '\n'};
  static constexpr uint8_t kElfMagic[4] = {0x7f, 'E', 'L', 'F'};
  if (data.size() >= 4 && std::memcmp(data.data(), kUf2Magic, 4) == 0) {
    return parse_uf2(data, path);
  }
  if (data.size() >= 4 && std::memcmp(data.data(), kElfMagic, 4) == 0) {
    return parse_elf(data, path);
  }
  if (has_bin_extension(path)) return parse_bin(data, path);
  return make_error(fmt::format(
      "{}: not a firmware image: expected a UF2 file, an ARM ELF executable, or a raw binary "
      "named *.bin",
      path));
}

}  // namespace vpico
