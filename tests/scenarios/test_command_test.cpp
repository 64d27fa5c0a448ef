// `vpico test` as a function: scenarios in child processes, results in file order, JUnit the
// same whatever -j says, and bad input reported as ERROR.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_command.h"

namespace fs = std::filesystem;
using vpico::cli::TestOptions;

namespace {

const fs::path kSource(VPICO_SOURCE_DIR);

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

TestOptions base() {
  TestOptions o;
  o.default_firmware = fs::path(VPICO_FIRMWARE_DIR) / "vpy-rp2040.elf";
  if (!fs::exists(o.default_firmware)) o.default_firmware.clear();
  return o;
}

bool firmware_built() {
  return fs::exists(fs::path(VPICO_FIRMWARE_DIR) / "vpy-rp2040.elf");
}

}  // namespace

TEST(TestCommand, ParallelRunGivesTheSameResultsAsSerial) {
  if (!firmware_built()) GTEST_SKIP() << "firmware not built";
  const fs::path tmp = fs::path(::testing::TempDir()) / "test_command_j";
  fs::create_directories(tmp);
  TestOptions o = base();
  o.paths = {(kSource / "scenarios/examples").string(),
             (kSource / "tests/scenarios/data/failing.yaml").string()};
  o.jobs = 1;
  o.junit = (tmp / "j1.xml").string();
  EXPECT_EQ(vpico::cli::test_command(o), 1);  // failing.yaml fails
  o.jobs = 2;
  o.junit = (tmp / "j2.xml").string();
  EXPECT_EQ(vpico::cli::test_command(o), 1);
  const std::string a = read(tmp / "j1.xml"), b = read(tmp / "j2.xml");
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("failures=\"1\" errors=\"0\""), std::string::npos) << a;
}

TEST(TestCommand, AllPassingExitsZero) {
  if (!firmware_built()) GTEST_SKIP() << "firmware not built";
  TestOptions o = base();
  o.paths = {(kSource / "scenarios/examples").string()};
  o.jobs = 2;
  EXPECT_EQ(vpico::cli::test_command(o), 0);
}

TEST(TestCommand, FailureArtefactsGoToAFolderPerScenario) {
  if (!firmware_built()) GTEST_SKIP() << "firmware not built";
  const fs::path dir = fs::path(::testing::TempDir()) / "test_command_artefacts";
  fs::remove_all(dir);
  TestOptions o = base();
  o.paths = {(kSource / "tests/scenarios/data/failing.yaml").string()};
  o.artifacts = dir.string();
  EXPECT_EQ(vpico::cli::test_command(o), 1);
  EXPECT_NE(read(dir / "failing_on_purpose/serial-uart0.log").find("blink 1"), std::string::npos);
  EXPECT_NE(read(dir / "failing_on_purpose/steps.log").find("FAIL"), std::string::npos);
}

TEST(TestCommand, MalformedAndMissingFilesAreErrorsNotCrashes) {
  const fs::path tmp = fs::path(::testing::TempDir()) / "test_command_bad";
  fs::create_directories(tmp);
  TestOptions o = base();
  o.paths = {(kSource / "tests/scenarios/data/malformed.yaml").string(), "/nonexistent/s.yaml"};
  o.junit = (tmp / "bad.xml").string();
  EXPECT_EQ(vpico::cli::test_command(o), 1);
  const std::string x = read(tmp / "bad.xml");
  EXPECT_NE(x.find("errors=\"2\""), std::string::npos) << x;
  EXPECT_NE(x.find("malformed.yaml:5:5: step 2 (wait-serail): unknown step"), std::string::npos)
      << x;
  EXPECT_NE(x.find("/nonexistent/s.yaml: no such scenario file"), std::string::npos) << x;
}

TEST(TestCommand, MissingFirmwareIsAnError) {
  const fs::path tmp = fs::path(::testing::TempDir()) / "test_command_fw";
  fs::create_directories(tmp);
  std::ofstream(tmp / "s.yaml") << "name: s\nfirmware: gone.uf2\nsteps:\n  - delay: 1ms\n";
  TestOptions o = base();
  o.paths = {tmp.string()};
  o.junit = (tmp / "out.xml").string();
  EXPECT_EQ(vpico::cli::test_command(o), 1);
  EXPECT_NE(read(tmp / "out.xml")
                .find("s.yaml:2: firmware: " + (tmp / "gone.uf2").string() + ": no such file"),
            std::string::npos)
      << read(tmp / "out.xml");
}
