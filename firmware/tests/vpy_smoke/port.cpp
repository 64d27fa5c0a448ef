// port.h for the smoke image: the console is UART0 (output only), the clock is the RP2040's
// microsecond TIMER, and there are no files.
#include <stddef.h>
#include <stdint.h>

#include "port.h"
#include "regs.h"
#include "uart0.h"

namespace vpy {

volatile int port_interrupt_pending = 0;

void port_write(const char* data, size_t len) {
  for (size_t i = 0; i < len; i++)
    uart0_putc(data[i]);
}
void port_write_err(const char* data, size_t len) {
  port_write(data, len);
}
int port_read_char() {
  return -1;
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
