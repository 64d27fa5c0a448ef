// machine.PWM: the RP2040's PWM slices (datasheet 4.5). GPIO n drives slice (n >> 1) & 7,
// channel n & 1; both channels of a slice share its frequency. TOP and DIV are chosen from clk_sys
// as MicroPython's rp2 port chooses them (the largest TOP up to 65534, DIV 1 when that allows), so
// a frequency asked for gives the same registers, and so the same waveform, as there.
#include "bringup.h"
#include "machine.h"
#include "regs.h"

namespace vpy {

namespace {

constexpr uint32_t kSlices = 8;
constexpr uint32_t kTopMax = 65534;  // so that duty 65535 (CC = TOP + 1) is always high

enum DutyKind : uint8_t { kDutyNotSet, kDutyU16, kDutyNs };

struct PwmObj {
  const Type* type;
  uint8_t slice;
  uint8_t channel;  // 0 = A, 1 = B
  uint8_t invert;
  uint8_t duty_kind;
  uint32_t duty;  // duty_u16 or duty_ns, whichever was set last
};

#define PWM_PAIR(s)                     \
  {&machine_pwm_type, s, 0, 0, 0, 0}, { \
    &machine_pwm_type, s, 1, 0, 0, 0    \
  }
PwmObj pwm_objs[2 * kSlices] = {PWM_PAIR(0), PWM_PAIR(1), PWM_PAIR(2), PWM_PAIR(3),
                                PWM_PAIR(4), PWM_PAIR(5), PWM_PAIR(6), PWM_PAIR(7)};
#undef PWM_PAIR
bool slice_freq_set[kSlices];
bool defer_start;

PwmObj* pwm(Value v) {
  return as<PwmObj>(v);
}
PwmObj* other_channel(PwmObj* p) {
  return &pwm_objs[2 * p->slice + (p->channel ^ 1)];
}

// clk_sys / div16 * 16, rounded as `offset` says (MicroPython's get_slice_hz and friends).
uint32_t slice_hz(uint32_t offset, uint32_t div16) {
  return static_cast<uint32_t>((16 * uint64_t(machine_clk_sys_hz()) + offset) / div16);
}
uint32_t slice_hz_round(uint32_t div16) {
  return slice_hz(div16 / 2, div16);
}
uint32_t slice_hz_ceil(uint32_t div16) {
  return slice_hz(div16 - 1, div16);
}

void set_level(PwmObj* p, uint32_t cc) {
  const uint32_t shift = p->channel ? 16 : 0;
  const uint32_t old = mmio_read(PWM_CC(p->slice)) & ~(0xffffu << shift);
  mmio_write(PWM_CC(p->slice), old | (cc << shift));
}

// Runs the slice once it has a frequency and this channel a duty.
void start(PwmObj* p) {
  if (defer_start || !slice_freq_set[p->slice] || p->duty_kind == kDutyNotSet) return;
  PwmObj* a = &pwm_objs[2 * p->slice];
  const uint32_t csr = mmio_read(PWM_CSR(p->slice)) & ~(PWM_CSR_A_INV | PWM_CSR_B_INV);
  mmio_write(PWM_CSR(p->slice), csr | (a[0].invert ? PWM_CSR_A_INV : 0u) |
                                    (a[1].invert ? PWM_CSR_B_INV : 0u) | PWM_CSR_EN);
}

void set_duty_u16(PwmObj* p, Int duty) {
  if (duty < 0) raise_msg(&exc_ValueError, "duty_u16 must be from 0 to 65535");
  const uint32_t d = duty > 65535 ? 65535u : static_cast<uint32_t>(duty);
  const uint32_t top = mmio_read(PWM_TOP(p->slice));
  set_level(p, (d * (top + 1) + 65535 / 2) / 65535);
  p->duty = d;
  p->duty_kind = kDutyU16;
  start(p);
}

void set_duty_ns(PwmObj* p, Int duty) {
  if (duty < 0) raise_msg(&exc_ValueError, "duty_ns must not be negative");
  const uint32_t hz = slice_hz_round(mmio_read(PWM_DIV(p->slice)));
  uint32_t cc = static_cast<uint32_t>((uint64_t(duty) * hz + 500000000u) / 1000000000u);
  const uint32_t top = mmio_read(PWM_TOP(p->slice));
  if (cc > top + 1) cc = top + 1;
  set_level(p, cc);
  p->duty = static_cast<uint32_t>(duty);
  p->duty_kind = kDutyNs;
  start(p);
}

void reapply_duty(PwmObj* p) {
  if (p->duty_kind == kDutyU16) set_duty_u16(p, p->duty);
  if (p->duty_kind == kDutyNs) set_duty_ns(p, p->duty);
}

void set_freq(PwmObj* p, Int freq_in) {
  if (freq_in <= 0) raise_msg(&exc_ValueError, "freq too small");
  const uint32_t source = machine_clk_sys_hz();
  const uint32_t freq = freq_in > 0x7fffffff ? 0x7fffffffu : static_cast<uint32_t>(freq_in);
  uint32_t div16, top;
  if ((source + freq / 2) / freq < kTopMax) {
    div16 = 16;  // DIV 1: TOP alone gives the frequency
    top = (source + freq / 2) / freq - 1;
  } else {
    // The smallest DIV that keeps TOP within range, then TOP rounded for that DIV.
    const uint64_t want = uint64_t(kTopMax) * freq;
    if (want > 0xffffffffu) raise_msg(&exc_ValueError, "freq too small");
    div16 = slice_hz_ceil(static_cast<uint32_t>(want));
    if (div16 >= 256 * 16) raise_msg(&exc_ValueError, "freq too small");
    top = slice_hz_round(div16 * freq) - 1;
  }
  if (div16 < 16 || top == 0xffffffffu) raise_msg(&exc_ValueError, "freq too large");
  if (div16 >= 256 * 16) raise_msg(&exc_ValueError, "freq too small");
  mmio_write(PWM_DIV(p->slice), div16);
  mmio_write(PWM_TOP(p->slice), top);
  slice_freq_set[p->slice] = true;
  reapply_duty(p);
  reapply_duty(other_channel(p));
}

// PWM(pin, freq, *, duty_u16, duty_ns, invert) and init(): the frequency first, then a duty.
void pwm_configure(PwmObj* p, size_t n_args, const Value* args, const KwArgs* kw) {
  static const Qstr names[] = {Q_freq, Q_duty_u16, Q_duty_ns, Q_invert};
  Value a[4];
  machine_parse_args(n_args, args, kw, names, 4, 1, a);
  defer_start = true;
  // What raises leaves defer_start set: cleared at the start of the next configuration.
  if (a[0] != kNull) set_freq(p, int_get(a[0]));
  if (a[1] != kNull) set_duty_u16(p, int_get(a[1]));
  if (a[2] != kNull) set_duty_ns(p, int_get(a[2]));
  if (a[3] != kNull) p->invert = is_true(a[3]);
  defer_start = false;
  start(p);
}

Value pwm_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  if (n_args < 1) raise_arg_count(1, n_args);
  const unsigned pin = machine_pin_id(args[0]);
  resets_release(RESETS_PWM);
  PwmObj* p = &pwm_objs[2 * ((pin >> 1) & 7) + (pin & 1)];
  p->invert = 0;
  p->duty_kind = kDutyNotSet;
  defer_start = false;
  KwArgs kw{n_kw, args + n_args};
  pwm_configure(p, n_args - 1, args + 1, &kw);
  machine_pin_set_function(pin, GPIO_FUNC_PWM);
  return val(p);
}

Value pwm_init(size_t n_args, const Value* a, const KwArgs* kw) {
  defer_start = false;
  pwm_configure(pwm(a[0]), n_args - 1, a + 1, kw);
  return kNone;
}

Value pwm_deinit(size_t, const Value* a, const KwArgs*) {
  mmio_clear_bits(PWM_CSR(pwm(a[0])->slice), PWM_CSR_EN);
  return kNone;
}

Value pwm_freq(size_t n_args, const Value* a, const KwArgs*) {
  PwmObj* p = pwm(a[0]);
  if (n_args > 1) {
    set_freq(p, int_get(a[1]));
    return kNone;
  }
  if (!slice_freq_set[p->slice]) return small_int(0);
  const uint32_t div16 = mmio_read(PWM_DIV(p->slice)), top = mmio_read(PWM_TOP(p->slice));
  return int_from_u64(slice_hz_round(div16 * (top + 1)));
}

Value pwm_duty_u16(size_t n_args, const Value* a, const KwArgs*) {
  PwmObj* p = pwm(a[0]);
  if (n_args > 1) {
    set_duty_u16(p, int_get(a[1]));
    return kNone;
  }
  if (p->duty_kind == kDutyNotSet || !slice_freq_set[p->slice]) return small_int(0);
  const uint32_t top = mmio_read(PWM_TOP(p->slice));
  const uint32_t cc = (mmio_read(PWM_CC(p->slice)) >> (p->channel ? 16 : 0)) & 0xffff;
  return small_int(static_cast<Int>((cc * 65535u + (top + 1) / 2) / (top + 1)));
}

Value pwm_duty_ns(size_t n_args, const Value* a, const KwArgs*) {
  PwmObj* p = pwm(a[0]);
  if (n_args > 1) {
    set_duty_ns(p, int_get(a[1]));
    return kNone;
  }
  if (p->duty_kind == kDutyNotSet || !slice_freq_set[p->slice]) return small_int(0);
  const uint32_t hz = slice_hz_round(mmio_read(PWM_DIV(p->slice)));
  const uint32_t cc = (mmio_read(PWM_CC(p->slice)) >> (p->channel ? 16 : 0)) & 0xffff;
  return int_from_u64((uint64_t(cc) * 1000000000u + hz / 2) / hz);
}

void pwm_print(const Printer* p, Value self, PrintKind) {
  PwmObj* o = pwm(self);
  print_fmt(p, "<PWM slice=%u channel=%u invert=%u>", static_cast<unsigned>(o->slice),
            static_cast<unsigned>(o->channel), static_cast<unsigned>(o->invert));
}

const NativeFunObj pwm_init_obj = {&native_fun_type, 1, 2, 1, Q_init, pwm_init};
const NativeFunObj pwm_deinit_obj = {&native_fun_type, 1, 1, 0, Q_deinit, pwm_deinit};
const NativeFunObj pwm_freq_obj = {&native_fun_type, 1, 2, 0, Q_freq, pwm_freq};
const NativeFunObj pwm_duty_u16_obj = {&native_fun_type, 1, 2, 0, Q_duty_u16, pwm_duty_u16};
const NativeFunObj pwm_duty_ns_obj = {&native_fun_type, 1, 2, 0, Q_duty_ns, pwm_duty_ns};
const RomEntry pwm_methods_table[] = {
    {Q_init, 0, &pwm_init_obj},       {Q_deinit, 0, &pwm_deinit_obj},
    {Q_freq, 0, &pwm_freq_obj},       {Q_duty_u16, 0, &pwm_duty_u16_obj},
    {Q_duty_ns, 0, &pwm_duty_ns_obj},
};
const RomMap pwm_methods = {pwm_methods_table, sizeof(pwm_methods_table) / sizeof(RomEntry)};

}  // namespace

const Type machine_pwm_type = {.type = &type_type,
                               .name = Q_PWM,
                               .flags = kTypeEqByIdentity,
                               .print = pwm_print,
                               .make_new = pwm_make_new,
                               .methods = &pwm_methods,
                               .base = &object_type};

void machine_pwm_deinit() {
  if (mmio_read(RESETS_RESET) & RESETS_PWM) return;  // never started
  for (uint32_t s = 0; s < kSlices; s++) {
    mmio_clear_bits(PWM_CSR(s), PWM_CSR_EN);
    slice_freq_set[s] = false;
  }
  for (PwmObj& p : pwm_objs) {
    p.invert = 0;
    p.duty_kind = kDutyNotSet;
  }
}

}  // namespace vpy
