// machine.UART: UART1 (an Arm PL011, datasheet 4.2) for the program's own serial devices; UART0 is
// the console and stays the port's. Received bytes move from the 32-byte FIFO into a ring in the
// UART1 interrupt, so a burst is not lost while Python is busy. read() and readline() wait at
// most `timeout` ms (0 by default) for data, as MicroPython's rp2 UART does.
#include "bringup.h"
#include "buffers.h"
#include "machine.h"
#include "regs.h"

namespace vpy {

namespace {

constexpr uint32_t kRingSize = 256;  // a power of two
uint8_t rx_ring[kRingSize];
volatile uint32_t rx_head = 0;  // written by the interrupt
volatile uint32_t rx_tail = 0;  // written by reads

struct UartObj {
  const Type* type;
  uint8_t id;
  uint8_t tx, rx;
  uint8_t bits, stop;
  int8_t parity;  // -1 none, 0 even, 1 odd
  uint32_t baudrate;
  uint32_t timeout_ms;
};
UartObj uart1_obj = {&machine_uart_type, 1, 4, 5, 8, 1, -1, 115200, 0};

uint32_t reg(uint32_t off) {
  return UART1_BASE + off;
}

uint32_t available() {
  return rx_head - rx_tail;
}

// Waits up to the timeout for at least one byte; false if none came.
bool wait_any(const UartObj* u) {
  const uint64_t deadline = port_ticks_us() + uint64_t(u->timeout_ms) * 1000;
  while (!available()) {
    if (port_ticks_us() >= deadline) return false;
    runtime_poll_interrupt();  // Ctrl-C and events while waiting
  }
  return true;
}

int take() {
  const uint8_t c = rx_ring[rx_tail % kRingSize];
  rx_tail = rx_tail + 1;
  return c;
}

// Divisor = clk_peri / (16 * baud) in 16.6 fixed point, rounded (datasheet 4.2.3.2.1); false
// when the rate is out of reach.
bool divisors(uint32_t baud, uint32_t* ibrd, uint32_t* fbrd) {
  if (baud == 0) return false;
  const uint32_t div = static_cast<uint32_t>(8ull * machine_clk_peri_hz() / baud);
  *ibrd = div >> 7;
  *fbrd = ((div & 0x7f) + 1) / 2;
  if (*fbrd == 64) {  // rounded up into the integer part
    *ibrd += 1;
    *fbrd = 0;
  }
  if (*ibrd == 0) return false;
  if (*ibrd > UARTIBRD_MAX) {
    *ibrd = UARTIBRD_MAX;
    *fbrd = 0;
  }
  return true;
}

// UART(1, baudrate=115200, bits=8, parity=None, stop=1, *, tx, rx, timeout=0) and init().
void uart_configure(UartObj* u, size_t n_args, const Value* args, const KwArgs* kw) {
  static const Qstr names[] = {Q_baudrate, Q_bits, Q_parity, Q_stop, Q_tx, Q_rx, Q_timeout};
  Value a[7];
  machine_parse_args(n_args, args, kw, names, 7, 4, a);
  const Int baud = a[0] == kNull ? u->baudrate : int_get(a[0]);
  const Int bits = a[1] == kNull ? u->bits : int_get(a[1]);
  const Int parity = a[2] == kNull ? u->parity : a[2] == kNone ? -1 : int_get(a[2]) & 1;
  const Int stop = a[3] == kNull ? u->stop : int_get(a[3]);
  const uint32_t tx = a[4] == kNull ? u->tx : machine_pin_id(a[4]);
  const uint32_t rx = a[5] == kNull ? u->rx : machine_pin_id(a[5]);
  if (bits < 5 || bits > 8) raise_msg(&exc_ValueError, "invalid bits");
  if (stop != 1 && stop != 2) raise_msg(&exc_ValueError, "invalid stop bits");
  // Datasheet 2.19.2: UART1 TX on GPIO 4, 8, 20, 24; RX one above (MicroPython's IS_VALID_TX/RX).
  auto uart1_pin = [](uint32_t pin) { return ((pin + 4) & 8) != 0; };
  if ((tx & 3) != 0 || !uart1_pin(tx)) raise_msg(&exc_ValueError, "bad TX pin");
  if ((rx & 3) != 1 || !uart1_pin(rx)) raise_msg(&exc_ValueError, "bad RX pin");
  uint32_t ibrd, fbrd;
  if (!divisors(baud > 0 ? static_cast<uint32_t>(baud) : 0, &ibrd, &fbrd)) {
    raise_msg(&exc_ValueError, "invalid baudrate");
  }
  u->baudrate = static_cast<uint32_t>(baud);
  u->bits = static_cast<uint8_t>(bits);
  u->parity = static_cast<int8_t>(parity);
  u->stop = static_cast<uint8_t>(stop);
  u->tx = static_cast<uint8_t>(tx);
  u->rx = static_cast<uint8_t>(rx);
  if (a[6] != kNull) u->timeout_ms = static_cast<uint32_t>(int_get(a[6]));

  mmio_write(NVIC_ICER, 1u << IRQ_UART1);
  mmio_set_bits(RESETS_RESET, RESETS_UART1);
  resets_release(RESETS_UART1);
  rx_head = 0;
  rx_tail = 0;
  mmio_write(reg(UARTIBRD), ibrd);
  mmio_write(reg(UARTFBRD), fbrd);
  // LCR_H also latches the divisor (datasheet 4.2.7.1).
  mmio_write(reg(UARTLCR_H), (static_cast<uint32_t>(bits - 5) << 5) | UARTLCR_H_FEN |
                                 (stop == 2 ? UARTLCR_H_STP2 : 0u) |
                                 (parity >= 0 ? UARTLCR_H_PEN : 0u) |
                                 (parity == 0 ? UARTLCR_H_EPS : 0u));
  mmio_write(reg(UARTCR), UARTCR_UARTEN | UARTCR_TXE | UARTCR_RXE);
  mmio_write(reg(UARTIMSC), (1u << 4) | (1u << 6));  // RXIM, RTIM (datasheet 4.2.8)
  mmio_write(NVIC_ISER, 1u << IRQ_UART1);
  machine_pin_set_function(tx, GPIO_FUNC_UART);
  machine_pin_set_function(rx, GPIO_FUNC_UART);
}

Value uart_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  if (n_args < 1) raise_arg_count(1, n_args);
  const Int id = int_get(args[0]);
  if (id == 0) raise_msg(&exc_ValueError, "UART(0) is the console");
  if (id != 1) raise_fmt(&exc_ValueError, "UART(%d) doesn't exist", static_cast<int>(id));
  KwArgs kw{n_kw, args + n_args};
  uart_configure(&uart1_obj, n_args - 1, args + 1, &kw);
  return val(&uart1_obj);
}

Value uart_init(size_t n_args, const Value* a, const KwArgs* kw) {
  uart_configure(as<UartObj>(a[0]), n_args - 1, a + 1, kw);
  return kNone;
}

Value uart_deinit(size_t, const Value*, const KwArgs*) {
  mmio_write(NVIC_ICER, 1u << IRQ_UART1);
  mmio_write(reg(UARTCR), 0);
  return kNone;
}

Value uart_any(size_t, const Value*, const KwArgs*) {
  return small_int(static_cast<Int>(available()));
}

// write(buf): every byte into the transmit FIFO, waiting for room; returns the count.
Value uart_write(size_t, const Value* a, const KwArgs*) {
  Buffer b;
  buffer_get_raise(a[1], &b, kBufferRead);
  const uint8_t* d = static_cast<const uint8_t*>(b.data);
  for (size_t i = 0; i < b.len; i++) {
    while (mmio_read(reg(UARTFR)) & UARTFR_TXFF) {
    }
    mmio_write(reg(UARTDR), d[i]);
  }
  return small_int(static_cast<Int>(b.len));
}

// read([nbytes]): what has arrived (up to nbytes), after waiting up to the timeout for the
// first byte; None if nothing came.
Value uart_read(size_t n_args, const Value* a, const KwArgs*) {
  UartObj* u = as<UartObj>(a[0]);
  const Int want = n_args > 1 && a[1] != kNone ? int_get(a[1]) : -1;
  if (want == 0) return bytes_new("", 0);
  if (!wait_any(u)) return kNone;
  Vstr v;
  vstr_init(&v, available());
  while (available() && (want < 0 || static_cast<Int>(v.len) < want))
    vstr_add_char(&v, static_cast<char>(take()));
  return vstr_to_bytes(&v);
}

// readline(): up to and including a newline, or what came before the timeout.
Value uart_readline(size_t, const Value* a, const KwArgs*) {
  UartObj* u = as<UartObj>(a[0]);
  Vstr v;
  vstr_init(&v, 16);
  while (wait_any(u)) {
    const int c = take();
    vstr_add_char(&v, static_cast<char>(c));
    if (c == '\n') break;
  }
  if (v.len == 0) return kNone;
  return vstr_to_bytes(&v);
}

// readinto(buf[, nbytes]): the number of bytes read, or None.
Value uart_readinto(size_t n_args, const Value* a, const KwArgs*) {
  UartObj* u = as<UartObj>(a[0]);
  Buffer b;
  buffer_get_raise(a[1], &b, kBufferWrite);
  size_t want = b.len;
  if (n_args > 2) {
    const Int w = int_get(a[2]);
    if (w >= 0 && static_cast<size_t>(w) < want) want = static_cast<size_t>(w);
  }
  if (want && !wait_any(u)) return kNone;
  size_t n = 0;
  while (n < want && available())
    static_cast<uint8_t*>(b.data)[n++] = static_cast<uint8_t>(take());
  return small_int(static_cast<Int>(n));
}

// txdone(): True once the last byte has left the shift register.
Value uart_txdone(size_t, const Value*, const KwArgs*) {
  const uint32_t fr = mmio_read(reg(UARTFR));
  return bool_value((fr & UARTFR_TXFE) && !(fr & UARTFR_BUSY));
}

void uart_print(const Printer* p, Value self, PrintKind) {
  UartObj* u = as<UartObj>(self);
  print_fmt(p, "UART(%u, baudrate=%u, bits=%u, parity=", static_cast<unsigned>(u->id),
            static_cast<unsigned>(u->baudrate), static_cast<unsigned>(u->bits));
  if (u->parity < 0) {
    print_str(p, "None");
  } else {
    print_fmt(p, "%u", static_cast<unsigned>(u->parity));
  }
  print_fmt(p, ", stop=%u, tx=%u, rx=%u, timeout=%u)", static_cast<unsigned>(u->stop),
            static_cast<unsigned>(u->tx), static_cast<unsigned>(u->rx),
            static_cast<unsigned>(u->timeout_ms));
}

const NativeFunObj uart_init_obj = {&native_fun_type, 1, 5, 1, Q_init, uart_init};
const NativeFunObj uart_deinit_obj = {&native_fun_type, 1, 1, 0, Q_deinit, uart_deinit};
const NativeFunObj uart_any_obj = {&native_fun_type, 1, 1, 0, Q_any, uart_any};
const NativeFunObj uart_write_obj = {&native_fun_type, 2, 2, 0, Q_write, uart_write};
const NativeFunObj uart_read_obj = {&native_fun_type, 1, 2, 0, Q_read, uart_read};
const NativeFunObj uart_readline_obj = {&native_fun_type, 1, 1, 0, Q_readline, uart_readline};
const NativeFunObj uart_readinto_obj = {&native_fun_type, 2, 3, 0, Q_readinto, uart_readinto};
const NativeFunObj uart_txdone_obj = {&native_fun_type, 1, 1, 0, Q_txdone, uart_txdone};
const RomEntry uart_methods_table[] = {
    {Q_init, 0, &uart_init_obj},         {Q_deinit, 0, &uart_deinit_obj},
    {Q_any, 0, &uart_any_obj},           {Q_write, 0, &uart_write_obj},
    {Q_read, 0, &uart_read_obj},         {Q_readline, 0, &uart_readline_obj},
    {Q_readinto, 0, &uart_readinto_obj}, {Q_txdone, 0, &uart_txdone_obj},
};
const RomMap uart_methods = {uart_methods_table, sizeof(uart_methods_table) / sizeof(RomEntry)};

}  // namespace

