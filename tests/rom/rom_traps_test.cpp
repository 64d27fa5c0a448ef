// RomTraps: dispatch, returns and cycle charging; bit operations, memory, CRC, flash and USB
// boot, each against a fake machine.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "fake_rom_host.h"
#include "rom_traps.h"

using namespace vpico;
using vpico::testing::FakeRomHost;

namespace {

constexpr uint32_t kRet = FakeRomHost::kReturnAddress | 1;
constexpr uint32_t kBuf = FakeRomHost::kSramBase + 0x1000;

uint32_t fixed_cycles(std::string_view name) {
  return RomTraps::find(*RomTraps::number_of(name))->cycles;
}

uint64_t cycles_at(uint32_t hz, uint64_t us) {
  return us * hz / 1'000'000;
}

}  // namespace

// --- dispatch ---------------------------------------------------------------------------------

TEST(RomTraps, SoftFloatNumbersFollowTheTableOffsets) {
  EXPECT_EQ(RomTraps::number_of("fadd"), RomTraps::kFloatBase);
  EXPECT_EQ(RomTraps::number_of("float2double"), RomTraps::kFloatBase + 0x7c / 4);
  EXPECT_EQ(RomTraps::number_of("dadd"), RomTraps::kDoubleBase);
  EXPECT_EQ(RomTraps::number_of("double2float"), RomTraps::kDoubleBase + 0x7c / 4);
  EXPECT_EQ(RomTraps::name_of(RomTraps::kFloatBase + 0x40 / 4), "fsin");
  EXPECT_EQ(RomTraps::name_of(0), "");
  EXPECT_FALSE(RomTraps::number_of("no_such_function").has_value());
}

TEST(RomTraps, EveryTrapHasANonZeroNumberAndCostsCyclesUnlessItNeverReturns) {
  EXPECT_EQ(RomTraps::all().size(), 15u + 32u + 32u);
  for (const RomTrapInfo& t : RomTraps::all()) {
    EXPECT_NE(t.number, 0) << t.name;
    EXPECT_EQ(RomTraps::find(t.number), &t);
    if (t.returns) {
      EXPECT_GT(t.cycles, 0u) << t.name;
    }
  }
}

TEST(RomTraps, ReturnsToTheLinkRegisterAndChargesTheFixedCost) {
  FakeRomHost h;
  RomTraps traps;
  ASSERT_TRUE(h.call(traps, "popcount32", {0xf0f0}));
  EXPECT_EQ(h.r(0), 8u);
  EXPECT_EQ(h.pc(), kRet);
  EXPECT_EQ(h.cycles, fixed_cycles("popcount32"));
  EXPECT_EQ(traps.calls(*RomTraps::number_of("popcount32")), 1u);
}

TEST(RomTraps, ExceptionReturnInLinkRegisterResumesAtTheStubsBxLr) {
  FakeRomHost h;
  RomTraps traps;
  ASSERT_TRUE(h.call(traps, "clz32", {1}, 0xfffffff9u));
  EXPECT_EQ(h.r(0), 31u);
  EXPECT_EQ(h.pc(), (FakeRomHost::stub_address(*RomTraps::number_of("clz32")) + 2) | 1);
}

TEST(RomTraps, BkptOutsideTheRomIsNotATrap) {
  FakeRomHost h;
  RomTraps traps;
  const uint16_t bkpt = 0xbe01;
  std::memcpy(h.sram_at(kBuf), &bkpt, 2);
  EXPECT_FALSE(traps.handle(kBuf, h));
  EXPECT_EQ(h.cycles, 0u);
}

