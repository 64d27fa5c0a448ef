// rom_selftest: the boot ROM's documented interface, used the way pico-sdk uses it (RP2040
// datasheet 2.8.2, 2.8.3): header and version, rom_table_lookup on the function and data
// tables, bit and memory functions, the soft-float and soft-double tables, flash erase and
// program (from SRAM, with XIP off in between as on a real board), and launching core 1
// through wait_for_vector's FIFO protocol. Runs on vpico with its own ROM and on a real
// RP2040 (B2 ROM) alike; expected.txt beside it is the output of both.
//
// No floating-point arithmetic is compiled in: values are built and compared as bit patterns,
// and every operation is a call into the ROM.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define CODE(c1, c2) ((uint32_t)(c1) | ((uint32_t)(c2) << 8))

// ROM addresses near 0 look like null pointers to the compiler: launder them.
static const volatile void* rom_ptr(uint32_t address) {
  const volatile void* p;
  __asm__("" : "=r"(p) : "0"(address));
  return p;
}
static uint16_t rom_hword(uint32_t address) {
  return *(const volatile uint16_t*)rom_ptr(address);
}
static uint8_t rom_byte(uint32_t address) {
  return *(const volatile uint8_t*)rom_ptr(address);
}

typedef uint32_t (*table_lookup_fn)(uint32_t table, uint32_t code);

static uint32_t rom_lookup(uint32_t table_pointer_address, uint32_t code) {
  table_lookup_fn lookup = (table_lookup_fn)(uintptr_t)rom_hword(0x18);
  return lookup(rom_hword(table_pointer_address), code);
}
static uint32_t rom_func(uint32_t code) {
  return rom_lookup(0x14, code);
}
static uint32_t rom_data(uint32_t code) {
  return rom_lookup(0x16, code);
}

static void check_header(void) {
  check_hex("magic Mu 01", rom_byte(0x10) | rom_byte(0x11) << 8 | rom_byte(0x12) << 16, 0x01754d);
  check_dec("rom version", rom_byte(0x13), 3);

  static const char codes[][2] = {{'P', '3'}, {'R', '3'}, {'L', '3'}, {'T', '3'}, {'M', 'S'},
                                  {'S', '4'}, {'M', 'C'}, {'C', '4'}, {'I', 'F'}, {'E', 'X'},
                                  {'R', 'E'}, {'R', 'P'}, {'F', 'C'}, {'C', 'X'}, {'U', 'B'},
                                  {'D', 'T'}, {'D', 'E'}, {'W', 'V'}};
  bool all = true;
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; ++i) {
    uint32_t f = rom_func(CODE(codes[i][0], codes[i][1]));
    if (f == 0 || (f & 1) == 0 || f >= 0x4000) {
      all = false;
      report_begin(false, "function code ");
      uart0_putc(codes[i][0]);
      uart0_putc(codes[i][1]);
      uart0_puts(": got ");
      uart0_put_hex32(f);
      uart0_putc('\n');
    }
  }
  check_true("every function code found, Thumb, in ROM", all);
  check_hex("unknown code gives NULL", rom_func(CODE('Z', 'Z')), 0);
  uint32_t copyright = rom_data(CODE('C', 'R'));
  check_true("copyright string present", copyright != 0 && rom_byte(copyright) != 0);
  uint32_t sf = rom_data(CODE('S', 'F')), sd = rom_data(CODE('S', 'D'));
  check_true("SF and SD tables present", sf != 0 && sd != 0);
  check_true("SF table size byte covers V2", sf && rom_byte(sf - 2) * 4 >= 0x80);
}

