// Raw binaries: the file's bytes, as they are, at one base address.
#include <fmt/format.h>

#include "loader/image.h"
#include "loader/load_windows.h"

namespace vpico {

Result<Image> parse_bin(std::span<const uint8_t> data, std::string_view path, uint32_t base) {
  if (data.empty()) return make_error(fmt::format("{}: empty file", path));
  const loader::LoadWindow* window = loader::window_for(base, 1);
  if (window == nullptr) {
    return make_error(fmt::format("{}: base address {} is {}", path, loader::hex32(base),
                                  loader::outside_windows_text()));
  }
  if (data.size() > window->end - base) {
    const bool flash = window == &loader::kFlashWindow;
    const std::string size_text =
        flash ? "16 MiB flash window"
              : fmt::format("{} KiB SRAM", (window->end - window->begin) / 1024);
    if (base == window->begin) {
      return make_error(
          fmt::format("{}: {} bytes do not fit the {}", path, data.size(), size_text));
    }
    return make_error(fmt::format("{}: {} bytes at {} do not fit the {} (it ends at {})", path,
                                  data.size(), loader::hex32(base), size_text,
                                  loader::hex32(window->end)));
  }
  Image image;
  image.path = std::string(path);
  image.format = ImageFormat::Bin;
  image.segments.push_back(ImageSegment{base, {data.begin(), data.end()}});
  return image;
}

}  // namespace vpico
