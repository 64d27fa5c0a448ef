#include "rp2040/syscfg.h"

#include <gtest/gtest.h>

#include <string>

#include "fakes.h"

using namespace vpico;
using vpico::test::rd;
using vpico::test::set_bits;
using vpico::test::wr;

namespace {
constexpr uint32_t PROC0_NMI_MASK = 0x00, PROC1_NMI_MASK = 0x04, PROC_CONFIG = 0x08,
                   PROC_IN_SYNC_BYPASS = 0x0c, PROC_IN_SYNC_BYPASS_HI = 0x10, DBGFORCE = 0x14,
                   MEMPOWERDOWN = 0x18;
}

struct Syscfg : ::testing::Test {
  rp2040::Syscfg syscfg;
};

TEST_F(Syscfg, ResetValues) {
  EXPECT_EQ(rd(syscfg, PROC0_NMI_MASK), 0u);
  EXPECT_EQ(rd(syscfg, PROC1_NMI_MASK), 0u);
  EXPECT_EQ(rd(syscfg, PROC_CONFIG), 0x10000000u);
  EXPECT_EQ(rd(syscfg, PROC_IN_SYNC_BYPASS), 0u);
  EXPECT_EQ(rd(syscfg, PROC_IN_SYNC_BYPASS_HI), 0u);
  EXPECT_EQ(rd(syscfg, DBGFORCE), 0x66u);
  EXPECT_EQ(rd(syscfg, MEMPOWERDOWN), 0u);
}

TEST_F(Syscfg, NmiMaskIsKeptPerCore) {
  unsigned changed = 99;
  syscfg.on_nmi_mask_change = [&](unsigned core) { changed = core; };
  wr(syscfg, PROC1_NMI_MASK, 1u << 20);
  EXPECT_EQ(changed, 1u);
  EXPECT_EQ(syscfg.nmi_mask(1), 1u << 20);
  EXPECT_EQ(syscfg.nmi_mask(0), 0u);
}

TEST_F(Syscfg, ProcHaltedComesFromTheMachine) {
  syscfg.proc_halted = [](unsigned core) { return core == 1; };
  EXPECT_EQ(rd(syscfg, PROC_CONFIG), 0x10000002u);
  wr(syscfg, PROC_CONFIG, 0x0f000003);  // HALTED is read-only, DAP_INSTIDs are RW
  EXPECT_EQ(rd(syscfg, PROC_CONFIG), 0x0f000002u);
}

TEST_F(Syscfg, SyncBypassKeepsItsWidth) {
  wr(syscfg, PROC_IN_SYNC_BYPASS, 0xffffffff);
  wr(syscfg, PROC_IN_SYNC_BYPASS_HI, 0xffffffff);
  EXPECT_EQ(rd(syscfg, PROC_IN_SYNC_BYPASS), 0x3fffffffu);
  EXPECT_EQ(rd(syscfg, PROC_IN_SYNC_BYPASS_HI), 0x3fu);
}

TEST_F(Syscfg, MemoryPowerDownIsReported) {
  std::string key;
  syscfg.on_warning = [&](const std::string& k, const std::string&) { key = k; };
  set_bits(syscfg, MEMPOWERDOWN, 1u << 4);
  EXPECT_EQ(key, "syscfg.mempowerdown.SRAM4");
  EXPECT_EQ(rd(syscfg, MEMPOWERDOWN), 0x10u);
}
