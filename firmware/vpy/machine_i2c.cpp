// machine.I2C: the RP2040's I2C controllers (datasheet 4.3, Synopsys DW_apb_i2c) as bus masters,
// driven the way pico-sdk's hardware_i2c drives them (firmware/tests/i2c/main.c is our own test
// of the same sequence). A transfer NACKed by the target raises OSError(EIO) and one that does
// not finish in `timeout` microseconds OSError(ETIMEDOUT), as on MicroPython's rp2 port.
#include "bringup.h"
#include "buffers.h"
#include "machine.h"
#include "regs.h"

namespace vpy {

namespace {

constexpr int kEio = 5, kEtimedout = 110;
constexpr uint32_t kDefaultFreq = 400000;
constexpr uint32_t kDefaultTimeoutUs = 50000;
// MicroPython's rp2 defaults: I2C0 on GPIO9 (SCL) / GPIO8 (SDA), I2C1 on GPIO7 / GPIO6.
constexpr uint8_t kDefaultScl[2] = {9, 7}, kDefaultSda[2] = {8, 6};

struct I2cObj {
  const Type* type;
  uint8_t id;
  uint8_t scl, sda;
  bool restart_next;  // the last transfer ended without STOP: the next starts with RESTART
  uint32_t freq;
  uint32_t timeout_us;
};

I2cObj i2c_objs[2] = {{&machine_i2c_type, 0, 9, 8, false, 0, kDefaultTimeoutUs},
                      {&machine_i2c_type, 1, 7, 6, false, 0, kDefaultTimeoutUs}};

uint32_t base(const I2cObj* o) {
  return o->id ? I2C1_BASE : I2C0_BASE;
}
uint32_t rd(const I2cObj* o, uint32_t off) {
  return mmio_read(base(o) + off);
}
void wr(const I2cObj* o, uint32_t off, uint32_t v) {
  mmio_write(base(o) + off, v);
}

// The controller as a fast-mode master at `freq` from clk_peri (pico-sdk's i2c_init and
// i2c_set_baudrate: SCL low for 3/5 of the period, high for the rest); returns the frequency
// it runs at.
uint32_t controller_init(I2cObj* o, uint32_t freq) {
  const uint32_t reset_bit = o->id ? RESETS_I2C1 : RESETS_I2C0;
  mmio_set_bits(RESETS_RESET, reset_bit);
  resets_release(reset_bit);
  wr(o, IC_ENABLE, 0);
  wr(o, IC_CON,
     IC_CON_SPEED_FAST | IC_CON_MASTER_MODE | IC_CON_SLAVE_DISABLE | IC_CON_RESTART_EN |
         IC_CON_TX_EMPTY_CTRL);
  wr(o, IC_TX_TL, 0);
  wr(o, IC_RX_TL, 0);
  wr(o, IC_DMA_CR, 3);
  const uint32_t clk = machine_clk_peri_hz();
  const uint32_t period = (clk + freq / 2) / freq;
  const uint32_t lcnt = period * 3 / 5, hcnt = period - lcnt;
  if (hcnt < 8 || lcnt < 8) raise_msg(&exc_ValueError, "I2C frequency too high");
  if (hcnt > 0xffff || lcnt > 0xffff) raise_msg(&exc_ValueError, "I2C frequency too low");
  wr(o, IC_FS_SCL_HCNT, hcnt);
  wr(o, IC_FS_SCL_LCNT, lcnt);
  wr(o, IC_FS_SPKLEN, lcnt < 16 ? 1 : lcnt / 16);
  // SDA held 300 ns after SCL falls (at least one cycle), as the I2C specification wants.
  const uint32_t hold = static_cast<uint32_t>((uint64_t(clk) * 3) / 10000000 + 1);
  wr(o, IC_SDA_HOLD, (rd(o, IC_SDA_HOLD) & ~0xffffu) | (hold & 0xffff));
  wr(o, IC_ENABLE, IC_ENABLE_ENABLE);
  o->restart_next = false;
  return clk / period;
}

void set_target(I2cObj* o, uint32_t addr) {
  wr(o, IC_ENABLE, 0);
  wr(o, IC_TAR, addr);
  wr(o, IC_ENABLE, IC_ENABLE_ENABLE);
}

// Waits for a raw interrupt bit; false after the timeout.
bool wait_raw(I2cObj* o, uint32_t bit, uint64_t deadline) {
  while (!(rd(o, IC_RAW_INTR_STAT) & bit)) {
    if (port_ticks_us() >= deadline) return false;
  }
  return true;
}

// Bytes written (every one ACKed), or -EIO (a NACK: the transfer aborted) or -ETIMEDOUT.
int write_bytes(I2cObj* o, uint32_t addr, const uint8_t* src, size_t len, bool stop) {
  set_target(o, addr);
  const uint64_t deadline = port_ticks_us() + o->timeout_us;
  bool abort = false;
  size_t n;
  for (n = 0; n < len; n++) {
    const bool first = n == 0, last = n + 1 == len;
    wr(o, IC_DATA_CMD,
       (first && o->restart_next ? IC_DATA_CMD_RESTART : 0u) |
           (last && stop ? IC_DATA_CMD_STOP : 0u) | src[n]);
    if (!wait_raw(o, IC_INTR_TX_EMPTY, deadline)) return -kEtimedout;
    if (rd(o, IC_TX_ABRT_SOURCE)) {
      rd(o, IC_CLR_TX_ABRT);
      abort = true;
    }
    if (abort || (last && stop)) {
      if (!wait_raw(o, IC_INTR_STOP_DET, deadline)) return -kEtimedout;
      rd(o, IC_CLR_STOP_DET);
    }
    if (abort) break;
  }
  o->restart_next = !stop;
  return abort ? -kEio : static_cast<int>(n);
}

int read_bytes(I2cObj* o, uint32_t addr, uint8_t* dst, size_t len, bool stop) {
  set_target(o, addr);
  const uint64_t deadline = port_ticks_us() + o->timeout_us;
  for (size_t n = 0; n < len; n++) {
    const bool first = n == 0, last = n + 1 == len;
    while (rd(o, IC_TXFLR) >= 16) {
      if (port_ticks_us() >= deadline) return -kEtimedout;
    }
    wr(o, IC_DATA_CMD,
       (first && o->restart_next ? IC_DATA_CMD_RESTART : 0u) |
           (last && stop ? IC_DATA_CMD_STOP : 0u) | IC_DATA_CMD_READ);
    for (;;) {
      if (rd(o, IC_RAW_INTR_STAT) & IC_INTR_TX_ABRT) {
        rd(o, IC_CLR_TX_ABRT);
        o->restart_next = false;
        return -kEio;
      }
      if (rd(o, IC_RXFLR) > 0) break;
      if (port_ticks_us() >= deadline) return -kEtimedout;
    }
    dst[n] = static_cast<uint8_t>(rd(o, IC_DATA_CMD));
  }
  o->restart_next = !stop;
  return static_cast<int>(len);
}

int check(int r) {
  if (r < 0) raise_os_error(-r);
  return r;
}

I2cObj* i2c(Value v) {
  return as<I2cObj>(v);
}

uint32_t pin_arg(Value v, uint32_t dflt) {
  return v == kNull || v == kNone ? dflt : machine_pin_id(v);
}

// I2C(id, *, scl, sda, freq=400000, timeout=50000).
Value i2c_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  static const Qstr names[] = {Q_id, Q_freq, Q_scl, Q_sda, Q_timeout};
  Value a[5];
  KwArgs kw{n_kw, args + n_args};
  machine_parse_args(n_args, args, &kw, names, 5, 2, a);
  const Int id = a[0] == kNull ? 0 : int_get(a[0]);
  if (id < 0 || id > 1) raise_fmt(&exc_ValueError, "I2C(%d) doesn't exist", static_cast<int>(id));
  I2cObj* o = &i2c_objs[id];
  const uint32_t scl = pin_arg(a[2], kDefaultScl[id]), sda = pin_arg(a[3], kDefaultSda[id]);
  // Datasheet 2.19.2: I2Cn SDA is on GPIO 4k + 2n, SCL on GPIO 4k + 2n + 1.
  if (scl % 4 != 2 * static_cast<uint32_t>(id) + 1) raise_msg(&exc_ValueError, "bad SCL pin");
  if (sda % 4 != 2 * static_cast<uint32_t>(id)) raise_msg(&exc_ValueError, "bad SDA pin");
  const Int freq = a[1] == kNull ? kDefaultFreq : int_get(a[1]);
  if (freq <= 0) raise_msg(&exc_ValueError, "I2C frequency too low");
  o->timeout_us = a[4] == kNull ? kDefaultTimeoutUs : static_cast<uint32_t>(int_get(a[4]));
  o->scl = static_cast<uint8_t>(scl);
  o->sda = static_cast<uint8_t>(sda);
  o->freq = controller_init(o, static_cast<uint32_t>(freq));
  // Both pads to the controller, pulled up on chip as MicroPython's rp2 port does.
  machine_pin_set_function(scl, GPIO_FUNC_I2C);
  machine_pin_set_function(sda, GPIO_FUNC_I2C);
  machine_pin_set_pulls(scl, true, false);
  machine_pin_set_pulls(sda, true, false);
  return val(o);
}

// scan(): the addresses 0x08..0x77 that answer. A one-byte read (a zero-length write, which
// MicroPython bit-bangs for this, is not possible on this controller) is harmless to a device.
Value i2c_scan(size_t, const Value* a, const KwArgs*) {
  I2cObj* o = i2c(a[0]);
  Value list = list_new(0, nullptr);
  for (uint32_t addr = 0x08; addr <= 0x77; addr++) {
    uint8_t byte;
    const int r = read_bytes(o, addr, &byte, 1, true);
    if (r == -kEtimedout) raise_os_error(kEtimedout);
    if (r > 0) list_append(list, small_int(addr));
  }
  return list;
}

uint32_t addr_arg(Value v) {
  return static_cast<uint32_t>(int_get(v)) & 0x7f;
}

// readfrom(addr, nbytes, stop=True)
Value i2c_readfrom(size_t n_args, const Value* a, const KwArgs*) {
  const Int n = int_get(a[2]);
  if (n < 0) raise_msg(&exc_ValueError, "negative count");
  Vstr v;
  vstr_init(&v, static_cast<size_t>(n));
  char* buf = vstr_extend(&v, static_cast<size_t>(n));
  check(read_bytes(i2c(a[0]), addr_arg(a[1]), reinterpret_cast<uint8_t*>(buf),
                   static_cast<size_t>(n), n_args < 4 || is_true(a[3])));
  return vstr_to_bytes(&v);
}

Buffer buffer_arg(Value v, int flags) {
  Buffer b;
  buffer_get_raise(v, &b, flags);
  return b;
}

// readfrom_into(addr, buf, stop=True)
Value i2c_readfrom_into(size_t n_args, const Value* a, const KwArgs*) {
  Buffer b = buffer_arg(a[2], kBufferWrite);
  check(read_bytes(i2c(a[0]), addr_arg(a[1]), static_cast<uint8_t*>(b.data), b.len,
                   n_args < 4 || is_true(a[3])));
  return kNone;
}

// writeto(addr, buf, stop=True): the number of bytes ACKed.
Value i2c_writeto(size_t n_args, const Value* a, const KwArgs*) {
  Buffer b = buffer_arg(a[2], kBufferRead);
  if (b.len == 0) raise_msg(&exc_ValueError, "zero-length writes are not supported");
  return small_int(check(write_bytes(i2c(a[0]), addr_arg(a[1]), static_cast<const uint8_t*>(b.data),
                                     b.len, n_args < 4 || is_true(a[3]))));
}

// The memory address of *_mem, most significant byte first (addrsize 8, 16, 24 or 32 bits).
size_t mem_addr(Value addr, const KwArgs* kw, uint8_t* out) {
  const Int bits = int_get(kw_get(kw, Q_addrsize, small_int(8)));
  if (bits < 8 || bits > 32 || bits % 8) raise_msg(&exc_ValueError, "invalid addrsize");
  const size_t n = static_cast<size_t>(bits / 8);
  const uint32_t v = static_cast<uint32_t>(int_get_u64_trunc(addr));
  for (size_t i = 0; i < n; i++)
    out[i] = static_cast<uint8_t>(v >> (8 * (n - 1 - i)));
  return n;
}

void arg_kw_only(const KwArgs* kw) {
  for (size_t i = 0; kw && i < kw->n; i++) {
    if (kw->pairs[2 * i] != qstr_value(Q_addrsize)) {
      raise_fmt(&exc_TypeError, "unexpected keyword argument '%S'", kw->pairs[2 * i]);
    }
  }
}

// Writes the memory address without STOP, then reads with a RESTART (readfrom_mem*).
void read_mem(I2cObj* o, uint32_t addr, Value memaddr, const KwArgs* kw, uint8_t* dst, size_t n) {
  arg_kw_only(kw);
  uint8_t ab[4];
  const size_t alen = mem_addr(memaddr, kw, ab);
  check(write_bytes(o, addr, ab, alen, false));
  check(read_bytes(o, addr, dst, n, true));
}

// readfrom_mem(addr, memaddr, nbytes, *, addrsize=8)
Value i2c_readfrom_mem(size_t, const Value* a, const KwArgs* kw) {
  const Int n = int_get(a[3]);
  if (n < 0) raise_msg(&exc_ValueError, "negative count");
  Vstr v;
  vstr_init(&v, static_cast<size_t>(n));
  char* buf = vstr_extend(&v, static_cast<size_t>(n));
  read_mem(i2c(a[0]), addr_arg(a[1]), a[2], kw, reinterpret_cast<uint8_t*>(buf),
           static_cast<size_t>(n));
  return vstr_to_bytes(&v);
}

// readfrom_mem_into(addr, memaddr, buf, *, addrsize=8)
Value i2c_readfrom_mem_into(size_t, const Value* a, const KwArgs* kw) {
  Buffer b = buffer_arg(a[3], kBufferWrite);
  read_mem(i2c(a[0]), addr_arg(a[1]), a[2], kw, static_cast<uint8_t*>(b.data), b.len);
  return kNone;
}

// writeto_mem(addr, memaddr, buf, *, addrsize=8): one transfer, the address then the data.
Value i2c_writeto_mem(size_t, const Value* a, const KwArgs* kw) {
  arg_kw_only(kw);
  Buffer b = buffer_arg(a[3], kBufferRead);
  uint8_t ab[4];
  const size_t alen = mem_addr(a[2], kw, ab);
  Vstr v;
  vstr_init(&v, alen + b.len);
  vstr_add_strn(&v, reinterpret_cast<const char*>(ab), alen);
  vstr_add_strn(&v, static_cast<const char*>(b.data), b.len);
  check(
      write_bytes(i2c(a[0]), addr_arg(a[1]), reinterpret_cast<const uint8_t*>(v.buf), v.len, true));
  return kNone;
}

void i2c_print(const Printer* p, Value self, PrintKind) {
  I2cObj* o = i2c(self);
  print_fmt(p, "I2C(%u, freq=%u, scl=%u, sda=%u, timeout=%u)", static_cast<unsigned>(o->id),
            static_cast<unsigned>(o->freq), static_cast<unsigned>(o->scl),
            static_cast<unsigned>(o->sda), static_cast<unsigned>(o->timeout_us));
}

const NativeFunObj i2c_scan_obj = {&native_fun_type, 1, 1, 0, Q_scan, i2c_scan};
const NativeFunObj i2c_readfrom_obj = {&native_fun_type, 3, 4, 0, Q_readfrom, i2c_readfrom};
const NativeFunObj i2c_readfrom_into_obj = {&native_fun_type, 3, 4, 0, Q_readfrom_into,
                                            i2c_readfrom_into};
const NativeFunObj i2c_writeto_obj = {&native_fun_type, 3, 4, 0, Q_writeto, i2c_writeto};
const NativeFunObj i2c_readfrom_mem_obj = {&native_fun_type, 4, 4, 1, Q_readfrom_mem,
                                           i2c_readfrom_mem};
const NativeFunObj i2c_readfrom_mem_into_obj = {&native_fun_type,     4, 4, 1, Q_readfrom_mem_into,
                                                i2c_readfrom_mem_into};
const NativeFunObj i2c_writeto_mem_obj = {&native_fun_type, 4, 4, 1, Q_writeto_mem,
                                          i2c_writeto_mem};
const RomEntry i2c_methods_table[] = {
    {Q_scan, 0, &i2c_scan_obj},
    {Q_readfrom, 0, &i2c_readfrom_obj},
    {Q_readfrom_into, 0, &i2c_readfrom_into_obj},
    {Q_writeto, 0, &i2c_writeto_obj},
    {Q_readfrom_mem, 0, &i2c_readfrom_mem_obj},
    {Q_readfrom_mem_into, 0, &i2c_readfrom_mem_into_obj},
    {Q_writeto_mem, 0, &i2c_writeto_mem_obj},
};
const RomMap i2c_methods = {i2c_methods_table, sizeof(i2c_methods_table) / sizeof(RomEntry)};

}  // namespace

const Type machine_i2c_type = {.type = &type_type,
                               .name = Q_I2C,
                               .flags = kTypeEqByIdentity,
                               .print = i2c_print,
                               .make_new = i2c_make_new,
                               .methods = &i2c_methods,
                               .base = &object_type};

}  // namespace vpy