TEST(RomTraps, BkptZeroAndUnknownNumbersAreLeftToTheDebugger) {
  FakeRomHost h;
  RomTraps traps;
  const uint16_t bkpt0 = 0xbe00, bkpt_unknown = 0xbeff, nop = 0xbf00;
  std::memcpy(&h.rom[0x200], &bkpt0, 2);
  std::memcpy(&h.rom[0x202], &bkpt_unknown, 2);
  std::memcpy(&h.rom[0x204], &nop, 2);
  EXPECT_FALSE(traps.handle(0x200, h));
  EXPECT_FALSE(traps.handle(0x202, h));
  EXPECT_FALSE(traps.handle(0x204, h));
}

TEST(RomTraps, OnlyResultRegistersChange) {
  FakeRomHost h;
  RomTraps traps;
  h.regs[UC_ARM_REG_R12] = 0x1234;
  ASSERT_TRUE(h.call(traps, "ctz32", {0x100, 0xaaaa, 0xbbbb, 0xcccc}));
  EXPECT_EQ(h.r(0), 8u);
  EXPECT_EQ(h.r(1), 0xaaaau);
  EXPECT_EQ(h.r(2), 0xbbbbu);
  EXPECT_EQ(h.r(3), 0xccccu);
  EXPECT_EQ(h.regs[UC_ARM_REG_R12], 0x1234u);
}

// --- bit operations ---------------------------------------------------------------------------

TEST(RomBitOps, Popcount32CountsOnes) {
  FakeRomHost h;
  RomTraps traps;
  h.call(traps, "popcount32", {0xffffffff});
  EXPECT_EQ(h.r(0), 32u);
  h.call(traps, "popcount32", {0});
  EXPECT_EQ(h.r(0), 0u);
}

TEST(RomBitOps, Reverse32MirrorsTheBits) {
  FakeRomHost h;
  RomTraps traps;
  h.call(traps, "reverse32", {0x00000001});
  EXPECT_EQ(h.r(0), 0x80000000u);
  h.call(traps, "reverse32", {0x12345678});
  EXPECT_EQ(h.r(0), 0x1e6a2c48u);
}

TEST(RomBitOps, Clz32AndCtz32OfZeroAre32) {
  FakeRomHost h;
  RomTraps traps;
  h.call(traps, "clz32", {0});
  EXPECT_EQ(h.r(0), 32u);
  h.call(traps, "ctz32", {0});
  EXPECT_EQ(h.r(0), 32u);
  h.call(traps, "clz32", {0x80000000});
  EXPECT_EQ(h.r(0), 0u);
  h.call(traps, "ctz32", {0x80000000});
  EXPECT_EQ(h.r(0), 31u);
}

// --- memory -----------------------------------------------------------------------------------

TEST(RomMemory, MemsetFillsExactlyNBytesAndReturnsThePointer) {
  FakeRomHost h;
  RomTraps traps;
  ASSERT_TRUE(h.call(traps, "memset", {kBuf + 1, 0x1a5, 5}));
  EXPECT_EQ(h.r(0), kBuf + 1);
  const uint8_t* p = h.sram_at(kBuf);
  EXPECT_EQ(p[0], 0);
  for (int i = 1; i <= 5; ++i)
    EXPECT_EQ(p[i], 0xa5) << i;  // the low byte of c
  EXPECT_EQ(p[6], 0);
}

TEST(RomMemory, MemsetChargesPerByte) {
  FakeRomHost h;
  RomTraps traps;
  h.call(traps, "memset", {kBuf, 0, 1024});
  EXPECT_EQ(h.cycles, fixed_cycles("memset") + 512u);
}

TEST(RomMemory, Memset4HandlesALengthThatIsNotAMultipleOfFour) {
  FakeRomHost h;
  RomTraps traps;
  ASSERT_TRUE(h.call(traps, "memset4", {kBuf, 0x5a, 6}));
  EXPECT_EQ(h.r(0), kBuf);
  EXPECT_EQ(h.sram_at(kBuf)[5], 0x5a);
  EXPECT_EQ(h.sram_at(kBuf)[6], 0);
}

