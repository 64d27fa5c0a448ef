// A PNG of what the window shows: the GL framebuffer read back after rendering a frame.
#pragma once

#include <string>

#include "result.h"

namespace vpico::gui {

// Reads the current GL framebuffer (width x height) and writes it to `path` as PNG, through a
// temporary file renamed into place (never a half-written file).
Result<void> save_framebuffer_png(const std::string& path, int width, int height);

}  // namespace vpico::gui
