#include "rp2040/sysinfo.h"

#include <gtest/gtest.h>

#include "fakes.h"

using namespace vpico;
using vpico::test::rd;
using vpico::test::wr;

struct Sysinfo : ::testing::Test {
  rp2040::Sysinfo sysinfo;
};

TEST_F(Sysinfo, ChipIdIsRp2040B2) {
  EXPECT_EQ(rd(sysinfo, 0x00), 0x20002927u);
  EXPECT_EQ(rp2040::Sysinfo::chip_id(1), 0x10002927u);  // B0/B1
}

TEST_F(Sysinfo, PlatformIsAsic) {
  EXPECT_EQ(rd(sysinfo, 0x04), 0x2u);
}

TEST_F(Sysinfo, GitrefReadsTheB2Value) {
  EXPECT_EQ(rd(sysinfo, 0x10), 0xe0c912e8u);
}

TEST_F(Sysinfo, WritesAreIgnored) {
  wr(sysinfo, 0x00, 0);
  wr(sysinfo, 0x04, 1);
  wr(sysinfo, 0x10, 0);
  EXPECT_EQ(rd(sysinfo, 0x00), 0x20002927u);
  EXPECT_EQ(rd(sysinfo, 0x04), 0x2u);
  EXPECT_EQ(rd(sysinfo, 0x10), 0xe0c912e8u);
}

TEST_F(Sysinfo, OtherRevisionsCanBeBuilt) {
  rp2040::Sysinfo b1{1};
  EXPECT_EQ(rd(b1, 0x00) >> 28, 1u);
}
