// A machine for RomTraps tests: registers in a map, ROM, SRAM and flash in vectors, and a
// record of everything a trap asks of the machine. call() places a trap's BKPT stub in the fake
// ROM and runs it the way the emulator's BKPT hook will.
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <unicorn/unicorn.h>

#include "rom_traps.h"

namespace vpico::testing {

class FakeRomHost : public RomHost {
 public:
  static constexpr uint32_t kSramBase = 0x20000000, kSramSize = 264 * 1024;
  static constexpr uint32_t kXipBase = 0x10000000;
  static constexpr uint32_t kReturnAddress = 0x20000100;  // where LR points (Thumb bit added)

  std::map<int, uint32_t> regs;
  std::vector<uint8_t> rom = std::vector<uint8_t>(RomTraps::kRomEnd, 0);
  std::vector<uint8_t> sram = std::vector<uint8_t>(kSramSize, 0);
  std::vector<uint8_t> flash_mem = std::vector<uint8_t>(2 * 1024 * 1024, 0xff);
  uint32_t hz = 125'000'000;

  uint64_t cycles = 0;
  std::vector<std::pair<uint32_t, uint32_t>> flash_changes;  // (offset, size)
  std::vector<UsbBootRequest> usb_boots;
  std::vector<std::string> faults;

  uint32_t reg(int uc_reg) override { return regs[uc_reg]; }
  void set_reg(int uc_reg, uint32_t value) override { regs[uc_reg] = value; }

  bool read(uint32_t address, void* out, size_t n) override {
    const uint8_t* p = at(address, n, false);
    if (!p) return false;
    std::memcpy(out, p, n);
    return true;
  }
  bool write(uint32_t address, const void* in, size_t n) override {
    uint8_t* p = at(address, n, true);
    if (!p) return false;
    std::memcpy(p, in, n);
    return true;
  }
  std::span<uint8_t> flash() override { return flash_mem; }
  void flash_changed(uint32_t offset, uint32_t size) override {
    flash_changes.emplace_back(offset, size);
  }
  uint32_t clk_sys_hz() override { return hz; }
  void charge_cycles(uint64_t n) override { cycles += n; }
  void usb_boot(const UsbBootRequest& request) override { usb_boots.push_back(request); }
  void fault(std::string message) override { faults.push_back(std::move(message)); }

  uint32_t r(int i) { return regs[UC_ARM_REG_R0 + i]; }
  uint64_t r64(int i) { return uint64_t(r(i)) | uint64_t(r(i + 1)) << 32; }
  uint32_t pc() { return regs[UC_ARM_REG_PC]; }
  uint8_t* sram_at(uint32_t address) { return &sram[address - kSramBase]; }

  // The address of trap `number`'s stub in the fake ROM: `bkpt #number; bx lr`.
  static uint32_t stub_address(unsigned number) { return 0x1000 + 4 * number; }

  // Runs the trap called `name` with r0..r3 = args, as the BKPT hook will. Returns the value
  // of RomTraps::handle; the results are in regs.
  bool call(RomTraps& traps, std::string_view name, std::initializer_list<uint32_t> args,
            uint32_t lr = kReturnAddress | 1) {
    auto number = RomTraps::number_of(name);
    EXPECT_TRUE(number.has_value()) << name;
    if (!number) return false;
    const uint32_t pc = stub_address(*number);
    const uint16_t stub[2] = {uint16_t(0xbe00 | *number), 0x4770};
    std::memcpy(&rom[pc], stub, sizeof stub);
    int i = 0;
    for (uint32_t a : args)
      regs[UC_ARM_REG_R0 + i++] = a;
    regs[UC_ARM_REG_LR] = lr;
    regs[UC_ARM_REG_PC] = pc;
    return traps.handle(pc, *this);
  }

 private:
  uint8_t* at(uint32_t address, size_t n, bool writing) {
    auto in = [&](uint32_t base, size_t size) {
      return address >= base && address - base <= size && n <= size - (address - base);
    };
    if (!writing && in(0, rom.size())) return &rom[address];
    if (in(kSramBase, sram.size())) return &sram[address - kSramBase];
    if (!writing && in(kXipBase, flash_mem.size())) return &flash_mem[address - kXipBase];
    return nullptr;
  }
};

inline uint32_t bits(float f) {
  return std::bit_cast<uint32_t>(f);
}
inline uint64_t bits(double d) {
  return std::bit_cast<uint64_t>(d);
}
inline float as_float(uint32_t b) {
  return std::bit_cast<float>(b);
}
inline double as_double(uint64_t b) {
  return std::bit_cast<double>(b);
}

}  // namespace vpico::testing
