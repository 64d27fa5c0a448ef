// The boot ROM image (build/firmware/bootrom.bin): its header and tables as firmware reads them
// (RP2040 datasheet 2.8.2, 2.8.3; pico-sdk pico_bootrom, pico_float, pico_double), and its real
// ARMv6-M code — table lookup, core 0 boot, core 1 launch — run on a CortexM0Plus with small
// stand-ins for the registers it touches, its traps served by RomTraps.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cortex_m0plus.h"
#include "crc32.h"
#include "diagnostics.h"
#include "rom_traps.h"

using namespace vpico;

namespace {

constexpr uint32_t kRomSize = 16 * 1024;

std::optional<std::vector<uint8_t>> load_rom() {
  const std::string path = std::string(VPICO_FIRMWARE_DIR) + "/bootrom.bin";
  if (!std::filesystem::exists(path)) {
    if (VPICO_FIRMWARE_BUILT) ADD_FAILURE() << path << " was not built";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> rom((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return rom;
}

#define LOAD_ROM_OR_SKIP(var)                                 \
  auto var##_loaded = load_rom();                             \
  if (!var##_loaded) GTEST_SKIP() << "bootrom.bin not built"; \
  std::vector<uint8_t>& var = *var##_loaded;                  \
  var.resize(kRomSize, 0)

uint16_t h16(const std::vector<uint8_t>& rom, uint32_t at) {
  uint16_t v = 0;
  if (at + 2 <= rom.size()) std::memcpy(&v, &rom[at], 2);
  return v;
}
uint32_t w32(const std::vector<uint8_t>& rom, uint32_t at) {
  uint32_t v = 0;
  if (at + 4 <= rom.size()) std::memcpy(&v, &rom[at], 4);
  return v;
}

constexpr uint32_t code(char a, char b) {
  return uint32_t(uint8_t(a)) | uint32_t(uint8_t(b)) << 8;
}

// What rom_table_lookup does, in C++: the reference for the ROM's own code.
uint32_t lookup(const std::vector<uint8_t>& rom, uint32_t table, uint32_t c) {
  for (uint32_t at = table; at + 4 <= rom.size(); at += 4) {
    if (h16(rom, at) == 0) return 0;
    if (h16(rom, at) == c) return h16(rom, at + 2);
  }
  return 0;
}

// Every function code of the RP2040 ROM (pico-sdk bootrom_constants.h, datasheet 2.8.3), and
// the trap behind it where the function runs on the host.
struct FunctionCode {
  char c1, c2;
  const char* trap;  // nullptr: real ROM code
};
constexpr FunctionCode kFunctions[] = {
    {'P', '3', "popcount32"},
    {'R', '3', "reverse32"},
    {'L', '3', "clz32"},
    {'T', '3', "ctz32"},
    {'M', 'S', "memset"},
    {'S', '4', "memset4"},
    {'M', 'C', "memcpy"},
    {'C', '4', "memcpy44"},
    {'I', 'F', "connect_internal_flash"},
    {'E', 'X', nullptr},
    {'R', 'E', "flash_range_erase"},
    {'R', 'P', "flash_range_program"},
    {'F', 'C', "flash_flush_cache"},
    {'C', 'X', nullptr},
    {'U', 'B', "reset_to_usb_boot"},
    {'D', 'T', nullptr},
    {'D', 'E', nullptr},
    {'W', 'V', nullptr},
};

}  // namespace

// --- the image as firmware reads it -----------------------------------------------------------

TEST(BootRomImage, FitsInTheSixteenKiBRom) {
  auto rom = load_rom();
  if (!rom) GTEST_SKIP() << "bootrom.bin not built";
  EXPECT_LE(rom->size(), kRomSize);
  EXPECT_GT(rom->size(), 0x1au);
}

TEST(BootRomImage, HeaderHasMuMagicAndVersion3) {
  LOAD_ROM_OR_SKIP(rom);
  EXPECT_EQ(rom[0x10], 'M');
  EXPECT_EQ(rom[0x11], 'u');
  EXPECT_EQ(rom[0x12], 0x01);
  EXPECT_EQ(rom[0x13], 3);  // pico-sdk rp2040_rom_version()
}

TEST(BootRomImage, VectorsPointIntoTheRomInThumbState) {
  LOAD_ROM_OR_SKIP(rom);
  EXPECT_EQ(w32(rom, 0x00), 0x20041f00u);  // below boot2's copy
  for (uint32_t v : {w32(rom, 0x04), w32(rom, 0x08), w32(rom, 0x0c)}) {
    EXPECT_EQ(v & 1, 1u);
    EXPECT_LT(v, kRomSize);
  }
  const uint32_t lookup_fn = h16(rom, 0x18);
  EXPECT_EQ(lookup_fn & 1, 1u);
  EXPECT_LT(lookup_fn, kRomSize);
}

TEST(BootRomImage, FunctionTableHasEveryRp2040CodeAsThumbPointerIntoTheRom) {
  LOAD_ROM_OR_SKIP(rom);
  const uint32_t table = h16(rom, 0x14);
  for (const FunctionCode& f : kFunctions) {
    const uint32_t p = lookup(rom, table, code(f.c1, f.c2));
    EXPECT_NE(p, 0u) << f.c1 << f.c2;
    EXPECT_EQ(p & 1, 1u) << f.c1 << f.c2;
    EXPECT_LT(p, kRomSize) << f.c1 << f.c2;
  }
  EXPECT_EQ(lookup(rom, table, code('Z', 'Z')), 0u);
}

TEST(BootRomImage, TrapBackedFunctionsStartWithTheirBkpt) {
  LOAD_ROM_OR_SKIP(rom);
  const uint32_t table = h16(rom, 0x14);
  for (const FunctionCode& f : kFunctions) {
    if (!f.trap) continue;
    const uint32_t p = lookup(rom, table, code(f.c1, f.c2)) & ~1u;
    EXPECT_EQ(h16(rom, p), 0xbe00 | *RomTraps::number_of(f.trap)) << f.trap;
  }
}

TEST(BootRomImage, DataTableHasStringsRevisionAndFloatLibraryBounds) {
  LOAD_ROM_OR_SKIP(rom);
  const uint32_t table = h16(rom, 0x16);
  const uint32_t cr = lookup(rom, table, code('C', 'R'));
  ASSERT_NE(cr, 0u);
  const auto end = std::find(rom.begin() + cr, rom.end(), 0);
  EXPECT_NE(end, rom.end());
  EXPECT_GT(end - (rom.begin() + cr), 0);
  const uint32_t gr = lookup(rom, table, code('G', 'R'));
  EXPECT_NE(gr, 0u);
  EXPECT_EQ(gr % 4, 0u);
  const uint32_t fs = lookup(rom, table, code('F', 'S')), fe = lookup(rom, table, code('F', 'E'));
  EXPECT_NE(fs, 0u);
  EXPECT_LT(fs, fe);
  EXPECT_LE(fe, kRomSize);
}

TEST(BootRomImage, SoftFloatTablesHoldTheirSizeAndPointAtTheirTraps) {
  LOAD_ROM_OR_SKIP(rom);
  const uint32_t data = h16(rom, 0x16);
  const uint32_t fs = lookup(rom, data, code('F', 'S')), fe = lookup(rom, data, code('F', 'E'));
  for (auto [c2, base] :
       {std::pair{'F', RomTraps::kFloatBase}, std::pair{'D', RomTraps::kDoubleBase}}) {
    const uint32_t t = lookup(rom, data, code('S', c2));
    ASSERT_NE(t, 0u) << 'S' << c2;
    EXPECT_EQ(t % 4, 0u);
    EXPECT_GE(rom[t - 2] * 4u, 0x80u);  // pico-sdk's check of the table's size in words
    for (uint32_t i = 0; i < 32; ++i) {
      const uint32_t p = w32(rom, t + 4 * i);
      EXPECT_EQ(p & 1, 1u) << 'S' << c2 << " entry " << i;
      EXPECT_GE(p & ~1u, fs);
      EXPECT_LT(p & ~1u, fe);
      EXPECT_EQ(h16(rom, p & ~1u), 0xbe00 | (base + i)) << 'S' << c2 << " entry " << i;
    }
  }
}

TEST(BootRomImage, EveryTrapNumberAppearsInTheRom) {
  LOAD_ROM_OR_SKIP(rom);
  for (const RomTrapInfo& t : RomTraps::all()) {
    bool found = false;
    for (uint32_t at = 0; at + 2 <= kRomSize && !found; at += 2)
      found = h16(rom, at) == (0xbe00 | t.number);
    EXPECT_TRUE(found) << t.name;
  }
}

// --- the ROM's code on a core -----------------------------------------------------------------

namespace {

// One core with the ROM, flash and SRAM, and stand-ins for the registers the ROM touches:
// SIO (CPUID, FIFOs), RESETS, the SSI, WATCHDOG scratch and VTOR. The core's BKPT stops are
// served by RomTraps, as the machine will do from its BKPT hook.
class RomCore : public RomHost {
 public:
  static constexpr uint32_t kSram = 0x20000000, kXip = 0x10000000;
  static constexpr uint32_t kStop = kSram + 0x100;  // a WFI to return to

  Diagnostics diag;
  CortexM0Plus core;
  std::vector<uint8_t> rom, flash_mem = std::vector<uint8_t>(2 * 1024 * 1024, 0xff),
                            sram = std::vector<uint8_t>(264 * 1024, 0);
  RomTraps traps;
  std::vector<UsbBootRequest> usb_boots;
  std::vector<std::string> faults;

  uint32_t cpuid = 0;
  std::deque<uint32_t> fifo_to_core, fifo_from_core;
  uint32_t resets = 0x01ffffff;
  std::map<uint32_t, uint32_t> ssi;
  std::array<uint32_t, 8> scratch{};
  uint32_t vtor = 0;

  RomCore(unsigned index, std::vector<uint8_t> image) : core(index, diag), rom(std::move(image)) {
    cpuid = index;
    EXPECT_TRUE(core.open().ok());
    EXPECT_TRUE(core.map_ram(0, kRomSize, rom.data(), UC_PROT_READ | UC_PROT_EXEC).ok());
    EXPECT_TRUE(core.map_ram(kXip, uint32_t(flash_mem.size()), flash_mem.data(),
                             UC_PROT_READ | UC_PROT_EXEC)
                    .ok());
    EXPECT_TRUE(core.map_ram(kSram, uint32_t(sram.size()), sram.data(), UC_PROT_ALL).ok());
    for (uint32_t base : {0xd0000000u, 0x4000c000u, 0x4000d000u, 0x4000e000u, 0x4000f000u,
                          0x18000000u, 0x40018000u, 0x40058000u, 0xe000e000u}) {
      m_regions.push_back({this, base});
      EXPECT_TRUE(core.map_mmio(base, 0x1000, &mmio_read, &mmio_write, &m_regions.back()).ok());
    }
    const uint16_t wfi_loop[2] = {0xbf30, 0xe7fd};  // wfi; b back to it
    std::memcpy(&sram[kStop - kSram], wfi_loop, sizeof wfi_loop);
  }

  // Runs until the core sleeps or stops for good; serves traps on the way.
  CortexM0Plus::Exit run(uint64_t cycles = 2'000'000) {
    for (int served = 0; served < 1000; ++served) {
      auto exit = core.run(core.cycles() + cycles);
      auto& f = diag.pending_fault();
      if (exit != CortexM0Plus::Exit::Fault || !f || f->kind != FaultKind::Breakpoint) return exit;
      if (!traps.handle(f->pc, *this) || !faults.empty()) return exit;
      f.reset();
      core.set_state(CortexM0Plus::State::Running);
    }
    ADD_FAILURE() << "too many traps";
    return CortexM0Plus::Exit::Stopped;
  }

  // Calls the ROM function at `fn` with r0, r1, returning to a WFI.
  uint32_t call(uint32_t fn, uint32_t r0, uint32_t r1) {
    core.set_reg(UC_ARM_REG_R0, r0);
    core.set_reg(UC_ARM_REG_R1, r1);
    core.set_reg(UC_ARM_REG_SP, kSram + 0x1000);
    core.set_reg(UC_ARM_REG_LR, kStop | 1);
    core.set_pc(fn);
    EXPECT_EQ(run(), CortexM0Plus::Exit::Sleep);
    return core.reg(UC_ARM_REG_R0);
  }

  void write_boot2(const std::vector<uint16_t>& code, bool valid_crc) {
    std::vector<uint8_t> block(256, 0);
    std::memcpy(block.data(), code.data(), code.size() * 2);
    uint32_t crc = crc32_mpeg2(std::span(block).first(252));
    if (!valid_crc) crc ^= 1;
    std::memcpy(&block[252], &crc, 4);
    std::copy(block.begin(), block.end(), flash_mem.begin());
  }

  // RomHost
  uint32_t reg(int r) override { return core.reg(r); }
  void set_reg(int r, uint32_t v) override {
    if (r == UC_ARM_REG_PC)
      core.set_pc(v);
    else
      core.set_reg(r, v);
  }
  bool read(uint32_t a, void* out, size_t n) override {
    return uc_mem_read(core.engine(), a, out, n) == UC_ERR_OK;
  }
  bool write(uint32_t a, const void* in, size_t n) override {
    return uc_mem_write(core.engine(), a, in, n) == UC_ERR_OK;
  }
  std::span<uint8_t> flash() override { return flash_mem; }
  void flash_changed(uint32_t offset, uint32_t size) override {
    core.invalidate_code(kXip + offset, kXip + offset + size);
  }
  uint32_t clk_sys_hz() override { return 12'000'000; }
  void charge_cycles(uint64_t n) override { core.add_cycles(n); }
  void usb_boot(const UsbBootRequest& r) override { usb_boots.push_back(r); }
  void fault(std::string message) override { faults.push_back(std::move(message)); }

 private:
  struct Region {
    RomCore* self;
    uint32_t base;
  };
  std::deque<Region> m_regions;

  static uint64_t mmio_read(uc_engine*, uint64_t offset, unsigned, void* user) {
    auto* r = static_cast<Region*>(user);
    return r->self->reg_read(r->base + uint32_t(offset));
  }
  static void mmio_write(uc_engine*, uint64_t offset, unsigned, uint64_t value, void* user) {
    auto* r = static_cast<Region*>(user);
    r->self->reg_write(r->base + uint32_t(offset), uint32_t(value));
  }

  uint32_t reg_read(uint32_t a) {
    switch (a) {
      case 0xd0000000:  // SIO CPUID
        return cpuid;
      case 0xd0000050:  // FIFO_ST: VLD, RDY
        return (fifo_to_core.empty() ? 0u : 1u) | (fifo_from_core.size() < 8 ? 2u : 0u);
      case 0xd0000058: {  // FIFO_RD
        if (fifo_to_core.empty()) return 0;
        uint32_t v = fifo_to_core.front();
        fifo_to_core.pop_front();
        return v;
      }
      case 0x4000c000:
        return resets;
      case 0x4000c008:  // RESET_DONE
        return ~resets & 0x01ffffff;
      case 0xe000ed08:
        return vtor;
      case 0x18000024:  // SSI RXFLR: the stub SSI has answered every frame pushed
        return 2;
    }
    if (a >= 0x18000000 && a < 0x18001000) return ssi[a - 0x18000000];
    if (a >= 0x4005800c && a < 0x4005802c) return scratch[(a - 0x4005800c) / 4];
    return 0;
  }

  void reg_write(uint32_t a, uint32_t v) {
    if (a == 0xd0000054) fifo_from_core.push_back(v);
    if (a >= 0x4000c000 && a < 0x40010000 && (a & 0xfff) == 0) {
      switch ((a >> 12) & 3) {  // RESET and its XOR, SET, CLR aliases
        case 0:
          resets = v;
          break;
        case 1:
          resets ^= v;
          break;
        case 2:
          resets |= v;
          break;
        case 3:
          resets &= ~v;
          break;
      }
    }
    if (a >= 0x18000000 && a < 0x18001000) ssi[a - 0x18000000] = v;
    if (a >= 0x4005800c && a < 0x4005802c) scratch[(a - 0x4005800c) / 4] = v;
    if (a == 0xe000ed08) vtor = v;
  }
};

constexpr uint16_t kWfi = 0xbf30, kBranchToSelf = 0xe7fe;

}  // namespace

TEST(BootRomCode, TableLookupFindsEveryCodeOnTheCore) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(0, rom);
  const uint32_t lookup_fn = h16(rom, 0x18), funcs = h16(rom, 0x14), data = h16(rom, 0x16);
  for (const FunctionCode& f : kFunctions) {
    const uint32_t c = code(f.c1, f.c2);
    EXPECT_EQ(m.call(lookup_fn, funcs, c), lookup(rom, funcs, c)) << f.c1 << f.c2;
  }
  EXPECT_EQ(m.call(lookup_fn, data, code('S', 'F')), lookup(rom, data, code('S', 'F')));
  EXPECT_EQ(m.call(lookup_fn, funcs, code('Z', 'Z')), 0u);
  EXPECT_EQ(m.call(lookup_fn, funcs, 0xabcd0000u | code('P', '3')),
            lookup(rom, funcs, code('P', '3')));
}

TEST(BootRomCode, TrapsRunThroughTheFunctionTable) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(0, rom);
  const uint32_t popcount = lookup(rom, h16(rom, 0x14), code('P', '3'));
  EXPECT_EQ(m.call(popcount, 0x0f0f0f0f, 0), 16u);
  EXPECT_EQ(m.core.pc(), RomCore::kStop + 2);  // returned to LR and slept in its WFI
}

TEST(BootRomCode, Core0CopiesBoot2AndEntersItWithLrZero) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(0, rom);
  m.write_boot2({kWfi, kBranchToSelf}, true);
  ASSERT_TRUE(m.core.reset_from_vector_table(0).ok());
  ASSERT_EQ(m.run(), CortexM0Plus::Exit::Sleep);
  EXPECT_EQ(m.core.pc(), 0x20041f02u);  // after the WFI at boot2's first byte
  EXPECT_EQ(m.core.reg(UC_ARM_REG_LR), 0u);
  EXPECT_EQ(m.core.reg(UC_ARM_REG_SP), 0x20041f00u);
  EXPECT_EQ(std::memcmp(&m.sram[0x41f00], m.flash_mem.data(), 256), 0);
  EXPECT_TRUE(m.usb_boots.empty());
  // QSPI IO and pads out of reset (RESETS bits 6 and 9), nothing else.
  EXPECT_EQ(m.resets, 0x01ffffffu & ~((1u << 6) | (1u << 9)));
  // The SSI left in 03h XIP mode: enabled, 32-bit frames, EEPROM read, 03h with 24-bit address.
  EXPECT_EQ(m.ssi[0x08], 1u);
  EXPECT_EQ(m.ssi[0x00], (31u << 16) | (3u << 8));
  EXPECT_EQ(m.ssi[0xf4], (0x03u << 24) | (2u << 8) | (6u << 2));
  EXPECT_EQ(m.traps.calls(*RomTraps::number_of("crc32")), 1u);
}

TEST(BootRomCode, Core0WithoutAValidBoot2AsksForUsbBoot) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(0, rom);
  m.write_boot2({kWfi, kBranchToSelf}, false);
  ASSERT_TRUE(m.core.reset_from_vector_table(0).ok());
  EXPECT_EQ(m.run(), CortexM0Plus::Exit::Sleep);  // parked in the ROM
  ASSERT_EQ(m.usb_boots.size(), 1u);
  EXPECT_EQ(m.usb_boots[0].cause, UsbBootCause::NoValidBoot2);
  EXPECT_LT(m.core.pc(), kRomSize);
}

