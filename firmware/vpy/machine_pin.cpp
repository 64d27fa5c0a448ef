// machine.Pin: GPIO0..29 through SIO (datasheet 2.3.1.2), IO_BANK0 and PADS_BANK0 (2.19), with
// edge interrupts on IO_IRQ_BANK0 whose handlers run as events. Pin objects are a constant
// table (Pin(25) is Pin(25)), as on MicroPython's boards.
#include <string.h>

#include "cpu.h"
#include "machine.h"
#include "port_events.h"
#include "regs.h"

namespace vpy {

namespace {

struct PinObj {
  const Type* type;
  uint32_t id;
};

#define PIN(n) \
  { &machine_pin_type, n }
const PinObj pin_objs[kPinCount] = {
    PIN(0),  PIN(1),  PIN(2),  PIN(3),  PIN(4),  PIN(5),  PIN(6),  PIN(7),  PIN(8),  PIN(9),
    PIN(10), PIN(11), PIN(12), PIN(13), PIN(14), PIN(15), PIN(16), PIN(17), PIN(18), PIN(19),
    PIN(20), PIN(21), PIN(22), PIN(23), PIN(24), PIN(25), PIN(26), PIN(27), PIN(28), PIN(29),
};
#undef PIN

// Modes and constants as MicroPython's rp2 port numbers them.
enum : Int { kModeIn = 0, kModeOut = 1, kModeOpenDrain = 2, kModeAlt = 3 };
enum : Int { kPullUp = 1, kPullDown = 2 };
enum : Int { kIrqFalling = IO_BANK0_INTR_EDGE_LOW, kIrqRising = IO_BANK0_INTR_EDGE_HIGH };

// Open-drain pins drive low with the output enabled and float (output disabled) for 1.
uint32_t open_drain_mask = 0;

unsigned pin_of(Value self) {
  return as<PinObj>(self)->id;
}

void set_output(unsigned id, bool v) {
  mmio_write(v ? SIO_GPIO_OUT_SET : SIO_GPIO_OUT_CLR, 1u << id);
}

void put(unsigned id, bool v) {
  if (open_drain_mask & (1u << id)) {
    mmio_write(v ? SIO_GPIO_OE_CLR : SIO_GPIO_OE_SET, 1u << id);
  } else {
    set_output(id, v);
  }
}

// Pin(id, mode, pull, *, value, alt): the argument parsing of __init__ and init().
void pin_configure(unsigned id, size_t n_args, const Value* args, const KwArgs* kw) {
  static const Qstr names[] = {Q_mode, Q_pull, Q_value, Q_alt};
  Value a[4];
  machine_parse_args(n_args, args, kw, names, 4, 2, a);
  auto given = [](Value v) { return v != kNull && v != kNone && !(is_int(v) && int_get(v) == -1); };
  const int value = a[2] != kNull && a[2] != kNone ? (is_true(a[2]) ? 1 : 0) : -1;
  const uint32_t bit = 1u << id;
  if (given(a[0])) {
    const Int mode = int_get(a[0]);
    if (mode == kModeIn) {
      mmio_write(SIO_GPIO_OE_CLR, bit);
      open_drain_mask &= ~bit;
      machine_pin_set_function(id, GPIO_FUNC_SIO);
    } else if (mode == kModeOut) {
      if (value >= 0) set_output(id, value);
      mmio_write(SIO_GPIO_OE_SET, bit);
      open_drain_mask &= ~bit;
      machine_pin_set_function(id, GPIO_FUNC_SIO);
    } else if (mode == kModeOpenDrain) {
      set_output(id, false);
      mmio_write(value == 0 ? SIO_GPIO_OE_SET : SIO_GPIO_OE_CLR, bit);
      open_drain_mask |= bit;
      machine_pin_set_function(id, GPIO_FUNC_SIO);
    } else if (mode == kModeAlt) {
      const Int alt = given(a[3]) ? int_get(a[3]) : -1;
      // Functions F1..F9 (datasheet 2.19.2); F0 is JTAG on some pins only and 31 is NULL.
      if (alt < 1 || alt > 9)
        raise_fmt(&exc_ValueError, "invalid pin af: %d", static_cast<int>(alt));
      open_drain_mask &= ~bit;
      machine_pin_set_function(id, static_cast<unsigned>(alt));
    } else {
      raise_msg(&exc_ValueError, "invalid pin mode");
    }
  }
  // The pulls are set every time (no pull given means none), as MicroPython's rp2 port does.
  const Int pull = given(a[1]) ? int_get(a[1]) : 0;
  machine_pin_set_pulls(id, pull & kPullUp, pull & kPullDown);
}

Value pin_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  if (n_args < 1) raise_arg_count(1, n_args);
  const unsigned id = machine_pin_id(args[0]);
  if (n_args > 1 || n_kw > 0) {
    KwArgs kw{n_kw, args + n_args};
    pin_configure(id, n_args - 1, args + 1, &kw);
  }
  return machine_pin_obj(id);
}

Value pin_init(size_t n_args, const Value* a, const KwArgs* kw) {
  pin_configure(pin_of(a[0]), n_args - 1, a + 1, kw);
  return kNone;
}

Value pin_value(size_t n_args, const Value* a, const KwArgs*) {
  const unsigned id = pin_of(a[0]);
  if (n_args == 1) return small_int((mmio_read(SIO_GPIO_IN) >> id) & 1);
  put(id, is_true(a[1]));
  return kNone;
}

Value pin_call(Value self, size_t n_args, size_t n_kw, const Value* args) {
  if (n_kw) raise_msg(&exc_TypeError, "function doesn't take keyword arguments");
  if (n_args > 1) raise_arg_count(1, n_args);
  Value a[2] = {self, n_args ? args[0] : kNull};
  return pin_value(n_args + 1, a, nullptr);
}

Value pin_high(size_t, const Value* a, const KwArgs*) {
  put(pin_of(a[0]), true);
  return kNone;
}
Value pin_low(size_t, const Value* a, const KwArgs*) {
  put(pin_of(a[0]), false);
  return kNone;
}
Value pin_toggle(size_t, const Value* a, const KwArgs*) {
  const uint32_t bit = 1u << pin_of(a[0]);
  mmio_write(open_drain_mask & bit ? SIO_GPIO_OE_XOR : SIO_GPIO_OUT_XOR, bit);
  return kNone;
}

// irq(handler=None, trigger=IRQ_FALLING | IRQ_RISING, hard=False): the handler runs as an event
// (at the VM's next safe point) with the pin as its argument; hard=True runs it the same way.
Value pin_irq(size_t n_args, const Value* a, const KwArgs* kw) {
  static const Qstr names[] = {Q_handler, Q_trigger, Q_hard};
  Value v[3];
  machine_parse_args(n_args - 1, a + 1, kw, names, 3, 3, v);
  const unsigned id = pin_of(a[0]);
  const Value handler = v[0] == kNull ? kNone : v[0];
  const uint32_t trigger =
      static_cast<uint32_t>(v[1] == kNull ? kIrqFalling | kIrqRising : int_get(v[1])) &
      (IO_BANK0_INTR_EDGE_LOW | IO_BANK0_INTR_EDGE_HIGH);
  const uint32_t reg = id / 8, shift = 4 * (id % 8);
  mmio_clear_bits(IO_BANK0_PROC0_INTE(reg), 0xfu << shift);
  machine_roots()[kRootPinHandler + id] = handler;
  mmio_write(IO_BANK0_INTR(reg), 0xcu << shift);  // forget edges from before
  if (handler != kNone && trigger) {
    mmio_set_bits(IO_BANK0_PROC0_INTE(reg), trigger << shift);
    mmio_write(NVIC_ISER, 1u << IRQ_IO_BANK0);
  }
  return kNone;
}

void pin_print(const Printer* p, Value self, PrintKind) {
  const unsigned id = pin_of(self);
  const uint32_t bit = 1u << id;
  const unsigned funcsel = mmio_read(IO_BANK0_GPIO_CTRL(id)) & IO_BANK0_GPIO_CTRL_FUNCSEL;
  Qstr mode = Q_ALT;
  if (funcsel == GPIO_FUNC_SIO) {
    mode = open_drain_mask & bit ? Q_OPEN_DRAIN : mmio_read(SIO_GPIO_OE) & bit ? Q_OUT : Q_IN;
  }
  print_fmt(p, "Pin(GPIO%u, mode=%q", id, mode);
  const uint32_t pad = mmio_read(PADS_BANK0_GPIO(id));
  if (pad & PADS_BANK0_GPIO_PUE) print_fmt(p, ", pull=%q", Q_PULL_UP);
  if (pad & PADS_BANK0_GPIO_PDE) {
    print_fmt(p, pad & PADS_BANK0_GPIO_PUE ? "|%q" : ", pull=%q", Q_PULL_DOWN);
  }
  if (funcsel != GPIO_FUNC_SIO) print_fmt(p, ", alt=%u", funcsel);
  print_str(p, ")");
}

const NativeFunObj pin_init_obj = {&native_fun_type, 1, 3, 1, Q_init, pin_init};
const NativeFunObj pin_value_obj = {&native_fun_type, 1, 2, 0, Q_value, pin_value};
const NativeFunObj pin_high_obj = {&native_fun_type, 1, 1, 0, Q_high, pin_high};
const NativeFunObj pin_low_obj = {&native_fun_type, 1, 1, 0, Q_low, pin_low};
const NativeFunObj pin_toggle_obj = {&native_fun_type, 1, 1, 0, Q_toggle, pin_toggle};
const NativeFunObj pin_irq_obj = {&native_fun_type, 1, 4, 1, Q_irq, pin_irq};

const RomEntry pin_methods_table[] = {
    {Q_init, 0, &pin_init_obj},
    {Q_value, 0, &pin_value_obj},
    {Q_high, 0, &pin_high_obj},
    {Q_low, 0, &pin_low_obj},
    {Q_on, 0, &pin_high_obj},
    {Q_off, 0, &pin_low_obj},
    {Q_toggle, 0, &pin_toggle_obj},
    {Q_irq, 0, &pin_irq_obj},
    {Q_IN, small_int(kModeIn), nullptr},
    {Q_OUT, small_int(kModeOut), nullptr},
    {Q_OPEN_DRAIN, small_int(kModeOpenDrain), nullptr},
    {Q_ALT, small_int(kModeAlt), nullptr},
    {Q_PULL_UP, small_int(kPullUp), nullptr},
    {Q_PULL_DOWN, small_int(kPullDown), nullptr},
    {Q_IRQ_RISING, small_int(kIrqRising), nullptr},
    {Q_IRQ_FALLING, small_int(kIrqFalling), nullptr},
};
const RomMap pin_methods = {pin_methods_table, sizeof(pin_methods_table) / sizeof(RomEntry)};

}  // namespace

