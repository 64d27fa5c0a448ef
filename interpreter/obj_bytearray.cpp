// bytearray (mutable bytes) and memoryview (a window on a buffer).
#include "runtime.h"

namespace vpy {

namespace {

void ba_grow(BytearrayObj* b, size_t need) {
  if (need <= b->alloc) return;
  size_t n = b->alloc < 8 ? 8 : b->alloc * 2;
  if (n < need) n = need;
  b->data = static_cast<uint8_t*>(gc_realloc(b->data, n));
  b->alloc = n;
}

void ba_print(const Printer* p, Value self, PrintKind) {
  BytearrayObj* b = as<BytearrayObj>(self);
  print_str(p, "bytearray(");
  print_quoted(p, reinterpret_cast<const char*>(b->data), b->len, true);
  print_str(p, ")");
}

Value ba_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args == 0) return bytes_from_iterable(&bytearray_type, small_int(0));
  if (is_str(args[0])) {
    size_t n;
    const char* s = str_data(args[0], &n);
    return bytes_from_iterable(&bytearray_type, bytes_new(s, n));
  }
  return bytes_from_iterable(&bytearray_type, args[0]);
}

Value ba_unary(UnaryOp op, Value self) {
  BytearrayObj* b = as<BytearrayObj>(self);
  if (op == kUnaryLen) return small_int(static_cast<Int>(b->len));
  if (op == kUnaryBool) return bool_value(b->len != 0);
  return kNull;
}

bool get_buffer(Value v, Buffer* buf) {
  const Type* t = type_of(v);
  return t->buffer && !is_qstr(v) && t != &str_type && t->buffer(v, buf, kBufferRead);
}

Value ba_binary(BinaryOp op, Value lhs, Value rhs) {
  BytearrayObj* a = as<BytearrayObj>(lhs);
  Buffer rb;
  if (op == kBinIn) {
    if (is_int(rhs))
      return bool_value(memchr(a->data, static_cast<int>(int_get(rhs)), a->len) != nullptr);
    if (!get_buffer(rhs, &rb)) return kNull;
    if (rb.len == 0) return kTrue;
    for (size_t i = 0; i + rb.len <= a->len; i++) {
      if (memcmp(a->data + i, rb.data, rb.len) == 0) return kTrue;
    }
    return kFalse;
  }
  if (op == kBinMul || op == kBinInplaceMul) {
    Int n;
    if (!int_get_maybe(rhs, &n)) return kNull;
    if (op == kBinInplaceMul) {
      // b *= n changes b itself (other references see it), repeating its first bytes.
      size_t old = a->len;
      size_t total = seq_repeat_len(old, n, 1);
      ba_grow(a, total);
      for (size_t done = old; done < total; done += old)
        mem_copy(a->data + done, a->data, old);
      a->len = total;
      return lhs;
    }
    Vstr v;
    vstr_init(&v, seq_repeat_len(a->len, n, 1) + 1);
    for (Int i = 0; i < n; i++)
      vstr_add_strn(&v, reinterpret_cast<const char*>(a->data), a->len);
    return bytes_from_iterable(&bytearray_type, vstr_to_bytes(&v));
  }
  if (!get_buffer(rhs, &rb)) return kNull;
  switch (op) {
    case kBinAdd: {
      Value r = bytes_from_iterable(&bytearray_type, small_int(static_cast<Int>(a->len + rb.len)));
      BytearrayObj* o = as<BytearrayObj>(r);
      mem_copy(o->data, a->data, a->len);
      mem_copy(o->data + a->len, rb.data, rb.len);
      return r;
    }
    case kBinInplaceAdd: {
      size_t old = a->len;
      // The source may live in this very buffer (b += b, b.extend(b)), which growing
      // frees: keep its offset and read it from the new buffer.
      const uint8_t* src = static_cast<const uint8_t*>(rb.data);
      bool alias = rb.len && src >= a->data && src < a->data + a->alloc;
      size_t off = alias ? static_cast<size_t>(src - a->data) : 0;
      ba_grow(a, a->len + rb.len);
      if (alias) src = a->data + off;
      mem_move(a->data + old, src, rb.len);
      a->len += rb.len;
      return lhs;
    }
    case kBinEqual:
    case kBinNotEqual: {
      bool eq = a->len == rb.len && memcmp(a->data, rb.data, a->len) == 0;
      return bool_value(op == kBinEqual ? eq : !eq);
    }
    case kBinLess:
    case kBinMore:
    case kBinLessEqual:
    case kBinMoreEqual: {
      size_t n = a->len < rb.len ? a->len : rb.len;
      int c = memcmp(a->data, rb.data, n);
      if (c == 0) c = a->len < rb.len ? -1 : a->len > rb.len ? 1 : 0;
      bool r = op == kBinLess        ? c < 0
               : op == kBinMore      ? c > 0
               : op == kBinLessEqual ? c <= 0
                                     : c >= 0;
      return bool_value(r);
    }
    default:
      return kNull;
  }
}