TEST(BootRomCode, ErasedFlashAsksForUsbBoot) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(0, rom);
  ASSERT_TRUE(m.core.reset_from_vector_table(0).ok());
  m.run();
  ASSERT_EQ(m.usb_boots.size(), 1u);
  EXPECT_EQ(m.usb_boots[0].cause, UsbBootCause::NoValidBoot2);
}

TEST(BootRomCode, WatchdogScratchBootsToTheGivenEntryOnce) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(0, rom);
  const uint32_t entry = RomCore::kStop | 1, sp = 0x20030000;
  m.scratch[4] = 0xb007c0d3;
  m.scratch[5] = entry ^ 0x4ff83f2d;  // entry ^ -0xb007c0d3, as pico-sdk writes it
  m.scratch[6] = sp;
  m.scratch[7] = entry;
  ASSERT_TRUE(m.core.reset_from_vector_table(0).ok());
  ASSERT_EQ(m.run(), CortexM0Plus::Exit::Sleep);
  EXPECT_EQ(m.core.pc(), RomCore::kStop + 2);
  EXPECT_EQ(m.core.reg(UC_ARM_REG_SP), sp);
  EXPECT_EQ(m.scratch[4], 0u);       // one shot
  EXPECT_EQ(m.resets, 0x01ffffffu);  // the flash boot did not run
}