const Type machine_pin_type = {.type = &type_type,
                               .name = Q_Pin,
                               .flags = kTypeEqByIdentity,
                               .print = pin_print,
                               .make_new = pin_make_new,
                               .call = pin_call,
                               .methods = &pin_methods,
                               .base = &object_type};

Value machine_pin_obj(unsigned id) {
  return val(&pin_objs[id]);
}

unsigned machine_pin_id(Value pin) {
  if (is_type(pin, &machine_pin_type)) return pin_of(pin);
  if (is_str(pin)) {
    size_t len;
    const char* s = str_data(pin, &len);
    if (len == 3 && memcmp(s, "LED", 3) == 0) return PICO_LED_PIN;
    // "GPIOn", the names MicroPython's rp2 boards give their pins.
    if (len > 4 && len <= 6 && memcmp(s, "GPIO", 4) == 0) {
      unsigned n = 0;
      size_t i = 4;
      while (i < len && s[i] >= '0' && s[i] <= '9')
        n = n * 10 + static_cast<unsigned>(s[i++] - '0');
      if (i == len && n < kPinCount) return n;
    }
    raise_fmt(&exc_ValueError, "unknown named pin \"%.*s\"", static_cast<int>(len), s);
  }
  Int n;
  if (is_int(pin) && int_get_maybe(pin, &n) && n >= 0 && n < static_cast<Int>(kPinCount)) {
    return static_cast<unsigned>(n);
  }
  raise_msg(&exc_ValueError, "invalid pin");
}

