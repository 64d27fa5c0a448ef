#include "m0plus_access.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

using namespace vpico;

namespace {
std::array<uint32_t, 16> regs{};
uint32_t reg(unsigned n) {
  return regs[n];
}

std::vector<uint8_t> code(std::initializer_list<uint16_t> hws) {
  std::vector<uint8_t> b;
  for (uint16_t h : hws) {
    b.push_back(uint8_t(h));
    b.push_back(uint8_t(h >> 8));
  }
  return b;
}
}  // namespace

TEST(M0PlusAccess, DecodesImmediateOffsets) {
  regs = {};
  regs[1] = 0x20000000;
  auto a = m0plus_data_access(0x6848, 0x10000000, reg);  // ldr r0, [r1, #4]
  ASSERT_TRUE(a);
  EXPECT_EQ(a->address, 0x20000004u);
  EXPECT_EQ(a->size, 4u);
  EXPECT_FALSE(a->is_store);
  a = m0plus_data_access(0x7048, 0x10000000, reg);  // strb r0, [r1, #1]
  ASSERT_TRUE(a);
  EXPECT_EQ(a->address, 0x20000001u);
  EXPECT_EQ(a->size, 1u);
  EXPECT_TRUE(a->is_store);
}

TEST(M0PlusAccess, DecodesRegisterOffsetStackAndMultiple) {
  regs = {};
  regs[1] = 0x100;
  regs[2] = 0x20;
  regs[13] = 0x20041000;
  auto a = m0plus_data_access(0x5888, 0, reg);  // ldr r0, [r1, r2]
  ASSERT_TRUE(a);
  EXPECT_EQ(a->address, 0x120u);
  a = m0plus_data_access(0xb530, 0, reg);  // push {r4, r5, lr}
  ASSERT_TRUE(a);
  EXPECT_EQ(a->address, 0x20041000u - 12);
  EXPECT_EQ(a->size, 12u);
  EXPECT_TRUE(a->is_store);
  a = m0plus_data_access(0xc906, 0, reg);  // ldmia r1!, {r1, r2}
  ASSERT_TRUE(a);
  EXPECT_EQ(a->size, 8u);
  a = m0plus_data_access(0x4801, 0x1002, reg);  // ldr r0, [pc, #4]: Align(PC+4) + 4
  ASSERT_TRUE(a);
  EXPECT_EQ(a->address, 0x1008u);
  EXPECT_FALSE(m0plus_data_access(0x1c40, 0, reg));  // adds: no access
}

TEST(M0PlusAccess, FindsTheFirstAccessCoveringTheFault) {
  regs = {};
  regs[0] = 0x30000000;
  regs[1] = 0x20000000;
  // ldr r2, [r1]; str r3, [r0, #8]; adds r0, #1
  std::vector<uint8_t> c = code({0x680a, 0x6083, 0x3001});
  EXPECT_EQ(m0plus_find_faulting_access(c, 0x10000100, 0x30000008, true, reg), 0x10000102u);
  EXPECT_FALSE(m0plus_find_faulting_access(c, 0x10000100, 0x30000008, false, reg));
  EXPECT_FALSE(m0plus_find_faulting_access(c, 0x10000100, 0x40000000, true, reg));
}
