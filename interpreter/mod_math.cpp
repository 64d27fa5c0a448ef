// The math module.
#include <math.h>

#include "runtime.h"

namespace vpy {

namespace {

// Not every C library defines M_PI and M_E in strict C++ mode.
constexpr double kPi = 3.14159265358979323846;
constexpr double kE = 2.71828182845904523536;

[[noreturn]] void domain_error() {
  raise_msg(&exc_ValueError, "math domain error");
}

Value check(Float r, Float x) {
  if (isnan(r) && !isnan(x)) domain_error();
  if (isinf(r) && isfinite(x)) raise_msg(&exc_OverflowError, "math range error");
  return float_new(r);
}

#define MATH_FUN1(name, expr)                             \
  Value m_##name(size_t, const Value* a, const KwArgs*) { \
    Float x = float_get(a[0]);                            \
    return check(static_cast<Float>(expr), x);            \
  }                                                       \
  const NativeFunObj m_##name##_obj = {&native_fun_type, 1, 1, 0, Q_##name, m_##name};

MATH_FUN1(exp, exp(x))
MATH_FUN1(expm1, expm1(x))
MATH_FUN1(sin, sin(x))
MATH_FUN1(cos, cos(x))
MATH_FUN1(tan, tan(x))
MATH_FUN1(asin, asin(x))
MATH_FUN1(acos, acos(x))
MATH_FUN1(atan, atan(x))
MATH_FUN1(sinh, sinh(x))
MATH_FUN1(cosh, cosh(x))
MATH_FUN1(tanh, tanh(x))
MATH_FUN1(fabs, fabs(x))
MATH_FUN1(degrees, x * 180.0 / kPi)
MATH_FUN1(radians, x* kPi / 180.0)
#undef MATH_FUN1

Value m_sqrt(size_t, const Value* a, const KwArgs*) {
  Float x = float_get(a[0]);
  if (x < 0) domain_error();
  return float_new(sqrt(x));
}
Value m_log(size_t n_args, const Value* a, const KwArgs*) {
  Float x = float_get(a[0]);
  if (x <= 0) domain_error();
  Float r = log(x);
  if (n_args > 1) {
    Float b = float_get(a[1]);
    if (b <= 0 || b == 1) domain_error();
    r /= log(b);
  }
  return float_new(r);
}
Value m_log2(size_t, const Value* a, const KwArgs*) {
  Float x = float_get(a[0]);
  if (x <= 0) domain_error();
  return float_new(log2(x));
}
Value m_log10(size_t, const Value* a, const KwArgs*) {
  Float x = float_get(a[0]);
  if (x <= 0) domain_error();
  return float_new(log10(x));
}
Value m_log1p(size_t, const Value* a, const KwArgs*) {
  Float x = float_get(a[0]);
  if (x <= -1) domain_error();
  return float_new(log1p(x));
}
Value m_pow(size_t, const Value* a, const KwArgs*) {
  Float x = float_get(a[0]), y = float_get(a[1]);
  if (x < 0 && y != floor(y)) domain_error();
  if (x == 0 && y < 0) domain_error();
  return float_new(pow(x, y));
}
Value m_atan2(size_t, const Value* a, const KwArgs*) {
  return float_new(atan2(float_get(a[0]), float_get(a[1])));
}
Value m_fmod(size_t, const Value* a, const KwArgs*) {
  Float y = float_get(a[1]);
  if (y == 0) domain_error();
  return float_new(fmod(float_get(a[0]), y));
}
Value m_copysign(size_t, const Value* a, const KwArgs*) {
  return float_new(copysign(float_get(a[0]), float_get(a[1])));
}
Value m_hypot(size_t n_args, const Value* a, const KwArgs*) {
  Float s = 0;
  for (size_t i = 0; i < n_args; i++) {
    Float x = float_get(a[i]);
    s += x * x;
  }
  return float_new(sqrt(s));
}
Value int_or_float(Value v, Float (*f)(Float)) {
  if (is_int(v)) return v == kTrue ? small_int(1) : v == kFalse ? small_int(0) : v;
  return int_from_float(f(float_get(v)));
}
Float do_floor(Float x) {
  return floor(x);
}
Float do_ceil(Float x) {
  return ceil(x);
}
Float do_trunc(Float x) {
  return trunc(x);
}
Value m_floor(size_t, const Value* a, const KwArgs*) {
  return int_or_float(a[0], do_floor);
}
Value m_ceil(size_t, const Value* a, const KwArgs*) {
  return int_or_float(a[0], do_ceil);
}
Value m_trunc(size_t, const Value* a, const KwArgs*) {
  return int_or_float(a[0], do_trunc);
}
Value m_modf(size_t, const Value* a, const KwArgs*) {
  Float ip;
#if VPY_FLOAT_IS_DOUBLE
  Float fp = modf(float_get(a[0]), &ip);
#else
  Float fp = modff(float_get(a[0]), &ip);  // C's math.h has no float overload of modf
#endif
  Value t = tuple_new(2, nullptr);
  as<TupleObj>(t)->items[0] = float_new(fp);
  as<TupleObj>(t)->items[1] = float_new(ip);
  return t;
}
Value m_frexp(size_t, const Value* a, const KwArgs*) {
  int e;
  Float m = frexp(float_get(a[0]), &e);
  Value t = tuple_new(2, nullptr);
  as<TupleObj>(t)->items[0] = float_new(m);
  as<TupleObj>(t)->items[1] = small_int(e);
  return t;
}
Value m_ldexp(size_t, const Value* a, const KwArgs*) {
  return float_new(ldexp(float_get(a[0]), static_cast<int>(int_get(a[1]))));
}
Value m_isnan(size_t, const Value* a, const KwArgs*) {
  return bool_value(isnan(float_get(a[0])));
}
Value m_isinf(size_t, const Value* a, const KwArgs*) {
  return bool_value(isinf(float_get(a[0])));
}
Value m_isfinite(size_t, const Value* a, const KwArgs*) {
  return bool_value(isfinite(float_get(a[0])));
}
Value m_factorial(size_t, const Value* a, const KwArgs*) {
  Int n = int_get(a[0]);
  if (n < 0) raise_msg(&exc_ValueError, "factorial() not defined for negative values");
  Value r = small_int(1);
  for (Int i = 2; i <= n; i++)
    r = int_binary_op(kBinMul, r, small_int(i));
  return r;
}
Value m_gcd(size_t n_args, const Value* a, const KwArgs*) {
  Value g = small_int(0);
  for (size_t i = 0; i < n_args; i++) {
    Value x = unary_op(kUnaryAbs, value_index(a[i]));  // ints only (TypeError otherwise)
    Value y = g;
    while (y != small_int(0)) {
      Value t = int_binary_op(kBinMod, x, y);
      x = y;
      y = t;
    }
    g = x;
  }
  return g;
}
Value m_isclose(size_t, const Value* a, const KwArgs* kw) {
  Float x = float_get(a[0]), y = float_get(a[1]);
  Float rel = float_get(kw_get(kw, qstr_from_str("rel_tol"), float_new(1e-9)));
  Float abs_tol = float_get(kw_get(kw, qstr_from_str("abs_tol"), float_new(0)));
  if (x == y) return kTrue;
  if (isinf(x) || isinf(y)) return kFalse;
  Float d = fabs(x - y);
  return bool_value(d <= fabs(rel * y) || d <= fabs(rel * x) || d <= abs_tol);
}

#define MF(name, min, max, kw) \
  const NativeFunObj m_##name##_obj = {&native_fun_type, min, max, kw, Q_##name, m_##name};
MF(sqrt, 1, 1, 0)
MF(log, 1, 2, 0)
MF(log2, 1, 1, 0)
MF(log10, 1, 1, 0)
MF(log1p, 1, 1, 0)
MF(pow, 2, 2, 0)
MF(atan2, 2, 2, 0)
MF(fmod, 2, 2, 0)
MF(copysign, 2, 2, 0)
MF(hypot, 0, 0xffff, 0)
MF(floor, 1, 1, 0)
MF(ceil, 1, 1, 0)
MF(trunc, 1, 1, 0)
MF(modf, 1, 1, 0)
MF(frexp, 1, 1, 0)
MF(ldexp, 2, 2, 0)
MF(isnan, 1, 1, 0)
MF(isinf, 1, 1, 0)
MF(isfinite, 1, 1, 0)
MF(factorial, 1, 1, 0)
MF(gcd, 0, 0xffff, 0)
MF(isclose, 2, 2, 1)
#undef MF

const FloatObj pi_obj = {&float_type, static_cast<Float>(kPi)};
const FloatObj e_obj = {&float_type, static_cast<Float>(kE)};
const FloatObj tau_obj = {&float_type, static_cast<Float>(2 * kPi)};
const FloatObj inf_obj = {&float_type, static_cast<Float>(INFINITY)};
const FloatObj nan_obj = {&float_type, static_cast<Float>(NAN)};

}  // namespace

