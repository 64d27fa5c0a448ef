// gpio_sio: GPIOs under software control (RP2040 datasheet 2.3.1.2 SIO GPIO registers, 2.19
// GPIO: function select, IO_BANK0 overrides, PADS_BANK0 pad controls).
//
// GPIO2..5 go to the SIO function; nothing may be connected to them (on a Pico they are free
// header pins). Each check sets the pins, waits for them to settle and reads SIO GPIO_IN,
// which sees the pads through the input path whatever the function. Settling: GPIO_IN is
// synchronised to clk_sys (2 cycles), and an undriven pin is moved by the pad's ~50 kohm pull
// through a few pF, well under a microsecond; 100 us is allowed for each.
#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define PIN_A 2u  // drive and pad output disable
#define PIN_B 3u  // pulls
#define PIN_C 4u  // OUTOVER, INOVER
#define PIN_D 5u  // OEOVER
#define TEST_PINS ((1u << PIN_A) | (1u << PIN_B) | (1u << PIN_C) | (1u << PIN_D))
#define GPIO_BITS 0x3fffffffu  // GPIO0..29

static void settle(void) {
  cpu_delay_loops(400);  // 100 us at 12 MHz
}

static uint32_t pins_in(void) {
  settle();
  return mmio_read(SIO_GPIO_IN) & TEST_PINS;
}

static bool pin_in(uint32_t pin) {
  settle();
  return (mmio_read(SIO_GPIO_IN) >> pin) & 1u;
}

static void set_ctrl(uint32_t pin, uint32_t outover, uint32_t oeover, uint32_t inover) {
  mmio_write(IO_BANK0_GPIO_CTRL(pin), GPIO_FUNC_SIO | (outover << IO_BANK0_GPIO_CTRL_OUTOVER_LSB) |
                                          (oeover << IO_BANK0_GPIO_CTRL_OEOVER_LSB) |
                                          (inover << IO_BANK0_GPIO_CTRL_INOVER_LSB));
}

static void set_pad(uint32_t pin, uint32_t bits) {
  mmio_write(PADS_BANK0_GPIO(pin), bits);
}

static void check_pin(const char* what, uint32_t pin, bool want) {
  check_dec(what, pin_in(pin), want);
}

static void check_out_registers(void) {
  mmio_write(SIO_GPIO_OE, 0);
  mmio_write(SIO_GPIO_OUT, 0xffffffffu);
  check_hex("gpio_out keeps 30 bits", mmio_read(SIO_GPIO_OUT), GPIO_BITS);
  mmio_write(SIO_GPIO_OUT, (1u << PIN_A) | (1u << PIN_C));
  check_hex("gpio_out reads back", mmio_read(SIO_GPIO_OUT), (1u << PIN_A) | (1u << PIN_C));
  mmio_write(SIO_GPIO_OUT_SET, 1u << PIN_B);
  check_hex("gpio_out_set sets", mmio_read(SIO_GPIO_OUT),
            (1u << PIN_A) | (1u << PIN_B) | (1u << PIN_C));
  mmio_write(SIO_GPIO_OUT_CLR, 1u << PIN_A);
  check_hex("gpio_out_clr clears", mmio_read(SIO_GPIO_OUT), (1u << PIN_B) | (1u << PIN_C));
  mmio_write(SIO_GPIO_OUT_XOR, (1u << PIN_C) | (1u << PIN_D));
  check_hex("gpio_out_xor toggles", mmio_read(SIO_GPIO_OUT), (1u << PIN_B) | (1u << PIN_D));

  mmio_write(SIO_GPIO_OE, 0xffffffffu);
  check_hex("gpio_oe keeps 30 bits", mmio_read(SIO_GPIO_OE), GPIO_BITS);
  mmio_write(SIO_GPIO_OE, 1u << PIN_A);
  mmio_write(SIO_GPIO_OE_SET, 1u << PIN_D);
  check_hex("gpio_oe_set sets", mmio_read(SIO_GPIO_OE), (1u << PIN_A) | (1u << PIN_D));
  mmio_write(SIO_GPIO_OE_CLR, 1u << PIN_A);
  check_hex("gpio_oe_clr clears", mmio_read(SIO_GPIO_OE), 1u << PIN_D);
  mmio_write(SIO_GPIO_OE_XOR, TEST_PINS);
  check_hex("gpio_oe_xor toggles", mmio_read(SIO_GPIO_OE), TEST_PINS & ~(1u << PIN_D));
  mmio_write(SIO_GPIO_OE, 0);
  mmio_write(SIO_GPIO_OUT, 0);
}

