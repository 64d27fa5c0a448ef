// i2c: the I2C controllers (RP2040 datasheet 4.3, Synopsys DW_apb_i2c) as pico-sdk's
// hardware_i2c drives them: reset values, registers that only take writes while disabled, a bus
// scan of 0x08..0x77 on I2C0 (GPIO4 SDA, GPIO5 SCL, the Pico's default pins) where an address
// nobody acknowledges aborts with ABRT_7B_ADDR_NOACK, TX_ABRT and a STOP, the abort flushing
// the TX FIFO (TX_FLUSH_CNT), TX_OVER and RX_UNDER, the I2C0_IRQ line on TX_ABRT, and the time
// one NACKed address takes at 100 kHz from clk_sys = 12 MHz.
//
// With nothing wired (the default run, expected.txt) the scan finds no device. With a BMP280 at
// 0x76 on GPIO4/5 (tests/peripherals/i2c_firmware_test.cpp attaches one) the scan reports it and
// the image reads its chip id, calibration and raw data and prints the compensated temperature
// (0.01 degC) and pressure (Pa) with the BMP280 datasheet's 32-bit integer formulas.
//
// The transfer helpers poll the bits pico-sdk's i2c_write_blocking / i2c_read_blocking poll, in
// the same order; every wait is bounded.
#include <stdbool.h>
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "i2c_regs.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define RAMFUNC __attribute__((section(".ramfunc"), noinline))
#define POLL_LIMIT 100000u
#define SDA_PIN 4u
#define SCL_PIN 5u
#define BMP280_ADDR 0x76u
#define ERR_ABORT (-1)
#define ERR_TIMEOUT (-2)

static uint32_t rd(uint32_t off) {
  return mmio_read(I2C0_BASE + off);
}
static void wr(uint32_t off, uint32_t v) {
  mmio_write(I2C0_BASE + off, v);
}

static bool wait_raw(uint32_t bit) {
  for (uint32_t i = 0; i < POLL_LIMIT; ++i)
    if (rd(IC_RAW_INTR_STAT) & bit) return true;
  return false;
}

static bool g_restart_on_next;
static uint32_t g_last_abort;  // IC_TX_ABRT_SOURCE of the last aborted transfer

static void set_target(uint32_t addr) {
  wr(IC_ENABLE, 0);
  wr(IC_TAR, addr);
  wr(IC_ENABLE, IC_ENABLE_ENABLE);
}

// 100 kHz fast-mode master from clk_sys = 12 MHz, as i2c_init + i2c_set_baudrate compute it:
// period 120, LCNT 72, HCNT 48, SPKLEN 4.
static void i2c0_init(void) {
  resets_release(RESETS_I2C0);
  wr(IC_ENABLE, 0);
  wr(IC_CON, IC_CON_SPEED_FAST | IC_CON_MASTER_MODE | IC_CON_SLAVE_DISABLE | IC_CON_RESTART_EN |
                 IC_CON_TX_EMPTY_CTRL);
  wr(IC_TX_TL, 0);
  wr(IC_RX_TL, 0);
  wr(IC_DMA_CR, 3);
  wr(IC_FS_SCL_HCNT, 48);
  wr(IC_FS_SCL_LCNT, 72);
  wr(IC_FS_SPKLEN, 4);
  wr(IC_ENABLE, IC_ENABLE_ENABLE);
  g_restart_on_next = false;
}

// Bytes written, ERR_ABORT (g_last_abort says why) or ERR_TIMEOUT.
static int i2c_write(uint32_t addr, const uint8_t* src, int len, bool nostop) {
  set_target(addr);
  bool abort = false;
  int n;
  for (n = 0; n < len; ++n) {
    const bool first = n == 0, last = n == len - 1;
    wr(IC_DATA_CMD, (first && g_restart_on_next ? IC_DATA_CMD_RESTART : 0) |
                        (last && !nostop ? IC_DATA_CMD_STOP : 0) | src[n]);
    if (!wait_raw(IC_INTR_TX_EMPTY)) return ERR_TIMEOUT;
    const uint32_t source = rd(IC_TX_ABRT_SOURCE);
    if (source) {
      g_last_abort = source;
      rd(IC_CLR_TX_ABRT);
      abort = true;
    }
    if (abort || (last && !nostop)) {
      if (!wait_raw(IC_INTR_STOP_DET)) return ERR_TIMEOUT;
      rd(IC_CLR_STOP_DET);
    }
    if (abort) break;
  }
  g_restart_on_next = nostop;
  return abort ? ERR_ABORT : n;
}

