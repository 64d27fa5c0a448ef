#include "selftest.h"

#include "bringup.h"
#include "cpu.h"
#include "uart0.h"

static uint32_t g_failures;

void selftest_begin(const char* image) {
  bringup_console();
  uart0_puts(image);
  uart0_putc('\n');
}

void report_begin(bool ok, const char* what) {
  if (!ok) ++g_failures;
  uart0_puts(ok ? "PASS " : "FAIL ");
  uart0_puts(what);
}

bool check_hex(const char* what, uint32_t got, uint32_t want) {
  bool ok = got == want;
  report_begin(ok, what);
  if (!ok) {
    uart0_puts(": got ");
    uart0_put_hex32(got);
    uart0_puts(" want ");
    uart0_put_hex32(want);
  }
  uart0_putc('\n');
  return ok;
}

bool check_dec(const char* what, int32_t got, int32_t want) {
  bool ok = got == want;
  report_begin(ok, what);
  if (!ok) {
    uart0_puts(": got ");
    uart0_put_dec(got);
    uart0_puts(" want ");
    uart0_put_dec(want);
  }
  uart0_putc('\n');
  return ok;
}

static bool str_equal(const char* a, const char* b) {
  while (*a && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

bool check_str(const char* what, const char* got, const char* want) {
  bool ok = str_equal(got, want);
  report_begin(ok, what);
  if (!ok) {
    uart0_puts(": got \"");
    uart0_puts(got);
    uart0_puts("\" want \"");
    uart0_puts(want);
    uart0_putc('"');
  }
  uart0_putc('\n');
  return ok;
}

bool check_true(const char* what, bool ok) {
  report_begin(ok, what);
  uart0_putc('\n');
  return ok;
}

uint32_t selftest_failures(void) {
  return g_failures;
}

void selftest_end(void) {
  uart0_puts("DONE\n");
  uart0_flush();
  for (;;)
    cpu_wfi();
}
