// port.h on the RP2040: the console is UART0 (GPIO0/1, set up by the image), the clock is the
// microsecond TIMER, and there are no files yet.
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "port.h"
#include "regs.h"
#include "uart0.h"

namespace vpy {

volatile int port_interrupt_pending = 0;

// Output is "cooked" as on MicroPython's boards: "\n" goes out as "\r\n" (the REPL writes its
// own "\r\n", which stays as it is).
void port_write(const char* data, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) uart0_putc('\r');
    uart0_putc(data[i]);
  }
}
void port_write_err(const char* data, size_t len) {
  port_write(data, len);
}

// Waits for a byte from UART0. The receive interrupt is enabled but PRIMASK stays set, so it
// never runs: it only wakes WFI (ARMv6-M ARM B1.5.19: a pending interrupt wakes WFI even when
// masked), and the core sleeps instead of spinning while nobody types.
int port_read_char() {
  static bool armed = false;
  if (!armed) {
    cpu_irq_disable();
    mmio_write(UART0_BASE + UARTIMSC, (1u << 4) | (1u << 6));  // RXIM, RTIM (datasheet 4.2.8)
    mmio_write(NVIC_ISER, 1u << IRQ_UART0);
    armed = true;
  }
  while (mmio_read(UART0_BASE + UARTFR) & UARTFR_RXFE) {
    cpu_wfi();
    mmio_write(NVIC_ICPR, 1u << IRQ_UART0);
  }
  return static_cast<int>(mmio_read(UART0_BASE + UARTDR) & 0xff);
}
void port_console_raw(bool) {}

// TIMER (datasheet 4.6): reading TIMERAWL then TIMERAWH, retried if the high word moved.
uint64_t port_ticks_us() {
  for (;;) {
    uint32_t hi = mmio_read(TIMER_TIMERAWH);
    uint32_t lo = mmio_read(TIMER_TIMERAWL);
    if (mmio_read(TIMER_TIMERAWH) == hi) return (static_cast<uint64_t>(hi) << 32) | lo;
  }
}
uint64_t port_ticks_ms() {
  return port_ticks_us() / 1000u;
}
void port_sleep_us(uint32_t us) {
  uint64_t end = port_ticks_us() + us;
  while (port_ticks_us() < end) {
  }
}
void port_sleep_ms(uint32_t ms) {
  port_sleep_us(ms * 1000u);
}

char* port_read_file(const char*, size_t*) {
  return nullptr;
}
PortStat port_stat(const char*) {
  return kPortStatNone;
}
uint32_t port_random_seed() {
  return 0x2040u;  // fixed: the run is deterministic
}

}  // namespace vpy