static void check_bits_and_memory(void) {
  uint32_t (*popcount32)(uint32_t) = (uint32_t(*)(uint32_t))rom_func(CODE('P', '3'));
  uint32_t (*reverse32)(uint32_t) = (uint32_t(*)(uint32_t))rom_func(CODE('R', '3'));
  uint32_t (*clz32)(uint32_t) = (uint32_t(*)(uint32_t))rom_func(CODE('L', '3'));
  uint32_t (*ctz32)(uint32_t) = (uint32_t(*)(uint32_t))rom_func(CODE('T', '3'));
  check_dec("popcount32(0xf00f0001)", popcount32(0xf00f0001u), 9);
  check_hex("reverse32(0x12345678)", reverse32(0x12345678u), 0x1e6a2c48u);
  check_dec("clz32(0x00010000)", clz32(0x00010000u), 15);
  check_dec("clz32(0)", clz32(0), 32);
  check_dec("ctz32(0x00010000)", ctz32(0x00010000u), 16);
  check_dec("ctz32(0)", ctz32(0), 32);

  static uint8_t buf[64] __attribute__((aligned(4)));
  static uint8_t src[64] __attribute__((aligned(4)));
  uint8_t* (*memset_fn)(uint8_t*, uint8_t, uint32_t) =
      (uint8_t * (*)(uint8_t*, uint8_t, uint32_t)) rom_func(CODE('M', 'S'));
  uint32_t* (*memset4_fn)(uint32_t*, uint8_t, uint32_t) =
      (uint32_t * (*)(uint32_t*, uint8_t, uint32_t)) rom_func(CODE('S', '4'));
  uint8_t* (*memcpy_fn)(uint8_t*, const uint8_t*, uint32_t) =
      (uint8_t * (*)(uint8_t*, const uint8_t*, uint32_t)) rom_func(CODE('M', 'C'));
  uint32_t* (*memcpy44_fn)(uint32_t*, const uint32_t*, uint32_t) =
      (uint32_t * (*)(uint32_t*, const uint32_t*, uint32_t)) rom_func(CODE('C', '4'));

  for (uint32_t i = 0; i < sizeof src; ++i)
    src[i] = (uint8_t)(i * 7 + 1);
  check_true("memset returns ptr", memset_fn(buf + 3, 0xa5, 10) == buf + 3);
  check_true("memset fills exactly n bytes",
             buf[2] == 0 && buf[3] == 0xa5 && buf[12] == 0xa5 && buf[13] == 0);
  check_true("memset4 returns ptr", memset4_fn((uint32_t*)buf, 0x3c, 6) == (uint32_t*)buf);
  check_true("memset4 fills n bytes", buf[5] == 0x3c && buf[6] == 0xa5);
  check_true("memcpy returns dest", memcpy_fn(buf + 1, src + 2, 20) == buf + 1);
  bool same = true;
  for (uint32_t i = 0; i < 20; ++i)
    same = same && buf[1 + i] == src[2 + i];
  check_true("memcpy copies misaligned bytes", same && buf[21] != src[22]);
  memcpy44_fn((uint32_t*)buf, (const uint32_t*)src, 40);
  same = true;
  for (uint32_t i = 0; i < 40; ++i)
    same = same && buf[i] == src[i];
  check_true("memcpy44 copies words", same);
}

// Bit patterns of the values used below (IEEE 754 single and double).
#define F_1 0x3f800000u
#define F_1_5 0x3fc00000u
#define F_2 0x40000000u
#define F_2_25 0x40100000u
#define F_3 0x40400000u
#define F_MINUS_1_5 0xbfc00000u
#define F_2POW_M100 0x0d800000u
#define F_2POW_M30 0x30800000u
#define F_2POW_M24 0x33800000u
#define F_HALF 0x3f000000u
#define F_INF 0x7f800000u
#define D_HI_0_1 0x3fb99999u
#define D_LO_0_1 0x9999999au
#define D_HI_0_2 0x3fc99999u
#define D_LO_0_2 0x9999999au

typedef union {
  uint32_t u;
  float f;
} fbits;
typedef union {
  uint64_t u;
  double d;
} dbits;

static float f(uint32_t bits) {
  fbits v = {.u = bits};
  return v.f;
}
static uint32_t fb(float x) {
  fbits v = {.f = x};
  return v.u;
}
static double d(uint32_t hi, uint32_t lo) {
  dbits v = {.u = (uint64_t)hi << 32 | lo};
  return v.d;
}
static uint64_t db(double x) {
  dbits v = {.d = x};
  return v.u;
}

// The ROM's scientific functions are approximations: accept a result within 2 ulps.
static bool near_bits(uint32_t got, uint32_t want) {
  return got - want + 2 <= 4;
}