TEST(RomMemory, Memset4OnAnUnalignedPointerFaultsAndStaysOnTheBkpt) {
  FakeRomHost h;
  RomTraps traps;
  ASSERT_TRUE(h.call(traps, "memset4", {kBuf + 2, 0, 4}));
  ASSERT_EQ(h.faults.size(), 1u);
  EXPECT_NE(h.faults[0].find("memset4"), std::string::npos);
  EXPECT_EQ(h.pc(), FakeRomHost::stub_address(*RomTraps::number_of("memset4")));
  EXPECT_EQ(h.cycles, 0u);
}

TEST(RomMemory, MemcpyCopiesAndReturnsTheDestination) {
  FakeRomHost h;
  RomTraps traps;
  for (int i = 0; i < 100; ++i)
    h.sram_at(kBuf)[i] = uint8_t(i + 1);
  ASSERT_TRUE(h.call(traps, "memcpy", {kBuf + 0x203, kBuf, 100}));
  EXPECT_EQ(h.r(0), kBuf + 0x203);
  EXPECT_EQ(std::memcmp(h.sram_at(kBuf + 0x203), h.sram_at(kBuf), 100), 0);
  EXPECT_EQ(h.sram_at(kBuf + 0x203)[100], 0);
}

TEST(RomMemory, MemcpyReadsFlashThroughXip) {
  FakeRomHost h;
  RomTraps traps;
  h.flash_mem[0x10] = 0x42;
  ASSERT_TRUE(h.call(traps, "memcpy", {kBuf, FakeRomHost::kXipBase + 0x10, 1}));
  EXPECT_EQ(h.sram_at(kBuf)[0], 0x42);
}

TEST(RomMemory, MemcpyCostsLessWhenPointersShareAlignment) {
  FakeRomHost aligned, misaligned;
  RomTraps traps;
  aligned.call(traps, "memcpy", {kBuf, kBuf + 0x400, 256});
  misaligned.call(traps, "memcpy", {kBuf, kBuf + 0x401, 256});
  EXPECT_EQ(aligned.cycles, fixed_cycles("memcpy") + 256u * 13 / 16);
  EXPECT_EQ(misaligned.cycles, fixed_cycles("memcpy") + 256u * 6);
}

TEST(RomMemory, MemcpyFromUnmappedMemoryFaults) {
  FakeRomHost h;
  RomTraps traps;
  ASSERT_TRUE(h.call(traps, "memcpy", {kBuf, 0x30000000, 4}));
  ASSERT_EQ(h.faults.size(), 1u);
  EXPECT_NE(h.faults[0].find("0x30000000"), std::string::npos);
}

TEST(RomMemory, Memcpy44NeedsWordAlignedPointers) {
  FakeRomHost h;
  RomTraps traps;
  h.sram_at(kBuf)[0] = 7;
  ASSERT_TRUE(h.call(traps, "memcpy44", {kBuf + 0x100, kBuf, 3}));
  EXPECT_TRUE(h.faults.empty());
  EXPECT_EQ(h.sram_at(kBuf + 0x100)[0], 7);
  h.call(traps, "memcpy44", {kBuf + 0x101, kBuf, 4});
  EXPECT_EQ(h.faults.size(), 1u);
}

TEST(RomCrc32, MatchesTheMpeg2CheckValue) {
  FakeRomHost h;
  RomTraps traps;
  std::memcpy(h.sram_at(kBuf), "123456789", 9);
  ASSERT_TRUE(h.call(traps, "crc32", {kBuf, 9}));
  EXPECT_EQ(h.r(0), 0x0376e6e7u);  // CRC-32/MPEG-2 of "123456789"
  EXPECT_EQ(h.cycles, fixed_cycles("crc32") + 9u * 53);
}

// --- flash ------------------------------------------------------------------------------------

