// Internal to the loader: whole-file reads with errors that name the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "result.h"

namespace vpico::loader {

// Largest file read_file accepts: a 16 MiB flash as UF2 is 32 MiB; ELFs with debug info are
// bigger, but not this big.
constexpr size_t kMaxImageFileSize = size_t{1} << 30;

// "fw.uf2: cannot open: No such file or directory"
Result<std::vector<uint8_t>> read_file(const std::string& path);

}  // namespace vpico::loader
