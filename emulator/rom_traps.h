// The boot ROM's host-native functions ("traps", DESIGN.md "Boot": pure leaf ROM functions may
// run on the host, charged the cycles the real ROM would take).
//
// vpico's boot ROM (firmware/bootrom/) is real ARMv6-M code for its protocol and control flow
// (header, table lookup, boot sequence, core 1 launch, SSI set-up). Its leaf functions — bit
// operations, memcpy/memset, flash erase and program, the soft-float and soft-double tables —
// are stubs whose first instruction is `bkpt #N`. When a core stops on a BKPT inside the ROM,
// the machine calls RomTraps::handle: the host performs the function on the core's registers
// and memory, charges the function's cycles and moves the core past it. The list of traps, their
// numbers and fixed cycle costs is one X-macro file both sides include:
// firmware/bootrom/traps.def.
//
// Behaviour follows the RP2040 datasheet (2.8.3) and, for floating point, the rules of the
// library the real ROM contains: denormal inputs are zeros, NaN inputs are infinities, results
// never are NaN or denormal, +-0 compare equal. Deviations are listed in rom_traps.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vpico {

// Why the ROM asks to enter USB boot (BOOTSEL) mode. The real chip then runs the ROM's USB
// mass-storage and PICOBOOT device; vpico stops and says so.
enum class UsbBootCause {
  Requested,     // the firmware called reset_to_usb_boot ('UB')
  NoValidBoot2,  // the flash boot found no boot2 with a valid CRC (datasheet 2.8.1)
};

struct UsbBootRequest {
  UsbBootCause cause = UsbBootCause::Requested;
  uint32_t gpio_activity_pin_mask = 0;  // reset_to_usb_boot's arguments (0 otherwise)
  uint32_t disable_interface_mask = 0;
};

// What a trap needs of the machine, implemented by it for the core that hit the trap.
class RomHost {
 public:
  virtual ~RomHost() = default;

  // Registers of the calling core; `uc_reg` is a UC_ARM_REG_* id. A PC written here carries
  // the Thumb bit, as a return address in LR does (CortexM0Plus::set_pc takes it as it is);
  // UC_ARM_REG_APSR_NZCV carries N, Z, C, V in bits 31..28 (the comparisons with flags set
  // them).
  virtual uint32_t reg(int uc_reg) = 0;
  virtual void set_reg(int uc_reg, uint32_t value) = 0;

  // Memory as the calling core sees it; false where a real access would be a bus error.
  // Writes must keep whatever coherence the machine gives guest stores (e.g. translated code
  // of the other core over SRAM).
  virtual bool read(uint32_t address, void* out, size_t n) = 0;
  virtual bool write(uint32_t address, const void* in, size_t n) = 0;

  // The flash chip's contents (offset 0 is XIP address 0x10000000). After the traps change
  // it they call flash_changed: translated code and cached timings of that range are stale on
  // both cores and through every XIP alias.
  virtual std::span<uint8_t> flash() = 0;
  virtual void flash_changed(uint32_t offset, uint32_t size) = 0;

  // clk_sys now, to turn the flash chip's erase and program times into cycles.
  virtual uint32_t clk_sys_hz() = 0;
  // Adds cycles to the calling core's count: what the real ROM function would have taken.
  virtual void charge_cycles(uint64_t cycles) = 0;

  // The ROM would reset into USB boot mode; the core is parked in a WFI loop in the ROM after
  // this returns. The machine is expected to stop the run and report the request.
  virtual void usb_boot(const UsbBootRequest& request) = 0;
  // A trap did what the real ROM function would have faulted on (a bus error, an unaligned
  // word access): the machine raises the fault; the core stays on the trap's BKPT.
  virtual void fault(std::string message) = 0;
};

struct RomTrapInfo {
  uint8_t number;         // the BKPT immediate
  std::string_view name;  // the ROM symbol without its rom_ prefix
  uint32_t cycles;        // fixed cost; memory and flash functions add a size-dependent part
  bool returns;           // false for the functions that never return (USB boot)
};

class RomTraps {
 public:
  // Traps are only honoured inside the ROM (datasheet 2.2: 16 KiB at address 0).
  static constexpr uint32_t kRomEnd = 0x4000;
  // Trap numbers of the soft-float and soft-double table entries: base + offset / 4.
  static constexpr uint8_t kFloatBase = 0x40;
  static constexpr uint8_t kDoubleBase = 0x80;

  // Performs the trap whose `bkpt` is at `pc`. Returns false when `pc` is not a ROM trap (a
  // debugger breakpoint, a BKPT outside the ROM or of an unknown number): the caller treats it
  // as a breakpoint. Returns true when the trap was handled: results are in r0..r3 (and the
  // flags), cycles are charged and PC is at the return address — LR, or the stub's own
  // `bx lr` when LR holds an EXC_RETURN value, or the stub's WFI loop for the functions that
  // never return — unless the trap reported a fault through RomHost::fault.
  bool handle(uint32_t pc, RomHost& host);

  static const RomTrapInfo* find(unsigned number);
  static std::optional<uint8_t> number_of(std::string_view name);
  static std::string_view name_of(unsigned number);  // "" for an unknown number
  static std::span<const RomTrapInfo> all();

  // Calls per trap number since construction (profiling).
  uint64_t calls(unsigned number) const { return number < 256 ? m_calls[number] : 0; }

 private:
  std::array<uint64_t, 256> m_calls{};
};

}  // namespace vpico