static void check_float_tables(void) {
  const volatile uint32_t* sf = (const volatile uint32_t*)rom_ptr(rom_data(CODE('S', 'F')));
  const volatile uint32_t* sd = (const volatile uint32_t*)rom_ptr(rom_data(CODE('S', 'D')));
  float (*fadd)(float, float) = (float (*)(float, float))sf[0x00 / 4];
  float (*fsub)(float, float) = (float (*)(float, float))sf[0x04 / 4];
  float (*fmul)(float, float) = (float (*)(float, float))sf[0x08 / 4];
  float (*fdiv)(float, float) = (float (*)(float, float))sf[0x0c / 4];
  float (*fsqrt)(float) = (float (*)(float))sf[0x18 / 4];
  int32_t (*float2int)(float) = (int32_t(*)(float))sf[0x1c / 4];
  int32_t (*float2fix)(float, int32_t) = (int32_t(*)(float, int32_t))sf[0x20 / 4];
  float (*int2float)(int32_t) = (float (*)(int32_t))sf[0x2c / 4];
  float (*fsin)(float) = (float (*)(float))sf[0x40 / 4];
  float (*fexp)(float) = (float (*)(float))sf[0x4c / 4];
  int32_t (*fcmp)(float, float) = (int32_t(*)(float, float))sf[0x54 / 4];
  double (*float2double)(float) = (double (*)(float))sf[0x7c / 4];

  check_hex("fadd 1.5 + 2.25", fb(fadd(f(F_1_5), f(F_2_25))), 0x40700000u);
  check_hex("fadd ties to even", fb(fadd(f(F_1), f(F_2POW_M24))), F_1);
  check_hex("fsub 1 - 1.5", fb(fsub(f(F_1), f(F_1_5))), 0xbf000000u);
  check_hex("fmul 1.5 * -1.5", fb(fmul(f(F_1_5), f(F_MINUS_1_5))), 0xc0100000u);
  check_hex("fmul flushes a denormal result", fb(fmul(f(F_2POW_M100), f(F_2POW_M30))), 0);
  check_hex("fdiv 1 / 3", fb(fdiv(f(F_1), f(F_3))), 0x3eaaaaabu);
  check_hex("fdiv 1 / 0", fb(fdiv(f(F_1), f(0))), F_INF);
  check_hex("fsqrt 2", fb(fsqrt(f(F_2))), 0x3fb504f3u);
  check_dec("float2int -1.5 rounds down", float2int(f(F_MINUS_1_5)), -2);
  check_hex("float2fix 0.5, 16", (uint32_t)float2fix(f(F_HALF), 16), 0x8000u);
  check_hex("int2float 16777217", fb(int2float(16777217)), 0x4b800000u);
  check_dec("fcmp 1 < 2", fcmp(f(F_1), f(F_2)), -1);
  check_dec("fcmp +0 == -0", fcmp(f(0), f(0x80000000u)), 0);
  check_true("fsin 0.5", near_bits(fb(fsin(f(F_HALF))), 0x3ef57744u));
  check_true("fexp 1", near_bits(fb(fexp(f(F_1))), 0x402df854u));
  uint64_t x = db(float2double(f(F_1_5)));
  check_hex("float2double 1.5 (high word)", (uint32_t)(x >> 32), 0x3ff80000u);

  double (*dadd)(double, double) = (double (*)(double, double))sd[0x00 / 4];
  double (*ddiv)(double, double) = (double (*)(double, double))sd[0x0c / 4];
  float (*double2float)(double) = (float (*)(double))sd[0x7c / 4];
  int32_t (*double2int)(double) = (int32_t(*)(double))sd[0x1c / 4];
  uint64_t s = db(dadd(d(D_HI_0_1, D_LO_0_1), d(D_HI_0_2, D_LO_0_2)));
  check_hex("dadd 0.1 + 0.2 (high word)", (uint32_t)(s >> 32), 0x3fd33333u);
  check_hex("dadd 0.1 + 0.2 (low word)", (uint32_t)s, 0x33333334u);
  uint64_t q = db(ddiv(d(0x3ff00000u, 0), d(0x40080000u, 0)));
  check_hex("ddiv 1 / 3 (low word)", (uint32_t)q, 0x55555555u);
  check_hex("double2float 1 + 2^-24 ties to even", fb(double2float(d(0x3ff00000u, 0x10000000u))),
            F_1);
  check_dec("double2int -2.5 rounds down", double2int(d(0xc0040000u, 0)), -3);
}

// Flash: erase and program the last sector, calling the ROM from SRAM with XIP off in between,
// in the order pico-sdk's hardware_flash uses (connect, exit XIP, erase or program, flush
// the cache, back to XIP).
#define TEST_SECTOR_OFFSET (2 * 1024 * 1024 - 4096)

struct flash_ops {
  void (*connect_internal_flash)(void);
  void (*flash_exit_xip)(void);
  void (*flash_range_erase)(uint32_t, uint32_t, uint32_t, uint8_t);
  void (*flash_range_program)(uint32_t, const uint8_t*, uint32_t);
  void (*flash_flush_cache)(void);
  void (*flash_enter_cmd_xip)(void);
};

__attribute__((section(".ramfunc"), noinline)) static void flash_op_from_ram(
    const struct flash_ops* ops, bool erase, const uint8_t* data) {
  ops->connect_internal_flash();
  ops->flash_exit_xip();
  if (erase)
    ops->flash_range_erase(TEST_SECTOR_OFFSET, 4096, 1u << 16, 0xd8);
  else
    ops->flash_range_program(TEST_SECTOR_OFFSET, data, 256);
  ops->flash_flush_cache();
  ops->flash_enter_cmd_xip();
}

