// One SIO interpolator, INTERP0 or INTERP1 of one core (RP2040 datasheet 2.3.1.6; pico-sdk
// hardware/regs/sio.h INTERPn_*). Two accumulators, three bases and two lanes. Each lane takes
// its accumulator (or, with CROSS_INPUT, the other lane's), shifts it right by SHIFT, keeps the
// bits MASK_LSB..MASK_MSB and, with SIGNED, copies bit MASK_MSB into every higher bit: that is
// the lane's "shift and mask value". Results, computed whenever they are read:
//   lane n = BASEn + (ADD_RAW ? lane input : shift and mask value n)
//   full   = BASE2 + shift and mask value 0 + shift and mask value 1 (ADD_RAW has no effect)
// PEEK reads a result; POP reads it and writes the lane results back to the accumulators
// (ACCUMn gets lane n's result, or with CROSS_RESULT the other lane's). FORCE_MSB is ORed into
// bits 29:28 of a lane result as the bus sees it, not into what is written back. ACCUMn_ADD
// adds a written value to ACCUMn and reads as lane n's shift and mask value. BASE_1AND0 writes
// BASE0 and BASE1 from the low and high halves, each sign-extended when its lane is SIGNED.
// CTRL_LANE0 also shows OVERF0/OVERF1 (a lane's shifted input has set bits above MASK_MSB) and
// OVERF (either).
//
// INTERP0 has blend mode (CTRL_LANE0.BLEND, datasheet 2.3.1.6.2): alpha = the low 8 bits of
// lane 1's shift and mask value; lane 1 = BASE0 + (BASE1 - BASE0) * alpha / 256 (rounded down,
// signed or not by CTRL_LANE1.SIGNED, on a 33-bit difference); lane 0 = alpha; full = BASE2 +
// lane 0's shift and mask value; BASE_1AND0 sign-extends both halves by CTRL_LANE1.SIGNED.
// INTERP1 has clamp mode (CTRL_LANE0.CLAMP, 2.3.1.6.3): lane 0 = lane 0's shift and mask value
// clamped to [BASE0, BASE1], compared signed or not by CTRL_LANE0.SIGNED.
//
// Choices where the documents are thin:
// - The ACCUMn_ADD field is declared 24 bits wide in pico-sdk's header, but the datasheet's
//   worked examples read full 32-bit (and sign-extended) values from it: reads and the add
//   use all 32 bits.
// - OVERF0/OVERF1 look at each lane's input (after CROSS_INPUT).
// - MASK_MSB < MASK_LSB gives an empty mask.
#pragma once

#include <array>
#include <cstdint>

namespace vpico::rp2040 {

class SioInterp {
 public:
  // CTRL_LANEn fields (pico-sdk hardware/regs/sio.h).
  static constexpr uint32_t kShiftMask = 0x1fu, kMaskLsbShift = 5, kMaskMsbShift = 10;
  static constexpr uint32_t kSigned = 1u << 15, kCrossInput = 1u << 16, kCrossResult = 1u << 17,
                            kAddRaw = 1u << 18, kForceMsbShift = 19, kBlend = 1u << 21,
                            kClamp = 1u << 22, kOverf0 = 1u << 23, kOverf1 = 1u << 24,
                            kOverf = 1u << 25;
  // Which of PEEK/POP LANE0, LANE1, FULL.
  enum Result : unsigned { kLane0 = 0, kLane1 = 1, kFull = 2 };

  // index 0 (INTERP0: blend) or 1 (INTERP1: clamp).
  explicit SioInterp(unsigned index) : m_index(index) {}
  void reset();
  unsigned index() const { return m_index; }

  uint32_t accum(unsigned lane) const { return m_accum[lane]; }
  void set_accum(unsigned lane, uint32_t value) { m_accum[lane] = value; }
  void add_accum(unsigned lane, uint32_t value) { m_accum[lane] += value; }  // ACCUMn_ADD
  uint32_t base(unsigned n) const { return m_base[n]; }
  void set_base(unsigned n, uint32_t value) { m_base[n] = value; }
  void set_base_1and0(uint32_t value);  // BASE_1AND0
  // CTRL_LANEn as read (CTRL_LANE0 with the OVERF flags) and written.
  uint32_t ctrl(unsigned lane) const;
  void set_ctrl(unsigned lane, uint32_t value);

  // PEEK_LANE0/LANE1/FULL: the result as the bus sees it.
  uint32_t peek(Result which) const;
  // POP_LANE0/LANE1/FULL: the same value, then both lane results go to the accumulators.
  uint32_t pop(Result which);
  // Read of ACCUMn_ADD: lane n's shift and mask value, BASEn not added.
  uint32_t shift_mask_value(unsigned lane) const { return compute().sm[lane]; }

 private:
  struct Results {
    std::array<uint32_t, 2> sm;    // shift and mask values
    std::array<uint32_t, 2> lane;  // lane results on the internal datapath (no FORCE_MSB)
    uint32_t full;
    std::array<bool, 2> overflow;
  };
  Results compute() const;
  bool blend() const { return m_index == 0 && (m_ctrl[0] & kBlend); }
  bool clamp() const { return m_index == 1 && (m_ctrl[0] & kClamp); }

  unsigned m_index;
  std::array<uint32_t, 2> m_accum{};
  std::array<uint32_t, 3> m_base{};
  std::array<uint32_t, 2> m_ctrl{};  // writable bits only
};

}  // namespace vpico::rp2040