TEST(BootRomCode, WatchdogScratchWithABadCheckWordIsIgnored) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(0, rom);
  m.write_boot2({kWfi, kBranchToSelf}, true);
  m.scratch[4] = 0xb007c0d3;
  m.scratch[5] = 0x1234;
  m.scratch[7] = RomCore::kStop | 1;
  ASSERT_TRUE(m.core.reset_from_vector_table(0).ok());
  ASSERT_EQ(m.run(), CortexM0Plus::Exit::Sleep);
  EXPECT_EQ(m.core.pc(), 0x20041f02u);  // booted from flash instead
}

namespace {

// pico-sdk's multicore_launch_core1_raw, played against the ROM's core 1: drain before each 0,
// push, wait for the echo, start over on a mismatch. Returns false if core 1 stops answering.
bool launch_core1(RomCore& m, uint32_t vector_table, uint32_t sp, uint32_t entry) {
  const uint32_t seq[] = {0, 0, 1, vector_table, sp, entry};
  for (size_t i = 0, rounds = 0; i < std::size(seq); ++rounds) {
    if (rounds > 50) return false;
    const uint32_t cmd = seq[i];
    if (cmd == 0) m.fifo_from_core.clear();
    m.fifo_to_core.push_back(cmd);
    m.core.set_event();
    m.run();
    if (m.fifo_from_core.empty()) return false;
    const uint32_t response = m.fifo_from_core.front();
    m.fifo_from_core.pop_front();
    i = cmd == response ? i + 1 : 0;
  }
  return true;
}

}  // namespace

