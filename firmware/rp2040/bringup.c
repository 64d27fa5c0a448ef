#include "bringup.h"

#include "regs.h"
#include "uart0.h"

// Datasheet 2.16: the startup counter counts DELAY * 256 crystal cycles before STABLE goes
// high; about 1 ms is enough for the Pico's crystal.
#define XOSC_STARTUP_CYCLES (PICO_XOSC_HZ / 1000)
#define XOSC_STARTUP_DELAY_VALUE ((XOSC_STARTUP_CYCLES + 255) / 256)

void xosc_start(void) {
  mmio_write(XOSC_CTRL, XOSC_CTRL_FREQ_RANGE_1_15MHZ);
  mmio_write(XOSC_STARTUP, XOSC_STARTUP_DELAY_VALUE);
  // ENABLE is a 12-bit magic value, so write the whole register rather than OR bits in.
  mmio_write(XOSC_CTRL, XOSC_CTRL_FREQ_RANGE_1_15MHZ | XOSC_CTRL_ENABLE_ENABLE);
  while ((mmio_read(XOSC_STATUS) & XOSC_STATUS_STABLE) == 0) {
  }
}

// Datasheet 2.15.3.2: a glitchless mux switches over a few cycles of both clocks; the
// SELECTED register shows the new source's bit once it has.
void clk_ref_select_xosc(void) {
  uint32_t ctrl = mmio_read(CLK_REF_CTRL) & ~(uint32_t)CLK_REF_CTRL_SRC;
  mmio_write(CLK_REF_CTRL, ctrl | CLK_REF_CTRL_SRC_XOSC);
  while ((mmio_read(CLK_REF_SELECTED) & (1u << CLK_REF_CTRL_SRC_XOSC)) == 0) {
  }
}

void clk_sys_select_clk_ref(void) {
  uint32_t ctrl = mmio_read(CLK_SYS_CTRL) & ~(uint32_t)CLK_SYS_CTRL_SRC;
  mmio_write(CLK_SYS_CTRL, ctrl | CLK_SYS_CTRL_SRC_CLK_REF);
  while ((mmio_read(CLK_SYS_SELECTED) & (1u << CLK_SYS_CTRL_SRC_CLK_REF)) == 0) {
  }
}

// clk_peri's source mux is not glitchless (datasheet 2.15.3.2): stop the clock before
// changing AUXSRC, then start it again.
void clk_peri_enable(uint32_t auxsrc) {
  mmio_clear_bits(CLK_PERI_CTRL, CLK_PERI_CTRL_ENABLE);
  mmio_write(CLK_PERI_CTRL, (auxsrc << CLK_PERI_CTRL_AUXSRC_LSB) & CLK_PERI_CTRL_AUXSRC);
  mmio_set_bits(CLK_PERI_CTRL, CLK_PERI_CTRL_ENABLE);
}

void resets_release(uint32_t mask) {
  mmio_clear_bits(RESETS_RESET, mask);
  while ((mmio_read(RESETS_RESET_DONE) & mask) != mask) {
  }
}

void gpio_set_function(uint32_t pin, uint32_t func) {
  mmio_write(IO_BANK0_GPIO_CTRL(pin), func & IO_BANK0_GPIO_CTRL_FUNCSEL);
}

void bringup_console(void) {
  xosc_start();
  clk_ref_select_xosc();
  clk_sys_select_clk_ref();
  clk_peri_enable(CLK_PERI_CTRL_AUXSRC_CLK_SYS);
  resets_release(RESETS_IO_BANK0 | RESETS_PADS_BANK0 | RESETS_UART0);
  gpio_set_function(PICO_UART0_TX_PIN, GPIO_FUNC_UART);
  gpio_set_function(PICO_UART0_RX_PIN, GPIO_FUNC_UART);
  uart0_init(PICO_XOSC_HZ, CONSOLE_BAUD);
}
