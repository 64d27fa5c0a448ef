// Image queries, format sniffing in load_image, and the make_uf2 round trip.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "loader/image.h"
#include "test_images.h"

namespace vpico {
namespace {

using test::pattern;

Image image_with_symbols() {
  Image image;
  image.format = ImageFormat::Elf;
  image.symbols = {
      {"vectors", 0x10000100, 0xc0, false},
      {"reset", 0x100001c0, 0, true},  // a label: no size
      {"main", 0x10000218, 0x40, true},
      {"big_table", 0x10001000, 0x30000, false},
      {"inside_table_fn", 0x10002000, 0x10, true},
      {"counter", 0x20000000, 4, false},
  };
  return image;
}

TEST(ImageSymbols, AddressInsideAFunctionFindsIt) {
  const Image image = image_with_symbols();
  const ImageSymbol* symbol = image.symbol_at(0x10000234);
  ASSERT_NE(symbol, nullptr);
  EXPECT_EQ(symbol->name, "main");
}

TEST(ImageSymbols, FirstAndLastBytesOfASymbolCount) {
  const Image image = image_with_symbols();
  EXPECT_EQ(image.symbol_at(0x10000218)->name, "main");
  EXPECT_EQ(image.symbol_at(0x10000257)->name, "main");
}

TEST(ImageSymbols, PastTheEndFallsBackToTheNearestPrecedingFunction) {
  const Image image = image_with_symbols();
  EXPECT_EQ(image.symbol_at(0x10000258)->name, "main");
  EXPECT_EQ(image.symbol_at(0x100001d0)->name, "reset");  // a sizeless label
}

TEST(ImageSymbols, ObjectsAreNotUsedAsNearestSymbol) {
  Image image;
  image.symbols = {{"counter", 0x20000000, 4, false}};
  EXPECT_EQ(image.symbol_at(0x20000004), nullptr);
  EXPECT_EQ(image.symbol_at(0x20000003)->name, "counter");
}

TEST(ImageSymbols, NearestFunctionMustBeWithin64KiB) {
  Image image;
  image.symbols = {{"far", 0x10000000, 0, true}};
  EXPECT_EQ(image.symbol_at(0x1000ffff)->name, "far");
  EXPECT_EQ(image.symbol_at(0x10010000), nullptr);
}

TEST(ImageSymbols, InnermostContainingSymbolWins) {
  const Image image = image_with_symbols();
  EXPECT_EQ(image.symbol_at(0x10002004)->name, "inside_table_fn");
  // Past the inner function, the enclosing object still contains the address.
  EXPECT_EQ(image.symbol_at(0x10002010)->name, "big_table");
  EXPECT_EQ(image.symbol_at(0x1002ffff)->name, "big_table");
}

TEST(ImageSymbols, BeforeEverySymbolThereIsNone) {
  const Image image = image_with_symbols();
  EXPECT_EQ(image.symbol_at(0x10000000), nullptr);
  EXPECT_EQ(Image{}.symbol_at(0x10000000), nullptr);
}

TEST(ImageSymbols, DescribeAddressGivesSymbolAndOffset) {
  const Image image = image_with_symbols();
  EXPECT_EQ(image.describe_address(0x10000234), "0x10000234 (main+0x1c)");
  EXPECT_EQ(image.describe_address(0x10000218), "0x10000218 (main)");
  EXPECT_EQ(image.describe_address(0x00000010), "0x00000010");
}

TEST(ImageFormatName, NamesEachFormat) {
  EXPECT_STREQ(image_format_name(ImageFormat::Uf2), "UF2");
  EXPECT_STREQ(image_format_name(ImageFormat::Elf), "ELF");
  EXPECT_STREQ(image_format_name(ImageFormat::Bin), "BIN");
}

TEST(MakeUf2, RoundTripGivesTheSameBytes) {
  Image image;
  image.segments = {{0x10000000, pattern(0x1000, 3)}, {0x20000000, pattern(0x200, 5)}};
  const std::vector<uint8_t> uf2 = make_uf2(image);
  EXPECT_EQ(uf2.size(), (0x1000 / 256 + 2) * 512u);
  auto parsed = parse_uf2(uf2, "out.uf2");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->segments.size(), 2u);
  EXPECT_EQ(parsed->segments[0].address, image.segments[0].address);
  EXPECT_EQ(parsed->segments[0].bytes, image.segments[0].bytes);
  EXPECT_EQ(parsed->segments[1].address, image.segments[1].address);
  EXPECT_EQ(parsed->segments[1].bytes, image.segments[1].bytes);
}

TEST(MakeUf2, UnalignedSegmentsArePaddedWithZerosToWholePages) {
  Image image;
  // Two segments sharing one page, then one crossing a page boundary.
  image.segments = {{0x10000010, pattern(0x10, 1)},
                    {0x10000040, pattern(0x10, 2)},
                    {0x100001f0, pattern(0x20, 3)}};
  const std::vector<uint8_t> uf2 = make_uf2(image);
  ASSERT_EQ(uf2.size(), 3 * 512u);  // pages 0x10000000, 0x10000100, 0x10000200
  auto parsed = parse_uf2(uf2, "out.uf2");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->segments.size(), 1u);
  const ImageSegment& page = parsed->segments[0];
  EXPECT_EQ(page.address, 0x10000000u);
  ASSERT_EQ(page.bytes.size(), 768u);
  std::vector<uint8_t> expected(768, 0);
  std::copy_n(pattern(0x10, 1).begin(), 0x10, expected.begin() + 0x10);
  std::copy_n(pattern(0x10, 2).begin(), 0x10, expected.begin() + 0x40);
  std::copy_n(pattern(0x20, 3).begin(), 0x20, expected.begin() + 0x1f0);
  EXPECT_EQ(page.bytes, expected);
}