static int i2c_read(uint32_t addr, uint8_t* dst, int len, bool nostop) {
  set_target(addr);
  bool abort = false;
  int n;
  for (n = 0; n < len; ++n) {
    const bool first = n == 0, last = n == len - 1;
    uint32_t i = 0;
    while (rd(IC_TXFLR) >= 16 && ++i < POLL_LIMIT) {
    }
    wr(IC_DATA_CMD, (first && g_restart_on_next ? IC_DATA_CMD_RESTART : 0) |
                        (last && !nostop ? IC_DATA_CMD_STOP : 0) | IC_DATA_CMD_READ);
    for (i = 0;; ++i) {
      const uint32_t source = rd(IC_TX_ABRT_SOURCE);
      if (rd(IC_RAW_INTR_STAT) & IC_INTR_TX_ABRT) {
        g_last_abort = source;
        rd(IC_CLR_TX_ABRT);
        abort = true;
      }
      if (abort || rd(IC_RXFLR) > 0) break;
      if (i == POLL_LIMIT) return ERR_TIMEOUT;
    }
    if (abort) break;
    dst[n] = (uint8_t)rd(IC_DATA_CMD);
  }
  g_restart_on_next = nostop;
  return abort ? ERR_ABORT : n;
}

static volatile uint32_t g_abort_irqs;

void irq23_handler(void) {
  if (rd(IC_INTR_STAT) & IC_INTR_TX_ABRT) ++g_abort_irqs;
  rd(IC_CLR_TX_ABRT);
}

static void check_reset_values(void) {
  resets_release(RESETS_I2C0 | RESETS_I2C1);
  check_hex("ic_con resets to 0x65", rd(IC_CON), 0x65);
  check_hex("ic_tar resets to 0x55", rd(IC_TAR), 0x55);
  check_hex("ic_intr_mask resets to 0x8ff", rd(IC_INTR_MASK), 0x8ff);
  check_hex("ic_status: tx fifo empty and not full", rd(IC_STATUS), 0x6);
  check_hex("ic_fs_spklen resets to 7", rd(IC_FS_SPKLEN), 7);
  check_hex("ic_comp_type", rd(IC_COMP_TYPE), 0x44570140);
  check_hex("ic_comp_version", rd(IC_COMP_VERSION), 0x3230312a);
  check_hex("i2c1 ic_comp_type", mmio_read(I2C1_BASE + IC_COMP_TYPE), 0x44570140);
  check_hex("ic_enable_status after reset", rd(IC_ENABLE_STATUS), 0);
}

static void check_enable_gating(void) {
  wr(IC_ENABLE, IC_ENABLE_ENABLE);
  check_hex("ic_enable_status.ic_en follows enable", rd(IC_ENABLE_STATUS), 1);
  wr(IC_TAR, 0x21);
  check_hex("ic_tar ignores writes while enabled", rd(IC_TAR), 0x55);
  wr(IC_ENABLE, 0);
  wr(IC_TAR, 0x21);
  check_hex("ic_tar takes writes while disabled", rd(IC_TAR), 0x21);
  check_hex("ic_enable_status.ic_en clears", rd(IC_ENABLE_STATUS), 0);
}

// Addresses 0x08..0x77 (the others are reserved), probed as pico-examples' bus_scan does: a
// one-byte read with STOP.
static void scan(void) {
  uint32_t found = 0, bad_aborts = 0;
  uint8_t found_addr[8];
  for (uint32_t addr = 0x08; addr < 0x78; ++addr) {
    uint8_t byte;
    const int r = i2c_read(addr, &byte, 1, false);
    if (r == 1) {
      if (found < sizeof found_addr) found_addr[found] = (uint8_t)addr;
      ++found;
    } else if (r != ERR_ABORT || g_last_abort != IC_ABRT_7B_ADDR_NOACK) {
      ++bad_aborts;
    }
  }
  check_dec("every silent address aborts with abrt_7b_addr_noack only", (int32_t)bad_aborts, 0);
  if (found == 0) check_true("scan: no device answers", true);
  for (uint32_t i = 0; i < found && i < sizeof found_addr; ++i) {
    report_begin(true, "scan: device at ");
    uart0_put_hex32(found_addr[i]);
    uart0_puts("\n");
  }
}

static void check_write_nack(void) {
  const uint8_t data[3] = {1, 2, 3};
  g_last_abort = 0;
  check_dec("write to a silent address fails", i2c_write(0x3c, data, 3, false), ERR_ABORT);
  check_hex("and names abrt_7b_addr_noack", g_last_abort, IC_ABRT_7B_ADDR_NOACK);
  check_hex("clr_tx_abrt clears the source", rd(IC_TX_ABRT_SOURCE), 0);
  check_hex("and tx_abrt", rd(IC_RAW_INTR_STAT) & IC_INTR_TX_ABRT, 0);
}

