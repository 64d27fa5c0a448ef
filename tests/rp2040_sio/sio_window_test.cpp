// The SIO register window each core sees: CPUID, shared GPIO, names for diagnostics.
#include "sio_test_fixture.h"

using namespace sio_test;

using SioWindow = SioFixture;

TEST_F(SioWindow, CpuidIsTheCoreNumber) {
  EXPECT_EQ(rd(0, CPUID), 0u);
  EXPECT_EQ(rd(1, CPUID), 1u);
}

TEST_F(SioWindow, GpioOutputIsSharedByBothCores) {
  int changes = 0;
  sio.on_gpio_change = [&] { ++changes; };
  wr(0, GPIO_OUT_SET, 1u << 25);
  EXPECT_EQ(rd(1, GPIO_OUT), 1u << 25);
  EXPECT_EQ(sio.gpio_out(), 1u << 25);
  EXPECT_EQ(changes, 1);
}

TEST_F(SioWindow, RegistersHaveDatasheetNames) {
  EXPECT_EQ(sio.core_view(0).describe(FIFO_RD), "SIO(core0).FIFO_RD");
  EXPECT_EQ(sio.core_view(1).describe(DIV_CSR), "SIO(core1).DIV_CSR");
  EXPECT_EQ(sio.core_view(0).describe(INTERP1 + POP_FULL), "SIO(core0).INTERP1_POP_FULL");
  EXPECT_EQ(sio.core_view(0).describe(SPINLOCK0 + 4 * 31), "SIO(core0).SPINLOCK31");
}

TEST_F(SioWindow, OffsetsBeyondTheSpinlocksAreNotModelled) {
  uint32_t v = 0;
  EXPECT_FALSE(sio.core_view(0).read(0x180, v));
  EXPECT_FALSE(sio.core_view(0).write(0x180, 0, ~0u));
}

TEST_F(SioWindow, HasNoAtomicAliases) {
  EXPECT_FALSE(sio.core_view(0).has_atomic_aliases());
}

TEST_F(SioWindow, ResetRestoresEveryPart) {
  wr(0, FIFO_WR, 1);
  rd(0, SPINLOCK0);
  wr(0, DIV_UDIVIDEND, 5);
  wr(1, INTERP1 + BASE2, 9);
  sio.reset();
  EXPECT_EQ(rd(1, FIFO_ST), FIFO_ST_RDY);
  EXPECT_EQ(rd(0, SPINLOCK_ST), 0u);
  EXPECT_EQ(rd(0, DIV_CSR), DIV_CSR_READY);
  EXPECT_EQ(rd(0, DIV_UDIVIDEND), 0u);
  EXPECT_EQ(rd(1, INTERP1 + BASE2), 0u);
}
