#include "m0plus_timing.h"

#include <gtest/gtest.h>

#include <vector>

using namespace vpico;

namespace {
std::vector<uint8_t> code(std::initializer_list<uint16_t> halfwords) {
  std::vector<uint8_t> b;
  for (uint16_t h : halfwords) {
    b.push_back(uint8_t(h));
    b.push_back(uint8_t(h >> 8));
  }
  return b;
}
}  // namespace

// Cortex-M0+ TRM table 3-1.
TEST(M0PlusTiming, DataProcessingIsOneCycle) {
  EXPECT_EQ(m0plus_instruction_cycles(0x1c40, 0), 1u);  // adds r0, r0, #1
  EXPECT_EQ(m0plus_instruction_cycles(0x4348, 0), 1u);  // muls r0, r1 (single-cycle multiplier)
}

TEST(M0PlusTiming, LoadsAndStoresAreTwoCycles) {
  EXPECT_EQ(m0plus_instruction_cycles(0x6808, 0), 2u);  // ldr r0, [r1]
  EXPECT_EQ(m0plus_instruction_cycles(0x4801, 0), 2u);  // ldr r0, [pc, #4]
  EXPECT_EQ(m0plus_instruction_cycles(0x9001, 0), 2u);  // str r0, [sp, #4]
}

TEST(M0PlusTiming, MultipleTransfersAreOnePlusN) {
  EXPECT_EQ(m0plus_instruction_cycles(0xb570, 0), 5u);  // push {r4, r5, r6, lr}
  EXPECT_EQ(m0plus_instruction_cycles(0xbd70, 0), 7u);  // pop {r4, r5, r6, pc}: 3+N
  EXPECT_EQ(m0plus_instruction_cycles(0xc803, 0), 3u);  // ldmia r0!, {r0, r1}
}

TEST(M0PlusTiming, BranchesAndCalls) {
  EXPECT_EQ(m0plus_instruction_cycles(0xe7fe, 0), 2u);       // b .
  EXPECT_EQ(m0plus_instruction_cycles(0xd0fe, 0), 2u);       // beq . (taken)
  EXPECT_EQ(m0plus_instruction_cycles(0x4770, 0), 2u);       // bx lr
  EXPECT_EQ(m0plus_instruction_cycles(0xf000, 0xf800), 3u);  // bl
  EXPECT_EQ(m0plus_instruction_cycles(0xf3bf, 0x8f4f), 3u);  // dsb
}

TEST(M0PlusTiming, BlockSumsAndNotesTheConditionalBranch) {
  BlockTiming t = m0plus_time_block(code({0x1c40, 0x6808, 0x2800, 0xd1fb}));
  EXPECT_EQ(t.instructions, 4u);
  EXPECT_EQ(t.cycles, 1u + 2u + 1u + 2u);
  EXPECT_TRUE(t.ends_in_conditional_branch);
  EXPECT_EQ(t.first_undefined_offset, -1);
}

TEST(M0PlusTiming, FindsArmv7mOnlyEncodings) {
  EXPECT_TRUE(m0plus_is_v7m_only_16bit(0xb108));   // cbz r0, ...
  EXPECT_TRUE(m0plus_is_v7m_only_16bit(0xb908));   // cbnz r0, ...
  EXPECT_TRUE(m0plus_is_v7m_only_16bit(0xbf08));   // it eq
  EXPECT_FALSE(m0plus_is_v7m_only_16bit(0xbf30));  // wfi
  EXPECT_FALSE(m0plus_is_v7m_only_16bit(0xb500));  // push {lr}
  BlockTiming t = m0plus_time_block(code({0x1c40, 0xb108, 0x4770}));
  EXPECT_EQ(t.first_undefined_offset, 2);
}
