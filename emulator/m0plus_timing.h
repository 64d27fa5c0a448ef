// Cycle cost of Cortex-M0+ instructions, per translated block (DESIGN.md "Virtual time").
// Source: ARM Cortex-M0+ Technical Reference Manual r0p1, table 3-1 "instruction set summary",
// with the single-cycle multiplier the RP2040 implements (datasheet 2.4.1) and single-cycle I/O
// port (SIO) accesses, which the SIO model credits back (loads/stores are costed at 2 here).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace vpico {

// How a block's last instruction leaves it, for profilers' call stacks: a call (BL, BLX) or a
// return or indirect jump (BX, POP {..., pc}, MOV pc, lr).
enum class BlockEnd : uint8_t { Other, Call, Return };

struct BlockTiming {
  uint32_t cycles = 0;  // assuming a conditional branch at the end is taken
  uint32_t instructions = 0;
  bool ends_in_conditional_branch = false;  // not taken costs one cycle less
  // Offset of the first ARMv7-M-only encoding Unicorn would wrongly execute (CBZ, CBNZ, IT),
  // or -1. On a Cortex-M0+ these are UNDEFINED (ARMv6-M ARM A5.2).
  int32_t first_undefined_offset = -1;
  // The block executes SEV, which Unicorn treats as a NOP we cannot see (UNICORN.md).
  bool has_sev = false;
  BlockEnd end = BlockEnd::Other;
  // The block's loads and stores, in order: where each is and the cycles of the instructions
  // before it, so a peripheral access sees the time of its own instruction, not of the block.
  struct MemoryOp {
    uint16_t offset;
    uint16_t halfword;
    uint32_t cycles_before;
  };
  std::vector<MemoryOp> memory_ops;
};

// Cost of one instruction given its first halfword (and the second for 32-bit encodings).
uint32_t m0plus_instruction_cycles(uint16_t hw1, uint16_t hw2);
bool m0plus_is_32bit(uint16_t hw1);
bool m0plus_is_v7m_only_16bit(uint16_t hw1);
// Whether an instruction is one the Cortex-M0+ implements (ARMv6-M ARM A5): false for UDF, the
// ARMv7-M-only 16-bit encodings and every 32-bit encoding but BL, MSR, MRS, DMB, DSB and ISB.
bool m0plus_is_defined(uint16_t hw1, uint16_t hw2);

// Decodes a block of Thumb code as Unicorn translated it (`bytes` is the block's code).
BlockTiming m0plus_time_block(std::span<const uint8_t> bytes);

}  // namespace vpico
