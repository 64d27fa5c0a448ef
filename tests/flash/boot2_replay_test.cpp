// pico-sdk's boot2 variants, replayed as the register accesses they make (transcribed from
// reading src/rp2040/boot_stage2/*.S: the order of the SSI and PADS_QSPI accesses and the
// values written; no code or comments taken). The boot ROM state comes first, as on a chip.
#include <gtest/gtest.h>

#include "qspi_rig.h"

using namespace vpico;
using namespace vpico::test;
using namespace vpico::test::ssi_reg;

namespace {

constexpr uint32_t kPadSclk = 0x04, kPadSd0 = 0x08;

FlashChipConfig im_part() {
  FlashChipConfig c;
  c.quad_enable = false;
  return c;
}

// boot2_w25q080 (the Pico's default boot2; also W25Q16JV, AT25SF081, S25FL132K0).
// Returns whether it took the status-register programming branch.
bool replay_w25q080(QspiRig& r) {
  // QSPI pads: SCLK 8 mA with fast slew, Schmitt triggers off on SD0..SD3.
  r.pads_wr(kPadSclk, (2u << 4) | 1u);
  const uint32_t sd = r.pads_rd(kPadSd0) & ~2u;
  for (uint32_t off = kPadSd0; off <= kPadSd0 + 12; off += 4)
    r.pads_wr(off, sd);
  // Off, SCLK = clk_sys / 4, one cycle of RX sample delay.
  r.wr(SSIENR, 0);
  r.wr(BAUDR, 4);
  r.wr(RX_SAMPLE_DLY, 1);
  // 8-bit TX_AND_RX frames, on (SER is still 1 from the boot ROM).
  r.wr(CTRLR0, dfs32(8) | TMOD_TXRX);
  r.wr(SSIENR, 1);
  bool programmed = false;
  if (r.read_sreg(0x35) != 0x02) {
    programmed = true;
    r.wr(DR0, 0x06);  // write enable
    r.wait_ready();
    r.rd(DR0);
    r.wr(DR0, 0x01);  // write status registers 1 and 2: SR1 = 0, SR2 = QE
    r.wr(DR0, 0x00);
    r.wr(DR0, 0x02);
    r.wait_ready();
    r.rd(DR0);
    r.rd(DR0);
    r.rd(DR0);
    for (int i = 0; i < 1'000'000 && (r.read_sreg(0x05) & 1); ++i) {
    }
  }
  r.wr(SSIENR, 0);
  // Dummy quad I/O read (EBh, address 0, mode bits A0h) to enter continuous read mode.
  r.wr(CTRLR0, FRF_QUAD | dfs32(32) | TMOD_EEPROM);
  r.wr(CTRLR1, 0);
  r.wr(SPI_CTRLR0, addr_l(8) | wait_cycles(4) | INST_L_8 | TT_1C2A);
  r.wr(SSIENR, 1);
  r.wr(DR0, 0xeb);
  r.wr(DR0, 0xa0);
  r.wait_ready();
  // XIP: no instruction, address + mode bits A0h on four lines, 4 wait cycles.
  r.wr(SSIENR, 0);
  r.wr(SPI_CTRLR0, xip_cmd(0xa0) | addr_l(8) | wait_cycles(4) | INST_L_NONE | TT_2C2A);
  r.wr(SSIENR, 1);
  return programmed;
}

// boot2_generic_03h: plain 03h serial reads for XIP.
void replay_generic_03h(QspiRig& r) {
  r.wr(SSIENR, 0);
  r.wr(BAUDR, 4);
  r.wr(CTRLR0, dfs32(32) | TMOD_EEPROM);
  r.wr(SPI_CTRLR0, xip_cmd(0x03) | addr_l(6) | INST_L_8 | TT_1C1A);
  r.wr(CTRLR1, 0);
  r.wr(SSIENR, 1);
}

// boot2_w25x10cl: dual I/O (BBh) continuous read; 28-bit address phase whose last nibble is
// the mode bits 2h, two wait cycles; the dummy read is polled on RFNE.
void replay_w25x10cl(QspiRig& r) {
  r.wr(SSIENR, 0);
  r.wr(BAUDR, 4);
  r.wr(CTRLR0, FRF_DUAL | dfs32(32) | TMOD_EEPROM);
  r.wr(CTRLR1, 0);
  r.wr(SPI_CTRLR0, addr_l(7) | wait_cycles(2) | INST_L_8 | TT_1C2A);
  r.wr(SSIENR, 1);
  r.wr(DR0, 0xbb);
  r.wr(DR0, 0x0000002);
  for (int i = 0; i < 1'000'000 && !(r.rd(SR) & SR_RFNE); ++i) {
  }
  r.wr(SSIENR, 0);
  r.wr(SPI_CTRLR0, xip_cmd(0x20) | addr_l(7) | wait_cycles(2) | INST_L_NONE | TT_2C2A);
  r.wr(SSIENR, 1);
}

// boot2_is25lp080: SR1 must read 40h (the ISSI part's QE bit), written with a one-byte 01h if
// not; then the same EBh continuous read set-up as boot2_w25q080.
void replay_is25lp080(QspiRig& r) {
  r.wr(SSIENR, 0);
  r.wr(BAUDR, 4);
  r.wr(CTRLR0, dfs32(8) | TMOD_TXRX);
  r.wr(SSIENR, 1);
  if (r.read_sreg(0x05) != 0x40) {
    r.wr(DR0, 0x06);
    r.wait_ready();
    r.rd(DR0);
    r.wr(DR0, 0x01);
    r.wr(DR0, 0x40);
    r.wait_ready();
    r.rd(DR0);
    r.rd(DR0);
    for (int i = 0; i < 1'000'000 && (r.read_sreg(0x05) & 1); ++i) {
    }
  }
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

void fill_pattern(QspiRig& r) {
  for (size_t i = 0; i < 0x200; ++i)
    r.flash[i] = uint8_t(i * 13 + 5);
}

}  // namespace

TEST(Boot2W25q080, EntersQuadContinuousReadWithoutWarnings) {
  QspiRig r;
  fill_pattern(r);
  EXPECT_FALSE(replay_w25q080(r));  // QE already set on the Pico's part
  EXPECT_EQ(r.chip.continuous_read(), 0xebu);
  r.settle_xip_check();
  EXPECT_TRUE(r.diag.warnings().empty()) << r.all_warnings();
}

TEST(Boot2W25q080, ProgramsQeOnAPartWithoutIt) {
  QspiRig r(im_part());
  fill_pattern(r);
  EXPECT_TRUE(replay_w25q080(r));
  EXPECT_TRUE(r.chip.quad_enabled());
  EXPECT_EQ(r.chip.continuous_read(), 0xebu);
  r.settle_xip_check();
  EXPECT_TRUE(r.diag.warnings().empty()) << r.all_warnings();
  r.chip.power_on();
  EXPECT_TRUE(r.chip.quad_enabled());  // non-volatile
}

TEST(Boot2W25q080, RunsAgainAfterTheSdkLeftXip) {
  // hardware_flash copies boot2 to RAM and calls it again after a flash operation, once the
  // flash has left continuous read mode (FFh).
  QspiRig r;
  fill_pattern(r);
  replay_w25q080(r);
  r.serial_mode();
  r.do_cmd({0xff});
  auto rx = r.do_cmd({0x4b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  EXPECT_EQ(std::string(rx.begin() + 5, rx.end()), "VPIC0001");
  r.cs(Cs::Normal);
  replay_w25q080(r);
  r.settle_xip_check();
  EXPECT_TRUE(r.diag.warnings().empty()) << r.all_warnings();
}

TEST(Boot2W25q080, SdkCommandWithoutXipExitIsReported) {
  // flash_do_cmd after an exit_xip that sends no exit sequence: the chip still expects
  // addresses, so the unique ID command is not run and vpico says why.
  QspiRig r;
  replay_w25q080(r);
  r.serial_mode();
  auto rx = r.do_cmd({0x4b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  EXPECT_NE(std::string(rx.begin() + 5, rx.end()), "VPIC0001");
  EXPECT_TRUE(r.warned("continuous read mode of EBh"));
}

TEST(Boot2W25q080, BootRomExitSequenceLeavesContinuousRead) {
  // The boot ROM's flash_exit_xip: 32 clocks with CS# high and the SD pads pulled down and
  // output-disabled, 32 clocks with CS# low and the pads pulled up (the chip reads mode bits
  // FFh), then CS# low for FFh FFh with the pads restored.
  QspiRig r;
  replay_w25q080(r);
  r.serial_mode();
  const uint32_t saved = r.pads_rd(kPadSd0);
  uint32_t tmp = (saved & ~((1u << 7) | (1u << 3) | (1u << 2))) | (1u << 7) | (1u << 2);
  r.cs(Cs::High);
  for (int i = 0; i < 2; ++i) {
    for (uint32_t off = kPadSd0; off <= kPadSd0 + 12; off += 4)
      r.pads_wr(off, tmp);
    r.tick(6000);
    r.put_get({0, 0, 0, 0});  // ends with CS# forced high
    tmp = (tmp & ~(1u << 2)) | (1u << 3);
    r.cs(Cs::Low);
    if (i == 0) {
      EXPECT_EQ(r.chip.continuous_read(), 0xebu);
    }
  }
  for (uint32_t off = kPadSd0; off <= kPadSd0 + 12; off += 4)
    r.pads_wr(off, saved);
  r.do_cmd({0xff, 0xff});
  r.cs(Cs::Normal);
  EXPECT_EQ(r.chip.continuous_read(), 0u);
  EXPECT_EQ(r.do_cmd({0x9f, 0, 0, 0})[1], 0xefu);
}

TEST(Boot2Generic03h, SerialReadXipIsValid) {
  QspiRig r;
  fill_pattern(r);
  replay_generic_03h(r);
  r.settle_xip_check();
  EXPECT_TRUE(r.diag.warnings().empty()) << r.all_warnings();
}

TEST(Boot2W25x10cl, EntersDualContinuousRead) {
  QspiRig r;
  fill_pattern(r);
  replay_w25x10cl(r);
  EXPECT_EQ(r.chip.continuous_read(), 0xbbu);
  r.settle_xip_check();
  EXPECT_TRUE(r.diag.warnings().empty()) << r.all_warnings();
}

TEST(Boot2Is25lp080, RunsOnTheW25q16jv) {
  // The ISSI boot2 on the Pico's Winbond chip: its SR1 write sets SEC (harmless), QE is
  // already set, the EBh set-up is the same.
  QspiRig r;
  fill_pattern(r);
  replay_is25lp080(r);
  EXPECT_EQ(r.chip.status_register(1), 0x40u);
  EXPECT_EQ(r.chip.continuous_read(), 0xebu);
  r.settle_xip_check();
  EXPECT_TRUE(r.diag.warnings().empty()) << r.all_warnings();
}

TEST(Boot2Is25lp080, QuadXipOnAPartWithoutQeIsReported) {
  // On a W25Q16JV-IM (QE clear) the ISSI boot2 sets the wrong bit: a real board would not boot.
  QspiRig r(im_part());
  fill_pattern(r);
  replay_is25lp080(r);
  EXPECT_EQ(r.chip.continuous_read(), 0u);
  r.settle_xip_check();
  EXPECT_TRUE(r.warned("would not read the flash")) << r.all_warnings();
  EXPECT_TRUE(r.warned("QE bit")) << r.all_warnings();
}

TEST(Boot2Xip, WrongWaitCyclesAreReported) {
  QspiRig r;
  fill_pattern(r);
  replay_w25q080(r);
  r.wr(SSIENR, 0);
  r.wr(SPI_CTRLR0, xip_cmd(0xa0) | addr_l(8) | wait_cycles(2) | INST_L_NONE | TT_2C2A);
  r.wr(SSIENR, 1);
  r.settle_xip_check();
  EXPECT_TRUE(r.warned("would not read the flash")) << r.all_warnings();
}

TEST(Boot2Xip, ContinuousXipWithoutTheDummyReadIsReported) {
  QspiRig r;
  fill_pattern(r);
  r.wr(SSIENR, 0);
  r.wr(CTRLR0, FRF_QUAD | dfs32(32) | TMOD_EEPROM);
  r.wr(SPI_CTRLR0, xip_cmd(0xa0) | addr_l(8) | wait_cycles(4) | INST_L_NONE | TT_2C2A);
  r.wr(SSIENR, 1);
  r.settle_xip_check();
  EXPECT_TRUE(r.warned("would not read the flash")) << r.all_warnings();
}
