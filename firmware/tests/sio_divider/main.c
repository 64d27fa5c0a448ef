// sio_divider: the SIO's per-core integer divider (RP2040 datasheet 2.3.1.5). Writing the
// dividend and divisor starts an 8-cycle calculation, signed through the S aliases and
// unsigned through the U aliases; DIV_CSR.READY says when QUOTIENT and REMAINDER hold the
// result. Results follow C's truncating division (remainder has the dividend's sign).
//
// The datasheet does not say what division by zero or INT32_MIN / -1 give. The values in
// the table are what the silicon returns (measured on an RP2040, and what a restoring
// divider that works on magnitudes produces): x / 0 gives quotient all ones (-1 signed;
// +1 for a negative signed dividend) and remainder x; INT32_MIN / -1 gives INT32_MIN rem 0.
#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

struct division {
  bool is_signed;
  uint32_t dividend;
  uint32_t divisor;
  uint32_t quotient;
  uint32_t remainder;
};

#define S(n, d, q, r) \
  { true, (uint32_t)(n), (uint32_t)(d), (uint32_t)(q), (uint32_t)(r) }
#define U(n, d, q, r) \
  { false, (n), (d), (q), (r) }

static const struct division kDivisions[] = {
    U(100u, 9u, 11u, 1u),
    U(123456u, 321u, 384u, 192u),
    U(7u, 7u, 1u, 0u),
    U(5u, 10u, 0u, 5u),
    U(0u, 3u, 0u, 0u),
    U(0xffffffffu, 3u, 0x55555555u, 0u),
    U(0xffffffffu, 0xffffffffu, 1u, 0u),
    U(0x80000000u, 2u, 0x40000000u, 0u),
    U(0xfffffffeu, 0xffffffffu, 0u, 0xfffffffeu),
    U(100u, 0u, 0xffffffffu, 100u),  // by zero
    U(0u, 0u, 0xffffffffu, 0u),      // by zero
    S(100, 9, 11, 1),
    S(-100, 9, -11, -1),
    S(100, -9, -11, 1),
    S(-100, -9, 11, -1),
    S(123456, -321, -384, 192),
    S(-3000, 2, -1500, 0),
    S(INT32_MIN, 2, -0x40000000, 0),
    S(INT32_MAX, 3, 715827882, 1),
    S(INT32_MIN, -1, INT32_MIN, 0),  // overflow
    S(100, 0, -1, 100),              // by zero
    S(-100, 0, 1, -100),             // by zero
    S(0, 0, -1, 0),                  // by zero
};

// Waits for READY, bounded: the calculation takes 8 cycles, so a few polls at most.
static bool divider_wait_ready(void) {
  for (int i = 0; i < 100; ++i) {
    if (mmio_read(SIO_DIV_CSR) & SIO_DIV_CSR_READY) return true;
  }
  return false;
}

static void put_operand(bool is_signed, uint32_t value) {
  if (is_signed) {
    uart0_put_dec((int32_t)value);
  } else {
    uart0_put_udec(value);
  }
}

static void check_division(const struct division* d) {
  mmio_write(d->is_signed ? SIO_DIV_SDIVIDEND : SIO_DIV_UDIVIDEND, d->dividend);
  mmio_write(d->is_signed ? SIO_DIV_SDIVISOR : SIO_DIV_UDIVISOR, d->divisor);
  bool ready = divider_wait_ready();
  // REMAINDER first: reading QUOTIENT ends the calculation's DIRTY state (2.3.1.5).
  uint32_t remainder = mmio_read(SIO_DIV_REMAINDER);
  uint32_t quotient = mmio_read(SIO_DIV_QUOTIENT);
  bool ok = ready && quotient == d->quotient && remainder == d->remainder;

  report_begin(ok, d->is_signed ? "s " : "u ");
  put_operand(d->is_signed, d->dividend);
  uart0_puts(" / ");
  put_operand(d->is_signed, d->divisor);
  uart0_puts(" = ");
  put_operand(d->is_signed, d->quotient);
  uart0_puts(" r ");
  put_operand(d->is_signed, d->remainder);
  if (!ok) {
    uart0_puts(ready ? ": got " : ": never ready, got ");
    put_operand(d->is_signed, quotient);
    uart0_puts(" r ");
    put_operand(d->is_signed, remainder);
  }
  uart0_putc('\n');
}

int main(void) {
  selftest_begin("sio_divider");

  for (unsigned i = 0; i < sizeof kDivisions / sizeof kDivisions[0]; ++i) {
    check_division(&kDivisions[i]);
  }

  // DIRTY: set by any write, cleared by reading QUOTIENT (reading REMAINDER leaves it).
  mmio_write(SIO_DIV_UDIVIDEND, 1000u);
  mmio_write(SIO_DIV_UDIVISOR, 7u);
  check_true("ready after the calculation", divider_wait_ready());
  check_true("dirty after operand write", (mmio_read(SIO_DIV_CSR) & SIO_DIV_CSR_DIRTY) != 0);
  (void)mmio_read(SIO_DIV_REMAINDER);
  check_true("dirty kept by remainder read", (mmio_read(SIO_DIV_CSR) & SIO_DIV_CSR_DIRTY) != 0);
  check_dec("quotient", (int32_t)mmio_read(SIO_DIV_QUOTIENT), 142);
  check_true("dirty cleared by quotient read", (mmio_read(SIO_DIV_CSR) & SIO_DIV_CSR_DIRTY) == 0);

  // Operands stay: writing only a new dividend divides it by the previous divisor, and
  // the alias written last decides signedness.
  mmio_write(SIO_DIV_SDIVIDEND, (uint32_t)-50);
  divider_wait_ready();
  check_dec("new dividend, same divisor: remainder", (int32_t)mmio_read(SIO_DIV_REMAINDER), -1);
  check_dec("new dividend, same divisor: quotient", (int32_t)mmio_read(SIO_DIV_QUOTIENT), -7);
  check_hex("operands read back: dividend", mmio_read(SIO_DIV_UDIVIDEND), (uint32_t)-50);
  check_hex("operands read back: divisor", mmio_read(SIO_DIV_UDIVISOR), 7u);

  // Save/restore: results are writable; a write sets READY and DIRTY.
  mmio_write(SIO_DIV_QUOTIENT, 0x12345678u);
  mmio_write(SIO_DIV_REMAINDER, 0x9abcdef0u);
  uint32_t csr = mmio_read(SIO_DIV_CSR);
  check_hex("result write sets ready and dirty", csr & (SIO_DIV_CSR_READY | SIO_DIV_CSR_DIRTY),
            SIO_DIV_CSR_READY | SIO_DIV_CSR_DIRTY);
  check_hex("restored remainder", mmio_read(SIO_DIV_REMAINDER), 0x9abcdef0u);
  check_hex("restored quotient", mmio_read(SIO_DIV_QUOTIENT), 0x12345678u);

  selftest_end();
}
