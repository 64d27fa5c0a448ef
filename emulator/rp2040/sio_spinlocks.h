// The SIO's 32 hardware spinlocks (RP2040 datasheet 2.3.1.3; pico-sdk hardware/regs/sio.h
// SPINLOCK0..31, SPINLOCK_ST). Both cores share them. A read of SPINLOCKn claims lock n if it
// is free and returns nonzero (the lock's bit, 1 << n), or returns 0 if it is already held; a
// write of any value releases it. SPINLOCK_ST shows all 32 (1 = held). When both cores claim
// the same lock in the same cycle, core 0 wins: here accesses are serialised, which gives that.
#pragma once

#include <cstdint>

namespace vpico::rp2040 {

class SioSpinlocks {
 public:
  static constexpr unsigned kCount = 32;

  void reset() { m_held = 0; }
  // Bus read of SPINLOCKn.
  uint32_t claim(unsigned n) {
    const uint32_t bit = 1u << n;
    if (m_held & bit) return 0;
    m_held |= bit;
    return bit;
  }
  // What a read of SPINLOCKn would return, without claiming (debugger, traces).
  uint32_t peek(unsigned n) const { return (m_held & (1u << n)) ? 0 : 1u << n; }
  // Bus write of SPINLOCKn (any value).
  void release(unsigned n) { m_held &= ~(1u << n); }
  // SPINLOCK_ST.
  uint32_t state() const { return m_held; }

 private:
  uint32_t m_held = 0;
};

}  // namespace vpico::rp2040
