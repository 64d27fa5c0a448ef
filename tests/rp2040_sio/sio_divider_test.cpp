// Per-core integer divider (RP2040 datasheet 2.3.1.5).
#include <climits>
#include <utility>
#include <vector>

#include "sio_test_fixture.h"

using namespace sio_test;

namespace {
struct Divider : SioFixture {
  // Starts a calculation on `core` and waits for it, as pico-sdk's divider code does.
  std::pair<uint32_t, uint32_t> divide(unsigned core, bool is_signed, uint32_t n, uint32_t d) {
    wr(core, is_signed ? DIV_SDIVIDEND : DIV_UDIVIDEND, n);
    wr(core, is_signed ? DIV_SDIVISOR : DIV_UDIVISOR, d);
    advance(8);
    uint32_t r = rd(core, DIV_REMAINDER);
    uint32_t q = rd(core, DIV_QUOTIENT);
    return {q, r};
  }
  std::pair<int32_t, int32_t> sdiv(int32_t n, int32_t d) {
    auto [q, r] = divide(0, true, uint32_t(n), uint32_t(d));
    return {int32_t(q), int32_t(r)};
  }
  std::pair<uint32_t, uint32_t> udiv(uint32_t n, uint32_t d) { return divide(0, false, n, d); }
};
using P = std::pair<uint32_t, uint32_t>;
using S = std::pair<int32_t, int32_t>;
}  // namespace

TEST_F(Divider, ResetIsReadyAndClean) {
  EXPECT_EQ(rd(0, DIV_CSR), DIV_CSR_READY);
  EXPECT_EQ(rd(1, DIV_CSR), DIV_CSR_READY);
}

TEST_F(Divider, UnsignedQuotientAndRemainder) {
  EXPECT_EQ(udiv(100, 9), P(11, 1));
  EXPECT_EQ(udiv(0xffffffffu, 3), P(0x55555555u, 0));
  EXPECT_EQ(udiv(0x80000000u, 2), P(0x40000000u, 0));
  EXPECT_EQ(udiv(0xfffffffeu, 0xffffffffu), P(0, 0xfffffffeu));
}

TEST_F(Divider, SignedTruncatesTowardZero) {
  EXPECT_EQ(sdiv(100, 9), S(11, 1));
  EXPECT_EQ(sdiv(-100, 9), S(-11, -1));
  EXPECT_EQ(sdiv(100, -9), S(-11, 1));
  EXPECT_EQ(sdiv(-100, -9), S(11, -1));
  EXPECT_EQ(sdiv(INT_MIN, 2), S(-0x40000000, 0));
  EXPECT_EQ(sdiv(INT_MAX, 3), S(715827882, 1));
}

TEST_F(Divider, AliasChoosesSignedness) {
  // The same bits, divided unsigned then signed.
  EXPECT_EQ(udiv(0xfffffff6u, 2), P(0x7ffffffbu, 0));
  EXPECT_EQ(sdiv(-10, 2), S(-5, 0));
}

TEST_F(Divider, UnsignedByZero) {
  EXPECT_EQ(udiv(100, 0), P(0xffffffffu, 100));
  EXPECT_EQ(udiv(0, 0), P(0xffffffffu, 0));
}

TEST_F(Divider, SignedByZero) {
  EXPECT_EQ(sdiv(100, 0), S(-1, 100));
  EXPECT_EQ(sdiv(-100, 0), S(1, -100));
  EXPECT_EQ(sdiv(0, 0), S(-1, 0));
}

TEST_F(Divider, SignedOverflow) {
  EXPECT_EQ(sdiv(INT_MIN, -1), S(INT_MIN, 0));
}

TEST_F(Divider, ReadyAfterEightCycles) {
  advance(1000);
  wr(0, DIV_UDIVIDEND, 1000);
  wr(0, DIV_UDIVISOR, 7);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(rd(0, DIV_CSR) & DIV_CSR_READY, 0u) << "cycle " << i;
    advance(1);
  }
  EXPECT_EQ(rd(0, DIV_CSR) & DIV_CSR_READY, DIV_CSR_READY);
  EXPECT_EQ(rd(0, DIV_QUOTIENT), 142u);
  EXPECT_EQ(rd(0, DIV_REMAINDER), 6u);
}

