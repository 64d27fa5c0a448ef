#include "rp2040/sio_divider.h"

#include "scheduler.h"

namespace vpico::rp2040 {

SioDivider::Result SioDivider::divide(uint32_t dividend, uint32_t divisor, bool is_signed) {
  if (!is_signed) {
    if (divisor == 0) return {0xffffffffu, dividend};
    return {dividend / divisor, dividend % divisor};
  }
  // Magnitudes first (unsigned, so INT32_MIN has one), then the signs.
  const bool neg_n = int32_t(dividend) < 0, neg_d = int32_t(divisor) < 0;
  const uint32_t n = neg_n ? 0u - dividend : dividend;
  const uint32_t d = neg_d ? 0u - divisor : divisor;
  uint32_t q = d ? n / d : 0xffffffffu;
  uint32_t r = d ? n % d : n;
  if (neg_n != neg_d) q = 0u - q;
  if (neg_n) r = 0u - r;
  return {q, r};
}

void SioDivider::reset() {
  m_dividend = m_divisor = 0;
  m_signed = false;
  m_result = {0, 0};
  m_ready_at = 0;
  m_dirty = false;
}

uint64_t SioDivider::now() const {
  return m_clock ? m_clock->now() : 0;
}

void SioDivider::start() {
  m_result = divide(m_dividend, m_divisor, m_signed);
  m_ready_at = now() + kCycles;
  m_dirty = true;
}

void SioDivider::write_dividend(uint32_t value, bool is_signed) {
  m_dividend = value;
  m_signed = is_signed;
  start();
}

void SioDivider::write_divisor(uint32_t value, bool is_signed) {
  m_divisor = value;
  m_signed = is_signed;
  start();
}

void SioDivider::check_early_read() {
  if (ready() || !on_early_read) return;
  on_early_read(m_ready_at - now());
}

uint32_t SioDivider::read_quotient() {
  check_early_read();
  m_dirty = false;
  return m_result.quotient;
}

uint32_t SioDivider::read_remainder() {
  check_early_read();
  return m_result.remainder;
}

// Datasheet 2.3.1.5: a result write halts the calculation and sets READY and DIRTY.
void SioDivider::write_quotient(uint32_t value) {
  m_result.quotient = value;
  m_ready_at = 0;
  m_dirty = true;
}

void SioDivider::write_remainder(uint32_t value) {
  m_result.remainder = value;
  m_ready_at = 0;
  m_dirty = true;
}

}  // namespace vpico::rp2040
