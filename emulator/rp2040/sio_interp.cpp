#include "rp2040/sio_interp.h"

namespace vpico::rp2040 {

namespace {

// Writable CTRL bits (pico-sdk hardware/regs/sio.h *_CTRL_LANEn_BITS without the RO OVERF
// flags): INTERP0 lane 0 has BLEND (bit 21), INTERP1 lane 0 has CLAMP (bit 22).
constexpr uint32_t kLaneBits = 0x001fffffu;

uint32_t sign_extend16(uint32_t v, bool is_signed) {
  return is_signed ? uint32_t(int32_t(int16_t(uint16_t(v)))) : (v & 0xffffu);
}

}  // namespace

void SioInterp::reset() {
  m_accum = {};
  m_base = {};
  m_ctrl = {};
}

uint32_t SioInterp::ctrl(unsigned lane) const {
  if (lane == 1) return m_ctrl[1];
  const Results r = compute();
  uint32_t v = m_ctrl[0];
  if (r.overflow[0]) v |= kOverf0;
  if (r.overflow[1]) v |= kOverf1;
  if (r.overflow[0] || r.overflow[1]) v |= kOverf;
  return v;
}

void SioInterp::set_ctrl(unsigned lane, uint32_t value) {
  uint32_t writable = kLaneBits;
  if (lane == 0) writable |= m_index == 0 ? kBlend : kClamp;
  m_ctrl[lane] = value & writable;
}

// Datasheet 2.3.1.6.2: in blend mode lane 1's SIGNED flag extends both halves.
void SioInterp::set_base_1and0(uint32_t value) {
  const bool signed0 = (blend() ? m_ctrl[1] : m_ctrl[0]) & kSigned;
  const bool signed1 = m_ctrl[1] & kSigned;
  m_base[0] = sign_extend16(value, signed0);
  m_base[1] = sign_extend16(value >> 16, signed1);
}

SioInterp::Results SioInterp::compute() const {
  Results r{};
  std::array<uint32_t, 2> input{};
  for (unsigned n = 0; n < 2; ++n) {
    const uint32_t c = m_ctrl[n];
    input[n] = (c & kCrossInput) ? m_accum[1 - n] : m_accum[n];
    const unsigned shift = c & kShiftMask;
    const unsigned lsb = (c >> kMaskLsbShift) & 0x1f;
    const unsigned msb = (c >> kMaskMsbShift) & 0x1f;
    const uint32_t below_msb = msb >= 31 ? 0xffffffffu : (2u << msb) - 1u;  // bits 0..msb
    const uint32_t shifted = input[n] >> shift;
    uint32_t v = shifted & below_msb & (0xffffffffu << lsb);
    // Datasheet 2.3.1.6.1: sign extension copies bit MASK_MSB into all higher bits.
    if ((c & kSigned) && msb < 31 && ((v >> msb) & 1u)) v |= ~below_msb;
    r.sm[n] = v;
    r.overflow[n] = (shifted & ~below_msb) != 0;
  }
  for (unsigned n = 0; n < 2; ++n)
    r.lane[n] = m_base[n] + ((m_ctrl[n] & kAddRaw) ? input[n] : r.sm[n]);
  r.full = m_base[2] + r.sm[0] + r.sm[1];

  if (blend()) {
    const uint32_t alpha = r.sm[1] & 0xffu;
    // BASE1 - BASE0 needs 33 bits; the product (the datasheet's 40-bit intermediate) fits in
    // 64. The right shift rounds towards minus infinity, as the datasheet's examples do.
    const int64_t b0 = (m_ctrl[1] & kSigned) ? int64_t(int32_t(m_base[0])) : int64_t(m_base[0]);
    const int64_t b1 = (m_ctrl[1] & kSigned) ? int64_t(int32_t(m_base[1])) : int64_t(m_base[1]);
    const int64_t step = (b1 - b0) * int64_t(alpha);
    r.lane[1] = uint32_t(b0 + (step >> 8));
    r.lane[0] = alpha;
    r.full = m_base[2] + r.sm[0];
  } else if (clamp()) {
    const uint32_t v = r.sm[0], lo = m_base[0], hi = m_base[1];
    if (m_ctrl[0] & kSigned)
      r.lane[0] = int32_t(v) < int32_t(lo) ? lo : int32_t(v) > int32_t(hi) ? hi : v;
    else
      r.lane[0] = v < lo ? lo : v > hi ? hi : v;
  }
  return r;
}

uint32_t SioInterp::peek(Result which) const {
  const Results r = compute();
  if (which == kFull) return r.full;
  const uint32_t force = (m_ctrl[which] >> kForceMsbShift) & 3u;
  return r.lane[which] | (force << 28);
}

uint32_t SioInterp::pop(Result which) {
  const uint32_t value = peek(which);
  const Results r = compute();
  m_accum[0] = (m_ctrl[0] & kCrossResult) ? r.lane[1] : r.lane[0];
  m_accum[1] = (m_ctrl[1] & kCrossResult) ? r.lane[0] : r.lane[1];
  return value;
}

}  // namespace vpico::rp2040