const Type machine_uart_type = {.type = &type_type,
                                .name = Q_UART,
                                .flags = kTypeEqByIdentity,
                                .print = uart_print,
                                .make_new = uart_make_new,
                                .methods = &uart_methods,
                                .base = &object_type};

void machine_uart_clocks_changed() {
  if (mmio_read(RESETS_RESET) & RESETS_UART1) return;
  const uint32_t cr = mmio_read(reg(UARTCR));
  uint32_t ibrd, fbrd;
  if (!(cr & UARTCR_UARTEN) || !divisors(uart1_obj.baudrate, &ibrd, &fbrd)) return;
  while (!(mmio_read(reg(UARTFR)) & UARTFR_TXFE) || (mmio_read(reg(UARTFR)) & UARTFR_BUSY)) {
  }
  mmio_write(reg(UARTCR), 0);
  mmio_write(reg(UARTIBRD), ibrd);
  mmio_write(reg(UARTFBRD), fbrd);
  mmio_write(reg(UARTLCR_H), mmio_read(reg(UARTLCR_H)));  // latches the divisors
  mmio_write(reg(UARTCR), cr);
}

void machine_uart_deinit() {
  mmio_write(NVIC_ICER, 1u << IRQ_UART1);
  if (!(mmio_read(RESETS_RESET) & RESETS_UART1)) mmio_write(reg(UARTCR), 0);
  rx_head = 0;
  rx_tail = 0;
}

}  // namespace vpy

// UART1_IRQ (datasheet 2.3.2, IRQ 21): the receive FIFO into the ring; a full ring drops bytes.
extern "C" void irq21_handler(void) {
  while (!(mmio_read(UART1_BASE + UARTFR) & UARTFR_RXFE)) {
    const uint8_t c = static_cast<uint8_t>(mmio_read(UART1_BASE + UARTDR));
    const uint32_t head = vpy::rx_head;
    if (head - vpy::rx_tail < vpy::kRingSize) {
      vpy::rx_ring[head % vpy::kRingSize] = c;
      vpy::rx_head = head + 1;
    }
  }
}
