// One core's SIO integer divider (RP2040 datasheet 2.3.1.5; pico-sdk hardware/regs/sio.h
// DIV_*). Writing an operand (xDIVIDEND, xDIVISOR) starts a new 32-bit calculation at once,
// signed through the S aliases and unsigned through the U aliases, squashing any calculation
// in progress; QUOTIENT and REMAINDER hold the result 8 cycles later, and DIV_CSR.READY reads
// 0 until then. DIRTY sets when any divider register is written and clears when QUOTIENT is
// read. The result registers are writable so that an exception handler can save and restore
// the divider (pico-sdk hw_divider_save_state/restore_state): a result write ends any
// calculation in progress and sets READY and DIRTY.
//
// Time comes from the scheduler (set_clock); no event is scheduled. Without a clock the
// divider is always READY.
//
// What the documents leave open, and what this model does:
// - Result reads before READY: the datasheet says the contents are undefined. This model
//   returns the finished result, because inside a translated block the core's clock is only
//   block-accurate, so a strict model could hand correct firmware (which waits exactly 8
//   cycles, as pico-sdk's divider code does) a wrong result. Such reads are reported through
//   on_early_read, so a harness can flag firmware that does not wait at all.
// - Division by zero and INT32_MIN / -1: the datasheet gives no values. The model divides
//   magnitudes as a restoring divider does, then fixes the signs (quotient negative when the
//   operand signs differ, remainder with the dividend's sign): x / 0 gives quotient 0xffffffff
//   (signed: -1, or +1 for a negative dividend) and remainder x; INT32_MIN / -1 gives
//   INT32_MIN remainder 0. firmware/tests/sio_divider expects the same values.
// - A result write during a calculation: the other result register holds the cancelled
//   calculation's finished result.
#pragma once

#include <cstdint>
#include <functional>

namespace vpico {
class Scheduler;
}

namespace vpico::rp2040 {

class SioDivider {
 public:
  static constexpr uint64_t kCycles = 8;  // datasheet 2.3.1.5
  // DIV_CSR bits.
  static constexpr uint32_t kReady = 1u << 0, kDirty = 1u << 1;

  struct Result {
    uint32_t quotient;
    uint32_t remainder;
  };
  // The finished result of one calculation (see the header comment for /0 and overflow).
  static Result divide(uint32_t dividend, uint32_t divisor, bool is_signed);

  void set_clock(const Scheduler* scheduler) { m_clock = scheduler; }
  void reset();

  // Operand registers. UDIVIDEND/SDIVIDEND (and the divisors) are one register read through
  // two aliases; the alias written chooses the signedness of the calculation it starts.
  void write_dividend(uint32_t value, bool is_signed);
  void write_divisor(uint32_t value, bool is_signed);
  uint32_t dividend() const { return m_dividend; }
  uint32_t divisor() const { return m_divisor; }

  // Bus reads of the result registers: QUOTIENT clears DIRTY; both report early reads.
  uint32_t read_quotient();
  uint32_t read_remainder();
  // The result registers without side effects (debugger, traces).
  uint32_t quotient() const { return m_result.quotient; }
  uint32_t remainder() const { return m_result.remainder; }
  void write_quotient(uint32_t value);
  void write_remainder(uint32_t value);

  uint32_t csr() const { return (ready() ? kReady : 0) | (m_dirty ? kDirty : 0); }
  bool ready() const { return !m_clock || now() >= m_ready_at; }

  // Called on a result read while the calculation runs, with the cycles still to go.
  std::function<void(uint64_t cycles_early)> on_early_read;

 private:
  uint64_t now() const;
  void start();
  void check_early_read();

  const Scheduler* m_clock = nullptr;
  uint32_t m_dividend = 0, m_divisor = 0;
  bool m_signed = false;
  Result m_result{0, 0};
  uint64_t m_ready_at = 0;
  bool m_dirty = false;
};

}  // namespace vpico::rp2040
