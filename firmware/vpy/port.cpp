// port.h on the RP2040: the console is UART0 (GPIO0/1, set up by the image) and, once the image
// has started it (usb_cdc_init) and a terminal on the PC has the port open, the USB CDC port
// too, as on MicroPython's boards; the clock is the microsecond TIMER, and there are no files
// yet.
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "port.h"
#include "regs.h"
#include "runtime.h"
#include "uart0.h"
#include "usb_cdc.h"

namespace vpy {

volatile int port_interrupt_pending = 0;
// Set by the machine module's interrupts (pins, timers) when they record an event; the events
// run in port_run_events (port_events.cpp).
volatile int port_events_pending = 0;

// Output is "cooked" as on MicroPython's boards: "\n" goes out as "\r\n" (the REPL writes its
// own "\r\n", which stays as it is).
void port_write(const char* data, size_t len) {
  const bool usb = usb_cdc_connected();
  char cooked[64];
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) {
      uart0_putc('\r');
      cooked[n++] = '\r';
    }
    uart0_putc(data[i]);
    cooked[n++] = data[i];
    if (n >= sizeof cooked - 1) {
      if (usb) usb_cdc_write_all(cooked, n);
      n = 0;
    }
  }
  if (usb && n) usb_cdc_write_all(cooked, n);
}
void port_write_err(const char* data, size_t len) {
  port_write(data, len);
}

// Input: the UART0 receive interrupt moves bytes from the 32-byte hardware FIFO into a larger
// ring, so a tool sending a raw-paste window (or a person pasting) does not overrun the FIFO
// while the interpreter is busy. While code runs (console not raw) Ctrl-C is not queued but
// raises KeyboardInterrupt; while the REPL reads, it is a character like any other.
namespace {
constexpr uint32_t kRingSize = 512;  // a power of two
uint8_t rx_ring[kRingSize];
volatile uint32_t rx_head = 0;  // written by the interrupt
volatile uint32_t rx_tail = 0;  // written by port_read_char
volatile bool ctrl_c_is_char = false;
bool rx_started = false;

void start_rx() {
  mmio_write(UART0_BASE + UARTIMSC, (1u << 4) | (1u << 6));  // RXIM, RTIM (datasheet 4.2.8)
  mmio_write(NVIC_ISER, 1u << IRQ_UART0);
  cpu_irq_enable();
  rx_started = true;
}
}  // namespace

extern "C" void irq20_handler(void) {  // UART0_IRQ (datasheet 2.3.2)
  while (!(mmio_read(UART0_BASE + UARTFR) & UARTFR_RXFE)) {
    uint8_t c = static_cast<uint8_t>(mmio_read(UART0_BASE + UARTDR));
    if (c == 3 && !ctrl_c_is_char) {
      port_interrupt_pending = 1;
      continue;
    }
    uint32_t head = rx_head;
    if (head - rx_tail < kRingSize) {  // full: the byte is lost, as a board's would be
      rx_ring[head % kRingSize] = c;
      rx_head = head + 1;
    }
  }
}

// Bytes from the USB CDC port: Ctrl-C while code runs is taken out in the USB interrupt.
extern "C" bool usb_cdc_on_rx_byte(uint8_t byte) {
  if (byte == 3 && !ctrl_c_is_char) {
    port_interrupt_pending = 1;
    return false;
  }
  return true;
}

int port_read_char() {
  if (!rx_started) start_rx();
  for (;;) {
    // Checked with interrupts masked, so a byte arriving now still wakes the WFI below
    // (ARMv6-M: a pending interrupt ends WFI even while PRIMASK masks it).
    cpu_irq_disable();
    uint32_t tail = rx_tail;
    if (rx_head != tail) {
      int c = rx_ring[tail % kRingSize];
      rx_tail = tail + 1;
      cpu_irq_enable();
      return c;
    }
    const int u = usb_cdc_read();
    if (u >= 0) {
      cpu_irq_enable();
      return u;
    }
    if (port_events_pending) {  // callbacks run while the REPL waits for a key
      cpu_irq_enable();
      runtime_run_events_idle();
      continue;
    }
    cpu_wfi();
    cpu_irq_enable();  // the receive interrupt runs here
  }
}

void port_console_raw(bool raw) {
  if (!rx_started) start_rx();
  ctrl_c_is_char = raw;
}

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
// Sleeping waits in WFI for TIMER alarm 3 (datasheet 4.6.3: an alarm fires when the low 32 bits
// of the counter equal it, raising TIMER_IRQ_3), not in a busy loop: on a board the core rests,
// and in vpico a sleep costs no host time. Any other interrupt (a received byte, USB) wakes the
// loop early; it checks the time and sleeps again. Ctrl-C or a pending event (a callback to run)
// ends it at once.
extern "C" void irq3_handler(void) {  // TIMER_IRQ_3
  mmio_write(TIMER_INTR, 1u << 3);
}

namespace {
void sleep_until_us(uint64_t end) {
  mmio_write(TIMER_INTE, mmio_read(TIMER_INTE) | (1u << 3));
  mmio_write(NVIC_ISER, 1u << IRQ_TIMER_3);
  for (;;) {
    cpu_irq_disable();
    const uint64_t now = port_ticks_us();
    if (now >= end || port_interrupt_pending || port_events_pending) {
      cpu_irq_enable();
      break;
    }
    // At most 2^31 us ahead, so that "passed" is a signed comparison on the low 32 bits.
    const uint64_t left = end - now;
    const uint32_t target = static_cast<uint32_t>(now + (left < 0x80000000u ? left : 0x80000000u));
    mmio_write(TIMER_ALARM(3), target);
    // An alarm set to a time the counter has already passed would wait for the next wrap.
    if (static_cast<int32_t>(mmio_read(TIMER_TIMERAWL) - target) >= 0) {
      mmio_write(TIMER_ARMED, 1u << 3);
      cpu_irq_enable();
      continue;
    }
    cpu_wfi();  // a pending interrupt ends WFI even with PRIMASK set (ARMv6-M B1.5.19)
    cpu_irq_enable();
  }
  mmio_write(TIMER_ARMED, 1u << 3);
}
}  // namespace

void port_sleep_us(uint32_t us) {
  sleep_until_us(port_ticks_us() + us);
}
void port_sleep_ms(uint32_t ms) {
  sleep_until_us(port_ticks_us() + static_cast<uint64_t>(ms) * 1000u);
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
