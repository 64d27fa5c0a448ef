// spi: SPI0, the PL022 synchronous serial port (RP2040 datasheet 4.4), as a master: reset values
// and PrimeCell IDs, loopback (SSPCR1.LBM) of 8- and 16-bit frames, the frame time set by
// CPSDVSR and SCR, the 8-entry FIFOs with their status flags, the raw interrupts (TX FIFO at
// most half full, RX FIFO at least half full, receive overrun, receive timeout) and SSPICR.
// Last, it reads the JEDEC ID of a serial flash on SPI0's pins GPIO16-19 (chip select GPIO17
// driven through SIO, as pico-sdk's spi_flash example does) and prints it without judging it:
// with nothing attached it reads 000000; tests/emulator attaches a W25Q16JV and expects ef4015.
//
// clk_sys = clk_peri = 12 MHz from the crystal (selftest_begin).
#include <stdbool.h>
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define SPI0_BASE 0x4003c000u
#define SSPCR0 (SPI0_BASE + 0x00)
#define SSPCR1 (SPI0_BASE + 0x04)
#define SSPDR (SPI0_BASE + 0x08)
#define SSPSR (SPI0_BASE + 0x0c)
#define SSPCPSR (SPI0_BASE + 0x10)
#define SSPIMSC (SPI0_BASE + 0x14)
#define SSPRIS (SPI0_BASE + 0x18)
#define SSPICR (SPI0_BASE + 0x20)
#define SSPPERIPHID0 (SPI0_BASE + 0xfe0)
#define SSPPCELLID3 (SPI0_BASE + 0xffc)

#define CR1_LBM (1u << 0)
#define CR1_SSE (1u << 1)
#define SR_TFE (1u << 0)
#define SR_TNF (1u << 1)
#define SR_RNE (1u << 2)
#define SR_RFF (1u << 3)
#define SR_BSY (1u << 4)
#define RIS_ROR (1u << 0)
#define RIS_RT (1u << 1)
#define RIS_RX (1u << 2)
#define RIS_TX (1u << 3)

#define PIN_MISO 16u
#define PIN_CS 17u
#define PIN_SCK 18u
#define PIN_MOSI 19u

// Bounded wait for a status bit: every wait on the block under test ends.
static bool wait_sr(uint32_t mask, bool set) {
  for (uint32_t i = 0; i < 100000; ++i)
    if (((mmio_read(SSPSR) & mask) != 0) == set) return true;
  return false;
}

static void drain_rx(void) {
  while (mmio_read(SSPSR) & SR_RNE)
    (void)mmio_read(SSPDR);
}

// 8-bit frames, Motorola format mode 0, bit rate 12 MHz / (cpsdvsr * (1 + scr)).
static void configure(uint32_t cpsdvsr, uint32_t scr, uint32_t bits, uint32_t cr1) {
  mmio_write(SSPCR1, 0);
  mmio_write(SSPCPSR, cpsdvsr);
  mmio_write(SSPCR0, (scr << 8) | (bits - 1));
  mmio_write(SSPCR1, cr1);
}

static uint32_t exchange(uint32_t v) {
  mmio_write(SSPDR, v);
  if (!wait_sr(SR_RNE, true)) return 0xdead;
  return mmio_read(SSPDR);
}

static void check_reset_values(void) {
  check_hex("SSPSR after reset (TNF, TFE)", mmio_read(SSPSR), SR_TNF | SR_TFE);
  check_hex("SSPRIS after reset (TXRIS)", mmio_read(SSPRIS), RIS_TX);
  check_hex("SSPPERIPHID0", mmio_read(SSPPERIPHID0), 0x22);
  check_hex("SSPPCELLID3", mmio_read(SSPPCELLID3), 0xb1);
}

static void check_loopback(void) {
  configure(2, 0, 8, CR1_LBM | CR1_SSE);
  check_hex("loopback 8-bit frame", exchange(0xa5), 0xa5);
  check_hex("loopback keeps 8 bits of a wider write", exchange(0x1234), 0x34);
  configure(2, 0, 16, CR1_LBM | CR1_SSE);
  check_hex("loopback 16-bit frame", exchange(0xbeef), 0xbeef);
}

// One 8-bit frame at CPSDVSR 12, SCR 9: 120 clk_peri periods per bit, 960 cycles per frame.
static void check_frame_time(void) {
  configure(12, 9, 8, CR1_LBM | CR1_SSE);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  mmio_write(SYST_RVR, SYST_RVR_RELOAD);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_ENABLE);
  const uint32_t start = mmio_read(SYST_CVR);
  mmio_write(SSPDR, 0x5a);
  const bool done = wait_sr(SR_BSY, false);
  const uint32_t cycles = (start - mmio_read(SYST_CVR)) & SYST_RVR_RELOAD;
  mmio_write(SYST_CSR, 0);
  report_begin(done && cycles >= 960 && cycles < 1000, "8-bit frame at 1/120 of clk_peri");
  uart0_puts(" takes 960 cycles (+ polling)\n");
  if (!(cycles >= 960 && cycles < 1000)) {
    uart0_puts("  measured ");
    uart0_put_udec(cycles);
    uart0_puts("\n");
  }
  drain_rx();
}

