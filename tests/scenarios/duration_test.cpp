// Durations in scenario files: number + unit, as Wokwi writes them.
#include <gtest/gtest.h>

#include "duration.h"

using namespace vpico::scenarios;

TEST(Duration, UnitsGiveNanoseconds) {
  EXPECT_EQ(parse_duration("500ms").value(), 500'000'000u);
  EXPECT_EQ(parse_duration("2s").value(), 2'000'000'000u);
  EXPECT_EQ(parse_duration("10us").value(), 10'000u);
  EXPECT_EQ(parse_duration("250ns").value(), 250u);
  EXPECT_EQ(parse_duration("1.5s").value(), 1'500'000'000u);
  EXPECT_EQ(parse_duration("0.1s").value(), 100'000'000u);
  EXPECT_EQ(parse_duration(" 30 ms ").value(), 30'000'000u);
  EXPECT_EQ(parse_duration("2MS").value(), 2'000'000u);
  EXPECT_EQ(parse_duration("0").value(), 0u);
}

TEST(Duration, MissingUnitIsRefusedWithAHint) {
  auto d = parse_duration("500");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("no unit"), std::string::npos) << d.error().message;
  EXPECT_NE(d.error().message.find("500ms"), std::string::npos) << d.error().message;
}

TEST(Duration, BadTextIsRefused) {
  for (const char* bad :
       {"", "ms", "-5ms", "5 minutes", "1.5ns", "abc", "1..2s", "99999999999999999999s"})
    EXPECT_FALSE(parse_duration(bad).ok()) << bad;
  EXPECT_NE(parse_duration("5min").error().message.find("unknown unit 'min'"), std::string::npos);
}

TEST(Duration, FormatsWithTheLargestUnit) {
  EXPECT_EQ(format_duration(1'500'000'000), "1.5 s");
  EXPECT_EQ(format_duration(500'000'000), "500 ms");
  EXPECT_EQ(format_duration(12'000), "12 us");
  EXPECT_EQ(format_duration(7), "7 ns");
  EXPECT_EQ(format_duration(0), "0 ns");
}
