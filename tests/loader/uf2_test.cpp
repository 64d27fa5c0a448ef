#include <gtest/gtest.h>

#include "loader/image.h"
#include "test_images.h"

namespace vpico {
namespace {

using test::pattern;
using test::uf2_file;
using test::Uf2Block;

// Asserts the parse failed and returns the message.
std::string error_of(const Result<Image>& result) {
  EXPECT_FALSE(result.ok());
  return result.ok() ? std::string() : result.error().message;
}

TEST(Uf2, ContiguousBlocksMergeIntoOneSegment) {
  const auto file = uf2_file({{.address = 0x10000000, .payload = pattern(256, 0)},
                              {.address = 0x10000100, .payload = pattern(256, 7)}});
  auto image = parse_uf2(file, "fw.uf2");
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->format, ImageFormat::Uf2);
  EXPECT_EQ(image->path, "fw.uf2");
  ASSERT_EQ(image->segments.size(), 1u);
  EXPECT_EQ(image->segments[0].address, 0x10000000u);
  std::vector<uint8_t> expected = pattern(256, 0);
  const auto second = pattern(256, 7);
  expected.insert(expected.end(), second.begin(), second.end());
  EXPECT_EQ(image->segments[0].bytes, expected);
  EXPECT_TRUE(image->symbols.empty());
  EXPECT_FALSE(image->entry.has_value());
}

TEST(Uf2, OutOfOrderBlocksWithHolesGiveSortedSegments) {
  const auto file = uf2_file({{.address = 0x10001000, .payload = pattern(256, 3)},
                              {.address = 0x20000000, .payload = pattern(16, 9)},
                              {.address = 0x10000000, .payload = pattern(256, 1)}});
  auto image = parse_uf2(file, "fw.uf2");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->segments.size(), 3u);
  EXPECT_EQ(image->segments[0].address, 0x10000000u);
  EXPECT_EQ(image->segments[0].bytes, pattern(256, 1));
  EXPECT_EQ(image->segments[1].address, 0x10001000u);
  EXPECT_EQ(image->segments[1].bytes, pattern(256, 3));
  EXPECT_EQ(image->segments[2].address, 0x20000000u);
  EXPECT_EQ(image->segments[2].bytes, pattern(16, 9));
}

TEST(Uf2, OtherFamilyBlocksAreSkipped) {
  const auto file =
      uf2_file({{.address = 0x10000000, .payload = pattern(256, 1)},
                {.address = 0x10000000, .payload = pattern(256, 99), .family = 0xe48bff59},
                {.address = 0x10000100, .payload = pattern(256, 2)}});
  auto image = parse_uf2(file, "fw.uf2");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->segments.size(), 1u);
  EXPECT_EQ(image->segments[0].bytes.size(), 512u);
  EXPECT_EQ(image->segments[0].bytes[0], 1);
}

TEST(Uf2, RequestedFamilyIsLoadedFromAMultiFamilyFile) {
  const auto file =
      uf2_file({{.address = 0x10000000, .payload = pattern(256, 1)},
                {.address = 0x10000000, .payload = pattern(256, 99), .family = 0xe48bff59}});
  auto image = parse_uf2(file, "fw.uf2", 0xe48bff59);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->segments[0].bytes, pattern(256, 99));
}

TEST(Uf2, NotMainFlashBlocksAreSkipped) {
  const auto file = uf2_file(
      {{.address = 0x10000000, .payload = pattern(256, 1)},
       {.address = 0x00000000, .payload = pattern(100, 5), .flags = test::kUf2FlagNotMainFlash}});
  auto image = parse_uf2(file, "fw.uf2");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->segments.size(), 1u);
  EXPECT_EQ(image->segments[0].bytes, pattern(256, 1));
}

TEST(Uf2, BlocksWithoutFamilyIdAreSkipped) {
  const auto file = uf2_file({{.address = 0x10000000, .payload = pattern(256, 1)},
                              {.address = 0x10000100, .payload = pattern(256, 5), .flags = 0}});
  auto image = parse_uf2(file, "fw.uf2");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->segments.size(), 1u);
  EXPECT_EQ(image->segments[0].bytes.size(), 256u);
}

TEST(Uf2, IdenticalRewriteOfAnAddressIsAccepted) {
  const auto file = uf2_file({{.address = 0x10000000, .payload = pattern(256, 1)},
                              {.address = 0x10000080, .payload = pattern(64, 0x81)}});
  auto image = parse_uf2(file, "fw.uf2");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->segments.size(), 1u);
  EXPECT_EQ(image->segments[0].bytes, pattern(256, 1));
}

TEST(Uf2, PartialOverlapExtendsTheSegment) {
  const auto file = uf2_file({{.address = 0x10000000, .payload = pattern(256, 0)},
                              {.address = 0x100000f0, .payload = pattern(32, 0xf0)}});
  auto image = parse_uf2(file, "fw.uf2");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->segments.size(), 1u);
  EXPECT_EQ(image->segments[0].bytes, pattern(272, 0));
}

TEST(Uf2, ConflictingRewriteIsAnErrorNamingBothBlocks) {
  auto changed = pattern(256, 1);
  changed[0x10] ^= 0xff;
  const auto file = uf2_file({{.address = 0x10000000, .payload = pattern(256, 1)},
                              {.address = 0x10000100, .payload = pattern(256, 2)},
                              {.address = 0x10000000, .payload = changed}});
  EXPECT_EQ(error_of(parse_uf2(file, "fw.uf2")),
            "fw.uf2: block 2 (offset 1024) writes different bytes at 0x10000010 than block 0 "
            "(offset 0)");
}