Value ba_subscr(Value self, Value index, Value value) {
  BytearrayObj* b = as<BytearrayObj>(self);
  if (is_type(index, &slice_type)) {
    SliceRange r;
    slice_indices(index, b->len, &r);
    if (value == kSentinel) {
      Value res = bytes_from_iterable(&bytearray_type, small_int(static_cast<Int>(r.len)));
      for (size_t i = 0; i < r.len; i++)
        as<BytearrayObj>(res)->data[i] = b->data[r.start + static_cast<Int>(i) * r.step];
      return res;
    }
    if (r.step != 1)
      raise_msg(&exc_NotImplementedError, "only slices with step=1 (aka None) are supported");
    Buffer src = {nullptr, 0, 'B'};
    Value keep = kNull;
    if (value != kNull) {
      if (!get_buffer(value, &src)) {
        keep = bytes_from_iterable(&bytes_type, value);
        get_buffer(keep, &src);
      }
    }
    uint8_t* copy = static_cast<uint8_t*>(gc_alloc(src.len + 1));
    mem_copy(copy, src.data, src.len);
    size_t start = static_cast<size_t>(r.start), stop = start + r.len;
    size_t new_len = b->len - r.len + src.len;
    ba_grow(b, new_len);
    mem_move(b->data + start + src.len, b->data + stop, b->len - stop);
    mem_copy(b->data + start, copy, src.len);
    b->len = new_len;
    return kNone;
  }
  size_t i = seq_index(&bytearray_type, b->len, index, false);
  if (value == kSentinel) return small_int(b->data[i]);
  if (value == kNull) {
    mem_move(b->data + i, b->data + i + 1, b->len - i - 1);
    b->len--;
    return kNone;
  }
  Int x = int_get(value);
  if (x < 0 || x > 255) raise_msg(&exc_ValueError, "bytes value out of range");
  b->data[i] = static_cast<uint8_t>(x);
  return kNone;
}

struct BaIterObj {
  const Type* type;
  Value ba;
  size_t pos;
};
Value ba_iternext(Value self) {
  BaIterObj* it = as<BaIterObj>(self);
  size_t len;
  const uint8_t* d;
  if (is_type(it->ba, &bytearray_type)) {
    len = as<BytearrayObj>(it->ba)->len;
    d = as<BytearrayObj>(it->ba)->data;
  } else {
    MemoryviewObj* m = as<MemoryviewObj>(it->ba);
    len = m->len;
    d = m->data;
  }
  if (it->pos >= len) return kNull;
  return small_int(d[it->pos++]);
}
const Type ba_iter_type = {
    .type = &type_type, .name = Q_iterator, .flags = kTypeIterIsSelf, .iternext = ba_iternext};
Value ba_getiter(Value self) {
  BaIterObj* it = gc_new<BaIterObj>(&ba_iter_type);
  it->ba = self;
  it->pos = 0;
  return val(it);
}

bool ba_buffer(Value self, Buffer* buf, int) {
  BytearrayObj* b = as<BytearrayObj>(self);
  buf->data = b->data;
  buf->len = b->len;
  buf->typecode = 'B';
  return true;
}

