#include "rp2040/busctrl.h"

#include <gtest/gtest.h>

#include "fakes.h"

using namespace vpico;
using vpico::test::rd;
using vpico::test::wr;

namespace {
constexpr uint32_t BUS_PRIORITY = 0x00, BUS_PRIORITY_ACK = 0x04, PERFCTR0 = 0x08, PERFSEL0 = 0x0c,
                   PERFCTR1 = 0x10, PERFSEL3 = 0x24;
}

struct Busctrl : ::testing::Test {
  rp2040::Busctrl busctrl;
};

TEST_F(Busctrl, ResetValues) {
  EXPECT_EQ(rd(busctrl, BUS_PRIORITY), 0u);
  EXPECT_EQ(rd(busctrl, PERFCTR0), 0u);
  EXPECT_EQ(rd(busctrl, PERFSEL0), 0x1fu);
  EXPECT_EQ(rd(busctrl, PERFSEL3), 0x1fu);
}

TEST_F(Busctrl, PriorityIsAcknowledgedAtOnce) {
  wr(busctrl, BUS_PRIORITY, 0x1111);
  EXPECT_EQ(rd(busctrl, BUS_PRIORITY), 0x1111u);
  EXPECT_EQ(rd(busctrl, BUS_PRIORITY_ACK), 1u);
}

TEST_F(Busctrl, PerfctrCountsTheSelectedEventAndClearsOnAnyWrite) {
  wr(busctrl, PERFSEL0, rp2040::Busctrl::kSram0);
  busctrl.count(rp2040::Busctrl::kSram0, 5);
  busctrl.count(rp2040::Busctrl::kRom, 7);
  EXPECT_EQ(rd(busctrl, PERFCTR0), 5u);
  EXPECT_EQ(rd(busctrl, PERFCTR1), 0u);
  wr(busctrl, PERFCTR0, 0x1234);
  EXPECT_EQ(rd(busctrl, PERFCTR0), 0u);
}

TEST_F(Busctrl, PerfctrSaturatesAt24Bits) {
  wr(busctrl, PERFSEL0, rp2040::Busctrl::kApb);
  busctrl.count(rp2040::Busctrl::kApb, 0xfffffff0u);
  busctrl.count(rp2040::Busctrl::kApb, 0x100);
  EXPECT_EQ(rd(busctrl, PERFCTR0), 0xffffffu);
}
