// mkuf2: converts any image vpico loads (ELF, UF2, raw .bin) into an RP2040 UF2.
//   mkuf2 INPUT OUTPUT [--family 0xe48bff56]
// Writes OUTPUT atomically; on bad input prints one line naming the file and exits 1.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "loader/image.h"

namespace {

constexpr const char* kUsage =
    "usage: mkuf2 INPUT OUTPUT [--family ID]\n"
    "  INPUT   an ELF executable, a UF2 file or a raw .bin (loaded at 0x10000000)\n"
    "  OUTPUT  the UF2 file to write (replaced atomically)\n"
    "  --family ID  UF2 family ID to write (default 0xe48bff56, RP2040)\n";

bool parse_u32(const std::string& text, uint32_t& value) {
  if (text.empty() || text[0] == '-' || text[0] == '+') return false;
  char* end = nullptr;
  errno = 0;
  const unsigned long long parsed = std::strtoull(text.c_str(), &end, 0);
  if (errno != 0 || *end != '\0' || parsed > 0xffffffffULL) return false;
  value = static_cast<uint32_t>(parsed);
  return true;
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "mkuf2: %s\n%s", message.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  uint32_t family = vpico::kRp2040FamilyId;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--family" || arg.starts_with("--family=")) {
      std::string value;
      if (arg == "--family") {
        if (i + 1 >= argc) return usage_error("--family needs a value");
        value = argv[++i];
      } else {
        value = std::string(arg.substr(std::string_view("--family=").size()));
      }
      if (!parse_u32(value, family)) {
        return usage_error("--family: not a 32-bit number: '" + value + "'");
      }
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-')
      return usage_error("unknown option '" + std::string(arg) + "'");
    positional.emplace_back(arg);
  }
  if (positional.size() != 2) return usage_error("expected INPUT and OUTPUT");

  auto image = vpico::load_image(positional[0]);
  if (!image) {
    std::fprintf(stderr, "%s\n", image.error().message.c_str());
    return 1;
  }
  const std::vector<uint8_t> uf2 = vpico::make_uf2(image.value(), family);
  if (auto written = vpico::write_file_atomically(positional[1], uf2); !written) {
    std::fprintf(stderr, "%s\n", written.error().message.c_str());
    return 1;
  }
  return 0;
}
