// VcdWriter: the pins' changes as a Value Change Dump, times in ns of virtual time.
#include "vcd_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "machine.h"

using namespace vpico;
namespace fs = std::filesystem;

namespace {
std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST(VcdWriter, WritesHeaderInitialValuesAndChanges) {
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  Machine& machine = **m;
  machine.pins().drive(3, true);
  VcdWriter vcd(machine);
  machine.pins().drive(3, false);
  machine.pins().drive(4, true);
  const fs::path out = fs::temp_directory_path() / "vpico_vcd_test.vcd";
  ASSERT_TRUE(vcd.write(out.string()).ok());
  const std::string text = read(out);
  fs::remove(out);
  EXPECT_NE(text.find("$timescale 1ns $end"), std::string::npos);
  EXPECT_NE(text.find("$var wire 1 ! GP0 $end"), std::string::npos);
  EXPECT_NE(text.find("$var wire 1 > GP29 $end"), std::string::npos);
  // Initial values: GP3 high ('$' is pin 3), the rest low.
  EXPECT_NE(text.find("$dumpvars\n0!\n0\"\n0#\n1$\n0%\n"), std::string::npos) << text;
  // Both changes at time 0 (no time passed), in order.
  EXPECT_NE(text.find("$end\n0$\n1%\n"), std::string::npos) << text;
  EXPECT_EQ(vcd.changes(), 2u);
}

TEST(VcdWriter, TimesFollowVirtualTime) {
  const fs::path elf = fs::path(VPICO_FIRMWARE_DIR) / "hello.elf";
  if (!fs::exists(elf)) {
    if (VPICO_FIRMWARE_BUILT) FAIL() << elf << " was not built";
    GTEST_SKIP() << "firmware not built";
  }
  auto image = load_image(elf.string());
  ASSERT_TRUE(image.ok());
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  Machine& machine = **m;
  ASSERT_TRUE(machine.load(*image).ok());
  ASSERT_TRUE(machine.reset().ok());
  VcdWriter vcd(machine);
  RunCondition c;
  c.max_time_ns = 450'000'000;  // the LED (GP25, ':') toggles every ~100 ms
  machine.run(c);
  const fs::path out = fs::temp_directory_path() / "vpico_vcd_hello.vcd";
  ASSERT_TRUE(vcd.write(out.string()).ok());
  const std::string text = read(out);
  fs::remove(out);
  // Collect the times of GP25's changes.
  std::vector<uint64_t> led;
  uint64_t now = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line[0] == '#') now = std::stoull(line.substr(1));
    if (line == "0:" || line == "1:") led.push_back(now);
  }
  ASSERT_GE(led.size(), 5u) << text.substr(0, 2000);
  for (size_t i = 2; i < led.size(); ++i) {  // from the first toggle on (the set-up comes first)
    EXPECT_GT(led[i] - led[i - 1], 90'000'000u);  // ~100 ms apart, in ns
    EXPECT_LT(led[i] - led[i - 1], 110'000'000u);
  }
  EXPECT_GE(now, 450'000'000u);  // the last time is the end of the run
  EXPECT_LT(now, 451'000'000u);
}
