// Flash commands through the XIP_SSI registers, the way boot2 and pico-sdk's hardware_flash
// send them.
#include <gtest/gtest.h>

#include <algorithm>

#include "qspi_rig.h"

using namespace vpico;
using namespace vpico::test;
using namespace vpico::test::ssi_reg;

namespace {

FlashChipConfig im_part() {
  FlashChipConfig c;
  c.quad_enable = false;  // W25Q16JV-IM: QE clear from the factory
  return c;
}

// boot2's serial set-up: SSI off, divider, 8-bit TX_AND_RX frames, SSI on.
void boot2_serial(QspiRig& r, uint32_t clkdiv = 4) {
  r.wr(SSIENR, 0);
  r.wr(BAUDR, clkdiv);
  r.wr(CTRLR0, dfs32(8) | TMOD_TXRX);
  r.wr(SSIENR, 1);
}

// The dummy 0xEB read boot2_w25q080 uses to put the flash into continuous read mode.
void enter_quad_continuous(QspiRig& r) {
  r.wr(SSIENR, 0);
  r.wr(CTRLR0, FRF_QUAD | dfs32(32) | TMOD_EEPROM);
  r.wr(CTRLR1, 0);
  r.wr(SPI_CTRLR0, addr_l(8) | wait_cycles(4) | INST_L_8 | TT_1C2A);
  r.wr(SSIENR, 1);
  r.wr(DR0, 0xeb);
  r.wr(DR0, 0xa0);
  r.wait_ready();
  r.wr(SSIENR, 0);
  r.wr(SPI_CTRLR0, xip_cmd(0xa0) | addr_l(8) | wait_cycles(4) | INST_L_NONE | TT_2C2A);
  r.wr(SSIENR, 1);
}

}  // namespace

TEST(SsiFlash, ReadStatusRegister2) {
  QspiRig r;
  boot2_serial(r);
  EXPECT_EQ(r.read_sreg(0x35), 0x02u);  // QE set: the Pico's -IQ part
}

TEST(SsiFlash, ReadStatusRegister2OfAnImPart) {
  QspiRig r(im_part());
  boot2_serial(r);
  EXPECT_EQ(r.read_sreg(0x35), 0x00u);
}

TEST(SsiFlash, FrameTakesDfsTimesSckdvCycles) {
  QspiRig r;
  boot2_serial(r, 4);
  r.wr(DR0, 0x05);
  // 8 bits at clk_sys / 4: busy for 32 cycles from the push.
  EXPECT_EQ(r.rd(SR) & SR_BUSY, SR_BUSY);  // 4 cycles later
  r.tick(20);
  EXPECT_EQ(r.rd(SR) & SR_BUSY, SR_BUSY);  // 28
  r.tick(4);
  EXPECT_EQ(r.rd(SR), SR_TFNF | SR_TFE | SR_RFNE);  // 36: done, one frame received
  EXPECT_EQ(r.rd(RXFLR), 1u);
}

TEST(SsiFlash, AutoChipSelectEndsTheCommandWhenTxRunsDry) {
  QspiRig r;
  boot2_serial(r);
  // The status command goes out alone; its dummy byte comes too late to be part of it, so the
  // chip takes it as a new command (00h: nothing) and clocks out nothing.
  r.wr(DR0, 0x05);
  EXPECT_TRUE(r.chip.selected());
  r.tick(100);
  EXPECT_EQ(r.rd(SR) & SR_BUSY, 0u);  // the SSI works out what happened by now
  EXPECT_FALSE(r.chip.selected());
  r.wr(DR0, 0x00);
  r.wait_ready();
  EXPECT_EQ(r.rd(DR0), 0xffu);  // SD1 undriven: pulled high
  EXPECT_EQ(r.rd(DR0), 0xffu);
}

TEST(SsiFlash, JedecId) {
  QspiRig r;
  r.serial_mode();
  auto rx = r.do_cmd({0x9f, 0, 0, 0});
  EXPECT_EQ(rx[1], 0xefu);
  EXPECT_EQ(rx[2], 0x40u);
  EXPECT_EQ(rx[3], 0x15u);  // 2 MiB = 2^21
}

TEST(SsiFlash, UniqueId) {
  QspiRig r;
  r.serial_mode();
  // flash_get_unique_id: 4Bh, four dummy bytes, eight ID bytes.
  std::vector<uint8_t> tx(13, 0);
  tx[0] = 0x4b;
  auto rx = r.do_cmd(tx);
  const std::vector<uint8_t> id(rx.begin() + 5, rx.end());
  EXPECT_EQ(std::string(id.begin(), id.end()), "VPIC0001");
}