TEST(MakeUf2, BlocksCarryFamilyNumbersAndTotal) {
  Image image;
  image.segments = {{0x10000000, pattern(0x300)}};
  const std::vector<uint8_t> uf2 = make_uf2(image, 0x12345678);
  ASSERT_EQ(uf2.size(), 3 * 512u);
  auto word = [&](size_t offset) {
    return uint32_t{uf2[offset]} | uint32_t{uf2[offset + 1]} << 8 |
           uint32_t{uf2[offset + 2]} << 16 | uint32_t{uf2[offset + 3]} << 24;
  };
  for (uint32_t block = 0; block < 3; ++block) {
    const size_t base = block * 512;
    EXPECT_EQ(word(base + 8), 0x00002000u);  // familyID present only
    EXPECT_EQ(word(base + 12), 0x10000000u + block * 256);
    EXPECT_EQ(word(base + 16), 256u);
    EXPECT_EQ(word(base + 20), block);
    EXPECT_EQ(word(base + 24), 3u);
    EXPECT_EQ(word(base + 28), 0x12345678u);
  }
  EXPECT_TRUE(parse_uf2(uf2, "out.uf2", 0x12345678).ok());
}

TEST(MakeUf2, EmptyImageGivesAnEmptyFile) {
  EXPECT_TRUE(make_uf2(Image{}).empty());
}

class LoadImage : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            ("vpico_load_image_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(m_dir);
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }

  std::string write(const std::string& name, const std::vector<uint8_t>& bytes) {
    const std::string path = (m_dir / name).string();
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    return path;
  }

  std::filesystem::path m_dir;
};

TEST_F(LoadImage, Uf2ContentIsLoadedAsUf2WhateverTheName) {
  const std::string path = write("firmware.bin", test::uf2_file({{.payload = pattern(256)}}));
  auto image = load_image(path);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->format, ImageFormat::Uf2);
  EXPECT_EQ(image->path, path);
}

TEST_F(LoadImage, ElfContentIsLoadedAsElf) {
  test::ElfSpec spec;
  spec.segments.push_back({.paddr = 0x10000000, .vaddr = 0x10000000, .bytes = pattern(64)});
  const std::string path = write("app", test::build_elf(spec));
  auto image = load_image(path);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->format, ImageFormat::Elf);
}

TEST_F(LoadImage, BinExtensionLoadsRawBytesAtFlashBase) {
  const std::string path = write("raw.BIN", pattern(100));
  auto image = load_image(path);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->format, ImageFormat::Bin);
  EXPECT_EQ(image->segments[0].address, kFlashBase);
  EXPECT_EQ(image->segments[0].bytes, pattern(100));
}

TEST_F(LoadImage, UnknownContentWithoutBinExtensionIsAnError) {
  const std::string path = write("notes.txt", pattern(100));
  auto image = load_image(path);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message,
            path +
                ": not a firmware image: expected a UF2 file, an ARM ELF executable, or a raw "
                "binary named *.bin");
}

TEST_F(LoadImage, CorruptUf2ReportsTheUf2Error) {
  auto bytes = test::uf2_file({{}});
  bytes.resize(600);
  const std::string path = write("fw.uf2", bytes);
  auto image = load_image(path);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message,
            path + ": size 600 bytes is not a multiple of the 512-byte UF2 block");
}

TEST_F(LoadImage, EmptyFileIsAnError) {
  const std::string path = write("a.bin", {});
  auto image = load_image(path);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message, path + ": empty file");
}

TEST_F(LoadImage, MissingFileIsAnError) {
  auto image = load_image("nofile.uf2");
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message, "nofile.uf2: cannot open: No such file or directory");
}

TEST_F(LoadImage, DirectoryIsAnError) {
  auto image = load_image(m_dir.string());
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.error().message, m_dir.string() + ": cannot read: Is a directory");
}

}  // namespace
}  // namespace vpico