TEST_F(Divider, OperandWriteRestartsCalculation) {
  wr(0, DIV_UDIVIDEND, 1000);
  wr(0, DIV_UDIVISOR, 7);
  advance(6);
  wr(0, DIV_UDIVIDEND, 2000);  // squashes the first calculation; the divisor stays
  advance(7);
  EXPECT_EQ(rd(0, DIV_CSR) & DIV_CSR_READY, 0u);
  advance(1);
  EXPECT_EQ(rd(0, DIV_CSR) & DIV_CSR_READY, DIV_CSR_READY);
  EXPECT_EQ(rd(0, DIV_QUOTIENT), 285u);
  EXPECT_EQ(rd(0, DIV_REMAINDER), 5u);
}

TEST_F(Divider, OperandsReadBackThroughBothAliases) {
  wr(0, DIV_SDIVIDEND, 0xfffffff0u);
  wr(0, DIV_UDIVISOR, 3);
  EXPECT_EQ(rd(0, DIV_UDIVIDEND), 0xfffffff0u);
  EXPECT_EQ(rd(0, DIV_SDIVIDEND), 0xfffffff0u);
  EXPECT_EQ(rd(0, DIV_UDIVISOR), 3u);
  EXPECT_EQ(rd(0, DIV_SDIVISOR), 3u);
}

TEST_F(Divider, DirtySetByWritesClearedByQuotientRead) {
  wr(0, DIV_UDIVIDEND, 9);
  EXPECT_EQ(rd(0, DIV_CSR) & DIV_CSR_DIRTY, DIV_CSR_DIRTY);
  wr(0, DIV_UDIVISOR, 3);
  advance(8);
  EXPECT_EQ(rd(0, DIV_CSR), DIV_CSR_READY | DIV_CSR_DIRTY);
  rd(0, DIV_REMAINDER);
  EXPECT_EQ(rd(0, DIV_CSR), DIV_CSR_READY | DIV_CSR_DIRTY);
  EXPECT_EQ(rd(0, DIV_QUOTIENT), 3u);
  EXPECT_EQ(rd(0, DIV_CSR), DIV_CSR_READY);
  wr(0, DIV_REMAINDER, 1);  // a result write dirties too
  EXPECT_EQ(rd(0, DIV_CSR), DIV_CSR_READY | DIV_CSR_DIRTY);
}

TEST_F(Divider, ResultWriteEndsCalculationAndSetsReady) {
  wr(0, DIV_UDIVIDEND, 100);
  wr(0, DIV_UDIVISOR, 9);
  wr(0, DIV_QUOTIENT, 0x1234);
  EXPECT_EQ(rd(0, DIV_CSR), DIV_CSR_READY | DIV_CSR_DIRTY);
  EXPECT_EQ(rd(0, DIV_REMAINDER), 1u);  // the cancelled calculation's
  EXPECT_EQ(rd(0, DIV_QUOTIENT), 0x1234u);
}

