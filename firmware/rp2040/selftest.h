// Reporting for self-checking test images: their UART0 output is the assertion.
//
// An image prints its name, then one line per check, "PASS <what>" or
// "FAIL <what>: got <value> want <value>", then "DONE", and sleeps. The expected output of
// each image sits beside it in expected.txt (see firmware/tests/README.md).
#ifndef VPICO_FIRMWARE_RP2040_SELFTEST_H
#define VPICO_FIRMWARE_RP2040_SELFTEST_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Brings up the UART0 console (bringup_console) and prints `image` on a line of its own.
void selftest_begin(const char* image);

// PASS/FAIL line for one check; returns whether it passed. check_hex prints values in hex,
// check_dec as signed decimal.
bool check_hex(const char* what, uint32_t got, uint32_t want);
bool check_dec(const char* what, int32_t got, int32_t want);
bool check_str(const char* what, const char* got, const char* want);
bool check_true(const char* what, bool ok);

// Prints "PASS " or "FAIL " and `what` without ending the line, for checks that describe
// themselves further; finish with uart0_puts("...\n").
void report_begin(bool ok, const char* what);

// Number of FAIL lines printed so far.
uint32_t selftest_failures(void);

// Prints "DONE", waits for the UART to drain and sleeps on WFI for ever.
void selftest_end(void) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif  // VPICO_FIRMWARE_RP2040_SELFTEST_H
