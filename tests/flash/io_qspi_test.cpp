// IO_QSPI and PADS_QSPI: what the flash sees of the SSI through the QSPI pins.
#include "rp2040/io_qspi.h"

#include <gtest/gtest.h>

#include "qspi_rig.h"

using namespace vpico;
using namespace vpico::test;
using namespace vpico::test::ssi_reg;

namespace {
constexpr uint32_t kSsStatus = 0x08, kSd1Ctrl = 0x1c, kSclkCtrl = 0x04, kIntr = 0x30;
}

TEST(IoQspi, ResetValues) {
  QspiRig r;
  r.io.reset();
  r.pads.reset();
  for (uint32_t p = 0; p < 6; ++p)
    EXPECT_EQ(r.io_rd(8 * p + 4), 0x1fu) << p;  // FUNCSEL = NULL
  EXPECT_EQ(r.pads_rd(0x04), 0x56u);            // SCLK pad
  EXPECT_EQ(r.pads_rd(0x08), 0x52u);            // SD0 pad
  EXPECT_EQ(r.pads_rd(0x18), 0x5au);            // SS pad, pulled up
}

TEST(IoQspi, BootRomStateConnectsTheXipFunction) {
  QspiRig r;
  for (uint32_t p = 0; p < 6; ++p)
    EXPECT_EQ(r.io_rd(8 * p + 4), 0u) << p;
}

TEST(IoQspi, SsOutoverLowSelectsTheFlash) {
  QspiRig r;
  EXPECT_FALSE(r.chip.selected());
  EXPECT_EQ(r.io_rd(kSsStatus) & (1u << 9), 1u << 9);  // OUTTOPAD high
  r.cs(Cs::Low);
  EXPECT_TRUE(r.chip.selected());
  EXPECT_EQ(r.io_rd(kSsStatus) & (1u << 9), 0u);
  EXPECT_EQ(r.io_rd(kSsStatus) & (1u << 17), 0u);  // INFROMPAD low
  r.cs(Cs::High);
  EXPECT_FALSE(r.chip.selected());
}

TEST(IoQspi, ReleasingChipSelectEndsTheCommand) {
  QspiRig r;
  r.serial_mode();
  r.cs(Cs::Low);
  r.wr(DR0, 0x06);
  r.wait_ready();
  EXPECT_FALSE(r.chip.write_enabled());  // 06h acts when CS# rises
  r.cs(Cs::High);
  EXPECT_TRUE(r.chip.write_enabled());
}

TEST(IoQspi, WithoutTheXipFunctionTheFlashIsNeverSelected) {
  QspiRig r;
  r.io.reset();  // FUNCSEL = NULL: the SS pad is undriven and its pull-up keeps it high
  r.serial_mode();
  r.wr(DR0, 0x9f);
  r.wr(DR0, 0);
  EXPECT_FALSE(r.chip.selected());
  r.wait_ready();
  r.rd(DR0);
  EXPECT_EQ(r.rd(DR0), 0xffu);
  EXPECT_TRUE(r.warned("no SCLK"));
}

TEST(IoQspi, Sd1InoverLowForcesStatusReadsToZero) {
  // What the boot ROM's flash_abort does to end a status polling loop.
  QspiRig r;
  r.serial_mode();
  r.do_cmd({0x06});
  r.io_wr(kSd1Ctrl, 2u << 16);
  EXPECT_EQ(r.status(1), 0x00u);
  r.io_wr(kSd1Ctrl, 0);
  EXPECT_EQ(r.status(1) & 0x02, 0x02u);
}

TEST(IoQspi, SclkForcedLowStopsTheClock) {
  QspiRig r;
  r.serial_mode();
  r.io_wr(kSclkCtrl, 2u << 8);
  EXPECT_EQ(r.do_cmd({0x9f, 0, 0, 0})[1], 0xffu);
  EXPECT_TRUE(r.warned("no SCLK"));
}

TEST(IoQspi, IntrShowsPinLevels) {
  QspiRig r;
  // SS high: LEVEL_HIGH (bit 5); forced low: LEVEL_LOW (bit 4).
  EXPECT_EQ(r.io_rd(kIntr) & 0x30, 0x20u);
  r.cs(Cs::Low);
  EXPECT_EQ(r.io_rd(kIntr) & 0x30, 0x10u);
}

TEST(PadsQspi, SsPadOutputDisableLetsThePullUpWin) {
  QspiRig r;
  r.cs(Cs::Low);
  EXPECT_TRUE(r.chip.selected());
  r.pads_wr(0x18, 0x5a | 0x80);
  EXPECT_FALSE(r.chip.selected());
}