TEST(BootRomCode, Core1WaitsAsleepForItsLaunch) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(1, rom);
  m.write_boot2({kWfi, kBranchToSelf}, true);
  ASSERT_TRUE(m.core.reset_from_vector_table(0).ok());
  EXPECT_EQ(m.run(), CortexM0Plus::Exit::Sleep);
  EXPECT_LT(m.core.pc(), kRomSize);  // in wait_for_vector, not boot2
  EXPECT_EQ(m.resets, 0x01ffffffu);  // core 1 leaves the boot to core 0
}

TEST(BootRomCode, Core1LaunchesWithVectorTableStackAndEntryFromTheFifo) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(1, rom);
  ASSERT_TRUE(m.core.reset_from_vector_table(0).ok());
  m.run();
  const uint32_t vt = 0x10000100, sp = 0x20040800, entry = RomCore::kStop | 1;
  ASSERT_TRUE(launch_core1(m, vt, sp, entry));
  EXPECT_EQ(m.core.pc(), RomCore::kStop + 2);  // running the entry point
  EXPECT_EQ(m.vtor, vt);
  EXPECT_EQ(m.core.reg(UC_ARM_REG_SP), sp);
  const uint32_t wait_for_vector = lookup(rom, h16(rom, 0x14), code('W', 'V'));
  EXPECT_EQ(m.core.reg(UC_ARM_REG_LR) | 1, wait_for_vector);
}

