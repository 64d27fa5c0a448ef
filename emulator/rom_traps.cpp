// Host implementations of the boot ROM's leaf functions (see rom_traps.h, traps.def).
//
// Floating point. The RP2040 ROM's soft-float and soft-double functions (datasheet 2.8.3) come
// from a library whose documented rules are: NaN inputs are taken as infinities of the same
// sign and NaN is never returned; denormal inputs are taken as zeros of the same sign and
// denormal results are flushed to zeros; +0 and -0 compare equal; add, subtract, multiply,
// divide and square root are correctly rounded (to nearest, ties to even); conversions to
// integers round towards -infinity and clamp; conversions from integers round to nearest.
// Here the host's IEEE arithmetic (round to nearest) computes the result and the rules are
// applied on the way in (rom_in) and out (rom_out). Where this differs from a real RP2040:
//   - sin, cos, tan, atan2, exp and ln come from the host's libm (correctly rounded or within
//     an ulp) where the ROM uses fixed-point approximations: the last bit or two may differ,
//     more so near the zeros of sin and cos and the pole of tan; arguments outside the ROM's
//     documented range (|x| < 128 single, < 1024 double) still give the true value where the
//     ROM's result is unspecified;
//   - operations IEEE calls invalid give an infinity, as the ROM's does (pico-sdk's NaN
//     propagation wrappers recognise them by an infinite result), with a sign of our choosing:
//     inf - inf keeps the first operand, 0 * inf, 0 / 0, x / 0 and inf / inf take the XOR of
//     the operands' signs; a NaN the host returns (only for arguments outside a function's
//     domain, e.g. sin(inf)) becomes +inf;
//   - flushing to zero is done after rounding to the result's precision, so a result that
//     rounds up to the smallest normal number is kept;
//   - the 'fast' comparisons (table offsets 0x10, 0x14) behave as the full one (0x54); the
//     flags variant also sets N, Z, C, V as `cmp a, b` would on the ordered values;
//   - the SIO hardware divider is left alone (the real ROM divides with it; pico-sdk saves and
//     restores its state around those calls), and only the result registers change.
//
// Flash. Erase sets bytes to 0xff, programming ANDs data into them as NOR flash does. The
// timings are the typical figures of the Pico's W25Q16JV (Winbond datasheet, AC electrical
// characteristics): sector erase 45 ms, 32 KiB block 120 ms, 64 KiB block 150 ms, page program
// 0.4 ms, plus the serial transfer at SCK = clk_sys / 6.
#include "rom_traps.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <unicorn/unicorn.h>

namespace vpico {
namespace {

// ---------------------------------------------------------------------------------------------
// A trap's view of its caller: arguments, results, memory
// ---------------------------------------------------------------------------------------------

class Call {
 public:
  Call(RomHost& host, std::string_view name) : m_host(host), m_name(name) {}

  RomHost& host() { return m_host; }
  uint32_t r(int i) const { return m_host.reg(UC_ARM_REG_R0 + i); }
  int32_t s(int i) const { return int32_t(r(i)); }
  uint64_t r64(int i) const { return uint64_t(r(i)) | uint64_t(r(i + 1)) << 32; }
  void set(int i, uint32_t v) { m_host.set_reg(UC_ARM_REG_R0 + i, v); }
  void set64(int i, uint64_t v) {
    set(i, uint32_t(v));
    set(i + 1, uint32_t(v >> 32));
  }

  bool read(uint32_t address, void* out, size_t n) {
    if (m_host.read(address, out, n)) return true;
    fail(fmt::format("{}-byte read at 0x{:08x} failed", n, address));
    return false;
  }
  bool write(uint32_t address, const void* in, size_t n) {
    if (m_host.write(address, in, n)) return true;
    fail(fmt::format("{}-byte write at 0x{:08x} failed", n, address));
    return false;
  }
  void fail(const std::string& what) {
    if (!m_failed) m_host.fault(fmt::format("ROM function {}: {}", m_name, what));
    m_failed = true;
  }
  bool failed() const { return m_failed; }