static void check_fifos_and_interrupts(void) {
  configure(2, 0, 8, CR1_LBM);  // not enabled yet: the TX FIFO only fills
  for (uint32_t i = 0; i < 4; ++i)
    mmio_write(SSPDR, i);
  check_hex("4 queued: TXRIS still set (at most half full)", mmio_read(SSPRIS) & RIS_TX, RIS_TX);
  mmio_write(SSPDR, 4);
  check_hex("5 queued: TXRIS clear", mmio_read(SSPRIS) & RIS_TX, 0);
  for (uint32_t i = 5; i < 9; ++i)
    mmio_write(SSPDR, i);  // the 9th is dropped
  check_hex("8 queued: TNF clear, TFE clear", mmio_read(SSPSR) & (SR_TNF | SR_TFE), 0);
  mmio_write(SSPCR1, CR1_LBM | CR1_SSE);
  check_true("all 8 frames sent", wait_sr(SR_TFE, true) && wait_sr(SR_BSY, false));
  check_hex("RX FIFO full (RFF, RNE)", mmio_read(SSPSR) & (SR_RFF | SR_RNE), SR_RFF | SR_RNE);
  check_hex("RXRIS set (at least half full)", mmio_read(SSPRIS) & RIS_RX, RIS_RX);
  check_hex("no overrun yet", mmio_read(SSPRIS) & RIS_ROR, 0);
  mmio_write(SSPDR, 0x77);
  wait_sr(SR_BSY, false);
  check_hex("a frame into a full RX FIFO: RORRIS", mmio_read(SSPRIS) & RIS_ROR, RIS_ROR);
  mmio_write(SSPICR, 1);
  check_hex("SSPICR.RORIC clears it", mmio_read(SSPRIS) & RIS_ROR, 0);
  uint32_t got = 0;
  for (uint32_t i = 0; i < 8; ++i)
    got = (got << 4) | (mmio_read(SSPDR) & 0xf);
  check_hex("the first 8 frames kept, in order", got, 0x01234567);
  check_hex("RX FIFO empty", mmio_read(SSPSR) & SR_RNE, 0);
  // Receive timeout: data left in the RX FIFO for 32 bit periods (32 x 2 cycles here). The
  // data that waited above has latched it already: clear it first.
  mmio_write(SSPICR, 3);
  mmio_write(SSPDR, 0x42);
  wait_sr(SR_RNE, true);
  check_hex("RTRIS not yet, just after the frame", mmio_read(SSPRIS) & RIS_RT, 0);
  cpu_delay_loops(100);
  check_hex("RTRIS after 32 idle bit periods", mmio_read(SSPRIS) & RIS_RT, RIS_RT);
  mmio_write(SSPICR, 2);
  check_hex("SSPICR.RTIC clears it", mmio_read(SSPRIS) & RIS_RT, 0);
  drain_rx();
  mmio_write(SSPIMSC, 0);
}

// A serial NOR flash's JEDEC ID (command 9Fh, three bytes back) over SPI0 on GPIO16-19.
static void print_jedec_id(void) {
  mmio_write(SIO_GPIO_OUT_SET, 1u << PIN_CS);
  mmio_write(SIO_GPIO_OE_SET, 1u << PIN_CS);
  gpio_set_function(PIN_CS, GPIO_FUNC_SIO);
  gpio_set_function(PIN_MISO, GPIO_FUNC_SPI);
  gpio_set_function(PIN_SCK, GPIO_FUNC_SPI);
  gpio_set_function(PIN_MOSI, GPIO_FUNC_SPI);
  configure(12, 0, 8, CR1_SSE);  // 1 MHz
  drain_rx();
  mmio_write(SIO_GPIO_OUT_CLR, 1u << PIN_CS);
  uint32_t id = 0;
  exchange(0x9f);
  for (int i = 0; i < 3; ++i)
    id = (id << 8) | (exchange(0) & 0xff);
  mmio_write(SIO_GPIO_OUT_SET, 1u << PIN_CS);
  uart0_puts("jedec id ");
  for (int shift = 20; shift >= 0; shift -= 4)
    uart0_putc("0123456789abcdef"[(id >> shift) & 0xf]);
  uart0_puts("\n");
}

int main(void) {
  selftest_begin("spi");
  resets_release(RESETS_SPI0);
  check_reset_values();
  check_loopback();
  check_frame_time();
  check_fifos_and_interrupts();
  print_jedec_id();
  selftest_end();
}
