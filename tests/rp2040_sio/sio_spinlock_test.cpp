// Hardware spinlocks (RP2040 datasheet 2.3.1.3).
#include "sio_test_fixture.h"

using namespace sio_test;

using Spinlock = SioFixture;

TEST_F(Spinlock, ClaimReturnsMaskThenZero) {
  EXPECT_EQ(rd(0, SPINLOCK0 + 4 * 5), 1u << 5);
  EXPECT_EQ(rd(0, SPINLOCK0 + 4 * 5), 0u);
  EXPECT_EQ(rd(0, SPINLOCK0 + 4 * 31), 1u << 31);
}

TEST_F(Spinlock, WriteOfAnyValueReleases) {
  rd(0, SPINLOCK0 + 4 * 3);
  wr(0, SPINLOCK0 + 4 * 3, 0);
  EXPECT_EQ(rd(0, SPINLOCK0 + 4 * 3), 1u << 3);
  wr(0, SPINLOCK0 + 4 * 3, 0x12345678);
  EXPECT_EQ(rd(0, SPINLOCK0 + 4 * 3), 1u << 3);
}

TEST_F(Spinlock, SharedByBothCores) {
  EXPECT_NE(rd(0, SPINLOCK0 + 4 * 7), 0u);
  EXPECT_EQ(rd(1, SPINLOCK0 + 4 * 7), 0u);
  wr(1, SPINLOCK0 + 4 * 7, 1);  // either core may release
  EXPECT_NE(rd(1, SPINLOCK0 + 4 * 7), 0u);
  EXPECT_EQ(rd(0, SPINLOCK0 + 4 * 7), 0u);
}

TEST_F(Spinlock, StateShowsAllLocks) {
  EXPECT_EQ(rd(0, SPINLOCK_ST), 0u);
  rd(0, SPINLOCK0);
  rd(1, SPINLOCK0 + 4 * 31);
  EXPECT_EQ(rd(0, SPINLOCK_ST), 0x80000001u);
  EXPECT_EQ(rd(1, SPINLOCK_ST), 0x80000001u);
  wr(0, SPINLOCK0, 0);
  EXPECT_EQ(rd(1, SPINLOCK_ST), 0x80000000u);
}

TEST_F(Spinlock, PeekDoesNotClaim) {
  EXPECT_EQ(peek(0, SPINLOCK0 + 4 * 2), 1u << 2);
  EXPECT_EQ(rd(0, SPINLOCK_ST), 0u);
  rd(0, SPINLOCK0 + 4 * 2);
  EXPECT_EQ(peek(0, SPINLOCK0 + 4 * 2), 0u);
}

TEST_F(Spinlock, ResetReleasesAll) {
  rd(0, SPINLOCK0 + 4 * 9);
  sio.reset();
  EXPECT_EQ(rd(0, SPINLOCK_ST), 0u);
}