void machine_pin_set_function(unsigned id, unsigned funcsel) {
  const uint32_t pad = mmio_read(PADS_BANK0_GPIO(id));
  mmio_write(PADS_BANK0_GPIO(id), (pad & ~PADS_BANK0_GPIO_OD) | PADS_BANK0_GPIO_IE);
  mmio_write(IO_BANK0_GPIO_CTRL(id), funcsel);  // overrides back to normal
}

void machine_pin_set_pulls(unsigned id, bool up, bool down) {
  const uint32_t pad =
      mmio_read(PADS_BANK0_GPIO(id)) & ~(PADS_BANK0_GPIO_PUE | PADS_BANK0_GPIO_PDE);
  mmio_write(PADS_BANK0_GPIO(id),
             pad | (up ? PADS_BANK0_GPIO_PUE : 0u) | (down ? PADS_BANK0_GPIO_PDE : 0u));
}

void machine_pin_run_event(unsigned pin) {
  const Value handler = machine_roots()[kRootPinHandler + pin];
  if (handler != kNone) call1(handler, machine_pin_obj(pin));
}

void machine_pin_deinit() {
  mmio_write(NVIC_ICER, 1u << IRQ_IO_BANK0);
  for (uint32_t r = 0; r < 4; r++) {
    mmio_write(IO_BANK0_PROC0_INTE(r), 0);
    mmio_write(IO_BANK0_INTR(r), 0xccccccccu);
  }
  open_drain_mask = 0;
}

}  // namespace vpy

// IO_IRQ_BANK0 (datasheet 2.3.2, IRQ 13): each pin's latched edges are cleared and recorded
// as one event; its handler runs later, at the VM's next safe point.
extern "C" void irq13_handler(void) {
  for (uint32_t r = 0; r < 4; r++) {
    const uint32_t ints = mmio_read(IO_BANK0_PROC0_INTS(r));
    if (!ints) continue;
    for (uint32_t k = 0; k < 8; k++) {
      const uint32_t edges = (ints >> (4 * k)) & 0xcu;
      if (!edges) continue;
      mmio_write(IO_BANK0_INTR(r), edges << (4 * k));
      vpy::port_event_push({vpy::kEventPin, static_cast<uint8_t>(8 * r + k), 0});
    }
  }
}
