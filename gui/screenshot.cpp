#include "screenshot.h"

#include <SDL_opengl.h>
#include <stb_image_write.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

namespace vpico::gui {

Result<void> save_framebuffer_png(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return Error{path + ": the window has no pixels to save"};
  std::vector<unsigned char> pixels(size_t(width) * size_t(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // GL's rows go bottom-up; a PNG's top-down.
  const size_t row = size_t(width) * 4;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y)
    std::memcpy(&flipped[size_t(y) * row], &pixels[size_t(height - 1 - y) * row], row);
  for (size_t i = 3; i < flipped.size(); i += 4)
    flipped[i] = 0xff;  // opaque
  const std::string tmp = path + ".tmp";
  if (!stbi_write_png(tmp.c_str(), width, height, 4, flipped.data(), int(row))) {
    std::remove(tmp.c_str());
    return Error{path + ": cannot write the screenshot"};
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return Error{path + ": cannot write the screenshot: " + ec.message()};
  }
  return {};
}

}  // namespace vpico::gui
