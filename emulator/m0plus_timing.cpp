#include "m0plus_timing.h"

#include <bit>

#include "m0plus_access.h"

namespace vpico {

bool m0plus_is_32bit(uint16_t hw1) {
  // ARMv7-M/v6-M Thumb: first halfword 0b11101, 0b11110 or 0b11111 starts a 32-bit encoding.
  return (hw1 & 0xf800) >= 0xe800;
}

bool m0plus_is_v7m_only_16bit(uint16_t hw1) {
  if ((hw1 & 0xf500) == 0xb100) return true;                    // CBZ / CBNZ
  if ((hw1 & 0xff00) == 0xbf00 && (hw1 & 0x000f)) return true;  // IT (mask != 0)
  return false;
}

bool m0plus_is_defined(uint16_t hw1, uint16_t hw2) {
  if (m0plus_is_32bit(hw1)) {
    if ((hw1 & 0xf800) == 0xf000 && (hw2 & 0xd000) == 0xd000) return true;  // BL
    if ((hw1 & 0xfff0) == 0xf380 && (hw2 & 0xff00) == 0x8800) return true;  // MSR
    if (hw1 == 0xf3ef && (hw2 & 0xf000) == 0x8000) return true;             // MRS
    if (hw1 == 0xf3bf && (hw2 & 0xffe0) == 0x8f40) return true;             // DMB/DSB/ISB
    return false;
  }
  if ((hw1 & 0xff00) == 0xde00) return false;  // UDF
  return !m0plus_is_v7m_only_16bit(hw1);
}

uint32_t m0plus_instruction_cycles(uint16_t hw1, uint16_t hw2) {
  if (m0plus_is_32bit(hw1)) {
    if ((hw1 & 0xf800) == 0xf000 && (hw2 & 0xd000) == 0xd000) return 3;  // BL
    if ((hw1 & 0xffe0) == 0xf380 || (hw1 & 0xffff) == 0xf3ef) return 3;  // MSR / MRS
    if ((hw1 & 0xfff0) == 0xf3b0) return 3;                              // DMB / DSB / ISB
    return 1;                                                            // UDF.W etc.
  }
  const unsigned op = hw1 >> 10;
  // Load/store register offset, immediate offset, SP-relative, PC-relative literal.
  if ((hw1 & 0xf000) == 0x5000 || (hw1 & 0xe000) == 0x6000 || (hw1 & 0xf000) == 0x8000 ||
      (hw1 & 0xf000) == 0x9000 || (hw1 & 0xf800) == 0x4800)
    return 2;
  if ((hw1 & 0xf000) == 0xc000) return 1 + std::popcount(unsigned(hw1 & 0xff));   // LDM / STM
  if ((hw1 & 0xfe00) == 0xb400) return 1 + std::popcount(unsigned(hw1 & 0x1ff));  // PUSH
  if ((hw1 & 0xfe00) == 0xbc00) {                                                 // POP
    unsigned n = std::popcount(unsigned(hw1 & 0x1ff));
    return (hw1 & 0x100) ? 3 + n : 1 + n;  // POP {.., PC} is 3+N (TRM table 3-1)
  }
  if ((hw1 & 0xf000) == 0xd000) {
    unsigned cond = (hw1 >> 8) & 0xf;
    if (cond == 0xf) return 1;  // SVC (exception entry costed separately)
    if (cond == 0xe) return 1;  // UDF
    return 2;                   // B<cond>, costed as taken
  }
  if ((hw1 & 0xf800) == 0xe000) return 2;  // B
  if ((hw1 & 0xff00) == 0x4700) return 2;  // BX / BLX
  // ADD/MOV with PC as destination (hi register ops, op 0b010001, Rd = PC).
  if (op == 0x11 && (hw1 & 0x0300) != 0x0300) {
    unsigned rd = (hw1 & 0x7) | ((hw1 >> 4) & 0x8);
    unsigned kind = (hw1 >> 8) & 3;  // 0 ADD, 1 CMP, 2 MOV
    if (rd == 15 && kind != 1) return 2;
  }
  return 1;
}

BlockTiming m0plus_time_block(std::span<const uint8_t> bytes) {
  BlockTiming t;
  size_t i = 0;
  uint16_t last = 0;
  while (i + 1 < bytes.size()) {
    uint16_t hw1 = uint16_t(bytes[i] | (bytes[i + 1] << 8));
    uint16_t hw2 = 0;
    size_t len = 2;
    if (m0plus_is_32bit(hw1)) {
      if (i + 3 < bytes.size()) hw2 = uint16_t(bytes[i + 2] | (bytes[i + 3] << 8));
      len = 4;
    } else if (t.first_undefined_offset < 0 && m0plus_is_v7m_only_16bit(hw1)) {
      t.first_undefined_offset = int32_t(i);
    }
    if (hw1 == 0xbf40) t.has_sev = true;
    if (len == 2 && m0plus_data_access(hw1, 0, [](unsigned) { return 0u; }))
      t.memory_ops.push_back({uint16_t(i), hw1, t.cycles});
    t.cycles += m0plus_instruction_cycles(hw1, hw2);
    t.instructions += 1;
    last = len == 2 ? hw1 : 0;
    // ARMv6-M ARM A6.7: BL is F000-F7FF then 11x1 xxxx; BLX Rm 0100 0111 1xxx x000; BX Rm
    // 0100 0111 0xxx x000; POP with PC in the list 1011 1101; MOV pc, lr 0100 0110 1111 0111.
    if (len == 4)
      t.end =
          (hw1 & 0xf800) == 0xf000 && (hw2 & 0xd000) == 0xd000 ? BlockEnd::Call : BlockEnd::Other;
    else if ((hw1 & 0xff87) == 0x4780)
      t.end = BlockEnd::Call;
    else if ((hw1 & 0xff87) == 0x4700 || (hw1 & 0xff00) == 0xbd00 || hw1 == 0x46f7)
      t.end = BlockEnd::Return;
    else
      t.end = BlockEnd::Other;
    i += len;
  }
  t.ends_in_conditional_branch = (last & 0xf000) == 0xd000 && ((last >> 8) & 0xf) < 0xe;
  return t;
}

}  // namespace vpico
