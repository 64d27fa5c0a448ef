// int: small ints are immediates; beyond them, arbitrary precision in sign and
// magnitude with 16-bit digits (little-endian digit order).
#include <math.h>

#include "runtime.h"

namespace vpy {

namespace {

// A signed magnitude being worked on. Digits live in a GC buffer or on the C stack.
struct Big {
  bool neg;
  size_t len;
  uint16_t* d;
};

constexpr int kSmallDigits = (sizeof(Int) * 8 + 15) / 16 + 1;

// The collector only counts pointers to the start of a block: while code works through the
// digits of a BigIntObj (a pointer into its middle) and allocates, a Pin keeps the object
// itself in a stack slot of the frame, where the collector sees it.
// (The empty asm statements make the slot's value needed in memory from the constructor to the
// destructor; a volatile member alone does not: the compiler may drop an unused object.)
struct Pin {
  Value v;
  explicit Pin(Value x) : v(x) { asm volatile("" : : "m"(v) : "memory"); }
  ~Pin() { asm volatile("" : : "m"(v) : "memory"); }
};

void big_trim(Big* b) {
  while (b->len > 0 && b->d[b->len - 1] == 0)
    b->len--;
  if (b->len == 0) b->neg = false;
}

// Views any int value as a Big; small ints use the caller's buffer.
void big_view(Value v, Big* b, uint16_t* buf) {
  if (v == kTrue || v == kFalse) v = small_int(v == kTrue ? 1 : 0);
  if (is_small_int(v)) {
    Int i = small_int_value(v);
    b->neg = i < 0;
    Uint u = i < 0 ? 0 - static_cast<Uint>(i) : static_cast<Uint>(i);
    b->len = 0;
    b->d = buf;
    while (u) {
      buf[b->len++] = static_cast<uint16_t>(u & 0xffff);
      u >>= 16;
    }
    return;
  }
  BigIntObj* o = as<BigIntObj>(v);
  b->neg = o->neg;
  b->len = o->len;
  b->d = o->dig;
}

uint16_t* big_buf(size_t n) {
  return static_cast<uint16_t*>(gc_alloc((n ? n : 1) * sizeof(uint16_t)));
}

// Converts to a value: a small int when it fits.
Value big_to_value(Big* b) {
  big_trim(b);
  if (b->len * 16 <= sizeof(Int) * 8 + 16) {
    // Try to fit in a small int.
    uint64_t u = 0;
    bool fits = b->len <= 4;
    if (fits) {
      for (size_t i = b->len; i-- > 0;)
        u = (u << 16) | b->d[i];
      if (sizeof(Int) == 4 && u > 0xffffffffu) fits = false;
    }
    if (fits && u <= static_cast<uint64_t>(kSmallIntMax) + (b->neg ? 1 : 0)) {
      Int i = b->neg ? static_cast<Int>(0 - static_cast<Uint>(u)) : static_cast<Int>(u);
      if (small_int_fits(i)) return small_int(i);
    }
  }
  BigIntObj* o = static_cast<BigIntObj*>(gc_alloc(sizeof(BigIntObj) + b->len * sizeof(uint16_t)));
  o->type = &int_type;
  o->neg = b->neg;
  o->len = static_cast<uint32_t>(b->len);
  mem_copy(o->dig, b->d, b->len * sizeof(uint16_t));
  return val(o);
}

int mag_cmp(const uint16_t* a, size_t na, const uint16_t* b, size_t nb) {
  if (na != nb) return na < nb ? -1 : 1;
  for (size_t i = na; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

size_t mag_add(const uint16_t* a, size_t na, const uint16_t* b, size_t nb, uint16_t* out) {
  if (na < nb) {
    const uint16_t* t = a;
    a = b;
    b = t;
    size_t tn = na;
    na = nb;
    nb = tn;
  }
  uint32_t carry = 0;
  size_t i = 0;
  for (; i < nb; i++) {
    carry += static_cast<uint32_t>(a[i]) + b[i];
    out[i] = static_cast<uint16_t>(carry);
    carry >>= 16;
  }
  for (; i < na; i++) {
    carry += a[i];
    out[i] = static_cast<uint16_t>(carry);
    carry >>= 16;
  }
  if (carry) out[i++] = static_cast<uint16_t>(carry);
  return i;
}

// a - b with a >= b.
size_t mag_sub(const uint16_t* a, size_t na, const uint16_t* b, size_t nb, uint16_t* out) {
  int32_t borrow = 0;
  size_t i = 0;
  for (; i < nb; i++) {
    int32_t x = static_cast<int32_t>(a[i]) - b[i] - borrow;
    borrow = x < 0;
    out[i] = static_cast<uint16_t>(x + (borrow ? 0x10000 : 0));
  }
  for (; i < na; i++) {
    int32_t x = static_cast<int32_t>(a[i]) - borrow;
    borrow = x < 0;
    out[i] = static_cast<uint16_t>(x + (borrow ? 0x10000 : 0));
  }
  while (i > 0 && out[i - 1] == 0)
    i--;
  return i;
}

size_t mag_mul(const uint16_t* a, size_t na, const uint16_t* b, size_t nb, uint16_t* out) {
  if (na == 0 || nb == 0) return 0;
  mem_set(out, 0, (na + nb) * sizeof(uint16_t));
  for (size_t i = 0; i < na; i++) {
    uint32_t carry = 0;
    uint32_t ai = a[i];
    if (ai == 0) continue;
    for (size_t j = 0; j < nb; j++) {
      uint32_t t = ai * b[j] + out[i + j] + carry;
      out[i + j] = static_cast<uint16_t>(t);
      carry = t >> 16;
    }
    size_t k = i + nb;
    while (carry) {
      uint32_t t = out[k] + carry;
      out[k++] = static_cast<uint16_t>(t);
      carry = t >> 16;
    }
  }
  size_t n = na + nb;
  while (n > 0 && out[n - 1] == 0)
    n--;
  return n;
}

// Divides magnitude a by the single digit d in place; returns the remainder.
uint32_t mag_divmod_digit(uint16_t* a, size_t* na, uint16_t d) {
  uint32_t rem = 0;
  for (size_t i = *na; i-- > 0;) {
    uint32_t cur = (rem << 16) | a[i];
    a[i] = static_cast<uint16_t>(cur / d);
    rem = cur % d;
  }
  while (*na > 0 && a[*na - 1] == 0)
    (*na)--;
  return rem;
}

// Long division (Knuth's algorithm D): q = a / b, r = a % b (magnitudes, b != 0).
void mag_divmod(const uint16_t* a, size_t na, const uint16_t* b, size_t nb, Big* q, Big* r) {
  q->neg = r->neg = false;
  if (mag_cmp(a, na, b, nb) < 0) {
    q->len = 0;
    q->d = big_buf(1);
    r->d = big_buf(na);
    mem_copy(r->d, a, na * sizeof(uint16_t));
    r->len = na;
    return;
  }
  if (nb == 1) {
    q->d = big_buf(na);
    mem_copy(q->d, a, na * sizeof(uint16_t));
    q->len = na;
    uint32_t rem = mag_divmod_digit(q->d, &q->len, b[0]);
    r->d = big_buf(1);
    r->d[0] = static_cast<uint16_t>(rem);
    r->len = rem ? 1 : 0;
    return;
  }
  // Normalise so the divisor's top digit has its high bit set.
  int s = 0;
  while (!((b[nb - 1] << s) & 0x8000))
    s++;
  uint16_t* u = big_buf(na + 1);
  uint16_t* v = big_buf(nb);
  for (size_t i = nb; i-- > 0;) {
    uint32_t x = static_cast<uint32_t>(b[i]) << s;
    if (i > 0 && s) x |= b[i - 1] >> (16 - s);
    v[i] = static_cast<uint16_t>(x);
  }
  u[na] = s ? static_cast<uint16_t>(a[na - 1] >> (16 - s)) : 0;
  for (size_t i = na; i-- > 0;) {
    uint32_t x = static_cast<uint32_t>(a[i]) << s;
    if (i > 0 && s) x |= a[i - 1] >> (16 - s);
    u[i] = static_cast<uint16_t>(x);
  }
  size_t m = na - nb;
  q->d = big_buf(m + 1);
  q->len = m + 1;
  for (size_t j = m + 1; j-- > 0;) {
    uint32_t num = (static_cast<uint32_t>(u[j + nb]) << 16) | u[j + nb - 1];
    uint32_t qhat = num / v[nb - 1];
    uint32_t rhat = num % v[nb - 1];
    while (qhat >= 0x10000 || qhat * v[nb - 2] > ((rhat << 16) | u[j + nb - 2])) {
      qhat--;
      rhat += v[nb - 1];
      if (rhat >= 0x10000) break;
    }
    // Multiply and subtract.
    int64_t borrow = 0;
    uint32_t carry = 0;
    for (size_t i = 0; i < nb; i++) {
      uint32_t p = qhat * v[i] + carry;
      carry = p >> 16;
      int64_t t = static_cast<int64_t>(u[i + j]) - (p & 0xffff) - borrow;
      borrow = t < 0;
      u[i + j] = static_cast<uint16_t>(t + (borrow ? 0x10000 : 0));
    }
    int64_t t = static_cast<int64_t>(u[j + nb]) - carry - borrow;
    borrow = t < 0;
    u[j + nb] = static_cast<uint16_t>(t + (borrow ? 0x10000 : 0));
    if (borrow) {
      // Added back: qhat was one too large.
      qhat--;
      uint32_t c = 0;
      for (size_t i = 0; i < nb; i++) {
        uint32_t s2 = static_cast<uint32_t>(u[i + j]) + v[i] + c;
        u[i + j] = static_cast<uint16_t>(s2);
        c = s2 >> 16;
      }
      u[j + nb] = static_cast<uint16_t>(u[j + nb] + c);
    }
    q->d[j] = static_cast<uint16_t>(qhat);
  }
  big_trim(q);
  // Unnormalise the remainder.
  r->d = big_buf(nb);
  for (size_t i = 0; i < nb; i++) {
    uint32_t x = u[i] >> s;
    if (s && i + 1 < nb + 1) x |= (static_cast<uint32_t>(u[i + 1]) << (16 - s)) & 0xffff;
    r->d[i] = static_cast<uint16_t>(x);
  }
  r->len = nb;
  big_trim(r);
}

Value big_add(Big* a, Big* b, bool subtract) {
  bool bneg = subtract ? !b->neg : b->neg;
  Big r;
  r.d = big_buf((a->len > b->len ? a->len : b->len) + 1);
  if (a->neg == bneg) {
    r.len = mag_add(a->d, a->len, b->d, b->len, r.d);
    r.neg = a->neg;
  } else if (mag_cmp(a->d, a->len, b->d, b->len) >= 0) {
    r.len = mag_sub(a->d, a->len, b->d, b->len, r.d);
    r.neg = a->neg;
  } else {
    r.len = mag_sub(b->d, b->len, a->d, a->len, r.d);
    r.neg = bneg;
  }
  return big_to_value(&r);
}

Value big_mul(Big* a, Big* b) {
  charge_native_work(a->len * b->len);
  Big r;
  r.d = big_buf(a->len + b->len + 1);
  r.len = mag_mul(a->d, a->len, b->d, b->len, r.d);
  r.neg = a->neg != b->neg;
  return big_to_value(&r);
}

// Floor division and modulo with Python's signs.
void big_floordivmod(Big* a, Big* b, Value* qv, Value* rv) {
  if (b->len == 0) raise_msg(&exc_ZeroDivisionError, "divide by zero");
  charge_native_work(a->len > b->len ? (a->len - b->len + 1) * b->len : b->len);
  Big q, r;
  mag_divmod(a->d, a->len, b->d, b->len, &q, &r);
  q.neg = (a->neg != b->neg) && q.len > 0;
  r.neg = a->neg && r.len > 0;
  if (r.len > 0 && a->neg != b->neg) {
    // Round the quotient down and move the remainder to b's sign.
    Value qminus = int_binary_op(kBinSub, big_to_value(&q), small_int(1));
    if (qv) *qv = qminus;
    if (rv) *rv = big_add(&r, b, false);
    return;
  }
  if (qv) *qv = big_to_value(&q);
  if (rv) *rv = big_to_value(&r);
}

// Two's complement digits of length n (for bitwise operations).
void to_twos(Big* a, uint16_t* out, size_t n) {
  for (size_t i = 0; i < n; i++)
    out[i] = i < a->len ? a->d[i] : 0;
  if (a->neg) {
    uint32_t carry = 1;
    for (size_t i = 0; i < n; i++) {
      uint32_t x = static_cast<uint16_t>(~out[i]) + carry;
      out[i] = static_cast<uint16_t>(x);
      carry = x >> 16;
    }
  }
}

Value from_twos(uint16_t* d, size_t n) {
  Big r;
  r.d = d;
  r.len = n;
  r.neg = (d[n - 1] & 0x8000) != 0;
  if (r.neg) {
    uint32_t carry = 1;
    for (size_t i = 0; i < n; i++) {
      uint32_t x = static_cast<uint16_t>(~d[i]) + carry;
      d[i] = static_cast<uint16_t>(x);
      carry = x >> 16;
    }
  }
  return big_to_value(&r);
}

Value big_bitwise(BinaryOp op, Big* a, Big* b) {
  size_t n = (a->len > b->len ? a->len : b->len) + 1;
  uint16_t* x = big_buf(n);
  uint16_t* y = big_buf(n);
  to_twos(a, x, n);
  to_twos(b, y, n);
  for (size_t i = 0; i < n; i++) {
    x[i] = op == kBinAnd ? (x[i] & y[i]) : op == kBinOr ? (x[i] | y[i]) : (x[i] ^ y[i]);
  }
  return from_twos(x, n);
}

Value big_shift(Big* a, Int shift, bool left) {
  if (left) {
    size_t words = static_cast<size_t>(shift / 16);
    int bits = static_cast<int>(shift % 16);
    Big r;
    r.d = big_buf(a->len + words + 1);
    r.len = a->len + words + 1;
    mem_set(r.d, 0, r.len * sizeof(uint16_t));
    for (size_t i = 0; i < a->len; i++) {
      uint32_t x = static_cast<uint32_t>(a->d[i]) << bits;
      r.d[i + words] |= static_cast<uint16_t>(x);
      r.d[i + words + 1] |= static_cast<uint16_t>(x >> 16);
    }
    r.neg = a->neg;
    return big_to_value(&r);
  }
  // Right shift floors (rounds toward -inf) like Python.
  if (a->neg) {
    // -((-a - 1) >> s) - 1
    uint16_t ob = 1;
    Big one{false, 1, &ob};
    Big pos{false, a->len, a->d};
    Big m1;
    uint16_t mb[kSmallDigits];
    Value v = big_add(&pos, &one, true);  // |a| - 1
    Pin pin{v};
    big_view(v, &m1, mb);
    Value sh = big_shift(&m1, shift, false);
    return int_binary_op(kBinSub, int_unary_op(kUnaryNeg, sh), small_int(1));
  }
  size_t words = static_cast<size_t>(shift / 16);
  if (words >= a->len) return small_int(0);
  int bits = static_cast<int>(shift % 16);
  Big r;
  r.len = a->len - words;
  r.d = big_buf(r.len);
  for (size_t i = 0; i < r.len; i++) {
    uint32_t x = a->d[i + words] >> bits;
    if (i + words + 1 < a->len && bits)
      x |= static_cast<uint32_t>(a->d[i + words + 1]) << (16 - bits);
    r.d[i] = static_cast<uint16_t>(x);
  }
  r.neg = false;
  return big_to_value(&r);
}

Value int_pow(Value base, Value exp, Value mod) {
  if (int_is_neg(exp)) {
    if (mod != kNull)
      raise_msg(&exc_ValueError,
                "pow() 2nd argument cannot be negative when 3rd argument specified");
    return float_new(pow(int_to_float(base), int_to_float(exp)));
  }
  Value result = small_int(1);
  Value b = base;
  if (mod != kNull) {
    if (mod == small_int(0)) raise_msg(&exc_ValueError, "pow() 3rd argument cannot be 0");
    b = int_binary_op(kBinMod, b, mod);
    result = int_binary_op(kBinMod, result, mod);  // pow(x, 0, 1) is 0
  }
  Value e = exp;
  while (e != small_int(0)) {
    charge_native_work(64);  // a step per bit, and Ctrl-C between them
    Value bit = int_binary_op(kBinAnd, e, small_int(1));
    if (bit != small_int(0)) {
      result = int_binary_op(kBinMul, result, b);
      if (mod != kNull) result = int_binary_op(kBinMod, result, mod);
    }
    e = int_binary_op(kBinRShift, e, small_int(1));
    if (e == small_int(0)) break;
    b = int_binary_op(kBinMul, b, b);
    if (mod != kNull) b = int_binary_op(kBinMod, b, mod);
  }
  return result;
}

void int_obj_print(const Printer* p, Value self, PrintKind) {
  int_print(p, self, 10, false);
}

Value int_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  KwArgs kw{n_kw, args + n_args};
  Value basev = kw_get(&kw, Q_base, n_args > 1 ? args[1] : kNull);
  if (n_args == 0) return small_int(0);
  Value x = args[0];
  // Text: a str, or the bytes of any object with a buffer (bytes, bytearray, memoryview).
  const char* text = nullptr;
  size_t n = 0;
  Value xn = native_value(x);  // class S(str): its str
  Buffer b;
  if (is_str(xn)) {
    text = str_data(xn, &n);
  } else if (is_obj(xn) && type_of(xn)->buffer && type_of(xn)->buffer(xn, &b, kBufferRead)) {
    text = static_cast<const char*>(b.data);
    n = b.len;
  }
  if (basev != kNull) {
    Int base = int_get(basev);
    if (text == nullptr)
      raise_msg(&exc_TypeError, "int() can't convert non-string with explicit base");
    if (base != 0 && (base < 2 || base > 36))
      raise_msg(&exc_ValueError, "int() arg 2 must be >= 2 and <= 36");
    return int_parse(text, n, static_cast<int>(base));
  }
  if (text) return int_parse(text, n, 10);
  if (is_int(xn)) return xn == kTrue ? small_int(1) : xn == kFalse ? small_int(0) : xn;
  if (is_float(xn)) return int_from_float(as<FloatObj>(xn)->value);
  Value dest[2];
  load_method_maybe(x, Q___int__, dest);
  if (dest[0] == kNull) load_method_maybe(x, Q___index__, dest);
  if (dest[0] != kNull) {
    Value r = call_method_n(0, 0, dest);
    if (!is_int(r))
      raise_fmt(&exc_TypeError, "__int__ returned non-int (type %s)", type_name_of(r));
    return r;
  }
  raise_fmt(&exc_TypeError, "can't convert %s to int", type_name_of(x));
}

Value int_binary(BinaryOp op, Value lhs, Value rhs) {
  return int_binary_op(op, lhs, rhs);
}

Value int_unary(UnaryOp op, Value v) {
  return int_unary_op(op, v);
}

// Methods.
Value int_bit_length(size_t, const Value* args, const KwArgs*) {
  Value v = args[0];
  if (v == kTrue || v == kFalse) return small_int(v == kTrue ? 1 : 0);
  if (is_small_int(v)) {
    Int i = small_int_value(v);
    Uint u = i < 0 ? 0 - static_cast<Uint>(i) : static_cast<Uint>(i);
    Int n = 0;
    while (u) {
      n++;
      u >>= 1;
    }
    return small_int(n);
  }
  BigIntObj* b = as<BigIntObj>(v);
  Int n = (b->len - 1) * 16;
  uint16_t top = b->dig[b->len - 1];
  while (top) {
    n++;
    top >>= 1;
  }
  return small_int(n);
}

Value int_to_bytes_m(size_t n_args, const Value* args, const KwArgs* kw) {
  Int len = n_args > 1 ? int_get(args[1]) : int_get(kw_get(kw, Q_length, small_int(1)));
  Value order = n_args > 2 ? args[2] : kw_get(kw, Q_byteorder, qstr_value(Q_big));
  bool is_signed = is_true(kw_get(kw, Q_signed, kFalse));
  if (len < 0) raise_msg(&exc_ValueError, "length argument must be non-negative");
  Value v = args[0];
  if (v == kTrue || v == kFalse) v = small_int(v == kTrue ? 1 : 0);
  bool neg = int_is_neg(v);
  if (neg) is_signed = true;  // as MicroPython: a negative int converts as signed
  if (len < kSmallIntMax / 8) {
    // Signed, n bytes hold [-2**(8n-1), 2**(8n-1)); unsigned, [0, 2**8n). ~v maps the
    // negative range onto the positive one.
    Value mag = neg ? int_unary_op(kUnaryInvert, v) : v;
    Int bits = small_int_value(int_bit_length(1, &mag, nullptr));
    if (bits > len * 8 - (is_signed ? 1 : 0))
      raise_msg(&exc_OverflowError, "int too big to convert");
  }
  return int_to_bytes(v, static_cast<size_t>(len), str_equal(order, qstr_value(Q_big)), is_signed);
}

Value int_from_bytes_m(size_t n_args, const Value* args, const KwArgs* kw) {
  // args[0] is the class (classmethod).
  Buffer buf;
  Value data = args[1];
  const Type* t = type_of(data);
  if (!t->buffer || !t->buffer(data, &buf, kBufferRead)) {
    Value b = bytes_from_iterable(&bytes_type, data);
    bytes_type.buffer(b, &buf, kBufferRead);
  }
  Value order = n_args > 2 ? args[2] : kw_get(kw, Q_byteorder, qstr_value(Q_big));
  bool is_signed = is_true(kw_get(kw, Q_signed, kFalse));
  return int_from_bytes(static_cast<const uint8_t*>(buf.data), buf.len,
                        str_equal(order, qstr_value(Q_big)), is_signed);
}

Value int_conjugate(size_t, const Value* args, const KwArgs*) {
  return args[0];
}

const NativeFunObj int_bit_length_obj = {&native_fun_type, 1, 1, 0, Q_bit_length, int_bit_length};
const NativeFunObj int_to_bytes_obj = {&native_fun_type, 1, 3, 1, Q_to_bytes, int_to_bytes_m};
const NativeFunObj int_from_bytes_fun = {&native_fun_type, 2, 3, 1, Q_from_bytes, int_from_bytes_m};
const StaticMethodObj int_from_bytes_obj = {&classmethod_type,
                                            reinterpret_cast<const Obj*>(&int_from_bytes_fun)};
const NativeFunObj int_conjugate_obj = {&native_fun_type, 1, 1, 0, Q_conjugate, int_conjugate};

const RomEntry int_methods_table[] = {
    {Q_bit_length, 0, &int_bit_length_obj},
    {Q_to_bytes, 0, &int_to_bytes_obj},
    {Q_from_bytes, 0, &int_from_bytes_obj},
    {Q_conjugate, 0, &int_conjugate_obj},
};
const RomMap int_methods = {int_methods_table, sizeof(int_methods_table) / sizeof(RomEntry)};

void int_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  if (name == Q_real || name == Q___index__) {
    if (name == Q_real) dest[0] = self;
  } else if (name == Q_imag) {
    dest[0] = small_int(0);
  }
}

}  // namespace

const Type int_type = {.type = &type_type,
                       .name = Q_int,
                       .flags = kTypeBaseable,
                       .print = int_obj_print,
                       .make_new = int_make_new,
                       .unary_op = int_unary,
                       .binary_op = int_binary,
                       .attr = int_attr,
                       .methods = &int_methods,
                       .base = &object_type};

Value int_from(Int i) {
  if (small_int_fits(i)) return small_int(i);
  return int_from_i64(i);
}

Value int_from_u64(uint64_t u) {
  if (u <= static_cast<uint64_t>(kSmallIntMax)) return small_int(static_cast<Int>(u));
  uint16_t d[4];
  Big b{false, 0, d};
  while (u) {
    d[b.len++] = static_cast<uint16_t>(u);
    u >>= 16;
  }
  return big_to_value(&b);
}

Value int_from_i64(int64_t i) {
  if (i >= 0) return int_from_u64(static_cast<uint64_t>(i));
  uint64_t u = 0 - static_cast<uint64_t>(i);
  Value v = int_from_u64(u);
  return int_unary_op(kUnaryNeg, v);
}

Value int_from_float(Float f) {
  if (isnan(f)) raise_msg(&exc_ValueError, "can't convert NaN to int");
  if (isinf(f)) raise_msg(&exc_OverflowError, "can't convert inf to int");
  f = trunc(f);
  if (f >= -4.0e18 && f <= 4.0e18) return int_from_i64(static_cast<int64_t>(f));
  // Large: build from the float's mantissa and exponent.
  int e;
  double m = frexp(static_cast<double>(f), &e);  // f = m * 2**e, 0.5 <= |m| < 1
  int64_t mant = static_cast<int64_t>(ldexp(m, 53));
  Value v = int_from_i64(mant);
  return int_binary_op(kBinLShift, v, small_int(e - 53));
}

Value int_parse(const char* s, size_t len, int base) {
  const char* p = s;
  const char* end = s + len;
  while (p < end &&
         (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
    end--;
  bool neg = false;
  if (p < end && (*p == '+' || *p == '-')) {
    neg = *p == '-';
    p++;
  }
  if (end - p >= 2 && p[0] == '0') {
    char k = static_cast<char>(p[1] | 0x20);
    if ((k == 'x' && (base == 16 || base == 0)) || (k == 'o' && (base == 8 || base == 0)) ||
        (k == 'b' && (base == 2 || base == 0))) {
      base = k == 'x' ? 16 : k == 'o' ? 8 : 2;
      p += 2;
      if (p < end && *p == '_') p++;
    }
  }
  // With base 0, a decimal number may not start with 0 unless it is all zeros ("00").
  bool leading_zero = base == 0 && p < end && *p == '0';
  if (base == 0) base = 10;
  if (p >= end) goto bad;
  {
    // Accumulate in a machine word while it fits, then in a bignum.
    Uint acc = 0;
    Value big = kNull;
    bool last_underscore = true;
    for (; p < end; p++) {
      char c = *p;
      if (c == '_') {
        if (last_underscore) goto bad;
        last_underscore = true;
        continue;
      }
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        d = (c | 0x20) - 'a' + 10;
      } else {
        goto bad;
      }
      if (d >= base) goto bad;
      last_underscore = false;
      if (big == kNull) {
        if (acc <=
            (static_cast<Uint>(kSmallIntMax) - static_cast<Uint>(d)) / static_cast<Uint>(base)) {
          acc = acc * base + d;
          continue;
        }
        big = small_int(static_cast<Int>(acc));
      }
      big = int_binary_op(kBinAdd, int_binary_op(kBinMul, big, small_int(base)), small_int(d));
    }
    if (last_underscore) goto bad;
    Value v = big != kNull ? big : small_int(static_cast<Int>(acc));
    if (leading_zero && v != small_int(0)) goto bad;
    return neg ? int_unary_op(kUnaryNeg, v) : v;
  }
bad:
  if (base == 10) {
    raise_fmt(&exc_ValueError, "invalid syntax for integer with base %d: %R", base,
              str_new(s, len));
  }
  raise_fmt(&exc_ValueError, "invalid syntax for integer with base %d: %R", base, str_new(s, len));
}

bool int_get_maybe(Value v, Int* out) {
  if (is_small_int(v)) {
    *out = small_int_value(v);
    return true;
  }
  if (v == kTrue || v == kFalse) {
    *out = v == kTrue;
    return true;
  }
  if (!is_type(v, &int_type)) return false;
  BigIntObj* b = as<BigIntObj>(v);
  if (b->len * 16 > sizeof(Int) * 8) {
    // Only exactly INT_MIN-sized values can still fit; treat as overflow.
    if (b->len * 16 > sizeof(Int) * 8 + 0) return false;
  }
  Uint u = 0;
  for (size_t i = b->len; i-- > 0;)
    u = (u << 16) | b->dig[i];
  if (b->neg) {
    if (u > static_cast<Uint>(INTPTR_MAX) + 1) return false;
    *out = static_cast<Int>(0 - u);
  } else {
    if (u > static_cast<Uint>(INTPTR_MAX)) return false;
    *out = static_cast<Int>(u);
  }
  return true;
}

Int int_get(Value v) {
  Int i;
  if (int_get_maybe(v, &i)) return i;
  if (is_type(v, &int_type))
    raise_msg(&exc_OverflowError, "overflow converting long int to machine word");
  if (is_obj(v) && (as_obj(v)->type->flags & kTypeUser)) return int_get(value_index(v));
  raise_fmt(&exc_TypeError, "can't convert %s to int", type_name_of(v));
}

int64_t int_get_i64(Value v) {
  if (is_small_int(v) || v == kTrue || v == kFalse) return int_get(v);
  if (!is_type(v, &int_type)) return int_get(v);
  BigIntObj* b = as<BigIntObj>(v);
  if (b->len > 4) raise_msg(&exc_OverflowError, "overflow converting long int to machine word");
  uint64_t u = 0;
  for (size_t i = b->len; i-- > 0;)
    u = (u << 16) | b->dig[i];
  if (b->neg) {
    if (u > (1ull << 63))
      raise_msg(&exc_OverflowError, "overflow converting long int to machine word");
    return static_cast<int64_t>(0 - u);
  }
  if (u > static_cast<uint64_t>(INT64_MAX))
    raise_msg(&exc_OverflowError, "overflow converting long int to machine word");
  return static_cast<int64_t>(u);
}

uint64_t int_get_u64_trunc(Value v) {
  if (is_small_int(v) || v == kTrue || v == kFalse) return static_cast<uint64_t>(int_get(v));
  if (!is_type(v, &int_type)) return static_cast<uint64_t>(int_get(v));
  BigIntObj* b = as<BigIntObj>(v);
  uint64_t u = 0;
  for (size_t i = (b->len < 4 ? b->len : 4); i-- > 0;)
    u = (u << 16) | b->dig[i];
  return b->neg ? 0 - u : u;
}

Float int_to_float(Value v) {
  if (v == kTrue || v == kFalse) return v == kTrue ? 1 : 0;
  if (is_small_int(v)) return static_cast<Float>(small_int_value(v));
  BigIntObj* b = as<BigIntObj>(v);
  double f = 0;
  for (size_t i = b->len; i-- > 0;)
    f = f * 65536.0 + b->dig[i];
  if (isinf(f)) raise_msg(&exc_OverflowError, "int too big to convert to float");
  return static_cast<Float>(b->neg ? -f : f);
}

bool int_is_neg(Value v) {
  if (is_small_int(v)) return small_int_value(v) < 0;
  if (v == kTrue || v == kFalse) return false;
  return as<BigIntObj>(v)->neg;
}

int int_compare(Value a, Value b) {
  if (is_small_int(a) && is_small_int(b)) {
    Int x = small_int_value(a), y = small_int_value(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  uint16_t ba[kSmallDigits], bb[kSmallDigits];
  Big x, y;
  big_view(a, &x, ba);
  big_view(b, &y, bb);
  if (x.neg != y.neg) return x.neg ? -1 : 1;
  int c = mag_cmp(x.d, x.len, y.d, y.len);
  return x.neg ? -c : c;
}

Uint int_hash(Value v) {
  if (is_small_int(v)) return static_cast<Uint>(small_int_value(v));
  BigIntObj* b = as<BigIntObj>(v);
  Uint h = 0;
  for (size_t i = 0; i < b->len; i++)
    h = h * 31 + b->dig[i];
  return b->neg ? 0 - h : h;
}

Value int_unary_op(UnaryOp op, Value v) {
  if (v == kTrue || v == kFalse) v = small_int(v == kTrue);
  if (is_small_int(v)) {
    Int i = small_int_value(v);
    switch (op) {
      case kUnaryBool:
        return bool_value(i != 0);
      case kUnaryHash:
      case kUnaryPos:
        return v;
      case kUnaryNeg:
        return int_from(-i);
      case kUnaryInvert:
        return small_int(~i);
      case kUnaryAbs:
        return int_from(i < 0 ? -i : i);
      default:
        return kNull;
    }
  }
  Pin pin{v};
  BigIntObj* b = as<BigIntObj>(v);
  switch (op) {
    case kUnaryBool:
      return kTrue;
    case kUnaryHash:
      return small_int(static_cast<Int>(int_hash(v) & kSmallIntMax));
    case kUnaryPos:
      return v;
    case kUnaryNeg:
    case kUnaryAbs: {
      if (op == kUnaryAbs && !b->neg) return v;
      Big r{!b->neg, b->len, b->dig};
      if (op == kUnaryAbs) r.neg = false;
      return big_to_value(&r);
    }
    case kUnaryInvert:
      // ~x == -x - 1
      return int_binary_op(kBinSub, int_unary_op(kUnaryNeg, v), small_int(1));
    default:
      return kNull;
  }
}

Value int_binary_op(BinaryOp op, Value lhs, Value rhs) {
  if (lhs == kTrue || lhs == kFalse) lhs = small_int(lhs == kTrue);
  if (rhs == kTrue || rhs == kFalse) rhs = small_int(rhs == kTrue);
  if (!is_small_int(rhs) && !is_type(rhs, &int_type)) {
    if (is_float(rhs)) return float_binary_op(op, int_to_float(lhs), rhs);
    // int * sequence: repetition, done by the sequence.
    if (op == kBinMul || op == kBinInplaceMul) {
      const Type* rt = type_of(rhs);
      if (rt == &str_type || rt == &bytes_type || rt == &list_type || rt == &tuple_type ||
          rt == &bytearray_type) {
        return binary_op(kBinMul, rhs, lhs);
      }
    }
    return kNull;
  }
  int o = op;
  if (o >= kBinInplaceOr && o <= kBinInplacePow) o -= kBinInplaceOffset;
  if (is_small_int(lhs) && is_small_int(rhs)) {
    Int a = small_int_value(lhs), b = small_int_value(rhs);
    switch (o) {
      case kBinAdd:
        return int_from(a + b);
      case kBinSub:
        return int_from(a - b);
      case kBinMul: {
        Int c;
        if (!__builtin_mul_overflow(a, b, &c) && small_int_fits(c)) return small_int(c);
        break;
      }
      case kBinFloorDiv:
      case kBinMod:
      case kBinDivMod: {
        if (b == 0) raise_msg(&exc_ZeroDivisionError, "divide by zero");
        Int q = a / b, m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) {
          q--;
          m += b;
        }
        if (o == kBinFloorDiv) return int_from(q);
        if (o == kBinMod) return small_int(m);
        Value t = tuple_new(2, nullptr);
        as<TupleObj>(t)->items[0] = int_from(q);
        as<TupleObj>(t)->items[1] = small_int(m);
        return t;
      }
      case kBinTrueDiv:
        if (b == 0) raise_msg(&exc_ZeroDivisionError, "divide by zero");
        return float_new(static_cast<Float>(a) / static_cast<Float>(b));
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
      case kBinAnd:
        return small_int(a & b);
      case kBinOr:
        return small_int(a | b);
      case kBinXor:
        return small_int(a ^ b);
      case kBinLShift:
        if (b < 0) raise_msg(&exc_ValueError, "negative shift count");
        if (b < static_cast<Int>(sizeof(Int) * 8 - 2)) {
          Int c = static_cast<Int>(static_cast<Uint>(a) << b);
          if ((c >> b) == a && small_int_fits(c)) return small_int(c);
        }
        break;
      case kBinRShift:
        if (b < 0) raise_msg(&exc_ValueError, "negative shift count");
        return small_int(b >= static_cast<Int>(sizeof(Int) * 8) ? (a < 0 ? -1 : 0) : a >> b);
      case kBinPow:
        if (b < 0) return float_new(pow(static_cast<double>(a), static_cast<double>(b)));
        {
          // Fast path while the result stays small.
          Int r = 1, base = a, e = b;
          bool ok = true;
          while (e && ok) {
            if (e & 1) ok = !__builtin_mul_overflow(r, base, &r) && small_int_fits(r);
            e >>= 1;
            if (e && ok) ok = !__builtin_mul_overflow(base, base, &base) && small_int_fits(base);
          }
          if (ok) return small_int(r);
        }
        break;
      default:
        return kNull;
    }
  }
  // Bignum paths.
  Pin pin_l{lhs}, pin_r{rhs};
  uint16_t ba[kSmallDigits], bb[kSmallDigits];
  Big x, y;
  big_view(lhs, &x, ba);
  big_view(rhs, &y, bb);
  switch (o) {
    case kBinAdd:
      return big_add(&x, &y, false);
    case kBinSub:
      return big_add(&x, &y, true);
    case kBinMul:
      return big_mul(&x, &y);
    case kBinFloorDiv: {
      Value q;
      big_floordivmod(&x, &y, &q, nullptr);
      return q;
    }
    case kBinMod: {
      Value r;
      big_floordivmod(&x, &y, nullptr, &r);
      return r;
    }
    case kBinDivMod: {
      Value q, r;
      big_floordivmod(&x, &y, &q, &r);
      Value t = tuple_new(2, nullptr);
      as<TupleObj>(t)->items[0] = q;
      as<TupleObj>(t)->items[1] = r;
      return t;
    }
    case kBinTrueDiv: {
      if (y.len == 0) raise_msg(&exc_ZeroDivisionError, "divide by zero");
      return float_new(int_to_float(lhs) / int_to_float(rhs));
    }
    case kBinLess:
    case kBinMore:
    case kBinLessEqual:
    case kBinMoreEqual:
    case kBinEqual:
    case kBinNotEqual: {
      int c = int_compare(lhs, rhs);
      bool r = o == kBinLess        ? c < 0
               : o == kBinMore      ? c > 0
               : o == kBinLessEqual ? c <= 0
               : o == kBinMoreEqual ? c >= 0
               : o == kBinEqual     ? c == 0
                                    : c != 0;
      return bool_value(r);
    }
    case kBinAnd:
    case kBinOr:
    case kBinXor:
      return big_bitwise(static_cast<BinaryOp>(o), &x, &y);
    case kBinLShift:
    case kBinRShift: {
      if (y.neg) raise_msg(&exc_ValueError, "negative shift count");
      Int s;
      if (!int_get_maybe(rhs, &s)) raise_msg(&exc_OverflowError, "shift count too large");
      if (o == kBinLShift && s > 1000000) raise_memory_error(static_cast<size_t>(s / 8));
      return big_shift(&x, s, o == kBinLShift);
    }
    case kBinPow:
      return int_pow(lhs, rhs, kNull);
    default:
      return kNull;
  }
}

Value int_pow3(Value base, Value exp, Value mod) {
  return int_pow(base, exp, mod);
}

Value int_to_str(Value v, int base) {
  Vstr s;
  vstr_init(&s, 24);
  Printer p = vstr_printer(&s);
  int_print(&p, v, base, false);
  return vstr_to_str(&s);
}

void int_print(const Printer* p, Value v, int base, bool prefix) {
  if (v == kTrue || v == kFalse) v = small_int(v == kTrue);
  const char* pre = base == 16 ? "0x" : base == 8 ? "0o" : base == 2 ? "0b" : "";
  if (is_small_int(v)) {
    Int i = small_int_value(v);
    Uint u = i < 0 ? 0 - static_cast<Uint>(i) : static_cast<Uint>(i);
    char buf[72];
    int k = sizeof(buf);
    do {
      int d = static_cast<int>(u % base);
      buf[--k] = static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10);
      u /= base;
    } while (u);
    if (i < 0) print_str(p, "-");
    if (prefix) print_str(p, pre);
    print_strn(p, buf + k, sizeof(buf) - k);
    return;
  }
  BigIntObj* b = as<BigIntObj>(v);
  charge_native_work(b->len * b->len);  // quadratic in the length
  // Repeated division by a power of the base that fits in a digit.
  uint16_t chunk = 1;
  int per = 0;
  while (static_cast<uint32_t>(chunk) * base <= 0xffff) {
    chunk = static_cast<uint16_t>(chunk * base);
    per++;
  }
  Pin pin_v{v};
  size_t n = b->len;
  uint16_t* work = big_buf(n);
  mem_copy(work, b->dig, n * sizeof(uint16_t));
  size_t cap = n * 17 + 4;
  char* out = static_cast<char*>(gc_alloc(cap));
  Pin pin_out{val(out)};  // printing may allocate while it reads out + k
  size_t k = cap;
  while (n > 0) {
    uint32_t rem = mag_divmod_digit(work, &n, chunk);
    for (int i = 0; i < per; i++) {
      int d = static_cast<int>(rem % base);
      out[--k] = static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10);
      rem /= base;
      if (n == 0 && rem == 0) break;
    }
  }
  while (k < cap - 1 && out[k] == '0')
    k++;
  if (b->neg) print_str(p, "-");
  if (prefix) print_str(p, pre);
  print_strn(p, out + k, cap - k);
}

Value int_to_bytes(Value v, size_t len, bool big_endian, bool is_signed) {
  if (!is_signed && int_is_neg(v))
    raise_msg(&exc_OverflowError, "can't convert negative int to unsigned");
  Value bytes = bytes_new(nullptr, len);
  uint8_t* out = reinterpret_cast<uint8_t*>(as<StrObj>(bytes)->data);
  Pin pin_v{v}, pin_bytes{bytes};
  uint16_t bv[kSmallDigits];
  Big b;
  big_view(v, &b, bv);
  size_t n = (len + 1) / 2 + 1;
  uint16_t* tw = big_buf(n > b.len + 1 ? n : b.len + 1);
  size_t tn = n > b.len + 1 ? n : b.len + 1;
  to_twos(&b, tw, tn);
  for (size_t i = 0; i < len; i++) {
    uint8_t byte = static_cast<uint8_t>(tw[i / 2] >> ((i & 1) * 8));
    out[big_endian ? len - 1 - i : i] = byte;
  }
  return bytes;
}

Value int_from_bytes(const uint8_t* buf, size_t len, bool big_endian, bool is_signed) {
  size_t n = len / 2 + 2;
  uint16_t* d = big_buf(n);
  mem_set(d, 0, n * sizeof(uint16_t));
  for (size_t i = 0; i < len; i++) {
    uint8_t byte = buf[big_endian ? len - 1 - i : i];
    d[i / 2] |= static_cast<uint16_t>(byte << ((i & 1) * 8));
  }
  if (is_signed && len > 0 && (buf[big_endian ? 0 : len - 1] & 0x80)) {
    // Sign-extend to the full width, then read as two's complement.
    for (size_t i = len; i < n * 2; i++)
      d[i / 2] |= static_cast<uint16_t>(0xff << ((i & 1) * 8));
    return from_twos(d, n);
  }
  Big b{false, n, d};
  return big_to_value(&b);
}

}  // namespace vpy
