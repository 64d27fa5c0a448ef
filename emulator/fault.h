// What stops a run against the firmware's will: a fault report with core, PC, symbol and address.
#pragma once

#include <cstdint>
#include <string>

namespace vpico {

enum class FaultKind {
  BusError,         // access to an address nothing answers at
  WriteToReadOnly,  // store to ROM or XIP flash
  Unaligned,        // unaligned load/store (ARMv6-M always faults)
  UndefinedInstruction,
  Breakpoint,          // BKPT with no debugger attached
  Lockup,              // fault while in HardFault (ARMv6-M ARM B1.5.15)
  UnmodelledRegister,  // --strict: access to a register vpico does not model
  BadBoot,             // no valid boot2 / vector table
  UsbBoot,             // the ROM would reset into USB boot (BOOTSEL) mode, which vpico does not run
  Emulator,            // Unicorn reported something we did not expect
};

const char* fault_kind_name(FaultKind kind);

struct Fault {
  FaultKind kind;
  int core = 0;
  uint32_t pc = 0;  // instruction, or start of its translated block (see pc_is_block_start)
  bool pc_is_block_start = false;
  uint32_t address = 0;  // data address when relevant
  uint64_t cycle = 0;
  std::string message;  // one line, already naming the register/symbol where known
};

}  // namespace vpico