static void check_flush_count(void) {
  set_target(0x3c);
  wr(IC_ENABLE, IC_ENABLE_ENABLE | IC_ENABLE_TX_CMD_BLOCK);
  wr(IC_DATA_CMD, 0x01);
  wr(IC_DATA_CMD, 0x02);
  wr(IC_DATA_CMD, 0x03 | IC_DATA_CMD_STOP);
  check_hex("tx_cmd_block holds commands in the fifo", rd(IC_TXFLR), 3);
  wr(IC_ENABLE, IC_ENABLE_ENABLE);
  check_true("abort after the address", wait_raw(IC_INTR_TX_ABRT));
  check_hex("tx_flush_cnt counts the 2 flushed commands", rd(IC_TX_ABRT_SOURCE),
            IC_ABRT_7B_ADDR_NOACK | (2u << IC_ABRT_TX_FLUSH_CNT_LSB));
  check_hex("the fifo is empty", rd(IC_TXFLR), 0);
  wr(IC_DATA_CMD, 0x04);
  check_hex("writes are dropped until clr_tx_abrt", rd(IC_TXFLR), 0);
  check_true("a stop ends the aborted transfer", wait_raw(IC_INTR_STOP_DET));
  rd(IC_CLR_INTR);
  check_hex("clr_intr clears tx_abrt and stop_det",
            rd(IC_RAW_INTR_STAT) & (IC_INTR_TX_ABRT | IC_INTR_STOP_DET), 0);
}

static void check_fifo_errors(void) {
  set_target(0x3c);
  wr(IC_ENABLE, IC_ENABLE_ENABLE | IC_ENABLE_TX_CMD_BLOCK);
  for (int i = 0; i < 17; ++i)
    wr(IC_DATA_CMD, 0);
  check_hex("the tx fifo holds 16 commands", rd(IC_TXFLR), 16);
  check_hex("ic_status.tfnf clears when full", rd(IC_STATUS) & 2, 0);
  check_hex("a 17th write sets tx_over", rd(IC_RAW_INTR_STAT) & IC_INTR_TX_OVER, IC_INTR_TX_OVER);
  rd(IC_CLR_TX_OVER);
  check_hex("clr_tx_over clears it", rd(IC_RAW_INTR_STAT) & IC_INTR_TX_OVER, 0);
  wr(IC_ENABLE, 0);
  check_hex("disabling flushes the tx fifo", rd(IC_TXFLR), 0);
  wr(IC_ENABLE, IC_ENABLE_ENABLE);
  rd(IC_DATA_CMD);
  check_hex("reading an empty rx fifo sets rx_under", rd(IC_RAW_INTR_STAT) & IC_INTR_RX_UNDER,
            IC_INTR_RX_UNDER);
  rd(IC_CLR_RX_UNDER);
  check_hex("clr_rx_under clears it", rd(IC_RAW_INTR_STAT) & IC_INTR_RX_UNDER, 0);
}

static void check_irq(void) {
  g_abort_irqs = 0;
  wr(IC_INTR_MASK, IC_INTR_TX_ABRT);
  mmio_write(NVIC_ISER, 1u << IRQ_I2C0);
  cpu_irq_enable();
  set_target(0x3c);
  wr(IC_DATA_CMD, IC_DATA_CMD_READ | IC_DATA_CMD_STOP);
  wait_raw(IC_INTR_STOP_DET);
  rd(IC_CLR_STOP_DET);
  check_dec("tx_abrt raises i2c0_irq once", (int32_t)g_abort_irqs, 1);
  check_hex("the handler's clr_tx_abrt clears ic_intr_stat", rd(IC_INTR_STAT), 0);
  mmio_write(NVIC_ICER, 1u << IRQ_I2C0);
  wr(IC_INTR_MASK, 0);
}

// One NACKed address from the DATA_CMD write to STOP_DET: START + 9 bits of address + STOP is
// 11 SCL periods of (48 + 4 + 7) + (72 + 1) = 132 cycles: 1452 cycles. Polled from SRAM.
RAMFUNC static uint32_t time_nacked_address(void) {
  mmio_write(SYST_RVR, SYST_RVR_RELOAD);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_ENABLE | SYST_CSR_CLKSOURCE);
  const uint32_t start = mmio_read(SYST_CVR);
  mmio_write(I2C0_BASE + IC_DATA_CMD, IC_DATA_CMD_READ | IC_DATA_CMD_STOP);
  uint32_t i = 0;
  while (!(mmio_read(I2C0_BASE + IC_RAW_INTR_STAT) & IC_INTR_STOP_DET) && ++i < POLL_LIMIT) {
  }
  const uint32_t end = mmio_read(SYST_CVR);
  mmio_write(SYST_CSR, 0);
  return (start - end) & SYST_RVR_RELOAD;
}

