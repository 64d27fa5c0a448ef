#include "bus.h"

#include <gtest/gtest.h>

using namespace vpico;

namespace {
class TestBlock : public Device {
 public:
  TestBlock() : Device("BLK", 0x40034000) {
    m_regs.define("DATA", 0x00, 0xf0);
    m_regs.define("FLAGS", 0x04, 0x0f).field("F", 0, 8, Access::W1C);
  }
};
}  // namespace

TEST(Bus, AtomicSetClearXorAliases) {
  Diagnostics d;
  Bus bus(d);
  TestBlock blk;
  bus.attach(blk);
  bus.write(0x40034000 + 0x2000, 4, 0x03);  // SET
  EXPECT_EQ(bus.read(0x40034000, 4), 0xf3u);
  bus.write(0x40034000 + 0x3000, 4, 0x30);  // CLR
  EXPECT_EQ(bus.read(0x40034000, 4), 0xc3u);
  bus.write(0x40034000 + 0x1000, 4, 0xff);  // XOR
  EXPECT_EQ(bus.read(0x40034000, 4), 0x3cu);
  EXPECT_EQ(bus.read(0x40034000 + 0x1000, 4), 0x3cu);  // reads through an alias read the register
}

TEST(Bus, SetAliasOnWriteOneToClearRegisterClearsOnlyThoseBits) {
  Diagnostics d;
  Bus bus(d);
  TestBlock blk;
  bus.attach(blk);
  bus.write(0x40034004 + 0x2000, 4, 0x01);
  EXPECT_EQ(bus.read(0x40034004, 4), 0x0eu);
}

TEST(Bus, NarrowWritesAreReplicatedAcrossByteLanes) {
  Diagnostics d;
  Bus bus(d);
  TestBlock blk;
  bus.attach(blk);
  bus.write(0x40034001, 1, 0xab);
  EXPECT_EQ(bus.read(0x40034000, 4), 0xababababu);
  bus.write(0x40034002, 2, 0x1234);
  EXPECT_EQ(bus.read(0x40034000, 4), 0x12341234u);
  EXPECT_EQ(bus.read(0x40034002, 2), 0x1234u);
  EXPECT_EQ(bus.read(0x40034003, 1), 0x12u);
}

TEST(Bus, UnmodelledRegisterIsReportedOnceWithItsName) {
  Diagnostics d;
  std::vector<std::string> warnings;
  d.on_warning = [&](const std::string& w) { warnings.push_back(w); };
  Bus bus(d);
  TestBlock blk;
  bus.attach(blk);
  EXPECT_EQ(bus.read(0x40034100, 4), 0u);
  EXPECT_EQ(bus.read(0x40034100, 4), 0u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("BLK+0x100"), std::string::npos);
  EXPECT_FALSE(d.pending_fault().has_value());
}

TEST(Bus, StrictModeTurnsUnmodelledAccessIntoAFault) {
  Diagnostics d;
  d.strict = true;
  Bus bus(d);
  TestBlock blk;
  bus.attach(blk);
  bus.write(0x50200000, 4, 1);  // no block there
  ASSERT_TRUE(d.pending_fault().has_value());
  EXPECT_EQ(d.pending_fault()->kind, FaultKind::UnmodelledRegister);
  EXPECT_EQ(d.pending_fault()->address, 0x50200000u);
}