#define ME(name) \
  { Q_##name, 0, &m_##name##_obj }
const RomEntry math_members_table[] = {
    ME(sqrt),
    ME(exp),
    ME(expm1),
    ME(log),
    ME(log2),
    ME(log10),
    ME(log1p),
    ME(pow),
    ME(sin),
    ME(cos),
    ME(tan),
    ME(asin),
    ME(acos),
    ME(atan),
    ME(atan2),
    ME(sinh),
    ME(cosh),
    ME(tanh),
    ME(fabs),
    ME(fmod),
    ME(copysign),
    ME(hypot),
    ME(floor),
    ME(ceil),
    ME(trunc),
    ME(modf),
    ME(frexp),
    ME(ldexp),
    ME(isnan),
    ME(isinf),
    ME(isfinite),
    ME(degrees),
    ME(radians),
    ME(factorial),
    ME(gcd),
    ME(isclose),
    {Q_pi, 0, &pi_obj},
    {Q_e, 0, &e_obj},
    {Q_tau, 0, &tau_obj},
    {Q_inf, 0, &inf_obj},
    {Q_nan, 0, &nan_obj},
};
#undef ME
extern const RomMap math_members;
const RomMap math_members = {math_members_table, sizeof(math_members_table) / sizeof(RomEntry)};

}  // namespace vpy
