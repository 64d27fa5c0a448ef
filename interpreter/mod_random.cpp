// The random module (MicroPython's subset), on xoshiro128** seeded by the port.
#include <math.h>

#include "port.h"
#include "runtime.h"

namespace vpy {

namespace {

uint32_t rotl(uint32_t x, int k) {
  return (x << k) | (x >> (32 - k));
}

uint32_t next32() {
  uint32_t* s = vm()->rand_state;
  if ((s[0] | s[1] | s[2] | s[3]) == 0) {
    // Lazily seeded from the port.
    uint32_t seed = port_random_seed();
    s[0] = seed | 1;
    s[1] = seed * 2654435761u;
    s[2] = 0x9e3779b9u ^ seed;
    s[3] = 0x85ebca6bu;
  }
  uint32_t r = rotl(s[1] * 5, 7) * 9;
  uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return r;
}

Value getrandbits_value(Int bits) {
  if (bits < 0 || bits > 1024) raise_msg(&exc_ValueError, "bits must be 0..1024");
  Value r = small_int(0);
  Int done = 0;
  while (done < bits) {
    Int take = bits - done < 16 ? bits - done : 16;
    uint32_t chunk = next32() & ((1u << take) - 1);
    r = int_binary_op(kBinOr, int_binary_op(kBinLShift, r, small_int(take)), small_int(chunk));
    done += take;
  }
  return r;
}

// A uniform integer in [0, n) without modulo bias.
Int below(Int n) {
  if (n <= 0) raise_msg(&exc_ValueError, "empty range");
  uint64_t un = static_cast<uint64_t>(n);
  int bits = 0;
  while ((un - 1) >> bits)
    bits++;
  for (;;) {
    uint64_t r = (static_cast<uint64_t>(next32()) << 32 | next32());
    if (bits < 64) r &= (uint64_t(1) << bits) - 1;
    if (r < un) return static_cast<Int>(r);
  }
}

Value r_seed(size_t n_args, const Value* a, const KwArgs*) {
  uint32_t seed =
      n_args && a[0] != kNone ? static_cast<uint32_t>(hash_value(a[0])) : port_random_seed();
  uint32_t* s = vm()->rand_state;
  s[0] = seed | 1;
  s[1] = seed * 2654435761u + 1;
  s[2] = 0x9e3779b9u ^ seed;
  s[3] = 0x85ebca6bu;
  return kNone;
}
Value r_getrandbits(size_t, const Value* a, const KwArgs*) {
  return getrandbits_value(int_get(a[0]));
}
Value r_random(size_t, const Value*, const KwArgs*) {
  uint64_t r = (static_cast<uint64_t>(next32()) << 21) ^ next32();
  r &= (uint64_t(1) << 53) - 1;
  return float_new(static_cast<Float>(static_cast<double>(r) / 9007199254740992.0));
}
Value r_uniform(size_t, const Value* a, const KwArgs*) {
  Float lo = float_get(a[0]), hi = float_get(a[1]);
  Float f = as<FloatObj>(r_random(0, nullptr, nullptr))->value;
  return float_new(lo + (hi - lo) * f);
}
Value r_randrange(size_t n_args, const Value* a, const KwArgs*) {
  Int start = 0, stop, step = 1;
  if (n_args == 1) {
    stop = int_get(a[0]);
  } else {
    start = int_get(a[0]);
    stop = int_get(a[1]);
    if (n_args > 2) step = int_get(a[2]);
  }
  if (step == 0) raise_msg(&exc_ValueError, "zero step");
  Int n = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / (-step);
  return int_from(start + step * below(n));
}
Value r_randint(size_t, const Value* a, const KwArgs*) {
  Int lo = int_get(a[0]), hi = int_get(a[1]);
  return int_from(lo + below(hi - lo + 1));
}
Value r_choice(size_t, const Value* a, const KwArgs*) {
  size_t n = len_of(a[0]);
  if (n == 0) raise_msg(&exc_IndexError, "empty sequence");
  return subscr_load(a[0], small_int(below(static_cast<Int>(n))));
}
Value r_shuffle(size_t, const Value* a, const KwArgs*) {
  ListObj* l = as<ListObj>(a[0]);
  for (size_t i = l->len; i > 1; i--) {
    size_t j = static_cast<size_t>(below(static_cast<Int>(i)));
    Value t = l->items[i - 1];
    l->items[i - 1] = l->items[j];
    l->items[j] = t;
  }
  return kNone;
}

const NativeFunObj r_seed_obj = {&native_fun_type, 0, 1, 0, Q_seed, r_seed};
const NativeFunObj r_getrandbits_obj = {&native_fun_type, 1, 1, 0, Q_getrandbits, r_getrandbits};
const NativeFunObj r_random_obj = {&native_fun_type, 0, 0, 0, Q_random, r_random};
const NativeFunObj r_uniform_obj = {&native_fun_type, 2, 2, 0, Q_uniform, r_uniform};
const NativeFunObj r_randrange_obj = {&native_fun_type, 1, 3, 0, Q_randrange, r_randrange};
const NativeFunObj r_randint_obj = {&native_fun_type, 2, 2, 0, Q_randint, r_randint};
const NativeFunObj r_choice_obj = {&native_fun_type, 1, 1, 0, Q_choice, r_choice};
const NativeFunObj r_shuffle_obj = {&native_fun_type, 1, 1, 0, Q_shuffle, r_shuffle};

}  // namespace

const RomEntry random_members_table[] = {
    {Q_seed, 0, &r_seed_obj},           {Q_getrandbits, 0, &r_getrandbits_obj},
    {Q_random, 0, &r_random_obj},       {Q_uniform, 0, &r_uniform_obj},
    {Q_randrange, 0, &r_randrange_obj}, {Q_randint, 0, &r_randint_obj},
    {Q_choice, 0, &r_choice_obj},       {Q_shuffle, 0, &r_shuffle_obj},
};
extern const RomMap random_members;
const RomMap random_members = {random_members_table,
                               sizeof(random_members_table) / sizeof(RomEntry)};

}  // namespace vpy
