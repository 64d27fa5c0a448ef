// write_file_atomically, and the mkuf2 tool end to end.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "loader/image.h"
#include "test_images.h"

namespace vpico {
namespace {

using test::pattern;

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            ("vpico_file_io_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(m_dir);
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }

  std::string path(const std::string& name) const { return (m_dir / name).string(); }

  static std::vector<uint8_t> read(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(m_dir)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::filesystem::path m_dir;
};

using WriteFileAtomically = TempDir;

TEST_F(WriteFileAtomically, CreatesTheFileAndLeavesNoTempFile) {
  auto written = write_file_atomically(path("out.uf2"), pattern(1000));
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(read(path("out.uf2")), pattern(1000));
  EXPECT_EQ(entries(), std::vector<std::string>{"out.uf2"});
}

TEST_F(WriteFileAtomically, ReplacesTheOldContent) {
  std::ofstream(path("out.uf2")) << "old content that is longer than the new one";
  auto written = write_file_atomically(path("out.uf2"), pattern(5));
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(read(path("out.uf2")), pattern(5));
  EXPECT_EQ(entries(), std::vector<std::string>{"out.uf2"});
}

TEST_F(WriteFileAtomically, KeepsThePermissionsOfTheFileItReplaces) {
  std::ofstream(path("flash.img")) << "x";
  ASSERT_EQ(::chmod(path("flash.img").c_str(), 0640), 0);
  ASSERT_TRUE(write_file_atomically(path("flash.img"), pattern(3)).ok());
  struct stat info;
  ASSERT_EQ(::stat(path("flash.img").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0640u);
}

TEST_F(WriteFileAtomically, WritesAnEmptyFile) {
  ASSERT_TRUE(write_file_atomically(path("empty"), {}).ok());
  EXPECT_TRUE(read(path("empty")).empty());
}

TEST_F(WriteFileAtomically, MissingDirectoryIsAnErrorNamingThePath) {
  const std::string target = path("no/such/dir/out.uf2");
  auto written = write_file_atomically(target, pattern(5));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().message, target + ": cannot create a temporary file in " +
                                         path("no/such/dir") + ": No such file or directory");
}

TEST_F(WriteFileAtomically, ReplacingADirectoryFailsAndCleansUp) {
  std::filesystem::create_directories(m_dir / "taken" / "child");
  auto written = write_file_atomically(path("taken"), pattern(5));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().message.rfind(path("taken") + ": cannot replace: ", 0), 0u)
      << written.error().message;
  EXPECT_EQ(entries(), std::vector<std::string>{"taken"});
}

#ifdef VPICO_MKUF2_PATH
// mkuf2, run as a separate process: the path comes from the build (see CMakeLists.txt).
using Mkuf2 = TempDir;

struct RunResult {
  int exit_code;
  std::string output;
};

RunResult run(const std::string& command) {
  RunResult result{-1, {}};
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr)
    result.output += buffer;
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST_F(Mkuf2, ConvertsAnElfToUf2) {
  test::ElfSpec spec;
  spec.segments.push_back({.paddr = 0x10000000, .vaddr = 0x10000000, .bytes = pattern(600)});
  const auto elf = test::build_elf(spec);
  std::ofstream(path("app.elf"), std::ios::binary)
      .write(reinterpret_cast<const char*>(elf.data()), static_cast<std::streamsize>(elf.size()));
  const RunResult result =
      run(std::string(VPICO_MKUF2_PATH) + " " + path("app.elf") + " " + path("app.uf2"));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "");
  auto image = parse_uf2(read(path("app.uf2")), "app.uf2");
  ASSERT_TRUE(image.ok()) << image.error().message;
  std::vector<uint8_t> expected = pattern(600);
  expected.resize(768, 0);
  EXPECT_EQ(image->segments[0].bytes, expected);
}

TEST_F(Mkuf2, FamilyOptionSetsTheFamily) {
  std::ofstream(path("a.bin"), std::ios::binary) << "hello";
  const RunResult result = run(std::string(VPICO_MKUF2_PATH) + " " + path("a.bin") + " " +
                               path("a.uf2") + " --family 0xe48bff59");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(parse_uf2(read(path("a.uf2")), "a.uf2", 0xe48bff59).ok());
  EXPECT_FALSE(parse_uf2(read(path("a.uf2")), "a.uf2").ok());
}

TEST_F(Mkuf2, BadInputPrintsOneLineNamingTheFileAndExits1) {
  const RunResult result =
      run(std::string(VPICO_MKUF2_PATH) + " " + path("missing.elf") + " " + path("out.uf2"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output, path("missing.elf") + ": cannot open: No such file or directory\n");
  EXPECT_TRUE(entries().empty());
}

TEST_F(Mkuf2, MissingArgumentsPrintUsage) {
  const RunResult result = run(std::string(VPICO_MKUF2_PATH));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("usage: mkuf2 INPUT OUTPUT"), std::string::npos);
}
#endif  // VPICO_MKUF2_PATH

}  // namespace
}  // namespace vpico