static void check_inputs(void) {
  // Driven pins read back through the pads.
  mmio_write(SIO_GPIO_OUT, (1u << PIN_A) | (1u << PIN_C));
  mmio_write(SIO_GPIO_OE, TEST_PINS);
  check_hex("gpio_in reads the driven levels", pins_in(), (1u << PIN_A) | (1u << PIN_C));
  mmio_write(SIO_GPIO_OUT_XOR, TEST_PINS);
  check_hex("gpio_in follows gpio_out_xor", pins_in(), (1u << PIN_B) | (1u << PIN_D));

  // An undriven pin reads what its pad's pull makes it.
  mmio_write(SIO_GPIO_OE_CLR, 1u << PIN_B);
  set_pad(PIN_B, PADS_BANK0_GPIO_IE | PADS_BANK0_GPIO_PUE);
  check_pin("pull-up on an undriven input reads 1", PIN_B, true);
  set_pad(PIN_B, PADS_BANK0_GPIO_IE | PADS_BANK0_GPIO_PDE);
  check_pin("pull-down on an undriven input reads 0", PIN_B, false);
  set_pad(PIN_B, PADS_BANK0_GPIO_IE | PADS_BANK0_GPIO_PUE);
  check_pin("pull-up again reads 1", PIN_B, true);
  set_pad(PIN_B, PADS_BANK0_GPIO_RESET);

  // Pad OD disables the output whatever the output enable says; the pull-down then wins.
  mmio_write(SIO_GPIO_OUT_SET, 1u << PIN_A);
  mmio_write(SIO_GPIO_OE_SET, 1u << PIN_A);
  set_pad(PIN_A, PADS_BANK0_GPIO_RESET | PADS_BANK0_GPIO_OD);
  check_pin("pad od stops the drive", PIN_A, false);
  set_pad(PIN_A, PADS_BANK0_GPIO_RESET);
  check_pin("without od the pin is driven again", PIN_A, true);

  // GPIO_IN sees every pad, whatever its function: UART0 TX idles high.
  uart0_flush();
  bool tx_idle = pin_in(PICO_UART0_TX_PIN);
  // And SIO cannot drive a pin that belongs to another function.
  mmio_write(SIO_GPIO_OUT_CLR, 1u << PICO_UART0_TX_PIN);
  mmio_write(SIO_GPIO_OE_SET, 1u << PICO_UART0_TX_PIN);
  bool tx_kept = pin_in(PICO_UART0_TX_PIN);
  mmio_write(SIO_GPIO_OE_CLR, 1u << PICO_UART0_TX_PIN);
  check_dec("gpio_in reads uart0 tx idle high", tx_idle, 1);
  check_dec("sio does not drive a uart pin", tx_kept, 1);
  mmio_write(SIO_GPIO_OE, 0);
  mmio_write(SIO_GPIO_OUT, 0);
}

static void check_overrides(void) {
  // OUTOVER on a driven pin.
  mmio_write(SIO_GPIO_OE_SET, 1u << PIN_C);
  set_ctrl(PIN_C, GPIO_OVERRIDE_HIGH, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL);
  check_pin("outover high drives 1 over gpio_out 0", PIN_C, true);
  mmio_write(SIO_GPIO_OUT_SET, 1u << PIN_C);
  set_ctrl(PIN_C, GPIO_OVERRIDE_LOW, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL);
  check_pin("outover low drives 0 over gpio_out 1", PIN_C, false);
  set_ctrl(PIN_C, GPIO_OVERRIDE_INVERT, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL);
  check_pin("outover invert drives 0 for gpio_out 1", PIN_C, false);
  mmio_write(SIO_GPIO_OUT_CLR, 1u << PIN_C);
  check_pin("outover invert drives 1 for gpio_out 0", PIN_C, true);

  // INOVER on what GPIO_IN sees of a pin driven low.
  set_ctrl(PIN_C, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_INVERT);
  check_pin("inover invert reads 1 for a low pin", PIN_C, true);
  set_ctrl(PIN_C, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_HIGH);
  check_pin("inover high reads 1 for a low pin", PIN_C, true);
  mmio_write(SIO_GPIO_OUT_SET, 1u << PIN_C);
  set_ctrl(PIN_C, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_LOW);
  check_pin("inover low reads 0 for a high pin", PIN_C, false);
  set_ctrl(PIN_C, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL);
  check_pin("inover normal reads the high pin", PIN_C, true);

  // OEOVER on a pin whose GPIO_OUT is 1 and whose pad pulls down.
  mmio_write(SIO_GPIO_OUT_SET, 1u << PIN_D);
  mmio_write(SIO_GPIO_OE_SET, 1u << PIN_D);
  set_ctrl(PIN_D, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_LOW, GPIO_OVERRIDE_NORMAL);
  check_pin("oeover disable leaves the pin to its pull", PIN_D, false);
  mmio_write(SIO_GPIO_OE_CLR, 1u << PIN_D);
  set_ctrl(PIN_D, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_HIGH, GPIO_OVERRIDE_NORMAL);
  check_pin("oeover enable drives without gpio_oe", PIN_D, true);
  set_ctrl(PIN_D, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_INVERT, GPIO_OVERRIDE_NORMAL);
  check_pin("oeover invert drives for gpio_oe 0", PIN_D, true);
  mmio_write(SIO_GPIO_OE_SET, 1u << PIN_D);
  check_pin("oeover invert releases for gpio_oe 1", PIN_D, false);
  set_ctrl(PIN_D, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL);
  check_pin("oeover normal drives for gpio_oe 1", PIN_D, true);
}

int main(void) {
  selftest_begin("gpio_sio");
  for (uint32_t pin = PIN_A; pin <= PIN_D; ++pin)
    set_ctrl(pin, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL, GPIO_OVERRIDE_NORMAL);
  check_hex("funcsel sio reads back", mmio_read(IO_BANK0_GPIO_CTRL(PIN_A)), GPIO_FUNC_SIO);
  check_hex("pads at their reset value", mmio_read(PADS_BANK0_GPIO(PIN_B)), PADS_BANK0_GPIO_RESET);

  check_out_registers();
  check_inputs();
  check_overrides();

  // Leave the pins as reset left them: no function, not driven.
  mmio_write(SIO_GPIO_OE, 0);
  mmio_write(SIO_GPIO_OUT, 0);
  for (uint32_t pin = PIN_A; pin <= PIN_D; ++pin) {
    mmio_write(IO_BANK0_GPIO_CTRL(pin), GPIO_FUNC_NULL);
    set_pad(pin, PADS_BANK0_GPIO_RESET);
  }
  selftest_end();
}
