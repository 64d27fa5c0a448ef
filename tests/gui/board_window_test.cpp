// The board window, end to end: `vpico board` runs a firmware under Xvfb for a fixed virtual time
// and writes a screenshot, which these tests read back pixel by pixel. The hello image blinks the
// LED (GPIO25: on for ~100 ms, off for ~100 ms) and prints on UART0 (GPIO0, idle high).
#include <gtest/gtest.h>
#include <stb_image.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include "board_colours.h"
#include "pico_layout.h"

namespace fs = std::filesystem;
using namespace vpico::gui;

namespace {

// The window's board geometry (gui/board_window.cpp draws the Pico at this place and scale).
const PicoLayout kLayout({110.0f, 70.0f}, 12.0f);

struct Png {
  int width = 0, height = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> data{nullptr, stbi_image_free};
  uint32_t at(Vec2 p) const {  // as IM_COL32 (0xAABBGGRR), alpha forced opaque
    const unsigned char* px =
        data.get() + (size_t(int(p.y)) * size_t(width) + size_t(int(p.x))) * 4;
    return 0xff000000u | (uint32_t(px[2]) << 16) | (uint32_t(px[1]) << 8) | px[0];
  }
};

bool have_display() {
  return std::getenv("DISPLAY") != nullptr;
}

// Runs `vpico board IMAGE --exit-after-ms MS --screenshot OUT` (under xvfb-run when there is no
// display) and loads the PNG.
Png screenshot(const std::string& image, unsigned ms, const std::string& name,
               const std::string& extra = "") {
  const fs::path out = fs::path(GUI_TEST_OUT) / (name + ".png");
  fs::remove(out);
  // Under the sanitizer build the window's process keeps LeakSanitizer off: Mesa's GL drivers
  // and libdbus (loaded by SDL) leave allocations that no suppression can name (the drivers are
  // unloaded by then); every other test keeps leak checking.
  std::string cmd = std::string("ASAN_OPTIONS=detect_leaks=0 ") +
                    (have_display() ? "" : "xvfb-run -a -s '-screen 0 1280x800x24' ") + VPICO_BIN +
                    " board -q " + image + " --exit-after-ms " + std::to_string(ms) +
                    " --screenshot " + out.string() + " --width 1280 --height 800 " + extra;
  const int status = std::system(cmd.c_str());
  EXPECT_EQ(status, 0) << cmd;
  Png png;
  int channels = 0;
  png.data.reset(stbi_load(out.c_str(), &png.width, &png.height, &channels, 4));
  EXPECT_TRUE(png.data) << "no screenshot at " << out;
  return png;
}

class BoardWindow : public ::testing::Test {
 protected:
  void SetUp() override {
    m_hello = (fs::path(VPICO_FIRMWARE_DIR) / "hello.elf").string();
    if (!fs::exists(m_hello)) {
      if (VPICO_FIRMWARE_BUILT) FAIL() << m_hello << " was not built";
      GTEST_SKIP() << "firmware not built";
    }
    if (!have_display() && std::system("command -v xvfb-run >/dev/null") != 0)
      FAIL() << "no DISPLAY and no xvfb-run: install xvfb (scripts/setup does)";
  }
  std::string m_hello;
};

TEST_F(BoardWindow, ShowsTheLedOnAndOffAsTheFirmwareBlinksIt) {
  Png on = screenshot(m_hello, 50, "hello_50ms");
  Png off = screenshot(m_hello, 150, "hello_150ms");
  ASSERT_TRUE(on.data && off.data);
  ASSERT_EQ(on.width, 1280);
  ASSERT_EQ(on.height, 800);
  const Vec2 led = kLayout.led().center();
  EXPECT_EQ(on.at(led), led_colour(1.0));
  EXPECT_EQ(off.at(led), led_colour(0.0));
  // The board itself.
  EXPECT_EQ(on.at({kLayout.board().center().x, kLayout.board().max.y - 20}), BoardColours::kBoard);
}

TEST_F(BoardWindow, ColoursEachPadByItsLevel) {
  Png png = screenshot(m_hello, 50, "hello_pads");
  ASSERT_TRUE(png.data);
  const Vec2 gp0 = kLayout.pad_center(1);  // UART0 TX, idle high
  const Vec2 gp2 = kLayout.pad_center(4);  // unused: pulled down, low
  const Vec2 gnd = kLayout.pad_center(3);
  const Vec2 v3 = kLayout.pad_center(36);
  EXPECT_EQ(png.at(gp0), BoardColours::kPadHigh);
  EXPECT_EQ(png.at(gp2), BoardColours::kPadLow);
  EXPECT_EQ(png.at(gnd), BoardColours::kPadGround);
  EXPECT_EQ(png.at(v3), BoardColours::kPadPower);
}

TEST_F(BoardWindow, TheTerminalShowsWhatUart0Printed) {
  // Text in the terminal area: light pixels in its first lines ("hello from core 0", "blink 1"),
  // none further down where nothing was printed yet.
  Png png = screenshot(m_hello, 50, "hello_terminal");
  ASSERT_TRUE(png.data);
  auto light_pixels = [&](int y0, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = 470; x < 1270; ++x) {
        const uint32_t c = png.at({float(x), float(y)});
        if ((c & 0xff) > 180 && ((c >> 8) & 0xff) > 180 && ((c >> 16) & 0xff) > 180) ++n;
      }
    return n;
  };
  EXPECT_GT(light_pixels(55, 95), 150);
  EXPECT_EQ(light_pixels(200, 600), 0);
}

TEST_F(BoardWindow, TheSamePictureOnEveryRun) {
  Png a = screenshot(m_hello, 120, "hello_det_a");
  Png b = screenshot(m_hello, 120, "hello_det_b");
  ASSERT_TRUE(a.data && b.data);
  ASSERT_EQ(a.width, b.width);
  ASSERT_EQ(a.height, b.height);
  EXPECT_EQ(0, std::memcmp(a.data.get(), b.data.get(), size_t(a.width) * size_t(a.height) * 4));
}

TEST_F(BoardWindow, ShowsTheLedsOfABoardFileLitAsTheirNetsSay) {
  // One blue LED from 3V3 to GND (always lit), one yellow LED on GP2, which stays low.
  Png png = screenshot(m_hello, 50, "board_parts",
                       std::string("--board ") + GUI_TEST_DATA + "/two_leds.json");
  ASSERT_TRUE(png.data);
  auto count = [&](uint32_t colour) {
    int n = 0;
    for (int y = 0; y < png.height; ++y)
      for (int x = 460; x < png.width; ++x)
        n += png.at({float(x), float(y)}) == colour;
    return n;
  };
  EXPECT_GT(count(part_led_full_colour("blue")), 60);
  EXPECT_EQ(count(part_led_full_colour("yellow")), 0);
  EXPECT_GT(count(part_led_colour("yellow", 0.0)), 60);
}

TEST(BoardWindowCli, ABadImageIsRefusedWithItsName) {
  const std::string cmd =
      std::string(VPICO_BIN) + " board /nonexistent/fw.uf2 --exit-after-ms 10 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
  ASSERT_TRUE(p);
  std::string out;
  char buf[256];
  while (fgets(buf, sizeof buf, p.get()))
    out += buf;
  const int status = pclose(p.release());
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(out.find("/nonexistent/fw.uf2"), std::string::npos) << out;
}

}  // namespace