static void check_flash(void) {
  struct flash_ops ops = {
      (void (*)(void))rom_func(CODE('I', 'F')),
      (void (*)(void))rom_func(CODE('E', 'X')),
      (void (*)(uint32_t, uint32_t, uint32_t, uint8_t))rom_func(CODE('R', 'E')),
      (void (*)(uint32_t, const uint8_t*, uint32_t))rom_func(CODE('R', 'P')),
      (void (*)(void))rom_func(CODE('F', 'C')),
      (void (*)(void))rom_func(CODE('C', 'X')),
  };
  const volatile uint32_t* xip = (const volatile uint32_t*)(XIP_BASE + TEST_SECTOR_OFFSET);
  static uint8_t page[256] __attribute__((aligned(4)));

  cpu_irq_disable();
  flash_op_from_ram(&ops, true, 0);
  cpu_irq_enable();
  check_true("erase leaves 0xff", xip[0] == 0xffffffffu && xip[1023] == 0xffffffffu);

  for (uint32_t i = 0; i < sizeof page; ++i)
    page[i] = (uint8_t)(0xf0 | (i & 0x0f));
  cpu_irq_disable();
  flash_op_from_ram(&ops, false, page);
  cpu_irq_enable();
  check_hex("program writes the page", xip[0], 0xf3f2f1f0u);
  check_hex("program stops at the page end", xip[64], 0xffffffffu);

  for (uint32_t i = 0; i < sizeof page; ++i)
    page[i] = 0x3c;
  cpu_irq_disable();
  flash_op_from_ram(&ops, false, page);
  cpu_irq_enable();
  check_hex("programming again ANDs bits", xip[0], 0x30303030u);

  cpu_irq_disable();
  flash_op_from_ram(&ops, true, 0);
  cpu_irq_enable();
  check_hex("erase again", xip[0], 0xffffffffu);
}

// Core 1: the launch protocol of the datasheet (core 0's side), with every wait bounded.
#define FIFO_WAIT_SPINS 1000000u

static bool fifo_push(uint32_t value) {
  for (uint32_t n = 0; !(mmio_read(SIO_FIFO_ST) & 2u); ++n)
    if (n == FIFO_WAIT_SPINS) return false;
  mmio_write(SIO_FIFO_WR, value);
  cpu_sev();
  return true;
}

static bool fifo_pop(uint32_t* value) {
  for (uint32_t n = 0; !(mmio_read(SIO_FIFO_ST) & 1u); ++n)
    if (n == FIFO_WAIT_SPINS) return false;
  *value = mmio_read(SIO_FIFO_RD);
  return true;
}

static void fifo_drain(void) {
  while (mmio_read(SIO_FIFO_ST) & 1u)
    (void)mmio_read(SIO_FIFO_RD);
}

static uint32_t core1_stack[128] __attribute__((aligned(8)));

static void core1_entry(void) {
  uint32_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  bool stack_ok = sp > (uint32_t)core1_stack && sp <= (uint32_t)(core1_stack + 128);
  while (!(mmio_read(SIO_FIFO_ST) & 2u)) {
  }
  mmio_write(SIO_FIFO_WR, mmio_read(SIO_CPUID));
  cpu_sev();
  while (!(mmio_read(SIO_FIFO_ST) & 2u)) {
  }
  mmio_write(SIO_FIFO_WR, mmio_read(SCB_VTOR) | (stack_ok ? 1u : 0u));
  cpu_sev();
  for (;;)
    cpu_wfi();
}

static void check_core1_launch(void) {
  const uint32_t seq[6] = {0,
                           0,
                           1,
                           FLASH_VECTORS_ADDR,
                           (uint32_t)(core1_stack + 128),
                           (uint32_t)(uintptr_t)&core1_entry};
  bool ok = true;
  uint32_t i = 0;
  for (uint32_t rounds = 0; ok && i < 6; ++rounds) {
    uint32_t cmd = seq[i], response = 0;
    if (cmd == 0) {
      fifo_drain();
      cpu_sev();
    }
    ok = rounds < 60 && fifo_push(cmd) && fifo_pop(&response);
    i = response == cmd ? i + 1 : 0;
  }
  check_true("core 1 echoed the launch sequence", ok);
  uint32_t cpuid = 0, vtor = 0;
  bool answered = ok && fifo_pop(&cpuid) && fifo_pop(&vtor);
  check_true("core 1 runs the entry point", answered);
  check_dec("core 1 CPUID", (int32_t)cpuid, 1);
  check_hex("core 1 VTOR and stack", vtor, FLASH_VECTORS_ADDR | 1u);
}

int main(void) {
  selftest_begin("rom_selftest");
  check_header();
  check_bits_and_memory();
  check_float_tables();
  check_flash();
  check_core1_launch();
  selftest_end();
}