static void check_timing(void) {
  set_target(0x3c);
  const uint32_t cycles = time_nacked_address();
  rd(IC_CLR_INTR);
  report_begin(cycles >= 1452 && cycles < 1452 + 60, "a nacked address takes 11 scl periods");
  if (cycles < 1452 || cycles >= 1452 + 60) {
    uart0_puts(": got ");
    uart0_put_udec(cycles);
    uart0_puts(" cycles want 1452..1511");
  }
  uart0_puts("\n");
}

// BMP280 (Bosch datasheet 3.11.3), when one answers at 0x76.
static int32_t u16le(const uint8_t* b) {
  return (int32_t)(b[0] | (b[1] << 8));
}
static int32_t s16le(const uint8_t* b) {
  return (int16_t)(b[0] | (b[1] << 8));
}

static bool bmp280_read(uint8_t reg, uint8_t* dst, int len) {
  return i2c_write(BMP280_ADDR, &reg, 1, true) == 1 &&
         i2c_read(BMP280_ADDR, dst, len, false) == len;
}

static void check_bmp280(void) {
  uint8_t id = 0, c[24], d[6];
  check_true("bmp280 register read", bmp280_read(0xd0, &id, 1));
  check_hex("bmp280 chip id", id, 0x58);
  const uint8_t ctrl[2] = {0xf4, (5u << 5) | (5u << 2) | 3u};  // x16, x16, normal mode
  check_dec("bmp280 ctrl_meas write", i2c_write(BMP280_ADDR, ctrl, 2, false), 2);
  check_true("bmp280 calibration read", bmp280_read(0x88, c, 24));
  check_true("bmp280 data read", bmp280_read(0xf7, d, 6));
  const int32_t adc_p = (d[0] << 12) | (d[1] << 4) | (d[2] >> 4);
  const int32_t adc_t = (d[3] << 12) | (d[4] << 4) | (d[5] >> 4);
  const int32_t t1 = u16le(c), t2 = s16le(c + 2), t3 = s16le(c + 4);
  const int32_t v1 = (((adc_t >> 3) - (t1 << 1)) * t2) >> 11;
  const int32_t v2 = (((((adc_t >> 4) - t1) * ((adc_t >> 4) - t1)) >> 12) * t3) >> 14;
  const int32_t t_fine = v1 + v2;
  report_begin(true, "bmp280 temperature ");
  uart0_put_dec((t_fine * 5 + 128) >> 8);
  uart0_puts(" centi-degC\n");
  const int32_t p1 = u16le(c + 6), p2 = s16le(c + 8), p3 = s16le(c + 10), p4 = s16le(c + 12),
                p5 = s16le(c + 14), p6 = s16le(c + 16), p7 = s16le(c + 18), p8 = s16le(c + 20),
                p9 = s16le(c + 22);
  int32_t a = (t_fine >> 1) - 64000;
  int32_t b = (((a >> 2) * (a >> 2)) >> 11) * p6;
  b += (a * p5) * 2;
  b = (b >> 2) + p4 * 65536;
  a = (((p3 * (((a >> 2) * (a >> 2)) >> 13)) >> 3) + ((p2 * a) >> 1)) >> 18;
  a = ((32768 + a) * p1) >> 15;
  uint32_t p = 0;
  if (a != 0) {
    p = ((uint32_t)(1048576 - adc_p) - (uint32_t)(b >> 12)) * 3125u;
    p = p < 0x80000000u ? (p << 1) / (uint32_t)a : (p / (uint32_t)a) * 2;
    a = (p9 * (int32_t)(((p >> 3) * (p >> 3)) >> 13)) >> 12;
    b = ((int32_t)(p >> 2) * p8) >> 13;
    p = (uint32_t)((int32_t)p + ((a + b + p7) >> 4));
  }
  report_begin(true, "bmp280 pressure ");
  uart0_put_udec(p);
  uart0_puts(" Pa\n");
}

int main(void) {
  selftest_begin("i2c");
  check_reset_values();
  check_enable_gating();
  i2c0_init();
  gpio_set_function(SDA_PIN, GPIO_FUNC_I2C);
  gpio_set_function(SCL_PIN, GPIO_FUNC_I2C);
  scan();
  check_write_nack();
  check_flush_count();
  check_fifo_errors();
  check_irq();
  check_timing();
  uint8_t byte;
  if (i2c_read(BMP280_ADDR, &byte, 1, false) == 1) check_bmp280();
  selftest_end();
}