TEST(BootRomCode, Core1DrainsItsFifoThenAnnouncesItselfWithAZero) {
  // pico-sdk's multicore_reset_core1 waits for this 0 after releasing core 1 from reset.
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(1, rom);
  m.fifo_to_core = {5, 6, 7};  // left from before the reset
  ASSERT_TRUE(m.core.reset_from_vector_table(0).ok());
  EXPECT_EQ(m.run(), CortexM0Plus::Exit::Sleep);
  EXPECT_TRUE(m.fifo_to_core.empty());
  ASSERT_EQ(m.fifo_from_core.size(), 1u);
  EXPECT_EQ(m.fifo_from_core.front(), 0u);
}

TEST(BootRomCode, Core1EchoesAStrayWordAndStillLaunches) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(1, rom);
  ASSERT_TRUE(m.core.reset_from_vector_table(0).ok());
  m.run();
  m.fifo_from_core.clear();  // the announcement
  m.fifo_to_core.push_back(0x1234);
  m.core.set_event();
  m.run();
  ASSERT_EQ(m.fifo_from_core.size(), 1u);
  EXPECT_EQ(m.fifo_from_core.front(), 0x1234u);
  ASSERT_TRUE(launch_core1(m, 0x10000100, 0x20040800, RomCore::kStop | 1));
  EXPECT_EQ(m.core.pc(), RomCore::kStop + 2);
}

TEST(BootRomCode, Core1StartsOverWhenTheSequenceBreaks) {
  LOAD_ROM_OR_SKIP(rom);
  RomCore m(1, rom);
  ASSERT_TRUE(m.core.reset_from_vector_table(0).ok());
  m.run();
  m.fifo_from_core.clear();          // the announcement
  for (uint32_t w : {0u, 0u, 7u}) {  // 7 where the 1 belongs
    m.fifo_to_core.push_back(w);
    m.core.set_event();
    m.run();
  }
  EXPECT_LT(m.core.pc(), kRomSize);  // still waiting
  EXPECT_EQ(m.fifo_from_core.size(), 3u);
  ASSERT_TRUE(launch_core1(m, 0x10000100, 0x20040800, RomCore::kStop | 1));
  EXPECT_EQ(m.core.pc(), RomCore::kStop + 2);
}
