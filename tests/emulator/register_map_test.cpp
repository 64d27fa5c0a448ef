#include "register_map.h"

#include <gtest/gtest.h>

using vpico::Access;
using vpico::Register;
using vpico::RegisterMap;

TEST(Register, ResetValueIsReadBack) {
  RegisterMap m;
  m.define("CR", 0x30, 0x300);
  EXPECT_EQ(m.at(0x30).read(), 0x300u);
  m.at(0x30).write(0x1);
  m.reset();
  EXPECT_EQ(m.at(0x30).read(), 0x300u);
}

TEST(Register, ReadOnlyFieldIgnoresWrites) {
  RegisterMap m;
  m.define("R", 0, 0x5).field("RW", 0, 2).field("RO", 2, 1, Access::RO);
  m.at(0).write(0x0);
  EXPECT_EQ(m.at(0).read(), 0x4u);
}

TEST(Register, ReservedBitsReadAsZero) {
  RegisterMap m;
  m.define("R", 0, 0).field("LOW", 0, 4);
  m.at(0).write(0xffffffff);
  EXPECT_EQ(m.at(0).read(), 0xfu);
}

TEST(Register, WriteOneToClear) {
  RegisterMap m;
  m.define("STATUS", 0, 0x3).field("FLAGS", 0, 2, Access::W1C);
  m.at(0).write(0x1);
  EXPECT_EQ(m.at(0).read(), 0x2u);
}

TEST(Register, ReadToClearClearsOnBusReadNotOnPeek) {
  RegisterMap m;
  m.define("CSR", 0, 1u << 16).field("COUNTFLAG", 16, 1, Access::RC);
  EXPECT_EQ(m.at(0).peek(), 1u << 16);
  EXPECT_EQ(m.at(0).read(), 1u << 16);
  EXPECT_EQ(m.at(0).read(), 0u);
}

TEST(Register, SelfClearingBitTriggersAndReadsZero) {
  RegisterMap m;
  int triggered = 0;
  m.define("CTRL", 0, 0).field("GO", 0, 1, Access::SC).on_write([&](uint32_t, uint32_t v) {
    if (v & 1) ++triggered;
  });
  m.at(0).write(1);
  EXPECT_EQ(triggered, 1);
  EXPECT_EQ(m.at(0).read(), 0u);
}

TEST(Register, MaskedWriteTouchesOnlyMaskedBits) {
  RegisterMap m;
  m.define("R", 0, 0xf0);
  m.at(0).write(0x0f, 0x03);  // a SET-alias style write of bits 0..1
  EXPECT_EQ(m.at(0).read(), 0xf3u);
}

TEST(Register, OnReadComputesTheValue) {
  RegisterMap m;
  uint32_t live = 7;
  m.define("LIVE", 4, 0).on_read([&] { return live; });
  EXPECT_EQ(m.at(4).read(), 7u);
  live = 9;
  EXPECT_EQ(m.at(4).read(), 9u);
}

TEST(RegisterMap, FindsByOffsetAndName) {
  RegisterMap m;
  m.define_array("IPR", 0x400, 4, 8, 0);
  ASSERT_NE(m.find(0x41c), nullptr);
  EXPECT_EQ(m.find(0x41c)->name(), "IPR7");
  EXPECT_EQ(m.find(0x420), nullptr);
  EXPECT_EQ(m.find(0x401), nullptr);
  EXPECT_EQ(m.by_name("IPR3")->offset(), 0x40cu);
}