Value ba_append(size_t, const Value* a, const KwArgs*) {
  BytearrayObj* b = as<BytearrayObj>(a[0]);
  Int x = int_get(a[1]);
  if (x < 0 || x > 255) raise_msg(&exc_ValueError, "bytes value out of range");
  ba_grow(b, b->len + 1);
  b->data[b->len++] = static_cast<uint8_t>(x);
  return kNone;
}
Value ba_extend(size_t, const Value* a, const KwArgs*) {
  Buffer b;
  Value src = get_buffer(a[1], &b) ? a[1] : bytes_from_iterable(&bytes_type, a[1]);
  ba_binary(kBinInplaceAdd, a[0], src);
  return kNone;
}
Value ba_pop(size_t n_args, const Value* a, const KwArgs*) {
  BytearrayObj* b = as<BytearrayObj>(a[0]);
  if (b->len == 0) raise_msg(&exc_IndexError, "pop from empty bytearray");
  size_t i = seq_index(&bytearray_type, b->len, n_args > 1 ? a[1] : small_int(-1), false);
  uint8_t v = b->data[i];
  mem_move(b->data + i, b->data + i + 1, b->len - i - 1);
  b->len--;
  return small_int(v);
}
Value ba_copy(size_t, const Value* a, const KwArgs*) {
  return bytes_from_iterable(&bytearray_type, a[0]);
}

const NativeFunObj ba_append_obj = {&native_fun_type, 2, 2, 0, Q_append, ba_append};
const NativeFunObj ba_extend_obj = {&native_fun_type, 2, 2, 0, Q_extend, ba_extend};
const NativeFunObj ba_pop_obj = {&native_fun_type, 1, 2, 0, Q_pop, ba_pop};
const NativeFunObj ba_copy_obj = {&native_fun_type, 1, 1, 0, Q_copy, ba_copy};

// --- memoryview ------------------------------------------------------------------------------
Value mv_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args != 1) raise_msg(&exc_TypeError, "memoryview expects 1 argument");
  Buffer b;
  if (!get_buffer(args[0], &b)) raise_msg(&exc_TypeError, "object with buffer protocol required");
  MemoryviewObj* m = gc_new<MemoryviewObj>(&memoryview_type);
  m->obj = args[0];
  m->data = static_cast<uint8_t*>(b.data);
  m->len = b.len;
  m->typecode = 'B';
  m->readonly = !is_type(args[0], &bytearray_type) &&
                !(is_type(args[0], &memoryview_type) && !as<MemoryviewObj>(args[0])->readonly);
  return val(m);
}

void mv_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<memory at 0x%x>", static_cast<unsigned>(self));
}

Value mv_unary(UnaryOp op, Value self) {
  if (op == kUnaryLen) return small_int(static_cast<Int>(as<MemoryviewObj>(self)->len));
  return kNull;
}

Value mv_subscr(Value self, Value index, Value value) {
  MemoryviewObj* m = as<MemoryviewObj>(self);
  if (is_type(index, &slice_type)) {
    SliceRange r;
    slice_indices(index, m->len, &r);
    if (r.step != 1)
      raise_msg(&exc_NotImplementedError, "only slices with step=1 (aka None) are supported");
    if (value == kSentinel) {
      MemoryviewObj* s = gc_new<MemoryviewObj>(&memoryview_type);
      *s = *m;
      s->data = m->data + r.start;
      s->len = r.len;
      return val(s);
    }
    if (m->readonly) raise_msg(&exc_TypeError, "memoryview is read-only");
    Buffer src;
    if (value == kNull || !get_buffer(value, &src)) raise_msg(&exc_TypeError, "wrong type");
    if (src.len != r.len)
      raise_msg(&exc_ValueError,
                "memoryview assignment: lvalue and rvalue have different structures");
    mem_move(m->data + r.start, src.data, r.len);
    return kNone;
  }
  size_t i = seq_index(&memoryview_type, m->len, index, false);
  if (value == kSentinel) return small_int(m->data[i]);
  if (m->readonly || value == kNull) raise_msg(&exc_TypeError, "memoryview is read-only");
  m->data[i] = static_cast<uint8_t>(int_get(value));
  return kNone;
}

bool mv_buffer(Value self, Buffer* buf, int flags) {
  MemoryviewObj* m = as<MemoryviewObj>(self);
  if ((flags & kBufferWrite) && m->readonly) return false;
  buf->data = m->data;
  buf->len = m->len;
  buf->typecode = 'B';
  return true;
}

