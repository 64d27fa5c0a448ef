// hello: first light. Brings a Raspberry Pi Pico up from reset the way real hardware needs
// it, step by step, then greets on UART0 and blinks the LED for ever:
//
//   hello from core 0
//   blink 1
//   blink 2
//   ...
//
// One "blink N" per rising edge of GPIO25, about every 200 ms at clk_sys = 12 MHz (the LED
// toggles every ~100 ms). It is also our smoke test on a real board: 115200 8N1 on GPIO0.
#include <stdbool.h>
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "regs.h"
#include "uart0.h"

// cpu_delay_loops() spends 3 cycles per iteration: ~100 ms at 12 MHz.
#define BLINK_HALF_PERIOD_LOOPS (PICO_XOSC_HZ / 10 / 3)

int main(void) {
  // 1. Crystal oscillator on and stable (datasheet 2.16).
  xosc_start();
  // 2. clk_ref from the crystal, then clk_sys from clk_ref, through the glitchless muxes.
  clk_ref_select_xosc();
  clk_sys_select_clk_ref();
  // 3. clk_peri (the UART's clock) from clk_sys.
  clk_peri_enable(CLK_PERI_CTRL_AUXSRC_CLK_SYS);
  // 4. GPIO muxing, pads and UART0 out of reset (datasheet 2.14).
  resets_release(RESETS_IO_BANK0 | RESETS_PADS_BANK0 | RESETS_UART0);
  // 5. GPIO0 = UART0 TX, GPIO1 = UART0 RX.
  gpio_set_function(PICO_UART0_TX_PIN, GPIO_FUNC_UART);
  gpio_set_function(PICO_UART0_RX_PIN, GPIO_FUNC_UART);
  // 6. UART0 at 115200 8N1, FIFOs on, enabled.
  uart0_init(PICO_XOSC_HZ, CONSOLE_BAUD);
  // 7. The LED: GPIO25 under SIO control, driven low, output enabled.
  gpio_set_function(PICO_LED_PIN, GPIO_FUNC_SIO);
  mmio_write(SIO_GPIO_OUT_CLR, 1u << PICO_LED_PIN);
  mmio_write(SIO_GPIO_OE_SET, 1u << PICO_LED_PIN);

  uart0_puts("hello from core ");
  uart0_put_udec(mmio_read(SIO_CPUID));
  uart0_putc('\n');

  bool led_on = false;
  uint32_t blinks = 0;
  for (;;) {
    mmio_write(SIO_GPIO_OUT_XOR, 1u << PICO_LED_PIN);
    led_on = !led_on;
    if (led_on) {
      uart0_puts("blink ");
      uart0_put_udec(++blinks);
      uart0_putc('\n');
    }
    cpu_delay_loops(BLINK_HALF_PERIOD_LOOPS);
  }
}
