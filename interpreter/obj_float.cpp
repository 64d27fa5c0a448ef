// float: a boxed double (host) or single (RP2040, VPY_FLOAT_IS_DOUBLE=0).
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "runtime.h"

namespace vpy {

namespace {

#if VPY_FLOAT_IS_DOUBLE
constexpr int kMaxDigits = 17;
Float parse_float(const char* s, char** end) {
  return strtod(s, end);
}
#else
constexpr int kMaxDigits = 9;
Float parse_float(const char* s, char** end) {
  return strtof(s, end);
}
#endif

void float_print(const Printer* p, Value self, PrintKind) {
  Vstr v;
  vstr_init(&v, 32);
  float_repr(&v, as<FloatObj>(self)->value);
  print_strn(p, v.buf, v.len);
}

Value float_from_string(const char* s, size_t len) {
  char buf[64];
  // Strip spaces and underscores between digits.
  const char* p = s;
  const char* end = s + len;
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
    end--;
  size_t n = 0;
  for (const char* q = p; q < end && n < sizeof(buf) - 1; q++) {
    if (*q != '_') buf[n++] = *q;
  }
  buf[n] = 0;
  if (n > 0) {
    const char* t = buf;
    bool neg = false;
    if (*t == '+' || *t == '-') {
      neg = *t == '-';
      t++;
    }
    char low[16];
    size_t k = 0;
    for (; t[k] && k < sizeof(low) - 1; k++)
      low[k] = static_cast<char>(t[k] | 0x20);
    low[k] = 0;
    if (strcmp(low, "inf") == 0 || strcmp(low, "infinity") == 0)
      return float_new(neg ? -INFINITY : INFINITY);
    if (strcmp(low, "nan") == 0) return float_new(NAN);
    char* e;
    Float f = parse_float(buf, &e);
    if (*e == 0 && e != buf) return float_new(f);
  }
  raise_msg(&exc_ValueError, "invalid syntax for number");
}

Value float_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args == 0) return float_new(0);
  Value x = native_value(args[0]);
  if (is_float(x)) return x;
  if (is_int(x)) return float_new(int_to_float(x));
  if (is_str(x) || is_type(x, &bytes_type)) {
    size_t n;
    const char* s = str_data(x, &n);
    return float_from_string(s, n);
  }
  Value dest[2];
  load_method_maybe(x, Q___float__, dest);
  if (dest[0] != kNull) return call_method_n(0, 0, dest);
  load_method_maybe(x, Q___index__, dest);
  if (dest[0] != kNull) return float_new(int_to_float(call_method_n(0, 0, dest)));
  raise_fmt(&exc_TypeError, "can't convert %s to float", type_name_of(x));
}

Value float_unary(UnaryOp op, Value self) {
  Float f = as<FloatObj>(self)->value;
  switch (op) {
    case kUnaryBool:
      return bool_value(f != 0);
    case kUnaryHash:
      return small_int(static_cast<Int>(float_hash(f) & kSmallIntMax));
    case kUnaryPos:
      return self;
    case kUnaryNeg:
      return float_new(-f);
    case kUnaryAbs:
      return float_new(fabs(f));
    default:
      return kNull;
  }
}

Value float_binary(BinaryOp op, Value lhs, Value rhs) {
  return float_binary_op(op, as<FloatObj>(lhs)->value, rhs);
}

Value float_is_integer(size_t, const Value* args, const KwArgs*) {
  Float f = as<FloatObj>(args[0])->value;
  return bool_value(isfinite(f) && f == floor(f));
}

Value float_as_integer_ratio(size_t, const Value* args, const KwArgs*) {
  Float f = as<FloatObj>(args[0])->value;
  if (isinf(f)) raise_msg(&exc_OverflowError, "cannot convert Infinity to integer ratio");
  if (isnan(f)) raise_msg(&exc_ValueError, "cannot convert NaN to integer ratio");
  int e;
  double m = frexp(static_cast<double>(f), &e);
  // Scale the mantissa to an integer.
  for (int i = 0; i < 300 && m != floor(m); i++) {
    m *= 2.0;
    e--;
  }
  Value num = int_from_float(static_cast<Float>(m));
  Value den = small_int(1);
  if (e > 0) {
    num = int_binary_op(kBinLShift, num, small_int(e));
  } else {
    den = int_binary_op(kBinLShift, small_int(1), small_int(-e));
  }
  Value t = tuple_new(2, nullptr);
  as<TupleObj>(t)->items[0] = num;
  as<TupleObj>(t)->items[1] = den;
  return t;
}

