#include "m0plus_access.h"

#include <bit>

#include "m0plus_timing.h"

namespace vpico {

std::optional<DataAccess> m0plus_data_access(uint16_t hw, uint32_t pc,
                                             const std::function<uint32_t(unsigned)>& reg) {
  const unsigned rn = (hw >> 3) & 7, imm5 = (hw >> 6) & 0x1f;
  // ARMv6-M ARM A5.2.4 and A6.7: load/store encodings.
  switch (hw >> 11) {
    case 0x0c:
      return DataAccess{reg(rn) + imm5 * 4, 4, true};  // STR (imm)
    case 0x0d:
      return DataAccess{reg(rn) + imm5 * 4, 4, false};  // LDR (imm)
    case 0x0e:
      return DataAccess{reg(rn) + imm5, 1, true};  // STRB (imm)
    case 0x0f:
      return DataAccess{reg(rn) + imm5, 1, false};  // LDRB (imm)
    case 0x10:
      return DataAccess{reg(rn) + imm5 * 2, 2, true};  // STRH (imm)
    case 0x11:
      return DataAccess{reg(rn) + imm5 * 2, 2, false};  // LDRH (imm)
    case 0x12:
      return DataAccess{reg(13) + (hw & 0xff) * 4u, 4, true};  // STR (SP)
    case 0x13:
      return DataAccess{reg(13) + (hw & 0xff) * 4u, 4, false};  // LDR (SP)
    case 0x09:
      return DataAccess{((pc + 4) & ~3u) + (hw & 0xff) * 4u, 4, false};  // LDR (literal)
    case 0x18: {                                                         // STM Rn!, {list}
      unsigned n = std::popcount(unsigned(hw & 0xff));
      return DataAccess{reg((hw >> 8) & 7), 4 * n, true};
    }
    case 0x19: {  // LDM Rn!, {list}
      unsigned n = std::popcount(unsigned(hw & 0xff));
      return DataAccess{reg((hw >> 8) & 7), 4 * n, false};
    }
    default:
      break;
  }
  if ((hw & 0xf000) == 0x5000) {  // register offset: STR STRH STRB LDRSB LDR LDRH LDRB LDRSH
    static constexpr uint8_t kSize[8] = {4, 2, 1, 1, 4, 2, 1, 2};
    const unsigned op = (hw >> 9) & 7;
    return DataAccess{reg(rn) + reg((hw >> 6) & 7), kSize[op], op < 3};
  }
  if ((hw & 0xfe00) == 0xb400) {  // PUSH
    unsigned n = std::popcount(unsigned(hw & 0x1ff));
    return DataAccess{reg(13) - 4 * n, 4 * n, true};
  }
  if ((hw & 0xfe00) == 0xbc00) {  // POP
    unsigned n = std::popcount(unsigned(hw & 0x1ff));
    return DataAccess{reg(13), 4 * n, false};
  }
  return std::nullopt;
}

std::optional<uint32_t> m0plus_find_faulting_access(std::span<const uint8_t> code,
                                                    uint32_t block_pc, uint32_t fault_address,
                                                    bool is_store,
                                                    const std::function<uint32_t(unsigned)>& reg) {
  for (size_t i = 0; i + 1 < code.size();) {
    const uint16_t hw = uint16_t(code[i] | (code[i + 1] << 8));
    if (m0plus_is_32bit(hw)) {
      i += 4;
      continue;
    }
    const uint32_t pc = block_pc + uint32_t(i);
    if (auto a = m0plus_data_access(hw, pc, reg)) {
      if (a->is_store == is_store && fault_address - a->address < a->size) return pc;
    }
    i += 2;
  }
  return std::nullopt;
}

}  // namespace vpico
