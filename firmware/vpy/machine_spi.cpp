// machine.SPI: the RP2040's SPI controllers (an Arm PL022, datasheet 4.4) as masters, Motorola
// frames of 8 bits or fewer, MSB first. Chip select is the program's own Pin, as on MicroPython.
#include "bringup.h"
#include "buffers.h"
#include "machine.h"
#include "regs.h"

namespace vpy {

namespace {

// MicroPython's rp2 defaults: SPI0 on GPIO18 (SCK), 19 (MOSI), 16 (MISO); SPI1 on 10, 11, 8.
constexpr uint8_t kDefaultSck[2] = {18, 10}, kDefaultMosi[2] = {19, 11}, kDefaultMiso[2] = {16, 8};
enum : Int { kLsbFirst = 0, kMsbFirst = 1 };  // MicroPython's rp2 values

struct SpiObj {
  const Type* type;
  uint8_t id;
  uint8_t sck, mosi, miso;
  uint8_t polarity, phase, bits;
  uint32_t baudrate;
};
SpiObj spi_objs[2] = {{&machine_spi_type, 0, 18, 19, 16, 0, 0, 8, 1000000},
                      {&machine_spi_type, 1, 10, 11, 8, 0, 0, 8, 1000000}};

uint32_t reg(const SpiObj* o, uint32_t off) {
  return (o->id ? SPI1_BASE : SPI0_BASE) + off;
}

// The bit rate nearest below `baud`: an even prescaler CPSDVSR (2..254) as small as keeps the
// post-divider (1 + SCR, 1..256) in range, then the smallest post-divider that does not exceed
// the rate (pico-sdk's spi_set_baudrate); returns the rate set.
uint32_t set_baudrate(SpiObj* o, uint32_t baud) {
  const uint32_t clk = machine_clk_peri_hz();
  uint32_t prescale = 2;
  while (prescale < 254 && uint64_t(clk) >= uint64_t(prescale + 2) * 256 * baud)
    prescale += 2;
  if (uint64_t(clk) >= uint64_t(prescale + 2) * 256 * baud && prescale == 254) {
    raise_msg(&exc_ValueError, "baudrate too low");
  }
  uint32_t postdiv = 256;
  while (postdiv > 1 && clk / (prescale * (postdiv - 1)) <= baud)
    postdiv--;
  mmio_write(reg(o, SPI_SSPCPSR), prescale);
  const uint32_t cr0 = mmio_read(reg(o, SPI_SSPCR0)) & ~0xff00u;
  mmio_write(reg(o, SPI_SSPCR0), cr0 | ((postdiv - 1) << 8));
  return clk / (prescale * postdiv);
}

// SPI(id, baudrate=1000000, *, polarity=0, phase=0, bits=8, firstbit=MSB, sck, mosi, miso)
// and init().
void spi_configure(SpiObj* o, size_t n_args, const Value* args, const KwArgs* kw) {
  static const Qstr names[] = {Q_baudrate, Q_polarity, Q_phase, Q_bits,
                               Q_firstbit, Q_sck,      Q_mosi,  Q_miso};
  Value a[8];
  machine_parse_args(n_args, args, kw, names, 8, 1, a);
  const Int baud = a[0] == kNull ? o->baudrate : int_get(a[0]);
  const Int polarity = a[1] == kNull ? o->polarity : int_get(a[1]);
  const Int phase = a[2] == kNull ? o->phase : int_get(a[2]);
  const Int bits = a[3] == kNull ? o->bits : int_get(a[3]);
  if (a[4] != kNull && int_get(a[4]) != kMsbFirst) raise_msg(&exc_NotImplementedError, "LSB");
  if (baud <= 0) raise_msg(&exc_ValueError, "baudrate must be positive");
  if (bits < 4 || bits > 8) raise_msg(&exc_ValueError, "bits must be 4..8");
  const uint32_t sck = a[5] == kNull ? o->sck : machine_pin_id(a[5]);
  const uint32_t mosi = a[6] == kNull ? o->mosi : machine_pin_id(a[6]);
  const uint32_t miso = a[7] == kNull ? o->miso : machine_pin_id(a[7]);
  // Datasheet 2.19.2: SPI0 on GPIO 0..7 and 16..23, SPI1 on 8..15 and 24..29; within each
  // group of four, RX (MISO) first, then CSn, SCK, TX (MOSI).
  auto spi_of = [](uint32_t pin) { return (pin >> 3) & 1; };
  if (sck % 4 != 2 || spi_of(sck) != o->id) raise_msg(&exc_ValueError, "bad SCK pin");
  if (mosi % 4 != 3 || spi_of(mosi) != o->id) raise_msg(&exc_ValueError, "bad MOSI pin");
  if (miso % 4 != 0 || spi_of(miso) != o->id) raise_msg(&exc_ValueError, "bad MISO pin");
  o->sck = static_cast<uint8_t>(sck);
  o->mosi = static_cast<uint8_t>(mosi);
  o->miso = static_cast<uint8_t>(miso);
  o->polarity = polarity & 1;
  o->phase = phase & 1;
  o->bits = static_cast<uint8_t>(bits);

  const uint32_t reset_bit = o->id ? RESETS_SPI1 : RESETS_SPI0;
  mmio_set_bits(RESETS_RESET, reset_bit);
  resets_release(reset_bit);
  mmio_write(reg(o, SPI_SSPCR1), 0);
  mmio_write(reg(o, SPI_SSPCR0), (o->phase ? SPI_SSPCR0_SPH : 0u) |
                                     (o->polarity ? SPI_SSPCR0_SPO : 0u) |
                                     static_cast<uint32_t>(bits - 1));
  o->baudrate = set_baudrate(o, static_cast<uint32_t>(baud));
  mmio_write(reg(o, SPI_SSPCR1), SPI_SSPCR1_SSE);
  machine_pin_set_function(sck, GPIO_FUNC_SPI);
  machine_pin_set_function(mosi, GPIO_FUNC_SPI);
  machine_pin_set_function(miso, GPIO_FUNC_SPI);
}

Value spi_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  const Int id = n_args ? int_get(args[0]) : 0;
  if (id < 0 || id > 1) raise_fmt(&exc_ValueError, "SPI(%d) doesn't exist", static_cast<int>(id));
  SpiObj* o = &spi_objs[id];
  o->sck = kDefaultSck[id];
  o->mosi = kDefaultMosi[id];
  o->miso = kDefaultMiso[id];
  KwArgs kw{n_kw, args + n_args};
  spi_configure(o, n_args ? n_args - 1 : 0, args + 1, &kw);
  return val(o);
}

Value spi_init(size_t n_args, const Value* a, const KwArgs* kw) {
  spi_configure(as<SpiObj>(a[0]), n_args - 1, a + 1, kw);
  return kNone;
}

Value spi_deinit(size_t, const Value* a, const KwArgs*) {
  mmio_write(reg(as<SpiObj>(a[0]), SPI_SSPCR1), 0);
  return kNone;
}

// Frame by frame: one out, one in (the FIFOs never hold more than one, so none overruns).
void transfer(SpiObj* o, const uint8_t* out, uint8_t fill, uint8_t* in, size_t len) {
  for (size_t i = 0; i < len; i++) {
    while (!(mmio_read(reg(o, SPI_SSPSR)) & SPI_SSPSR_TNF)) {
    }
    mmio_write(reg(o, SPI_SSPDR), out ? out[i] : fill);
    while (!(mmio_read(reg(o, SPI_SSPSR)) & SPI_SSPSR_RNE)) {
    }
    const uint8_t r = static_cast<uint8_t>(mmio_read(reg(o, SPI_SSPDR)));
    if (in) in[i] = r;
  }
}

Value spi_write(size_t, const Value* a, const KwArgs*) {
  Buffer b;
  buffer_get_raise(a[1], &b, kBufferRead);
  transfer(as<SpiObj>(a[0]), static_cast<const uint8_t*>(b.data), 0, nullptr, b.len);
  return kNone;
}

uint8_t fill_arg(size_t n_args, const Value* a, size_t at, const KwArgs* kw) {
  const Value v = n_args > at ? a[at] : kw_get(kw, Q_write, small_int(0));
  return static_cast<uint8_t>(int_get(v));
}

// read(nbytes, write=0x00)
Value spi_read(size_t n_args, const Value* a, const KwArgs* kw) {
  const Int n = int_get(a[1]);
  if (n < 0) raise_msg(&exc_ValueError, "negative count");
  Vstr v;
  vstr_init(&v, static_cast<size_t>(n));
  char* buf = vstr_extend(&v, static_cast<size_t>(n));
  transfer(as<SpiObj>(a[0]), nullptr, fill_arg(n_args, a, 2, kw), reinterpret_cast<uint8_t*>(buf),
           static_cast<size_t>(n));
  return vstr_to_bytes(&v);
}

// readinto(buf, write=0x00)
Value spi_readinto(size_t n_args, const Value* a, const KwArgs* kw) {
  Buffer b;
  buffer_get_raise(a[1], &b, kBufferWrite);
  transfer(as<SpiObj>(a[0]), nullptr, fill_arg(n_args, a, 2, kw), static_cast<uint8_t*>(b.data),
           b.len);
  return kNone;
}

// write_readinto(write_buf, read_buf): the same length both ways.
Value spi_write_readinto(size_t, const Value* a, const KwArgs*) {
  Buffer w, r;
  buffer_get_raise(a[1], &w, kBufferRead);
  buffer_get_raise(a[2], &r, kBufferWrite);
  if (w.len != r.len) raise_msg(&exc_ValueError, "buffers must be the same length");
  transfer(as<SpiObj>(a[0]), static_cast<const uint8_t*>(w.data), 0, static_cast<uint8_t*>(r.data),
           w.len);
  return kNone;
}

void spi_print(const Printer* p, Value self, PrintKind) {
  SpiObj* o = as<SpiObj>(self);
  print_fmt(p, "SPI(%u, baudrate=%u, polarity=%u, phase=%u, bits=%u, sck=%u, mosi=%u, miso=%u)",
            static_cast<unsigned>(o->id), static_cast<unsigned>(o->baudrate),
            static_cast<unsigned>(o->polarity), static_cast<unsigned>(o->phase),
            static_cast<unsigned>(o->bits), static_cast<unsigned>(o->sck),
            static_cast<unsigned>(o->mosi), static_cast<unsigned>(o->miso));
}

const NativeFunObj spi_init_obj = {&native_fun_type, 1, 2, 1, Q_init, spi_init};
const NativeFunObj spi_deinit_obj = {&native_fun_type, 1, 1, 0, Q_deinit, spi_deinit};
const NativeFunObj spi_write_obj = {&native_fun_type, 2, 2, 0, Q_write, spi_write};
const NativeFunObj spi_read_obj = {&native_fun_type, 2, 3, 1, Q_read, spi_read};
const NativeFunObj spi_readinto_obj = {&native_fun_type, 2, 3, 1, Q_readinto, spi_readinto};
const NativeFunObj spi_write_readinto_obj = {&native_fun_type,  3, 3, 0, Q_write_readinto,
                                             spi_write_readinto};
const RomEntry spi_methods_table[] = {
    {Q_init, 0, &spi_init_obj},
    {Q_deinit, 0, &spi_deinit_obj},
    {Q_write, 0, &spi_write_obj},
    {Q_read, 0, &spi_read_obj},
    {Q_readinto, 0, &spi_readinto_obj},
    {Q_write_readinto, 0, &spi_write_readinto_obj},
    {Q_MSB, small_int(kMsbFirst), nullptr},
    {Q_LSB, small_int(kLsbFirst), nullptr},
};
const RomMap spi_methods = {spi_methods_table, sizeof(spi_methods_table) / sizeof(RomEntry)};

}  // namespace

const Type machine_spi_type = {.type = &type_type,
                               .name = Q_SPI,
                               .flags = kTypeEqByIdentity,
                               .print = spi_print,
                               .make_new = spi_make_new,
                               .methods = &spi_methods,
                               .base = &object_type};

}  // namespace vpy