TEST(Uf2, BadStartMagicIsAnError) {
  auto file = uf2_file({{}, {}, {}, {}});
  file[3 * 512 + 0] = 0x78;
  file[3 * 512 + 1] = 0x56;
  file[3 * 512 + 2] = 0x34;
  file[3 * 512 + 3] = 0x12;
  EXPECT_EQ(error_of(parse_uf2(file, "fw.uf2")),
            "fw.uf2: block 3 (offset 1536): bad magic 0x12345678");
}

TEST(Uf2, BadSecondMagicIsAnError) {
  auto file = uf2_file({{}});
  file[4] = 0;
  EXPECT_EQ(error_of(parse_uf2(file, "fw.uf2")),
            "fw.uf2: block 0 (offset 0): bad magic 0x9e5d5100");
}

TEST(Uf2, BadEndMagicIsAnError) {
  auto file = uf2_file({{}, {}});
  file[512 + 511] = 0;
  EXPECT_EQ(error_of(parse_uf2(file, "fw.uf2")),
            "fw.uf2: block 1 (offset 512): bad magic 0x00b16f30");
}

TEST(Uf2, LengthNotAMultipleOf512IsAnError) {
  auto file = uf2_file({{}});
  file.resize(700);
  EXPECT_EQ(error_of(parse_uf2(file, "fw.uf2")),
            "fw.uf2: size 700 bytes is not a multiple of the 512-byte UF2 block");
}

TEST(Uf2, EmptyFileIsAnError) {
  EXPECT_EQ(error_of(parse_uf2({}, "fw.uf2")), "fw.uf2: empty file");
}

TEST(Uf2, PayloadLargerThan476IsAnError) {
  const auto file = uf2_file({{}, {.payload_size_override = 477}});
  EXPECT_EQ(error_of(parse_uf2(file, "fw.uf2")),
            "fw.uf2: block 1 (offset 512): payload size 477 is larger than 476");
}

TEST(Uf2, Payload476IsAccepted) {
  const auto file = uf2_file({{.address = 0x20000000, .payload = pattern(476)}});
  auto image = parse_uf2(file, "fw.uf2");
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->segments[0].bytes, pattern(476));
}

TEST(Uf2, FileContainerBlockIsAnError) {
  const auto file =
      uf2_file({{}, {.flags = test::kUf2FlagFileContainer | test::kUf2FlagFamilyIdPresent}});
  EXPECT_EQ(error_of(parse_uf2(file, "fw.uf2")),
            "fw.uf2: block 1 (offset 512): file-container blocks are not supported");
}

TEST(Uf2, NoBlocksForTheFamilyNamesTheFamiliesSeen) {
  const auto file = uf2_file({{.family = 0xe48bff59}, {.family = 0xe48bff59}});
  EXPECT_EQ(error_of(parse_uf2(file, "x.uf2")),
            "x.uf2: no blocks for the RP2040 family 0xe48bff56 (families seen: 0xe48bff59)");
}

TEST(Uf2, NoBlocksForTheFamilyCountsBlocksWithoutFamilyId) {
  const auto file = uf2_file({{.flags = 0}, {.flags = 0}, {.family = 0x12345678}});
  EXPECT_EQ(error_of(parse_uf2(file, "x.uf2")),
            "x.uf2: no blocks for the RP2040 family 0xe48bff56 (families seen: 0x12345678; 2 "
            "blocks without a family ID)");
}

TEST(Uf2, NoBlocksForACustomFamilySaysWhichFamily) {
  const auto file = uf2_file({{}});
  EXPECT_EQ(error_of(parse_uf2(file, "x.uf2", 0x00ff6919)),
            "x.uf2: no blocks for family 0x00ff6919 (families seen: 0xe48bff56)");
}

TEST(Uf2, AddressOutsideFlashAndSramIsAnError) {
  const auto file = uf2_file({{}, {.address = 0x30000000}});
  EXPECT_EQ(error_of(parse_uf2(file, "fw.uf2")),
            "fw.uf2: block 1 (offset 512): 256 bytes at 0x30000000 are outside flash "
            "(0x10000000..0x11000000) and SRAM (0x20000000..0x20042000)");
}

TEST(Uf2, BlockRunningPastTheEndOfFlashIsAnError) {
  const auto file = uf2_file({{.address = 0x10ffff80}});
  EXPECT_NE(error_of(parse_uf2(file, "fw.uf2")).find("256 bytes at 0x10ffff80 are outside"),
            std::string::npos);
}

TEST(Uf2, BlockRunningPastTheEndOfSramIsAnError) {
  const auto file = uf2_file({{.address = 0x20041f80}});
  EXPECT_NE(error_of(parse_uf2(file, "fw.uf2")).find("256 bytes at 0x20041f80 are outside"),
            std::string::npos);
}

TEST(Uf2, LastPagesOfFlashAndSramAreAccepted) {
  const auto file =
      uf2_file({{.address = 0x10ffff00}, {.address = 0x20041f00, .payload = pattern(256)}});
  auto image = parse_uf2(file, "fw.uf2");
  ASSERT_TRUE(image.ok()) << image.error().message;
  ASSERT_EQ(image->segments.size(), 2u);
}

TEST(Uf2, AddressNearFourGibDoesNotWrap) {
  const auto file = uf2_file({{.address = 0xffffff80}});
  EXPECT_NE(error_of(parse_uf2(file, "fw.uf2")).find("are outside"), std::string::npos);
}

TEST(Uf2, BlocksWithOnlyEmptyPayloadsAreAnError) {
  const auto file = uf2_file({{.payload = {}}, {.payload = {}}});
  EXPECT_EQ(error_of(parse_uf2(file, "fw.uf2")),
            "fw.uf2: the 2 blocks for the RP2040 family 0xe48bff56 carry no data");
}

}  // namespace
}  // namespace vpico