Value mv_binary(BinaryOp op, Value lhs, Value rhs) {
  MemoryviewObj* m = as<MemoryviewObj>(lhs);
  Buffer rb;
  if ((op == kBinEqual || op == kBinNotEqual) && get_buffer(rhs, &rb)) {
    bool eq = m->len == rb.len && memcmp(m->data, rb.data, m->len) == 0;
    return bool_value(op == kBinEqual ? eq : !eq);
  }
  return kNull;
}

Value mv_tobytes(size_t, const Value* a, const KwArgs*) {
  MemoryviewObj* m = as<MemoryviewObj>(a[0]);
  return bytes_new(m->data, m->len);
}
Value mv_tolist(size_t, const Value* a, const KwArgs*) {
  MemoryviewObj* m = as<MemoryviewObj>(a[0]);
  Value l = list_new(m->len, nullptr);
  for (size_t i = 0; i < m->len; i++)
    as<ListObj>(l)->items[i] = small_int(m->data[i]);
  return l;
}
const NativeFunObj mv_tobytes_obj = {&native_fun_type, 1, 1, 0, Q_tobytes, mv_tobytes};
const NativeFunObj mv_tolist_obj = {&native_fun_type, 1, 1, 0, Q_tolist, mv_tolist};
const RomEntry mv_methods_table[] = {
    {Q_tobytes, 0, &mv_tobytes_obj},
    {Q_tolist, 0, &mv_tolist_obj},
};
const RomMap mv_methods = {mv_methods_table, 2};

void mv_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  MemoryviewObj* m = as<MemoryviewObj>(self);
  if (name == Q_readonly) dest[0] = bool_value(m->readonly);
  if (name == Q_nbytes) dest[0] = small_int(static_cast<Int>(m->len));
  if (name == Q_itemsize) dest[0] = small_int(1);
  if (name == Q_obj) dest[0] = m->obj;
}

}  // namespace

namespace {
Value ba_decode(size_t n_args, const Value* a, const KwArgs*) {
  (void)n_args;
  BytearrayObj* b = as<BytearrayObj>(a[0]);
  return str_new(reinterpret_cast<const char*>(b->data), b->len);
}
Value ba_hex(size_t, const Value* a, const KwArgs*) {
  BytearrayObj* b = as<BytearrayObj>(a[0]);
  Vstr v;
  vstr_init(&v, b->len * 2 + 1);
  static const char hex[] = "0123456789abcdef";
  for (size_t i = 0; i < b->len; i++) {
    vstr_add_char(&v, hex[b->data[i] >> 4]);
    vstr_add_char(&v, hex[b->data[i] & 15]);
  }
  return vstr_to_str(&v);
}
const NativeFunObj ba_decode_obj = {&native_fun_type, 1, 3, 1, Q_decode, ba_decode};
const NativeFunObj ba_hex_obj = {&native_fun_type, 1, 1, 0, Q_hex, ba_hex};
const RomEntry ba_methods_table[] = {
    {Q_append, 0, &ba_append_obj}, {Q_extend, 0, &ba_extend_obj}, {Q_pop, 0, &ba_pop_obj},
    {Q_copy, 0, &ba_copy_obj},     {Q_decode, 0, &ba_decode_obj}, {Q_hex, 0, &ba_hex_obj},
};
const RomMap ba_methods = {ba_methods_table, sizeof(ba_methods_table) / sizeof(RomEntry)};
}  // namespace

const Type bytearray_type = {.type = &type_type,
                             .name = Q_bytearray,
                             .print = ba_print,
                             .make_new = ba_make_new,
                             .unary_op = ba_unary,
                             .binary_op = ba_binary,
                             .subscr = ba_subscr,
                             .getiter = ba_getiter,
                             .buffer = ba_buffer,
                             .methods = &ba_methods,
                             .base = &object_type};
const Type memoryview_type = {.type = &type_type,
                              .name = Q_memoryview,
                              .print = mv_print,
                              .make_new = mv_make_new,
                              .unary_op = mv_unary,
                              .binary_op = mv_binary,
                              .attr = mv_attr,
                              .subscr = mv_subscr,
                              .getiter = ba_getiter,
                              .buffer = mv_buffer,
                              .methods = &mv_methods};

}  // namespace vpy
