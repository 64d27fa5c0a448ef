// Inter-core FIFOs (RP2040 datasheet 2.3.1.4).
#include <vector>

#include "sio_test_fixture.h"

using namespace sio_test;
using vpico::rp2040::kSioIrqProc0;
using vpico::rp2040::kSioIrqProc1;

using SioFifo = SioFixture;

TEST_F(SioFifo, ResetStatusIsReadyAndEmpty) {
  EXPECT_EQ(rd(0, FIFO_ST), FIFO_ST_RDY);
  EXPECT_EQ(rd(1, FIFO_ST), FIFO_ST_RDY);
  EXPECT_FALSE(irqs.high(kSioIrqProc0));
  EXPECT_FALSE(irqs.high(kSioIrqProc1));
}

TEST_F(SioFifo, WriteOnCore0ReadOnCore1) {
  wr(0, FIFO_WR, 0xcafef00d);
  EXPECT_EQ(rd(1, FIFO_ST) & FIFO_ST_VLD, FIFO_ST_VLD);
  EXPECT_EQ(rd(0, FIFO_ST) & FIFO_ST_VLD, 0u);  // core 0's RX FIFO is the other one
  EXPECT_EQ(rd(1, FIFO_RD), 0xcafef00du);
  EXPECT_EQ(rd(1, FIFO_ST), FIFO_ST_RDY);
}

TEST_F(SioFifo, WriteOnCore1ReadOnCore0) {
  wr(1, FIFO_WR, 42);
  EXPECT_EQ(rd(0, FIFO_ST), FIFO_ST_VLD | FIFO_ST_RDY);
  EXPECT_EQ(rd(0, FIFO_RD), 42u);
}

TEST_F(SioFifo, IsFirstInFirstOut) {
  for (uint32_t i = 1; i <= 8; ++i)
    wr(0, FIFO_WR, i * 11);
  for (uint32_t i = 1; i <= 8; ++i)
    EXPECT_EQ(rd(1, FIFO_RD), i * 11);
}

TEST_F(SioFifo, FullWriteSetsWofAndIsLost) {
  for (uint32_t i = 0; i < 8; ++i) {
    EXPECT_EQ(rd(0, FIFO_ST) & FIFO_ST_RDY, FIFO_ST_RDY) << i;
    wr(0, FIFO_WR, i);
  }
  EXPECT_EQ(rd(0, FIFO_ST) & FIFO_ST_RDY, 0u);  // eight deep
  wr(0, FIFO_WR, 99);
  EXPECT_EQ(rd(0, FIFO_ST) & FIFO_ST_WOF, FIFO_ST_WOF);
  EXPECT_EQ(rd(1, FIFO_ST) & FIFO_ST_WOF, 0u);  // the writer's flag, not the reader's
  EXPECT_EQ(sio.fifos().level(1), 8u);
  for (uint32_t i = 0; i < 8; ++i)
    EXPECT_EQ(rd(1, FIFO_RD), i);
  EXPECT_EQ(rd(1, FIFO_ST) & FIFO_ST_VLD, 0u);  // 99 was dropped
}

TEST_F(SioFifo, EmptyReadSetsRoeAndReturnsZero) {
  wr(0, FIFO_WR, 7);
  EXPECT_EQ(rd(1, FIFO_RD), 7u);
  EXPECT_EQ(rd(1, FIFO_RD), 0u);
  EXPECT_EQ(rd(1, FIFO_ST), FIFO_ST_RDY | FIFO_ST_ROE);
  EXPECT_EQ(rd(0, FIFO_ST) & FIFO_ST_ROE, 0u);
  wr(0, FIFO_WR, 8);  // the FIFO state was not disturbed by the bad read
  EXPECT_EQ(rd(1, FIFO_RD), 8u);
}

TEST_F(SioFifo, StickyFlagsClearWhenWrittenWithOne) {
  rd(0, FIFO_RD);  // ROE
  for (int i = 0; i < 9; ++i)
    wr(0, FIFO_WR, 0);  // WOF
  EXPECT_EQ(rd(0, FIFO_ST) & (FIFO_ST_WOF | FIFO_ST_ROE), FIFO_ST_WOF | FIFO_ST_ROE);
  wr(0, FIFO_ST, 0);
  EXPECT_EQ(rd(0, FIFO_ST) & (FIFO_ST_WOF | FIFO_ST_ROE), FIFO_ST_WOF | FIFO_ST_ROE);
  wr(0, FIFO_ST, FIFO_ST_ROE);
  EXPECT_EQ(rd(0, FIFO_ST) & (FIFO_ST_WOF | FIFO_ST_ROE), FIFO_ST_WOF);
  wr(0, FIFO_ST, 0xff);  // what pico-sdk's multicore_fifo_clear_irq writes
  EXPECT_EQ(rd(0, FIFO_ST) & (FIFO_ST_WOF | FIFO_ST_ROE), 0u);
}

TEST_F(SioFifo, IrqFollowsValidData) {
  wr(0, FIFO_WR, 1);
  wr(0, FIFO_WR, 2);
  EXPECT_TRUE(irqs.high(kSioIrqProc1));  // core 1 has data
  EXPECT_FALSE(irqs.high(kSioIrqProc0));
  rd(1, FIFO_RD);
  EXPECT_TRUE(irqs.high(kSioIrqProc1));
  rd(1, FIFO_RD);
  EXPECT_FALSE(irqs.high(kSioIrqProc1));  // drained
}

TEST_F(SioFifo, IrqFollowsErrorFlags) {
  rd(0, FIFO_RD);  // ROE on core 0
  EXPECT_TRUE(irqs.high(kSioIrqProc0));
  EXPECT_FALSE(irqs.high(kSioIrqProc1));
  wr(0, FIFO_ST, FIFO_ST_ROE);
  EXPECT_FALSE(irqs.high(kSioIrqProc0));
  for (int i = 0; i < 9; ++i)
    wr(1, FIFO_WR, 0);  // core 1 overflows its TX FIFO: WOF on core 1, VLD on core 0
  EXPECT_TRUE(irqs.high(kSioIrqProc1));
  EXPECT_TRUE(irqs.high(kSioIrqProc0));
  wr(1, FIFO_ST, 0xff);
  EXPECT_FALSE(irqs.high(kSioIrqProc1));
}

TEST_F(SioFifo, PeekNeitherPopsNorFlags) {
  EXPECT_EQ(peek(1, FIFO_RD), 0u);
  EXPECT_EQ(rd(1, FIFO_ST) & FIFO_ST_ROE, 0u);
  wr(0, FIFO_WR, 5);
  EXPECT_EQ(peek(1, FIFO_RD), 5u);
  EXPECT_EQ(rd(1, FIFO_RD), 5u);
}

TEST_F(SioFifo, ResetEmptiesFifosAndLowersIrqs) {
  wr(0, FIFO_WR, 1);
  rd(0, FIFO_RD);
  sio.reset();
  EXPECT_EQ(rd(0, FIFO_ST), FIFO_ST_RDY);
  EXPECT_EQ(rd(1, FIFO_ST), FIFO_ST_RDY);
  EXPECT_FALSE(irqs.high(kSioIrqProc0));
  EXPECT_FALSE(irqs.high(kSioIrqProc1));
}
