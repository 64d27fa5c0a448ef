// Every self-checking image in firmware/tests/<name>/ with an expected.txt runs to "DONE\n" and
// prints exactly that file (firmware/tests/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "loader/image.h"
#include "machine.h"

using namespace vpico;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> images_with_expected_output() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(VPICO_SOURCE_DIR) / "firmware/tests"))
    if (fs::exists(entry.path() / "expected.txt")) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class FirmwareImage : public ::testing::TestWithParam<std::string> {};
}  // namespace

TEST_P(FirmwareImage, PrintsExpectedOutput) {
  const std::string name = GetParam();
  const fs::path elf = fs::path(VPICO_FIRMWARE_DIR) / (name + ".elf");
  if (!fs::exists(elf)) {
    if (VPICO_FIRMWARE_BUILT) FAIL() << elf << " was not built";
    GTEST_SKIP() << "firmware not built";
  }
  auto image = load_image(elf.string());
  ASSERT_TRUE(image.ok()) << image.error().message;
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE((*m)->load(*image).ok());
  ASSERT_TRUE((*m)->reset().ok());
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "DONE\n"};
  c.max_time_ns = 20'000'000'000;
  RunResult r = (*m)->run(c);
  const std::string out = (*m)->serial("uart0")->output();
  EXPECT_EQ(r.reason, StopReason::SerialMatch)
      << stop_reason_name(r.reason) << (r.fault ? ": " + r.fault->message : "") << "\n"
      << out;
  EXPECT_EQ(out, read_file(fs::path(VPICO_SOURCE_DIR) / "firmware/tests" / name / "expected.txt"));
}

TEST_P(FirmwareImage, IsDeterministic) {
  const std::string name = GetParam();
  const fs::path elf = fs::path(VPICO_FIRMWARE_DIR) / (name + ".elf");
  if (!fs::exists(elf)) GTEST_SKIP() << "firmware not built";
  auto image = load_image(elf.string());
  ASSERT_TRUE(image.ok());
  uint64_t cycles[2];
  std::string outs[2];
  for (int i = 0; i < 2; ++i) {
    auto m = Machine::create();
    ASSERT_TRUE((*m)->load(*image).ok());
    ASSERT_TRUE((*m)->reset().ok());
    RunCondition c;
    c.serial = RunCondition::SerialText{"uart0", "DONE\n"};
    c.max_time_ns = 20'000'000'000;
    cycles[i] = (*m)->run(c).cycles;
    outs[i] = (*m)->serial("uart0")->output();
  }
  EXPECT_EQ(cycles[0], cycles[1]);
  EXPECT_EQ(outs[0], outs[1]);
}

INSTANTIATE_TEST_SUITE_P(Images, FirmwareImage, ::testing::ValuesIn(images_with_expected_output()),
                         [](const auto& info) { return info.param; });
