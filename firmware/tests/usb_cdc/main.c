// usb_cdc: the USB CDC-ACM device of firmware/rp2040/usb_cdc.c against the host at the other
// end of the cable (vpico's virtual host, or a PC). clk_usb from PLL_USB at 48 MHz, clk_sys
// stays on the 12 MHz crystal. UART0 reports: the host configured the device, set DTR and a
// line coding of 115200 baud (both sent by vpico's host and by Linux's cdc-acm when a
// terminal opens the port). Then, after DONE, the image prints a banner on the USB port and
// echoes every byte it receives there, for ever (sleeping on WFI between interrupts).
#include "cpu.h"
#include "selftest.h"
#include "uart0.h"
#include "usb_cdc.h"

// About 2 s at 12 MHz (a loop iteration takes 3 cycles): enumeration needs ~50 ms here.
#define WAIT_LOOPS 8000u
#define LOOP_CYCLES 1000u

static bool wait_for(bool (*ready)(void)) {
  for (uint32_t i = 0; i < WAIT_LOOPS; ++i) {
    if (ready()) return true;
    cpu_delay_loops(LOOP_CYCLES);
  }
  return ready();
}

int main(void) {
  selftest_begin("usb_cdc");
  usb_cdc_clock_init();
  usb_cdc_init();
  check_true("host configured the device", wait_for(usb_cdc_configured));
  check_true("host set dtr", wait_for(usb_cdc_connected));
  check_dec("line coding baud", (int32_t)usb_cdc_baud(), 115200);
  // selftest_end() would sleep for ever: this image goes on serving the USB port.
  uart0_puts("DONE\n");
  uart0_flush();

  static const char banner[] = "usb_cdc echo ready\r\n";
  usb_cdc_write_all(banner, sizeof banner - 1);
  for (;;) {
    int c;
    while ((c = usb_cdc_read()) >= 0) {
      uint8_t b = (uint8_t)c;
      usb_cdc_write_all(&b, 1);
    }
    // Sleep with interrupts masked so that a byte arriving after the check still wakes WFI.
    cpu_irq_disable();
    if (!usb_cdc_rx_available()) cpu_wfi();
    cpu_irq_enable();
  }
}
