#include "rp2040/io_bank0.h"

#include <gtest/gtest.h>

#include "rp2040/address_map.h"
#include "rp2040/sio.h"

using namespace vpico;
using namespace vpico::rp2040;

namespace {
struct CoreIrqs : IrqSink {
  bool level[2] = {false, false};
  void set_irq_level(unsigned, bool) override {}
  void set_core_irq_level(unsigned core, unsigned irq, bool l) override {
    if (irq == kIoIrqBank0) level[core] = l;
  }
};

constexpr uint32_t INTR0 = 0xf0, PROC0_INTE0 = 0x100, PROC0_INTF0 = 0x110, PROC0_INTS0 = 0x120,
                   PROC1_INTE0 = 0x130, PROC1_INTS0 = 0x150, INTR3 = 0xfc, PROC0_INTE3 = 0x10c;

struct IoFixture : ::testing::Test {
  Pins pins;
  Sio sio;
  CoreIrqs irqs;
  IoBank0 io{pins, sio, &irqs};
  PadsBank0 pads{pins};
  void SetUp() override {
    sio.read_gpio_in = [this] { return io.input_levels(); };
    sio.on_gpio_change = [this] { io.update_pins(); };
    pins.reset();
    pads.reset();
    io.reset();
  }
  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(io.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(io.write(off, v, 0xffffffff)); }
};
}  // namespace

TEST_F(IoFixture, LevelBitsFollowTheInput) {
  // Pulled down after reset: LEVEL_LOW (bit 0) for GPIO2.
  EXPECT_EQ((rd(INTR0) >> 8) & 0xf, 0x1u);
  pins.drive(2, true);
  EXPECT_EQ((rd(INTR0) >> 8) & 0xf, 0x2u | 0x8u);  // LEVEL_HIGH and a latched EDGE_HIGH
}

TEST_F(IoFixture, EdgesLatchUntilWrittenOne) {
  pins.drive(3, true);
  pins.drive(3, false);
  uint32_t v = (rd(INTR0) >> 12) & 0xf;
  EXPECT_EQ(v, 0x1u | 0x4u | 0x8u);  // LEVEL_LOW, EDGE_LOW, EDGE_HIGH
  wr(INTR0, 0x8u << 12);             // clear EDGE_HIGH only
  EXPECT_EQ((rd(INTR0) >> 12) & 0xf, 0x1u | 0x4u);
}

TEST_F(IoFixture, Proc0IrqNeedsEnableAndGoesToCore0Only) {
  pins.drive(5, true);
  EXPECT_FALSE(irqs.level[0]);
  wr(PROC0_INTE0, 0x8u << 20);  // GPIO5 EDGE_HIGH
  EXPECT_TRUE(irqs.level[0]);
  EXPECT_FALSE(irqs.level[1]);
  EXPECT_EQ(rd(PROC0_INTS0), 0x8u << 20);
  EXPECT_EQ(rd(PROC1_INTS0), 0u);
  wr(INTR0, 0x8u << 20);
  EXPECT_FALSE(irqs.level[0]);
}

TEST_F(IoFixture, LevelInterruptStaysWhileTheLevelHolds) {
  wr(PROC1_INTE0, 0x2u << 4);  // GPIO1 LEVEL_HIGH on core 1
  pins.drive(1, true);
  EXPECT_TRUE(irqs.level[1]);
  wr(INTR0, 0xffffffff);  // levels cannot be cleared
  EXPECT_TRUE(irqs.level[1]);
  pins.drive(1, false);
  EXPECT_FALSE(irqs.level[1]);
}

TEST_F(IoFixture, ForceRaisesTheIrq) {
  wr(PROC0_INTF0, 0x1);
  EXPECT_TRUE(irqs.level[0]);
  EXPECT_EQ(rd(PROC0_INTS0), 0x1u);
}

TEST_F(IoFixture, HighPinsUseTheLastGroup) {
  wr(PROC0_INTE3, 0x8u << 20);  // GPIO29 EDGE_HIGH
  pins.drive(29, true);
  EXPECT_TRUE(irqs.level[0]);
  EXPECT_EQ((rd(INTR3) >> 20) & 0xf, 0xau);
}

TEST_F(IoFixture, SioOutputLoopsBackToInterrupts) {
  wr(8 * 7 + 4, IoBank0::kFuncSio);
  wr(PROC0_INTE0, 0x8u << 28);  // GPIO7 EDGE_HIGH
  uint32_t v;
  ASSERT_TRUE(sio.core_view(0).write(0x024, 1u << 7, 0xffffffff));  // GPIO_OE_SET
  ASSERT_TRUE(sio.core_view(0).write(0x014, 1u << 7, 0xffffffff));  // GPIO_OUT_SET
  EXPECT_TRUE(pins.level(7));
  EXPECT_TRUE(irqs.level[0]);
  ASSERT_TRUE(sio.core_view(0).read(0x004, v));
  EXPECT_TRUE(v & (1u << 7));
}

TEST_F(IoFixture, IrqoverForcesTheLine) {
  wr(8 * 9 + 4, (3u << 28) | IoBank0::kFuncNull);  // IRQOVER high on GPIO9
  EXPECT_TRUE(irqs.level[0]);
  EXPECT_TRUE(irqs.level[1]);
}

TEST_F(IoFixture, StatusShowsSignalsBeforeAndAfterOverrides) {
  wr(8 * 4 + 4, IoBank0::kFuncSio | (2u << 8) | (3u << 12));        // GPIO4: OUTOVER low, OEOVER on
  ASSERT_TRUE(sio.core_view(0).write(0x014, 1u << 4, 0xffffffff));  // SIO drives 1
  uint32_t st = rd(8 * 4);
  EXPECT_TRUE(st & (1u << 8));    // OUTFROMPERI: SIO's 1
  EXPECT_FALSE(st & (1u << 9));   // OUTTOPAD: forced low
  EXPECT_FALSE(st & (1u << 12));  // OEFROMPERI: SIO OE is 0
  EXPECT_TRUE(st & (1u << 13));   // OETOPAD: forced on
  EXPECT_FALSE(st & (1u << 17));  // the pad reads low
}