const NativeFunObj float_is_integer_obj = {&native_fun_type, 1, 1, 0, Q_is_integer,
                                           float_is_integer};
const NativeFunObj float_ratio_obj = {&native_fun_type,      1, 1, 0, Q_as_integer_ratio,
                                      float_as_integer_ratio};
const RomEntry float_methods_table[] = {
    {Q_is_integer, 0, &float_is_integer_obj},
    {Q_as_integer_ratio, 0, &float_ratio_obj},
};
const RomMap float_methods = {float_methods_table, 2};

void float_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  if (name == Q_real) dest[0] = self;
  if (name == Q_imag) dest[0] = float_new(0);
}

}  // namespace

const Type float_type = {.type = &type_type,
                         .name = Q_float,
                         .flags = kTypeBaseable,
                         .print = float_print,
                         .make_new = float_make_new,
                         .unary_op = float_unary,
                         .binary_op = float_binary,
                         .attr = float_attr,
                         .methods = &float_methods,
                         .base = &object_type};

Value float_new(Float f) {
  FloatObj* o = gc_new<FloatObj>(&float_type);
  o->value = f;
  return val(o);
}

bool float_get_maybe(Value v, Float* out) {
  if (is_float(v)) {
    *out = as<FloatObj>(v)->value;
    return true;
  }
  if (is_int(v)) {
    *out = int_to_float(v);
    return true;
  }
  return false;
}

Float float_get(Value v) {
  Float f;
  if (float_get_maybe(v, &f)) return f;
  if (float_get_maybe(native_value(v), &f)) return f;  // class F(float)
  Value dest[2];
  load_method_maybe(v, Q___float__, dest);
  if (dest[0] != kNull) {
    Value r = call_method_n(0, 0, dest);
    if (float_get_maybe(r, &f)) return f;
  }
  raise_fmt(&exc_TypeError, "can't convert %s to float", type_name_of(v));
}

Uint float_hash(Float f) {
  if (isfinite(f) && f == floor(f) && fabs(f) < 1e18)
    return static_cast<Uint>(static_cast<int64_t>(f));
  double d = static_cast<double>(f);
  uint64_t bits;
  mem_copy(&bits, &d, sizeof(bits));
  return static_cast<Uint>(bits ^ (bits >> 29));
}

Value float_binary_op(BinaryOp op, Float a, Value rhs) {
  Float b;
  if (!float_get_maybe(rhs, &b)) return kNull;
  int o = op;
  if (o >= kBinInplaceOr && o <= kBinInplacePow) o -= kBinInplaceOffset;
  switch (o) {
    case kBinAdd:
      return float_new(a + b);
    case kBinSub:
      return float_new(a - b);
    case kBinMul:
      return float_new(a * b);
    case kBinTrueDiv:
      if (b == 0) raise_msg(&exc_ZeroDivisionError, "divide by zero");
      return float_new(a / b);
    case kBinFloorDiv:
    case kBinMod:
    case kBinDivMod: {
      if (b == 0) raise_msg(&exc_ZeroDivisionError, "divide by zero");
      Float mod = fmod(a, b);
      Float div = (a - mod) / b;
      if (mod != 0) {
        if ((b < 0) != (mod < 0)) {
          mod += b;
          div -= 1;
        }
      } else {
        mod = copysign(static_cast<Float>(0), b);
      }
      Float floordiv;
      if (div != 0) {
        floordiv = floor(div);
        if (div - floordiv > 0.5) floordiv += 1;
      } else {
        floordiv = copysign(static_cast<Float>(0), a / b);
      }
      if (o == kBinFloorDiv) return float_new(floordiv);
      if (o == kBinMod) return float_new(mod);
      Value t = tuple_new(2, nullptr);
      as<TupleObj>(t)->items[0] = float_new(floordiv);
      as<TupleObj>(t)->items[1] = float_new(mod);
      return t;
    }
    case kBinPow:
      if (a == 0 && b < 0) raise_msg(&exc_ZeroDivisionError, "0.0 to a negative power");
      if (a < 0 && b != floor(b)) raise_msg(&exc_ValueError, "math domain error");
      return float_new(pow(a, b));
    case kBinLess:
      return bool_value(a < b);
    case kBinMore:
      return bool_value(a > b);
    case kBinLessEqual:
      return bool_value(a <= b);
    case kBinMoreEqual:
      return bool_value(a >= b);
    case kBinEqual:
      return bool_value(a == b);
    case kBinNotEqual:
      return bool_value(a != b);
    default:
      return kNull;
  }
}

