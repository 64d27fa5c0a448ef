// Polled UART0 output, enough for test images to report on. No interrupts, no input.
#ifndef VPICO_FIRMWARE_RP2040_UART0_H
#define VPICO_FIRMWARE_RP2040_UART0_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Configures UART0 for `baud` 8N1 with FIFOs, given the clk_peri frequency, and enables it.
// UART0 must be out of reset and clk_peri running. Returns the baud rate actually set.
uint32_t uart0_init(uint32_t clk_peri_hz, uint32_t baud);

// Each waits while the transmit FIFO is full, then queues the byte(s).
void uart0_putc(char c);
void uart0_puts(const char* s);
void uart0_put_hex32(uint32_t value);  // "0x" and 8 lower-case hex digits
void uart0_put_udec(uint32_t value);   // unsigned decimal, no padding
void uart0_put_dec(int32_t value);     // signed decimal, '-' when negative

// Waits until every queued byte has left the transmitter.
void uart0_flush(void);

#ifdef __cplusplus
}
#endif

#endif  // VPICO_FIRMWARE_RP2040_UART0_H
