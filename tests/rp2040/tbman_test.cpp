#include "rp2040/tbman.h"

#include <gtest/gtest.h>

#include "fakes.h"

using namespace vpico;
using vpico::test::rd;
using vpico::test::wr;

struct Tbman : ::testing::Test {
  rp2040::Tbman tbman;
};

TEST_F(Tbman, PlatformIsAsic) {
  EXPECT_EQ(rd(tbman, 0x0), 0x1u);  // pico-sdk's running_on_fpga() is false
  wr(tbman, 0x0, 0x2);
  EXPECT_EQ(rd(tbman, 0x0), 0x1u);
}