TEST(SsiFlash, ManufacturerDeviceId) {
  QspiRig r;
  r.serial_mode();
  auto rx = r.do_cmd({0x90, 0, 0, 0, 0, 0});
  EXPECT_EQ(rx[4], 0xefu);
  EXPECT_EQ(rx[5], 0x14u);
}

TEST(SsiFlash, ReadDataStreamsTheArray) {
  QspiRig r;
  for (int i = 0; i < 32; ++i)
    r.flash[0x1230 + i] = uint8_t(i * 7);
  r.serial_mode();
  std::vector<uint8_t> tx(4 + 20, 0);
  tx[0] = 0x03;
  tx[1] = 0x00;
  tx[2] = 0x12;
  tx[3] = 0x30;
  auto rx = r.do_cmd(tx);
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(rx[4 + i], uint8_t(i * 7)) << i;
}

TEST(SsiFlash, WriteEnableThenPageProgramAndsBits) {
  QspiRig r;
  std::fill_n(r.flash.begin() + 0x10000, 256, uint8_t(0xf0));
  r.serial_mode();
  r.do_cmd({0x06});
  EXPECT_EQ(r.status(1) & 0x02, 0x02u);  // WEL
  std::vector<uint8_t> tx = {0x02, 0x01, 0x00, 0x00};
  for (int i = 0; i < 256; ++i)
    tx.push_back(uint8_t(0x3c ^ i));
  r.do_cmd(tx);
  for (int i = 0; i < 256; ++i)
    ASSERT_EQ(r.flash[0x10000 + i], uint8_t(0xf0 & (0x3c ^ i))) << i;
  ASSERT_EQ(r.changed.size(), 1u);
  EXPECT_EQ(r.changed[0], std::make_pair(0x10000u, 256u));
  EXPECT_EQ(r.status(1) & 0x03, 0x03u);  // BUSY and WEL while the page programs
  r.tick(r.us(400));                     // tPP
  EXPECT_EQ(r.status(1) & 0x03, 0x00u);
}

TEST(SsiFlash, PageProgramWrapsInsideThePage) {
  QspiRig r;
  r.serial_mode();
  r.do_cmd({0x06});
  r.do_cmd({0x02, 0x00, 0x20, 0xfe, 0x11, 0x22, 0x33});
  EXPECT_EQ(r.flash[0x20fe], 0x11u);
  EXPECT_EQ(r.flash[0x20ff], 0x22u);
  EXPECT_EQ(r.flash[0x2000], 0x33u);  // wrapped to the start of the page
  EXPECT_EQ(r.flash[0x2100], 0xffu);
}

TEST(SsiFlash, PageProgramWithoutWriteEnableIsIgnored) {
  QspiRig r;
  r.serial_mode();
  r.do_cmd({0x02, 0x00, 0x00, 0x00, 0x00});
  EXPECT_EQ(r.flash[0], 0xffu);
  EXPECT_TRUE(r.warned("without Write Enable"));
  EXPECT_EQ(r.status(1) & 1, 0u);
}