TEST(RomFlash, EraseSetsWholeSectorsToFF) {
  FakeRomHost h;
  RomTraps traps;
  std::fill(h.flash_mem.begin(), h.flash_mem.begin() + 0x4000, 0);
  ASSERT_TRUE(h.call(traps, "flash_range_erase", {0x1000, 0x2000, 0x10000, 0xd8}));
  EXPECT_EQ(h.flash_mem[0x0fff], 0);
  EXPECT_EQ(h.flash_mem[0x1000], 0xff);
  EXPECT_EQ(h.flash_mem[0x2fff], 0xff);
  EXPECT_EQ(h.flash_mem[0x3000], 0);
  ASSERT_EQ(h.flash_changes.size(), 2u);
  EXPECT_EQ(h.flash_changes[0], std::make_pair(0x1000u, 0x1000u));
  EXPECT_EQ(h.flash_changes[1], std::make_pair(0x2000u, 0x1000u));
}

TEST(RomFlash, EraseChargesTheChipsSectorEraseTime) {
  FakeRomHost h;
  RomTraps traps;
  h.call(traps, "flash_range_erase", {0, 0x1000, 0x10000, 0xd8});
  EXPECT_EQ(h.cycles, fixed_cycles("flash_range_erase") + cycles_at(h.hz, 45'000));
}

TEST(RomFlash, EraseUsesBlockEraseForAlignedWholeBlocks) {
  FakeRomHost h;
  RomTraps traps;
  std::fill(h.flash_mem.begin(), h.flash_mem.begin() + 0x11000, 0);
  // 64 KiB block at 0, then one sector: 150 ms + 45 ms.
  h.call(traps, "flash_range_erase", {0, 0x11000, 0x10000, 0xd8});
  EXPECT_EQ(h.flash_mem[0x10fff], 0xff);
  EXPECT_EQ(h.cycles, fixed_cycles("flash_range_erase") + cycles_at(h.hz, 150'000 + 45'000));
  ASSERT_EQ(h.flash_changes.size(), 2u);
  EXPECT_EQ(h.flash_changes[0], std::make_pair(0u, 0x10000u));
}

TEST(RomFlash, EraseWithoutBlockCommandUsesSectors) {
  FakeRomHost h;
  RomTraps traps;
  h.call(traps, "flash_range_erase", {0, 0x10000, 0x10000, 0});
  EXPECT_EQ(h.flash_changes.size(), 16u);
}

TEST(RomFlash, MisalignedEraseErasesTheSectorHoldingTheAddress) {
  FakeRomHost h;
  RomTraps traps;
  std::fill(h.flash_mem.begin(), h.flash_mem.begin() + 0x3000, 0);
  h.call(traps, "flash_range_erase", {0x1800, 0x800, 0, 0});
  EXPECT_EQ(h.flash_mem[0x0fff], 0);
  EXPECT_EQ(h.flash_mem[0x1000], 0xff);  // the whole sector, not from 0x1800
  EXPECT_EQ(h.flash_mem[0x1fff], 0xff);
  EXPECT_EQ(h.flash_mem[0x2000], 0);
}

TEST(RomFlash, EraseLongerThanTheChipErasesItAllAndChargesEverySector) {
  FakeRomHost h;
  RomTraps traps;
  std::fill(h.flash_mem.begin(), h.flash_mem.end(), 0);
  h.call(traps, "flash_range_erase", {0x1000, 0xfffff000u, 0, 0});
  EXPECT_EQ(std::count(h.flash_mem.begin(), h.flash_mem.end(), 0xff), long(h.flash_mem.size()));
  EXPECT_EQ(h.cycles, fixed_cycles("flash_range_erase") + cycles_at(h.hz, 0xfffffull * 45'000));
}

TEST(RomFlash, ProgramAndsDataIntoFlashLikeNor) {
  FakeRomHost h;
  RomTraps traps;
  std::vector<uint8_t> data(256, 0xf0);
  data[1] = 0x0f;
  std::memcpy(h.sram_at(kBuf), data.data(), data.size());
  h.flash_mem[0x2000] = 0x3c;
  h.flash_mem[0x2001] = 0x3c;
  ASSERT_TRUE(h.call(traps, "flash_range_program", {0x2000, kBuf, 256}));
  EXPECT_EQ(h.flash_mem[0x2000], 0x30);  // 0x3c & 0xf0: programming only clears bits
  EXPECT_EQ(h.flash_mem[0x2001], 0x0c);
  EXPECT_EQ(h.flash_mem[0x20ff], 0xf0);
  EXPECT_EQ(h.flash_mem[0x2100], 0xff);
  ASSERT_EQ(h.flash_changes.size(), 1u);
  EXPECT_EQ(h.flash_changes[0], std::make_pair(0x2000u, 256u));
}

TEST(RomFlash, ProgramChargesTransferAndPageProgramTime) {
  FakeRomHost h;
  RomTraps traps;
  h.call(traps, "flash_range_program", {0, kBuf, 512});
  const uint64_t per_page = (1 + 4 + 256) * 48 + cycles_at(h.hz, 400);
  EXPECT_EQ(h.cycles, fixed_cycles("flash_range_program") + 2 * per_page);
}

TEST(RomFlash, MisalignedProgramWrapsWithinThePage) {
  FakeRomHost h;
  RomTraps traps;
  std::memset(h.sram_at(kBuf), 0x00, 256);
  h.sram_at(kBuf)[255] = 0x11;
  h.call(traps, "flash_range_program", {0x1080, kBuf, 256});
  EXPECT_EQ(h.flash_mem[0x1080], 0x00);
  EXPECT_EQ(h.flash_mem[0x10ff], 0x00);
  EXPECT_EQ(h.flash_mem[0x1000], 0x00);  // byte 128 went to the page's start
  EXPECT_EQ(h.flash_mem[0x107f], 0x11);
  EXPECT_EQ(h.flash_mem[0x1100], 0xff);  // the next page is untouched
}

TEST(RomFlash, OffsetsBeyondTheChipWrapAround) {
  FakeRomHost h;
  RomTraps traps;
  std::memset(h.sram_at(kBuf), 0x00, 256);
  h.call(traps, "flash_range_program", {uint32_t(h.flash_mem.size()) + 0x100, kBuf, 256});
  EXPECT_EQ(h.flash_mem[0x100], 0x00);
}

TEST(RomFlash, ProgramFromUnreadableDataFaults) {
  FakeRomHost h;
  RomTraps traps;
  h.call(traps, "flash_range_program", {0, 0x30000000, 256});
  EXPECT_EQ(h.faults.size(), 1u);
  EXPECT_EQ(h.flash_mem[0], 0xff);
}

// --- USB boot ---------------------------------------------------------------------------------

TEST(RomUsbBoot, ResetToUsbBootReportsItsArgumentsAndParks) {
  FakeRomHost h;
  RomTraps traps;
  ASSERT_TRUE(h.call(traps, "reset_to_usb_boot", {1u << 25, 2}));
  ASSERT_EQ(h.usb_boots.size(), 1u);
  EXPECT_EQ(h.usb_boots[0].cause, UsbBootCause::Requested);
  EXPECT_EQ(h.usb_boots[0].gpio_activity_pin_mask, 1u << 25);
  EXPECT_EQ(h.usb_boots[0].disable_interface_mask, 2u);
  // Never returns: the core goes on to the stub's WFI loop, not to LR.
  EXPECT_EQ(h.pc(), (FakeRomHost::stub_address(*RomTraps::number_of("reset_to_usb_boot")) + 2) | 1);
}

TEST(RomUsbBoot, NoValidBoot2IsReportedAsSuch) {
  FakeRomHost h;
  RomTraps traps;
  ASSERT_TRUE(h.call(traps, "boot_no_valid_boot2", {}));
  ASSERT_EQ(h.usb_boots.size(), 1u);
  EXPECT_EQ(h.usb_boots[0].cause, UsbBootCause::NoValidBoot2);
}
