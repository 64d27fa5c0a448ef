#include <gtest/gtest.h>

#include "loader/image.h"
#include "test_images.h"

namespace vpico {
namespace {

using test::pattern;

std::string error_of(const Result<Image>& result) {
  EXPECT_FALSE(result.ok());
  return result.ok() ? std::string() : result.error().message;
}

TEST(Bin, BytesLoadAtTheStartOfFlash) {
  auto image = parse_bin(pattern(1000), "a.bin");
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->format, ImageFormat::Bin);
  ASSERT_EQ(image->segments.size(), 1u);
  EXPECT_EQ(image->segments[0].address, kFlashBase);
  EXPECT_EQ(image->segments[0].bytes, pattern(1000));
}

TEST(Bin, BytesLoadAtAGivenBase) {
  auto image = parse_bin(pattern(10), "a.bin", 0x20001000);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->segments[0].address, 0x20001000u);
}

TEST(Bin, ExactlySixteenMibFits) {
  auto image = parse_bin(std::vector<uint8_t>(16 << 20, 0xff), "a.bin");
  ASSERT_TRUE(image.ok()) << image.error().message;
}

TEST(Bin, EmptyFileIsAnError) {
  EXPECT_EQ(error_of(parse_bin({}, "a.bin")), "a.bin: empty file");
}

TEST(Bin, MoreThanSixteenMibIsAnError) {
  EXPECT_EQ(error_of(parse_bin(std::vector<uint8_t>(20000000), "a.bin")),
            "a.bin: 20000000 bytes do not fit the 16 MiB flash window");
}

TEST(Bin, OverflowFromAnOffsetBaseIsAnError) {
  EXPECT_EQ(error_of(parse_bin(std::vector<uint8_t>(0x1000), "a.bin", 0x10fff800)),
            "a.bin: 4096 bytes at 0x10fff800 do not fit the 16 MiB flash window (it ends at "
            "0x11000000)");
}

TEST(Bin, OverflowOfSramIsAnError) {
  EXPECT_EQ(error_of(parse_bin(std::vector<uint8_t>(300 * 1024), "a.bin", 0x20000000)),
            "a.bin: 307200 bytes do not fit the 264 KiB SRAM");
}

TEST(Bin, BaseOutsideFlashAndSramIsAnError) {
  EXPECT_EQ(error_of(parse_bin(pattern(4), "a.bin", 0x40000000)),
            "a.bin: base address 0x40000000 is outside flash (0x10000000..0x11000000) and SRAM "
            "(0x20000000..0x20042000)");
}

}  // namespace
}  // namespace vpico