void float_format(Vstr* out, Float f, char fmt, int prec, bool alt) {
  // Only these reach printf: any other letter would be undefined behaviour there (callers
  // reject other type codes; this keeps a slip from becoming a crash).
  if (fmt != 'e' && fmt != 'E' && fmt != 'f' && fmt != 'F' && fmt != 'g' && fmt != 'G') fmt = 'g';
  if (isinf(f) || isnan(f)) {
    const char* s = isnan(f) ? "nan" : f < 0 ? "-inf" : "inf";
    if (fmt >= 'A' && fmt <= 'Z') s = isnan(f) ? "NAN" : f < 0 ? "-INF" : "INF";
    vstr_add_str(out, s);
    return;
  }
  char spec[8];
  int k = 0;
  spec[k++] = '%';
  if (alt) spec[k++] = '#';
  spec[k++] = '.';
  spec[k++] = '*';
  spec[k++] = fmt;
  spec[k] = 0;
  char buf[400];
  int n = snprintf(buf, sizeof(buf), spec, prec, static_cast<double>(f));
  if (n < 0) n = 0;
  if (n >= static_cast<int>(sizeof(buf))) n = sizeof(buf) - 1;
  vstr_add_strn(out, buf, static_cast<size_t>(n));
}

void float_repr(Vstr* out, Float f) {
  if (isnan(f)) {
    vstr_add_str(out, "nan");
    return;
  }
  if (isinf(f)) {
    vstr_add_str(out, f < 0 ? "-inf" : "inf");
    return;
  }
  if (f == 0) {
    vstr_add_str(out, signbit(f) ? "-0.0" : "0.0");
    return;
  }
  // The shortest digit string that reads back as the same value.
  char buf[64];
  int prec = 1;
  for (; prec <= kMaxDigits; prec++) {
    snprintf(buf, sizeof(buf), "%.*e", prec - 1, static_cast<double>(f));
    if (parse_float(buf, nullptr) == f) break;
  }
  // buf: [-]d.ddde[+-]xx
  const char* p = buf;
  bool neg = *p == '-';
  if (neg) p++;
  char digits[32];
  int nd = 0;
  for (; *p && *p != 'e'; p++) {
    if (*p != '.') digits[nd++] = *p;
  }
  while (nd > 1 && digits[nd - 1] == '0')
    nd--;
  int exp = atoi(p + 1);
  if (neg) vstr_add_char(out, '-');
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      vstr_add_str(out, "0.");
      for (int i = -1; i > exp; i--)
        vstr_add_char(out, '0');
      vstr_add_strn(out, digits, nd);
    } else {
      for (int i = 0; i <= exp; i++)
        vstr_add_char(out, i < nd ? digits[i] : '0');
      vstr_add_char(out, '.');
      if (nd > exp + 1) {
        vstr_add_strn(out, digits + exp + 1, nd - exp - 1);
      } else {
        vstr_add_char(out, '0');
      }
    }
    return;
  }
  vstr_add_char(out, digits[0]);
  if (nd > 1) {
    vstr_add_char(out, '.');
    vstr_add_strn(out, digits + 1, nd - 1);
  }
  char e[16];
  snprintf(e, sizeof(e), "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  vstr_add_str(out, e);
}

}  // namespace vpy