 private:
  RomHost& m_host;
  std::string_view m_name;
  bool m_failed = false;
};

using Handler = uint64_t (*)(Call&);  // returns the cycles beyond the fixed cost

// ---------------------------------------------------------------------------------------------
// Bit operations and memory
// ---------------------------------------------------------------------------------------------

uint64_t trap_popcount32(Call& c) {
  c.set(0, uint32_t(std::popcount(c.r(0))));
  return 0;
}

uint64_t trap_reverse32(Call& c) {
  uint32_t v = c.r(0), out = 0;
  for (int i = 0; i < 32; ++i)
    out |= ((v >> i) & 1u) << (31 - i);
  c.set(0, out);
  return 0;
}

// Datasheet 2.8.3: both return 32 for a zero argument.
uint64_t trap_clz32(Call& c) {
  c.set(0, uint32_t(std::countl_zero(c.r(0))));
  return 0;
}

uint64_t trap_ctz32(Call& c) {
  c.set(0, uint32_t(std::countr_zero(c.r(0))));
  return 0;
}

constexpr size_t kChunk = 4096;

// Fills n bytes at `ptr` with the low byte of `value`, in chunks.
bool fill(Call& c, uint32_t ptr, uint8_t value, uint32_t n) {
  std::vector<uint8_t> buf(std::min<size_t>(n, kChunk), value);
  for (uint32_t done = 0; done < n;) {
    uint32_t k = uint32_t(std::min<size_t>(n - done, kChunk));
    if (!c.write(ptr + done, buf.data(), k)) return false;
    done += k;
  }
  return true;
}

// Copies forwards in chunks (the datasheet leaves overlapping regions undefined).
bool copy(Call& c, uint32_t dest, uint32_t src, uint32_t n) {
  std::vector<uint8_t> buf(std::min<size_t>(n, kChunk));
  for (uint32_t done = 0; done < n;) {
    uint32_t k = uint32_t(std::min<size_t>(n - done, kChunk));
    if (!c.read(src + done, buf.data(), k) || !c.write(dest + done, buf.data(), k)) return false;
    done += k;
  }
  return true;
}

// memset(ptr, c, n) -> ptr. Cost beyond the fixed part, est.: words stored four at a time with
// STMIA (5 cycles per 16 bytes) plus the loop (3), about half a cycle per byte.
uint64_t trap_memset(Call& c) {
  uint32_t ptr = c.r(0), n = c.r(2);
  fill(c, ptr, uint8_t(c.r(1)), n);
  return uint64_t(n) / 2;
}

// memset4: as memset for a word-aligned ptr; the ROM's word stores would fault otherwise.
uint64_t trap_memset4(Call& c) {
  uint32_t ptr = c.r(0), n = c.r(2);
  if (ptr & 3) {
    c.fail(fmt::format("pointer 0x{:08x} is not word aligned (a HardFault on the RP2040)", ptr));
    return 0;
  }
  fill(c, ptr, uint8_t(c.r(1)), n);
  return uint64_t(n) / 2;
}

// memcpy(dest, src, n) -> dest. Est.: LDMIA + STMIA + loop, 13 cycles per 16 bytes, when the
// two pointers share their alignment; a byte loop (LDRB, STRB, SUBS, BNE: 6 cycles) otherwise.
uint64_t trap_memcpy(Call& c) {
  uint32_t dest = c.r(0), src = c.r(1), n = c.r(2);
  copy(c, dest, src, n);
  return ((dest ^ src) & 3) == 0 ? uint64_t(n) * 13 / 16 : uint64_t(n) * 6;
}

uint64_t trap_memcpy44(Call& c) {
  uint32_t dest = c.r(0), src = c.r(1), n = c.r(2);
  if ((dest | src) & 3) {
    c.fail(
        fmt::format("pointers 0x{:08x}, 0x{:08x} are not word aligned (a HardFault on the "
                    "RP2040)",
                    dest, src));
    return 0;
  }
  copy(c, dest, src, n);
  return uint64_t(n) * 13 / 16;
}

// Private: CRC-32/MPEG-2 of n bytes at ptr (the boot2 check, datasheet 2.8.1.3.1; the same
// sum as crc32.h, updated chunk by chunk). Est.: a bitwise M0+ loop, about 6.5 cycles per bit.
uint64_t trap_crc32(Call& c) {
  const uint32_t ptr = c.r(0), n = c.r(1);
  uint8_t buf[kChunk];
  uint32_t crc = 0xffffffffu;
  for (uint32_t done = 0; done < n;) {
    const uint32_t k = uint32_t(std::min<size_t>(n - done, kChunk));
    if (!c.read(ptr + done, buf, k)) return 0;
    for (uint32_t i = 0; i < k; ++i) {
      crc ^= uint32_t(buf[i]) << 24;
      for (int bit = 0; bit < 8; ++bit)
        crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x04c11db7u : crc << 1;
    }
    done += k;
  }
  c.set(0, crc);
  return uint64_t(n) * 53;
}

// ---------------------------------------------------------------------------------------------
// Flash (datasheet 2.8.3: addresses are offsets from the start of flash)
// ---------------------------------------------------------------------------------------------

constexpr uint32_t kSectorSize = 4096;
constexpr uint32_t kPageSize = 256;
constexpr uint32_t kSectorEraseUs = 45'000;
constexpr uint32_t kBlock32EraseUs = 120'000;
constexpr uint32_t kBlock64EraseUs = 150'000;
constexpr uint32_t kPageProgramUs = 400;
constexpr uint32_t kSpiCyclesPerByte = 8 * 6;  // SCK = clk_sys / 6 after flash_exit_xip

uint64_t us_to_cycles(Call& c, uint64_t us) {
  return us * c.host().clk_sys_hz() / 1'000'000;
}

// The chip takes 24 address bits and ignores those above its size: offsets wrap.
uint32_t flash_offset(std::span<uint8_t> flash, uint64_t offset) {
  return uint32_t((offset & 0xffffff) % flash.size());
}

// Erases [start, start + size) of the chip, where start is a multiple of size.
void erase_unit(Call& c, std::span<uint8_t> flash, uint64_t start, uint32_t size) {
  uint32_t at = flash_offset(flash, start);
  size = std::min<uint32_t>(size, uint32_t(flash.size()) - at);
  std::fill_n(flash.begin() + at, size, uint8_t(0xff));
  c.host().flash_changed(at, size);
}

// flash_range_erase(addr, count, block_size, block_cmd). Walks the range as the ROM does: a
// block erase where block_cmd is given, the address is block aligned and a whole block remains;
// a 4 KiB sector erase otherwise, of the sector holding the address (the chip ignores the low
// address bits), then on by 4 KiB. A misaligned addr or count therefore erases whole sectors
// around them, as on the real chip.
uint64_t trap_flash_range_erase(Call& c) {
  const uint64_t addr = c.r(0), goal = addr + c.r(1);
  const uint32_t block_size = c.r(2), block_cmd = c.r(3) & 0xff;
  std::span<uint8_t> flash = c.host().flash();
  if (flash.empty()) return 0;
  const bool blocks = block_cmd != 0 && block_size > kSectorSize && std::has_single_bit(block_size);
  // Past one whole turn round the chip every sector is erased already: only time passes.
  const uint64_t last_effective = addr + flash.size() + block_size;
  uint64_t us = 0;
  for (uint64_t a = addr; a < goal;) {
    const bool effective = a <= last_effective;
    if (blocks && a % block_size == 0 && goal - a >= block_size) {
      if (effective) erase_unit(c, flash, a, block_size);
      us += block_size >= 64 * 1024 ? kBlock64EraseUs : kBlock32EraseUs;
      a += block_size;
    } else {
      if (effective) erase_unit(c, flash, a & ~uint64_t(kSectorSize - 1), kSectorSize);
      us += kSectorEraseUs;
      a += kSectorSize;
    }
  }
  return us_to_cycles(c, us);
}

// flash_range_program(addr, data, count). The ROM sends Page Program commands of up to 256
// bytes from addr on; the chip wraps each command within its 256-byte page, so a misaligned
// addr wraps as on the real chip. Each byte is ANDed in: programming only clears bits.
uint64_t trap_flash_range_program(Call& c) {
  const uint32_t addr = c.r(0), data = c.r(1), count = c.r(2);
  std::span<uint8_t> flash = c.host().flash();
  if (flash.empty()) return 0;
  uint8_t page[kPageSize];
  uint64_t cycles = 0;
  for (uint32_t done = 0; done < count;) {
    const uint32_t k = std::min(count - done, kPageSize);
    if (!c.read(data + done, page, k)) return cycles;
    const uint64_t a = uint64_t(addr) + done;
    const uint64_t base = a & ~uint64_t(kPageSize - 1);
    for (uint32_t i = 0; i < k; ++i)
      flash[flash_offset(flash, base + ((a + i) & (kPageSize - 1)))] &= page[i];
    c.host().flash_changed(flash_offset(flash, base), kPageSize);
    // Write Enable (1 byte), then command, 3 address bytes and the data; then the chip's
    // programming time.
    cycles += uint64_t(1 + 4 + k) * kSpiCyclesPerByte + us_to_cycles(c, kPageProgramUs);
    done += k;
  }
  return cycles;
}

// The pads, IO and XIP cache these act on are not modelled as such: the fixed cost only.
uint64_t trap_connect_internal_flash(Call& c) {
  // IO_QSPI: every QSPI pin on the XIP function, no overrides (GPIO_QSPI_*_CTRL = 0).
  const uint32_t zero = 0;
  for (uint32_t i = 0; i < 6; ++i)
    c.host().write(0x40018004 + 8 * i, &zero, 4);
  return 0;
}
uint64_t trap_flash_flush_cache(Call& c) {
  // Releases any chip-select override (GPIO_QSPI_SS_CTRL.OUTOVER = normal).
  const uint32_t zero = 0;
  c.host().write(0x4001800c, &zero, 4);
  return 0;
}

uint64_t trap_reset_to_usb_boot(Call& c) {
  c.host().usb_boot({UsbBootCause::Requested, c.r(0), c.r(1)});
  return 0;
}

uint64_t trap_boot_no_valid_boot2(Call& c) {
  c.host().usb_boot({UsbBootCause::NoValidBoot2, 0, 0});
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Floating point: the ROM's rules around the host's IEEE arithmetic
// ---------------------------------------------------------------------------------------------

template <class F>
struct Ieee;
template <>
struct Ieee<float> {
  using Bits = uint32_t;
  static constexpr Bits kSign = 0x80000000u, kExp = 0x7f800000u;
};
template <>
struct Ieee<double> {
  using Bits = uint64_t;
  static constexpr Bits kSign = 0x8000000000000000ull, kExp = 0x7ff0000000000000ull;
};

template <class F>
F signed_inf(bool negative) {
  return negative ? -std::numeric_limits<F>::infinity() : std::numeric_limits<F>::infinity();
}

// On the way in: denormals are zeros, NaNs are infinities; the sign stays.
template <class F>
F rom_in(F x) {
  using T = Ieee<F>;
  auto b = std::bit_cast<typename T::Bits>(x);
  auto e = b & T::kExp;
  if (e == 0) return std::bit_cast<F>(typename T::Bits(b & T::kSign));
  if (e == T::kExp) return std::bit_cast<F>(typename T::Bits((b & T::kSign) | T::kExp));
  return x;
}

// On the way out: denormal results are zeros; NaN never leaves (see the file comment).
template <class F>
F rom_out(F x) {
  if (std::isnan(x)) return std::numeric_limits<F>::infinity();
  using T = Ieee<F>;
  auto b = std::bit_cast<typename T::Bits>(x);
  if ((b & T::kExp) == 0) return std::bit_cast<F>(typename T::Bits(b & T::kSign));
  return x;
}

template <class F>
F rom_add(F a, F b) {
  a = rom_in(a);
  b = rom_in(b);
  if (std::isinf(a) && std::isinf(b) && std::signbit(a) != std::signbit(b)) return a;
  return rom_out(a + b);
}

template <class F>
F rom_sub(F a, F b) {
  return rom_add(a, -rom_in(b));
}

template <class F>
F rom_mul(F a, F b) {
  a = rom_in(a);
  b = rom_in(b);
  if ((std::isinf(a) && b == 0) || (a == 0 && std::isinf(b)))
    return signed_inf<F>(std::signbit(a) != std::signbit(b));
  return rom_out(a * b);
}

template <class F>
F rom_div(F a, F b) {
  a = rom_in(a);
  b = rom_in(b);
  if (b == 0 || (std::isinf(a) && std::isinf(b)))
    return signed_inf<F>(std::signbit(a) != std::signbit(b));
  return rom_out(a / b);
}

// Datasheet 2.8.3: the square root of a negative number is -infinity. -0 is not negative.
template <class F>
F rom_sqrt(F a) {
  a = rom_in(a);
  if (a < 0) return -std::numeric_limits<F>::infinity();
  return rom_out(std::sqrt(a));
}

template <class F>
int rom_cmp(F a, F b) {
  a = rom_in(a);
  b = rom_in(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

// Datasheet 2.8.3: ln of a value <= 0 is -infinity.
template <class F>
F rom_ln(F a) {
  a = rom_in(a);
  if (a <= 0) return -std::numeric_limits<F>::infinity();
  return rom_out(static_cast<F>(std::log(static_cast<double>(a))));
}

// The host's libm, through plain functions (standard library functions are not addressable).
double libm_sin(double x) {
  return std::sin(x);
}
double libm_cos(double x) {
  return std::cos(x);
}
double libm_tan(double x) {
  return std::tan(x);
}
double libm_exp(double x) {
  return std::exp(x);
}

// A libm function of one argument, evaluated in double and rounded once to F.
template <class F>
F rom_math(double (*fn)(double), F a) {
  return rom_out(static_cast<F>(fn(static_cast<double>(rom_in(a)))));
}

// floor(x * 2^n), clamped to [-lo_magnitude, hi] and returned as a 64-bit two's complement
// pattern; x has been through rom_in (finite or infinite).
uint64_t floor_scaled(double x, int64_t n, uint64_t lo_magnitude, uint64_t hi) {
  const bool negative = std::signbit(x);
  const uint64_t lo = ~lo_magnitude + 1;  // -lo_magnitude
  if (x == 0) return 0;
  if (std::isinf(x)) return negative ? lo : hi;
  int e = 0;
  const double m = std::frexp(std::fabs(x), &e);      // |x| = m * 2^e, 0.5 <= m < 1
  const uint64_t mant = uint64_t(std::ldexp(m, 53));  // exact: |x| = mant * 2^(e - 53)
  const int64_t shift = int64_t(e) - 53 + n;
  uint64_t q = 0;  // |x| * 2^n rounded towards zero
  bool inexact = false;
  if (shift >= 0) {
    if (shift > 63 || (shift > 0 && (mant >> (64 - shift)) != 0))
      return negative ? lo : hi;  // 2^64 or more
    q = mant << shift;
  } else if (shift <= -64) {
    inexact = true;
  } else {
    q = mant >> -shift;
    inexact = (mant & ((uint64_t(1) << -shift) - 1)) != 0;
  }
  if (!negative) return std::min(q, hi);
  // Towards -infinity: a negative value with a fraction goes one further from zero.
  if (inexact && q == ~uint64_t(0)) return lo;
  const uint64_t magnitude = q + (inexact ? 1 : 0);
  return magnitude > lo_magnitude ? lo : ~magnitude + 1;
}

// Arguments and results by type: a float takes one register, a double two (AAPCS, soft-float).
template <class F>
constexpr int kWords = sizeof(F) / 4;

template <class F>
F fp_arg(Call& c, int index) {
  if constexpr (std::is_same_v<F, float>)
    return std::bit_cast<float>(c.r(index));
  else
    return std::bit_cast<double>(c.r64(2 * index));
}

template <class F>
void fp_ret(Call& c, F v, int slot = 0) {
  if constexpr (std::is_same_v<F, float>)
    c.set(slot, std::bit_cast<uint32_t>(v));
  else
    c.set64(2 * slot, std::bit_cast<uint64_t>(v));
}

template <class F, F (*Op)(F, F)>
uint64_t fp_binary(Call& c) {
  fp_ret<F>(c, Op(fp_arg<F>(c, 0), fp_arg<F>(c, 1)));
  return 0;
}

template <class F>
uint64_t fp_sqrt(Call& c) {
  fp_ret<F>(c, rom_sqrt(fp_arg<F>(c, 0)));
  return 0;
}

template <class F>
uint64_t fp_cmp(Call& c) {
  c.set(0, uint32_t(rom_cmp(fp_arg<F>(c, 0), fp_arg<F>(c, 1))));
  return 0;
}

// The result in r0 and in the flags, as `cmp a, b` on the ordered values: a < b gives N, a == b
// gives Z and C, a > b gives C.
template <class F>
uint64_t fp_cmp_flags(Call& c) {
  int r = rom_cmp(fp_arg<F>(c, 0), fp_arg<F>(c, 1));
  c.set(0, uint32_t(r));
  uint32_t n = r < 0, z = r == 0, carry = r >= 0;
  c.host().set_reg(UC_ARM_REG_APSR_NZCV, n << 31 | z << 30 | carry << 29);
  return 0;
}

// F -> integer type I, rounding towards -infinity and clamping; Fixed takes the binary point
// position n from the register after the argument.
template <class F, class I, bool Fixed>
uint64_t fp_to_int(Call& c) {
  const F v = rom_in(fp_arg<F>(c, 0));
  const int64_t n = Fixed ? c.s(kWords<F>) : 0;
  // The lowest value's magnitude: 2^31 or 2^63 for signed types, 0 for unsigned ones.
  const uint64_t lo_magnitude =
      std::is_signed_v<I> ? uint64_t(1) << (8 * sizeof(I) - 1) : uint64_t(0);
  const uint64_t r = floor_scaled(double(v), n, lo_magnitude, std::numeric_limits<I>::max());
  if constexpr (sizeof(I) == 8)
    c.set64(0, r);
  else
    c.set(0, uint32_t(r));
  return 0;
}

// Integer type I -> F, rounding to nearest (one rounding: the host's conversion; scaling by a
// power of two is then exact unless the result overflows or is flushed).
template <class F, class I, bool Fixed>
uint64_t int_to_fp(Call& c) {
  I v;
  if constexpr (sizeof(I) == 8)
    v = static_cast<I>(c.r64(0));
  else
    v = static_cast<I>(c.r(0));
  F x = static_cast<F>(v);
  if constexpr (Fixed) {
    const int n = std::clamp(c.s(sizeof(I) / 4), -4000, 4000);  // beyond: the same result
    x = std::ldexp(x, -n);
  }
  fp_ret<F>(c, rom_out(x));
  return 0;
}

template <class F>
uint64_t fp_sin(Call& c) {
  const F a = fp_arg<F>(c, 0);
  fp_ret<F>(c, rom_math<F>(libm_sin, a));
  // pico-sdk's sincosf calls the single-precision sin entry and takes the cosine from r1.
  if constexpr (std::is_same_v<F, float>) fp_ret<F>(c, rom_math<F>(libm_cos, a), 1);
  return 0;
}

template <class F>
uint64_t fp_sincos(Call& c) {
  const F a = fp_arg<F>(c, 0);
  fp_ret<F>(c, rom_math<F>(libm_sin, a), 0);
  fp_ret<F>(c, rom_math<F>(libm_cos, a), 1);
  return 0;
}

template <class F, double (*Fn)(double)>
uint64_t fp_unary(Call& c) {
  fp_ret<F>(c, rom_math<F>(Fn, fp_arg<F>(c, 0)));
  return 0;
}

template <class F>
uint64_t fp_ln(Call& c) {
  fp_ret<F>(c, rom_ln(fp_arg<F>(c, 0)));
  return 0;
}

template <class F>
uint64_t fp_atan2(Call& c) {
  const double y = rom_in(fp_arg<F>(c, 0)), x = rom_in(fp_arg<F>(c, 1));
  fp_ret<F>(c, rom_out(static_cast<F>(std::atan2(y, x))));
  return 0;
}

uint64_t trap_float2double(Call& c) {
  fp_ret<double>(c, double(rom_in(fp_arg<float>(c, 0))));
  return 0;
}

uint64_t trap_double2float(Call& c) {
  fp_ret<float>(c, rom_out(static_cast<float>(rom_in(fp_arg<double>(c, 0)))));
  return 0;
}

// The table entries, named as in traps.def.
constexpr Handler trap_fadd = &fp_binary<float, rom_add<float>>;
constexpr Handler trap_fsub = &fp_binary<float, rom_sub<float>>;
constexpr Handler trap_fmul = &fp_binary<float, rom_mul<float>>;
constexpr Handler trap_fdiv = &fp_binary<float, rom_div<float>>;
constexpr Handler trap_fcmp_fast = &fp_cmp<float>;
constexpr Handler trap_fcmp_fast_flags = &fp_cmp_flags<float>;
constexpr Handler trap_fsqrt = &fp_sqrt<float>;
constexpr Handler trap_float2int = &fp_to_int<float, int32_t, false>;
constexpr Handler trap_float2fix = &fp_to_int<float, int32_t, true>;
constexpr Handler trap_float2uint = &fp_to_int<float, uint32_t, false>;
constexpr Handler trap_float2ufix = &fp_to_int<float, uint32_t, true>;
constexpr Handler trap_int2float = &int_to_fp<float, int32_t, false>;
constexpr Handler trap_fix2float = &int_to_fp<float, int32_t, true>;
constexpr Handler trap_uint2float = &int_to_fp<float, uint32_t, false>;
constexpr Handler trap_ufix2float = &int_to_fp<float, uint32_t, true>;
constexpr Handler trap_fcos = &fp_unary<float, libm_cos>;
constexpr Handler trap_fsin = &fp_sin<float>;
constexpr Handler trap_ftan = &fp_unary<float, libm_tan>;
constexpr Handler trap_fsincos = &fp_sincos<float>;
constexpr Handler trap_fexp = &fp_unary<float, libm_exp>;
constexpr Handler trap_fln = &fp_ln<float>;
constexpr Handler trap_fcmp = &fp_cmp<float>;
constexpr Handler trap_fatan2 = &fp_atan2<float>;
constexpr Handler trap_int642float = &int_to_fp<float, int64_t, false>;
constexpr Handler trap_fix642float = &int_to_fp<float, int64_t, true>;
constexpr Handler trap_uint642float = &int_to_fp<float, uint64_t, false>;
constexpr Handler trap_ufix642float = &int_to_fp<float, uint64_t, true>;
constexpr Handler trap_float2int64 = &fp_to_int<float, int64_t, false>;
constexpr Handler trap_float2fix64 = &fp_to_int<float, int64_t, true>;
constexpr Handler trap_float2uint64 = &fp_to_int<float, uint64_t, false>;
constexpr Handler trap_float2ufix64 = &fp_to_int<float, uint64_t, true>;

constexpr Handler trap_dadd = &fp_binary<double, rom_add<double>>;
constexpr Handler trap_dsub = &fp_binary<double, rom_sub<double>>;
constexpr Handler trap_dmul = &fp_binary<double, rom_mul<double>>;
constexpr Handler trap_ddiv = &fp_binary<double, rom_div<double>>;
constexpr Handler trap_dcmp_fast = &fp_cmp<double>;
constexpr Handler trap_dcmp_fast_flags = &fp_cmp_flags<double>;
constexpr Handler trap_dsqrt = &fp_sqrt<double>;
constexpr Handler trap_double2int = &fp_to_int<double, int32_t, false>;
constexpr Handler trap_double2fix = &fp_to_int<double, int32_t, true>;
constexpr Handler trap_double2uint = &fp_to_int<double, uint32_t, false>;
constexpr Handler trap_double2ufix = &fp_to_int<double, uint32_t, true>;
constexpr Handler trap_int2double = &int_to_fp<double, int32_t, false>;
constexpr Handler trap_fix2double = &int_to_fp<double, int32_t, true>;
constexpr Handler trap_uint2double = &int_to_fp<double, uint32_t, false>;
constexpr Handler trap_ufix2double = &int_to_fp<double, uint32_t, true>;
constexpr Handler trap_dcos = &fp_unary<double, libm_cos>;
constexpr Handler trap_dsin = &fp_sin<double>;
constexpr Handler trap_dtan = &fp_unary<double, libm_tan>;
constexpr Handler trap_dsincos = &fp_sincos<double>;
constexpr Handler trap_dexp = &fp_unary<double, libm_exp>;
constexpr Handler trap_dln = &fp_ln<double>;
constexpr Handler trap_dcmp = &fp_cmp<double>;
constexpr Handler trap_datan2 = &fp_atan2<double>;
constexpr Handler trap_int642double = &int_to_fp<double, int64_t, false>;
constexpr Handler trap_fix642double = &int_to_fp<double, int64_t, true>;
constexpr Handler trap_uint642double = &int_to_fp<double, uint64_t, false>;
constexpr Handler trap_ufix642double = &int_to_fp<double, uint64_t, true>;
constexpr Handler trap_double2int64 = &fp_to_int<double, int64_t, false>;
constexpr Handler trap_double2fix64 = &fp_to_int<double, int64_t, true>;
constexpr Handler trap_double2uint64 = &fp_to_int<double, uint64_t, false>;
constexpr Handler trap_double2ufix64 = &fp_to_int<double, uint64_t, true>;

// ---------------------------------------------------------------------------------------------
// The table, from traps.def
// ---------------------------------------------------------------------------------------------

struct Entry {
  RomTrapInfo info;
  Handler handler;
};

constexpr bool kReturns_RET = true;
constexpr bool kReturns_PARK = false;

constexpr Entry kEntries[] = {
#define ROM_TRAP(number, name, cycles, tail) \
  {{number, #name, cycles, kReturns_##tail}, trap_##name},
#define ROM_FLOAT_TRAP(offset, name, cycles) \
  {{RomTraps::kFloatBase + (offset) / 4, #name, cycles, true}, trap_##name},
#define ROM_DOUBLE_TRAP(offset, name, cycles) \
  {{RomTraps::kDoubleBase + (offset) / 4, #name, cycles, true}, trap_##name},
#include "../firmware/bootrom/traps.def"
#undef ROM_TRAP
#undef ROM_FLOAT_TRAP
#undef ROM_DOUBLE_TRAP
};
constexpr size_t kCount = std::size(kEntries);

constexpr std::array<RomTrapInfo, kCount> kInfos = [] {
  std::array<RomTrapInfo, kCount> a{};
  for (size_t i = 0; i < kCount; ++i)
    a[i] = kEntries[i].info;
  return a;
}();

// Entry index by trap number, -1 where there is none.
constexpr std::array<int16_t, 256> kIndex = [] {
  std::array<int16_t, 256> a{};
  a.fill(-1);
  for (size_t i = 0; i < kCount; ++i)
    a[kEntries[i].info.number] = int16_t(i);
  return a;
}();

constexpr bool numbers_are_unique_and_nonzero() {
  for (size_t i = 0; i < kCount; ++i) {
    if (kEntries[i].info.number == 0) return false;  // bkpt #0 belongs to debuggers
    if (kIndex[kEntries[i].info.number] != int16_t(i)) return false;
  }
  return true;
}
static_assert(numbers_are_unique_and_nonzero(), "traps.def: trap numbers must be unique, not 0");

}  // namespace

const RomTrapInfo* RomTraps::find(unsigned number) {
  if (number >= kIndex.size() || kIndex[number] < 0) return nullptr;
  return &kInfos[size_t(kIndex[number])];
}

std::optional<uint8_t> RomTraps::number_of(std::string_view name) {
  for (const RomTrapInfo& i : kInfos)
    if (i.name == name) return i.number;
  return std::nullopt;
}

std::string_view RomTraps::name_of(unsigned number) {
  const RomTrapInfo* i = find(number);
  return i ? i->name : std::string_view{};
}

std::span<const RomTrapInfo> RomTraps::all() {
  return kInfos;
}

bool RomTraps::handle(uint32_t pc, RomHost& host) {
  if (pc >= kRomEnd - 1) return false;
  uint16_t insn = 0;
  if (!host.read(pc, &insn, sizeof insn) || (insn & 0xff00) != 0xbe00) return false;
  const unsigned number = insn & 0xff;
  if (kIndex[number] < 0) return false;
  const Entry& e = kEntries[size_t(kIndex[number])];
  ++m_calls[number];

  Call call(host, e.info.name);
  const uint64_t extra = e.handler(call);
  if (call.failed()) return true;  // the host raised the fault; the core stays on the BKPT
  host.charge_cycles(e.info.cycles + extra);

  // Resume: at the instruction after the BKPT for a function that never returns (its WFI
  // loop) and when LR is an EXC_RETURN value (the stub's `bx lr` then returns from the
  // exception, which only the core can do); at LR otherwise.
  const uint32_t lr = host.reg(UC_ARM_REG_LR);
  if (!e.info.returns || lr >= 0xf0000000u)
    host.set_reg(UC_ARM_REG_PC, (pc + 2) | 1u);
  else
    host.set_reg(UC_ARM_REG_PC, lr | 1u);
  return true;
}

}  // namespace vpico