// What pico-sdk's divider code does when an interrupt handler that divides lands in the middle
// of a calculation: hw_divider_save_state on entry, hw_divider_restore_state on exit (which
// restarts an unsigned calculation of the saved operands, then overwrites the results).
TEST_F(Divider, SaveAndRestoreAroundAnInterruptedCalculation) {
  wr(0, DIV_SDIVIDEND, uint32_t(-100));
  wr(0, DIV_SDIVISOR, 7);
  advance(2);  // the interrupt is taken here
  ASSERT_EQ(rd(0, DIV_CSR) & DIV_CSR_DIRTY, DIV_CSR_DIRTY);
  uint32_t saved[4];
  saved[0] = rd(0, DIV_UDIVIDEND);
  saved[1] = rd(0, DIV_UDIVISOR);
  advance(7);
  saved[2] = rd(0, DIV_REMAINDER);
  saved[3] = rd(0, DIV_QUOTIENT);
  // The handler's own division.
  wr(0, DIV_UDIVIDEND, 1000);
  wr(0, DIV_UDIVISOR, 10);
  advance(8);
  EXPECT_EQ(rd(0, DIV_REMAINDER), 0u);
  EXPECT_EQ(rd(0, DIV_QUOTIENT), 100u);
  // Restore, then the interrupted code reads its results.
  wr(0, DIV_UDIVIDEND, saved[0]);
  wr(0, DIV_UDIVISOR, saved[1]);
  wr(0, DIV_REMAINDER, saved[2]);
  wr(0, DIV_QUOTIENT, saved[3]);
  EXPECT_EQ(rd(0, DIV_CSR) & DIV_CSR_READY, DIV_CSR_READY);
  EXPECT_EQ(int32_t(rd(0, DIV_REMAINDER)), -2);
  EXPECT_EQ(int32_t(rd(0, DIV_QUOTIENT)), -14);
  EXPECT_EQ(rd(0, DIV_SDIVIDEND), uint32_t(-100));
  EXPECT_EQ(rd(0, DIV_SDIVISOR), 7u);
}

TEST_F(Divider, EachCoreHasItsOwn) {
  wr(0, DIV_UDIVIDEND, 50);
  wr(0, DIV_UDIVISOR, 5);
  wr(1, DIV_UDIVIDEND, 60);
  wr(1, DIV_UDIVISOR, 4);
  advance(8);
  EXPECT_EQ(rd(0, DIV_QUOTIENT), 10u);
  EXPECT_EQ(rd(1, DIV_QUOTIENT), 15u);
  EXPECT_EQ(rd(1, DIV_CSR), DIV_CSR_READY);
  wr(0, DIV_UDIVIDEND, 51);
  EXPECT_EQ(rd(1, DIV_CSR), DIV_CSR_READY);  // core 0's write does not touch core 1's
}

TEST_F(Divider, ResultReadBeforeReadyIsReported) {
  std::vector<std::pair<unsigned, uint64_t>> early;
  sio.on_divider_early_read = [&](unsigned core, uint64_t cycles) {
    early.emplace_back(core, cycles);
  };
  wr(1, DIV_UDIVIDEND, 100);
  wr(1, DIV_UDIVISOR, 9);
  advance(3);
  // Undefined on silicon; this model hands over the finished result and reports the read.
  EXPECT_EQ(rd(1, DIV_REMAINDER), 1u);
  EXPECT_EQ(rd(1, DIV_QUOTIENT), 11u);
  EXPECT_EQ(early, (std::vector<std::pair<unsigned, uint64_t>>{{1, 5}, {1, 5}}));
  advance(5);
  rd(1, DIV_QUOTIENT);
  EXPECT_EQ(early.size(), 2u);
}

TEST_F(Divider, PeekOfQuotientKeepsDirty) {
  wr(0, DIV_UDIVIDEND, 10);
  wr(0, DIV_UDIVISOR, 2);
  advance(8);
  EXPECT_EQ(peek(0, DIV_QUOTIENT), 5u);
  EXPECT_EQ(rd(0, DIV_CSR), DIV_CSR_READY | DIV_CSR_DIRTY);
}

TEST(DividerWithoutClock, IsAlwaysReady) {
  vpico::rp2040::Sio sio;  // not attached: no scheduler
  vpico::Device& v = sio.core_view(0);
  uint32_t csr = 0, q = 0;
  v.write(DIV_UDIVIDEND, 7, ~0u);
  v.write(DIV_UDIVISOR, 2, ~0u);
  v.read(DIV_CSR, csr);
  v.read(DIV_QUOTIENT, q);
  EXPECT_EQ(csr, DIV_CSR_READY | DIV_CSR_DIRTY);
  EXPECT_EQ(q, 3u);
}
