// spinlocks: the SIO's 32 hardware spinlocks (RP2040 datasheet 2.3.1.3). Reading SPINLOCKn
// claims lock n: it returns 1 << n if the lock was free and 0 if it was already held.
// Writing any value to SPINLOCKn frees it. SPINLOCK_ST has one bit per held lock.
#include <stdbool.h>
#include <stdint.h>

#include "regs.h"
#include "selftest.h"
#include "uart0.h"

// One line per property over all 32 locks; on failure, the first lock that broke it.
static void report_locks(const char* what, int bad_lock, uint32_t got, uint32_t want) {
  report_begin(bad_lock < 0, what);
  if (bad_lock >= 0) {
    uart0_puts(": lock ");
    uart0_put_udec((uint32_t)bad_lock);
    uart0_puts(" got ");
    uart0_put_hex32(got);
    uart0_puts(" want ");
    uart0_put_hex32(want);
  }
  uart0_putc('\n');
}

static uint32_t claim(uint32_t n) {
  return mmio_read(SIO_SPINLOCK(n));
}
static void release(uint32_t n) {
  mmio_write(SIO_SPINLOCK(n), 0);
}

int main(void) {
  selftest_begin("spinlocks");

  check_hex("all free after reset", mmio_read(SIO_SPINLOCK_ST), 0);

  // Claim each lock: it answers with its own bit, and SPINLOCK_ST shows it held.
  int bad = -1;
  uint32_t got = 0, want = 0;
  for (uint32_t n = 0; n < SIO_SPINLOCK_COUNT && bad < 0; ++n) {
    got = claim(n);
    want = 1u << n;
    if (got != want) bad = (int)n;
  }
  report_locks("claim of a free lock returns its bit", bad, got, want);
  check_hex("st shows all 32 held", mmio_read(SIO_SPINLOCK_ST), 0xffffffffu);

  // A held lock cannot be claimed again.
  bad = -1;
  for (uint32_t n = 0; n < SIO_SPINLOCK_COUNT && bad < 0; ++n) {
    got = claim(n);
    want = 0;
    if (got != want) bad = (int)n;
  }
  report_locks("claim of a held lock returns 0", bad, got, want);
  check_hex("failed claims change nothing", mmio_read(SIO_SPINLOCK_ST), 0xffffffffu);

  // Release one at a time: exactly that lock's bit clears.
  bad = -1;
  for (uint32_t n = 0; n < SIO_SPINLOCK_COUNT && bad < 0; ++n) {
    release(n);
    got = mmio_read(SIO_SPINLOCK_ST);
    want = n == 31u ? 0u : 0xffffffffu << (n + 1u);
    if (got != want) bad = (int)n;
  }
  report_locks("release frees only that lock", bad, got, want);

  // Releasing a free lock is harmless, and a released lock can be claimed again.
  release(5);
  check_hex("release of a free lock keeps it free", mmio_read(SIO_SPINLOCK_ST), 0);
  check_hex("reclaim after release", claim(5), 1u << 5);
  check_hex("st shows the reclaimed lock", mmio_read(SIO_SPINLOCK_ST), 1u << 5);
  release(5);
  check_hex("all free at the end", mmio_read(SIO_SPINLOCK_ST), 0);

  selftest_end();
}
