#include "uart0.h"

#include "regs.h"

static inline uint32_t uart0_reg(uint32_t offset) {
  return UART0_BASE + offset;
}

uint32_t uart0_init(uint32_t clk_peri_hz, uint32_t baud) {
  // Datasheet 4.2 (baud rate divisor): divisor = clk_peri / (16 * baud), a 16-bit integer
  // part (IBRD) and a 6-bit fraction in 64ths (FBRD), rounded to nearest. In 128ths:
  // clk * 8 / baud, then halve with rounding.
  uint32_t div_128ths = (clk_peri_hz * 8u) / baud;
  uint32_t div_64ths = (div_128ths + 1u) / 2u;
  uint32_t ibrd = div_64ths >> UARTFBRD_BITS;
  uint32_t fbrd = div_64ths & ((1u << UARTFBRD_BITS) - 1u);
  if (ibrd == 0) {  // slower than the UART can go: use the smallest divisor
    ibrd = 1;
    fbrd = 0;
  } else if (ibrd >= UARTIBRD_MAX) {
    ibrd = UARTIBRD_MAX;
    fbrd = 0;
  }

  mmio_write(uart0_reg(UARTCR), 0);  // disabled while it is being configured
  mmio_write(uart0_reg(UARTIBRD), ibrd);
  mmio_write(uart0_reg(UARTFBRD), fbrd);
  // IBRD, FBRD and LCR_H form one internal register that is only updated by the write to
  // LCR_H, so LCR_H comes after the divisors (datasheet 4.2, register descriptions).
  mmio_write(uart0_reg(UARTLCR_H), UARTLCR_H_WLEN_8 | UARTLCR_H_FEN);
  mmio_write(uart0_reg(UARTCR), UARTCR_UARTEN | UARTCR_TXE | UARTCR_RXE);

  return (clk_peri_hz * 4u) / ((ibrd << UARTFBRD_BITS) | fbrd);
}

void uart0_putc(char c) {
  while (mmio_read(uart0_reg(UARTFR)) & UARTFR_TXFF) {
  }
  mmio_write(uart0_reg(UARTDR), (uint8_t)c);
}

void uart0_puts(const char* s) {
  while (*s)
    uart0_putc(*s++);
}

void uart0_put_hex32(uint32_t value) {
  static const char kDigits[] = "0123456789abcdef";
  uart0_putc('0');
  uart0_putc('x');
  for (int shift = 28; shift >= 0; shift -= 4)
    uart0_putc(kDigits[(value >> shift) & 0xfu]);
}

// By repeated subtraction of powers of ten: no division, so printing never touches the SIO
// divider (one of the things the test images check) or libgcc.
void uart0_put_udec(uint32_t value) {
  static const uint32_t kPowers[] = {1000000000u, 100000000u, 10000000u, 1000000u, 100000u,
                                     10000u,      1000u,      100u,      10u,      1u};
  int started = 0;
  for (unsigned i = 0; i < sizeof kPowers / sizeof kPowers[0]; ++i) {
    char digit = '0';
    while (value >= kPowers[i]) {
      value -= kPowers[i];
      ++digit;
    }
    if (digit != '0' || started || kPowers[i] == 1u) {
      uart0_putc(digit);
      started = 1;
    }
  }
}

void uart0_put_dec(int32_t value) {
  if (value < 0) {
    uart0_putc('-');
    uart0_put_udec(0u - (uint32_t)value);  // also right for INT32_MIN
  } else {
    uart0_put_udec((uint32_t)value);
  }
}

void uart0_flush(void) {
  while ((mmio_read(uart0_reg(UARTFR)) & (UARTFR_TXFE | UARTFR_BUSY)) != UARTFR_TXFE) {
  }
}
