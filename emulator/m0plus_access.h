// Which instruction of a block made a faulting data access. Unicorn reports a load or store to
// unmapped or read-only memory with PC at the start of the translated block (UNICORN.md), after
// the instructions before the faulting one have run. Decoding the block's loads and stores with
// the registers as they are then finds the first one whose access covers the faulting address:
// the instructions after it have not run, so its base registers still hold the values it used.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>

namespace vpico {

struct DataAccess {
  uint32_t address;  // first byte
  uint32_t size;     // bytes (LDM/STM/PUSH/POP: the whole range)
  bool is_store;
};

// The access a 16-bit ARMv6-M load/store instruction at `pc` makes, given the registers
// (reg(n), n = 0..15 with 13 = SP), or nullopt for any other instruction.
std::optional<DataAccess> m0plus_data_access(uint16_t hw, uint32_t pc,
                                             const std::function<uint32_t(unsigned)>& reg);

// The address of the instruction in `code` (starting at `block_pc`) whose access covers
// `fault_address` with the right direction, or nullopt.
std::optional<uint32_t> m0plus_find_faulting_access(std::span<const uint8_t> code,
                                                    uint32_t block_pc, uint32_t fault_address,
                                                    bool is_store,
                                                    const std::function<uint32_t(unsigned)>& reg);

}  // namespace vpico