TEST(SsiFlash, SectorEraseSetsFfAndIsBusy) {
  QspiRig r;
  std::fill_n(r.flash.begin() + 0x3000, 0x2000, uint8_t(0x00));
  r.serial_mode();
  r.do_cmd({0x06});
  r.do_cmd({0x20, 0x00, 0x34, 0x56});  // any address in the sector
  EXPECT_TRUE(std::all_of(r.flash.begin() + 0x3000, r.flash.begin() + 0x4000,
                          [](uint8_t b) { return b == 0xff; }));
  EXPECT_EQ(r.flash[0x4000], 0x00u);
  EXPECT_EQ(r.flash[0x2fff], 0xffu);
  ASSERT_EQ(r.changed.size(), 1u);
  EXPECT_EQ(r.changed[0], std::make_pair(0x3000u, 0x1000u));
  EXPECT_EQ(r.status(1) & 0x03, 0x03u);
  r.tick(r.us(44'000));
  EXPECT_EQ(r.status(1) & 0x01, 0x01u);  // tSE is 45 ms
  r.tick(r.us(1'000));
  EXPECT_EQ(r.status(1) & 0x03, 0x00u);
}

TEST(SsiFlash, BlockAndChipErase) {
  QspiRig r;
  std::fill(r.flash.begin(), r.flash.end(), uint8_t(0));
  r.serial_mode();
  r.do_cmd({0x06});
  r.do_cmd({0xd8, 0x01, 0x23, 0x45});
  EXPECT_EQ(r.flash[0x10000], 0xffu);
  EXPECT_EQ(r.flash[0x1ffff], 0xffu);
  EXPECT_EQ(r.flash[0x20000], 0x00u);
  r.wait_not_busy();
  r.do_cmd({0x06});
  r.do_cmd({0x52, 0x00, 0x80, 0x00});
  EXPECT_EQ(r.flash[0x8000], 0xffu);
  EXPECT_EQ(r.flash[0x7fff], 0x00u);
  EXPECT_EQ(r.flash[0x10000 - 1], 0xffu);
  r.wait_not_busy();
  r.do_cmd({0x06});
  r.do_cmd({0xc7});
  EXPECT_TRUE(std::all_of(r.flash.begin(), r.flash.end(), [](uint8_t b) { return b == 0xff; }));
}

TEST(SsiFlash, EraseEndingOffTheAddressIsIgnored) {
  QspiRig r;
  std::fill_n(r.flash.begin(), 0x1000, uint8_t(0));
  r.serial_mode();
  r.do_cmd({0x06});
  r.do_cmd({0x20, 0x00, 0x00});  // CS# rises after 16 address bits
  EXPECT_EQ(r.flash[0], 0x00u);
}

TEST(SsiFlash, ReadsDuringBusyReturnStatusOnly) {
  QspiRig r;
  r.flash[0] = 0x5a;
  r.serial_mode();
  r.do_cmd({0x06});
  r.do_cmd({0x20, 0x00, 0x10, 0x00});
  auto rx = r.do_cmd({0x03, 0, 0, 0, 0});
  EXPECT_EQ(rx[4], 0xffu);  // ignored: nothing drives SD1
  EXPECT_TRUE(r.warned("busy with a sector erase"));
  EXPECT_EQ(r.status(1) & 1, 1u);
  r.wait_not_busy();
  EXPECT_EQ(r.do_cmd({0x03, 0, 0, 0, 0})[4], 0x5au);
}

TEST(SsiFlash, StatusStreamsWhileChipSelectStaysLow) {
  QspiRig r;
  r.serial_mode();
  r.do_cmd({0x06});
  r.do_cmd({0x02, 0, 0, 0, 0x00});
  // 05h keeps sending SR1, refreshed: BUSY drops within the same transaction.
  r.cs(Cs::Low);
  r.wr(DR0, 0x05);
  r.wr(DR0, 0);
  r.wait_ready();
  r.rd(DR0);
  EXPECT_EQ(r.rd(DR0) & 1, 1u);
  r.tick(r.us(400));
  r.wr(DR0, 0);
  r.wait_ready();
  EXPECT_EQ(r.rd(DR0) & 3, 0u);
  r.cs(Cs::High);
}

TEST(SsiFlash, WriteStatusSetsQeNonVolatile) {
  QspiRig r(im_part());
  r.serial_mode();
  r.do_cmd({0x06});
  r.do_cmd({0x01, 0x00, 0x02});  // SR1 = 0, SR2 = QE
  EXPECT_EQ(r.status(1) & 1, 1u);
  r.tick(r.us(10'000));  // tW
  EXPECT_EQ(r.status(1) & 3, 0u);
  EXPECT_EQ(r.status(2), 0x02u);
  r.chip.power_on();
  EXPECT_EQ(r.status(2), 0x02u);
}

TEST(SsiFlash, VolatileStatusWriteIsLostAtPowerOn) {
  QspiRig r(im_part());
  r.serial_mode();
  r.do_cmd({0x50});
  r.do_cmd({0x31, 0x02});
  EXPECT_EQ(r.status(1) & 1, 0u);  // volatile writes take no time
  EXPECT_EQ(r.status(2), 0x02u);
  r.chip.power_on();
  EXPECT_EQ(r.status(2), 0x00u);
}

TEST(SsiFlash, PowerDownIgnoresCommandsUntilReleased) {
  QspiRig r;
  r.serial_mode();
  r.do_cmd({0xb9});
  EXPECT_TRUE(r.chip.powered_down());
  EXPECT_EQ(r.do_cmd({0x9f, 0, 0, 0})[1], 0xffu);
  auto rx = r.do_cmd({0xab, 0, 0, 0, 0});
  EXPECT_EQ(rx[4], 0x14u);  // device ID
  EXPECT_FALSE(r.chip.powered_down());
  EXPECT_EQ(r.do_cmd({0x9f, 0, 0, 0})[1], 0xefu);
}

TEST(SsiFlash, SoftwareResetNeedsEnableResetFirst) {
  QspiRig r;
  r.serial_mode();
  r.do_cmd({0x06});
  r.do_cmd({0x99});
  EXPECT_EQ(r.status(1) & 2, 2u);  // 99h alone does nothing
  r.do_cmd({0x66});
  r.do_cmd({0x99});
  r.tick(r.us(30));
  EXPECT_EQ(r.status(1) & 3, 0u);
}

TEST(SsiFlash, SfdpSignatureAndDensity) {
  QspiRig r;
  r.serial_mode();
  auto rx = r.do_cmd({0x5a, 0, 0, 0, 0, 0, 0, 0, 0});
  EXPECT_EQ(std::string(rx.begin() + 5, rx.end()), "SFDP");
  rx = r.do_cmd({0x5a, 0, 0, 0x84, 0, 0, 0, 0, 0});
  const uint32_t density = rx[5] | rx[6] << 8 | rx[7] << 16 | uint32_t(rx[8]) << 24;
  EXPECT_EQ(density, 16u * 1024 * 1024 - 1);  // bits - 1
}

TEST(SsiFlash, ContinuousReadModeSetupFromBoot2) {
  QspiRig r;
  enter_quad_continuous(r);
  EXPECT_EQ(r.chip.continuous_read(), 0xebu);
  r.settle_xip_check();
  EXPECT_TRUE(r.diag.warnings().empty()) << r.all_warnings();
}

TEST(SsiFlash, ContinuousReadModeLeftByFfh) {
  QspiRig r;
  enter_quad_continuous(r);
  r.serial_mode();
  r.do_cmd({0xff});
  EXPECT_EQ(r.chip.continuous_read(), 0u);
  EXPECT_EQ(r.do_cmd({0x9f, 0, 0, 0})[1], 0xefu);
  EXPECT_TRUE(r.diag.warnings().empty()) << r.all_warnings();
}

TEST(SsiFlash, CommandInContinuousReadModeIsNotRun) {
  QspiRig r;
  enter_quad_continuous(r);
  r.serial_mode();
  auto rx = r.do_cmd({0x9f, 0, 0, 0});  // taken as address and mode bits
  EXPECT_NE(rx[1], 0xefu);
  EXPECT_TRUE(r.warned("continuous read mode of EBh"));
  EXPECT_EQ(r.chip.continuous_read(), 0u);  // its mode bits were not 10b
}

TEST(SsiFlash, QuadOutputReadThroughDr0) {
  QspiRig r;
  for (int i = 0; i < 8; ++i)
    r.flash[0x400 + i] = uint8_t(0xa0 + i);
  // 6Bh: instruction and address serial, 8 dummy clocks, data on four lines.
  r.wr(SSIENR, 0);
  r.wr(CTRLR0, FRF_QUAD | dfs32(8) | TMOD_RX);
  r.wr(CTRLR1, 7);  // 8 frames
  r.wr(SPI_CTRLR0, addr_l(6) | wait_cycles(8) | INST_L_8 | TT_1C1A);
  r.wr(SSIENR, 1);
  r.wr(DR0, 0x6b);
  r.wr(DR0, 0x000400);
  r.wait_ready();
  ASSERT_EQ(r.rd(RXFLR), 8u);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(r.rd(DR0), 0xa0u + i);
}

TEST(SsiFlash, QuadReadWithQeClearIsNotRun) {
  QspiRig r(im_part());
  r.flash[0] = 0x12;
  r.wr(SSIENR, 0);
  r.wr(CTRLR0, FRF_QUAD | dfs32(8) | TMOD_RX);
  r.wr(CTRLR1, 0);
  r.wr(SPI_CTRLR0, addr_l(6) | wait_cycles(8) | INST_L_8 | TT_1C1A);
  r.wr(SSIENR, 1);
  r.wr(DR0, 0x6b);
  r.wr(DR0, 0);
  r.wait_ready();
  EXPECT_EQ(r.rd(DR0), 0xffu);
  EXPECT_TRUE(r.warned("QE bit"));
}

TEST(SsiFlash, EepromReadSendsTxFramesThenReceivesNdfPlusOne) {
  QspiRig r;
  r.flash[0x77] = 0x42;
  r.flash[0x78] = 0x43;
  r.wr(SSIENR, 0);
  r.wr(CTRLR0, dfs32(8) | TMOD_EEPROM);
  r.wr(CTRLR1, 1);
  r.wr(SSIENR, 1);
  for (uint32_t b : {0x03u, 0x00u, 0x00u, 0x77u})
    r.wr(DR0, b);
  r.wait_ready();
  ASSERT_EQ(r.rd(RXFLR), 2u);  // TX frames bring nothing back in EEPROM mode
  EXPECT_EQ(r.rd(DR0), 0x42u);
  EXPECT_EQ(r.rd(DR0), 0x43u);
}

TEST(SsiFlash, ThirtyTwoBitFramesCarryFourBytesMsbFirst) {
  QspiRig r;
  r.flash[0] = 0x11;
  r.flash[1] = 0x22;
  r.flash[2] = 0x33;
  r.flash[3] = 0x44;
  // What flash_enter_cmd_xip sets up for 03h reads, used through DR0.
  r.wr(SSIENR, 0);
  r.wr(CTRLR0, dfs32(32) | TMOD_EEPROM);
  r.wr(CTRLR1, 0);
  r.wr(SSIENR, 1);
  r.wr(DR0, 0x03000000);
  r.wait_ready();
  EXPECT_EQ(r.rd(DR0), 0x11223344u);
}

TEST(SsiFlash, FifoLevelsAndOverflow) {
  QspiRig r;
  r.wr(SSIENR, 0);
  r.wr(SER, 0);  // no slave: nothing shifts out
  r.wr(SSIENR, 1);
  for (int i = 0; i < 17; ++i)
    r.wr(DR0, 0);
  EXPECT_EQ(r.rd(TXFLR), 16u);
  EXPECT_EQ(r.rd(SR) & (SR_TFNF | SR_TFE | SR_BUSY), 0u);
  EXPECT_EQ(r.rd(RISR) & 2, 2u);  // TX overflow
  r.rd(ICR);
  EXPECT_EQ(r.rd(RISR) & 2, 0u);
  r.wr(SER, 1);  // now they go
  r.wait_ready();
  EXPECT_EQ(r.rd(RXFLR), 16u);
  EXPECT_EQ(r.rd(SR) & SR_RFF, SR_RFF);
}

TEST(SsiFlash, DisablingEmptiesTheFifos) {
  QspiRig r;
  r.wr(DR0, 0x9f);
  r.wr(DR0, 0);
  r.wait_ready();
  EXPECT_EQ(r.rd(RXFLR), 2u);
  r.wr(SSIENR, 0);
  EXPECT_EQ(r.rd(RXFLR), 0u);
  EXPECT_EQ(r.rd(SR), SR_TFNF | SR_TFE);
  r.wr(DR0, 0x05);  // dropped while disabled
  EXPECT_EQ(r.rd(TXFLR), 0u);
}

TEST(SsiFlash, ConfigurationIsLockedWhileEnabled) {
  QspiRig r;
  const uint32_t c0 = r.rd(CTRLR0);
  r.wr(CTRLR0, dfs32(32) | TMOD_EEPROM);
  EXPECT_EQ(r.rd(CTRLR0), c0);
  EXPECT_TRUE(r.warned("CTRLR0 written while SSIENR = 1"));
  r.wr(SSIENR, 0);
  r.wr(BAUDR, 5);
  EXPECT_EQ(r.rd(BAUDR), 4u);  // SCKDV is even
}

TEST(SsiFlash, BootRomStateIsSerialEightBitClkDiv6) {
  QspiRig r;
  EXPECT_EQ(r.rd(SSIENR), 1u);
  EXPECT_EQ(r.rd(SER), 1u);
  EXPECT_EQ(r.rd(BAUDR), 6u);
  EXPECT_EQ(r.rd(CTRLR0), dfs32(8));
  EXPECT_EQ(r.rd(SPI_CTRLR0), 0x03000000u);
}

TEST(SsiFlash, SsiWithoutFlashReportsAnIdleController) {
  rp2040::Ssi ssi;
  uint32_t v = 0;
  ASSERT_TRUE(ssi.read(SR, v));
  EXPECT_EQ(v, SR_TFNF | SR_TFE);
  ssi.write(DR0, 0x9f, 0xffffffffu);
  ASSERT_TRUE(ssi.read(DR0, v));
  EXPECT_EQ(v, 0u);
  ASSERT_TRUE(ssi.read(0x58, v));
  EXPECT_EQ(v, 0x51535049u);  // IDR
}
