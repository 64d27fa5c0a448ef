// bytearray, the slots array.array shares with it, and memoryview: buffers of typed items.
// A bytearray is an array of 'B' items with the bytes methods besides (obj_str.cpp holds
// its method table); memoryview reads and writes any object's buffer in place.
#include "buffers.h"

namespace vpy {

// --- items by typecode ---------------------------------------------------------------------
size_t typecode_size(char tc) {
  switch (tc) {
    case 'b':
    case 'B':
      return 1;
    case 'h':
    case 'H':
      return 2;
    case 'i':
    case 'I':
    case 'f':
      return 4;
    case 'l':
    case 'L':
      return sizeof(long);
    case 'q':
    case 'Q':
    case 'd':
      return 8;
    case 'O':
    case 'P':
    case 'S':
      return sizeof(void*);
    default:
      return 0;
  }
}

Value buf_item_get(char tc, const uint8_t* p) {
  switch (tc) {
    case 'B':
      return small_int(*p);
    case 'f': {
      float f;
      memcpy(&f, p, sizeof f);
      return float_new(static_cast<Float>(f));
    }
    case 'd': {
      double d;
      memcpy(&d, p, sizeof d);
      return float_new(static_cast<Float>(d));
    }
    case 'O': {
      Value v;
      memcpy(&v, p, sizeof v);
      return v == kNull ? kNone : v;  // a fresh array of objects holds zeros
    }
  }
  size_t sz = typecode_size(tc);
  uint64_t u;
  if (sz == 1) {
    u = *p;
  } else if (sz == 2) {
    uint16_t x;
    memcpy(&x, p, 2);
    u = x;
  } else if (sz == 4) {
    uint32_t x;
    memcpy(&x, p, 4);
    u = x;
  } else {
    memcpy(&u, p, 8);
  }
  if (tc >= 'a') {  // lower case: signed
    int shift = static_cast<int>(64 - 8 * sz);
    return int_from_i64(static_cast<int64_t>(u << shift) >> shift);
  }
  return int_from_u64(u);
}

void buf_item_set(char tc, uint8_t* p, Value v) {
  if (tc == 'f' || tc == 'd') {
    Float f = float_get(v);
    if (tc == 'f') {
      float x = static_cast<float>(f);
      memcpy(p, &x, sizeof x);
    } else {
      double x = static_cast<double>(f);
      memcpy(p, &x, sizeof x);
    }
    return;
  }
  if (tc == 'O') {
    memcpy(p, &v, sizeof v);
    return;
  }
  // Integers wider than the item keep their low bits, as MicroPython's arrays do; bytes
  // items alone are checked, as bytearray's are in CPython.
  uint64_t u = int_get_u64_trunc(is_int(v) ? v : value_index(v));
  size_t sz = typecode_size(tc);
  if (tc == 'B') {
    if (u > 255) raise_msg(&exc_ValueError, "bytes value out of range");
    *p = static_cast<uint8_t>(u);
  } else if (sz == 1) {
    *p = static_cast<uint8_t>(u);
  } else if (sz == 2) {
    uint16_t x = static_cast<uint16_t>(u);
    memcpy(p, &x, 2);
  } else if (sz == 4) {
    uint32_t x = static_cast<uint32_t>(u);
    memcpy(p, &x, 4);
  } else {
    memcpy(p, &u, 8);
  }
}

bool buffer_get(Value v, Buffer* b, int flags) {
  if (!is_obj(v)) return false;
  const Type* t = as_obj(v)->type;
  if (t->flags & kTypeUser) {  // an instance of class X(bytes): its bytes value
    v = native_value(v);
    if (!is_obj(v)) return false;
    t = as_obj(v)->type;
  }
  return t->buffer && t != &str_type && t->buffer(v, b, flags);
}

void buffer_get_raise(Value v, Buffer* b, int flags) {
  if (!buffer_get(v, b, flags)) raise_msg(&exc_TypeError, "object with buffer protocol required");
}

namespace {

bool is_bytearray(Value v) {
  return as_obj(v)->type == &bytearray_type;
}
char array_typecode(Value v) {
  return is_bytearray(v) ? 'B' : as<ArrayObj>(v)->typecode;
}

void array_grow(ArrayObj* a, size_t need) {
  if (need <= a->alloc) return;
  size_t n = a->alloc < 8 ? 8 : a->alloc * 2;
  if (n < need) n = need;
  a->data = static_cast<uint8_t*>(gc_realloc(a->data, n));
  a->alloc = n;
}

// Replaces bytes [start, start + old_len) with src (which may lie in a's own buffer).
void array_replace(ArrayObj* a, size_t start, size_t old_len, const uint8_t* src, size_t n) {
  uint8_t* copy = nullptr;
  if (n && src >= a->data && src < a->data + a->alloc) {
    copy = static_cast<uint8_t*>(gc_alloc(n));
    memcpy(copy, src, n);
    src = copy;
  }
  size_t old_total = a->len, new_total = a->len - old_len + n;
  array_grow(a, new_total);
  mem_move(a->data + start + n, a->data + start + old_len, old_total - start - old_len);
  mem_copy(a->data + start, src, n);
  // Dropped items leave zeros behind, so a shrunk array of objects holds no stale references.
  if (new_total < old_total) mem_set(a->data + new_total, 0, old_total - new_total);
  a->len = new_total;
  if (copy) gc_free(copy);
}

// A new array of the same kind (bytearray or array.array, never a derived class).
ArrayObj* array_like(Value self, size_t nbytes) {
#if VPY_MODULE_ARRAY
  if (!is_bytearray(self)) return array_alloc(&array_type, as<ArrayObj>(self)->typecode, nbytes);
#else
  (void)self;
#endif
  return array_alloc(&bytearray_type, 'B', nbytes);
}

// Comparisons of two buffers, MicroPython's rules: the typecodes must agree up to
// signedness (== and !=) or be equal and unsigned (< <= > >=); floats never compare
// bytewise. Anything else is NotImplementedError rather than a wrong answer.
Value buffer_compare(BinaryOp op, const Buffer& l, Value rhs) {
  Buffer r;
  if (!buffer_get(rhs, &r, kBufferRead)) return kNull;
  bool is_unsigned = false;
  auto code = [&](char c) {
    if (c <= 'Z') {
      is_unsigned = true;
      c = static_cast<char>(c + 32);
    }
    return c;
  };
  char lc = code(l.typecode), rc = code(r.typecode);
  bool eq_op = op == kBinEqual || op == kBinNotEqual;
  if (lc != rc || lc == 'f' || lc == 'd' || !(eq_op || is_unsigned)) {
    raise(val(&exc_NotImplementedError));
  }
  size_t n = l.len < r.len ? l.len : r.len;
  int c = n ? mem_cmp(l.data, r.data, n) : 0;
  if (c == 0) c = l.len < r.len ? -1 : l.len > r.len ? 1 : 0;
  switch (op) {
    case kBinEqual:
      return bool_value(c == 0);
    case kBinNotEqual:
      return bool_value(c != 0);
    case kBinLess:
      return bool_value(c < 0);
    case kBinMore:
      return bool_value(c > 0);
    case kBinLessEqual:
      return bool_value(c <= 0);
    default:
      return bool_value(c >= 0);
  }
}

}  // namespace

ArrayObj* array_alloc(const Type* type, char tc, size_t nbytes) {
  bool ba = type == &bytearray_type;
  ArrayObj* a = static_cast<ArrayObj*>(gc_alloc(ba ? sizeof(BytearrayObj) : sizeof(ArrayObj)));
  a->type = type;
  a->len = a->alloc = nbytes;
  a->data = nbytes ? static_cast<uint8_t*>(gc_alloc(nbytes)) : nullptr;
  if (!ba) a->typecode = tc;
  return a;
}

Value bytearray_new(const void* data, size_t len) {
  ArrayObj* a = array_alloc(&bytearray_type, 'B', len);
  mem_copy(a->data, data, len);
  return val(a);
}

void array_extend_from(Value self, Value src) {
  ArrayObj* a = as<ArrayObj>(self);
  Buffer b;
  if (buffer_get(src, &b, kBufferRead)) {
    // Raw bytes (an extension to CPython), whole items only.
    size_t sz = typecode_size(array_typecode(self));
    array_replace(a, a->len, 0, static_cast<const uint8_t*>(b.data), b.len / sz * sz);
    return;
  }
  Value it = getiter(src);
  for (Value x; (x = iternext(it)) != kNull;) {
    Value args[2] = {self, x};
    array_append_obj.fn(2, args, nullptr);
  }
}

Value array_slot_unary(UnaryOp op, Value self) {
  ArrayObj* a = as<ArrayObj>(self);
  switch (op) {
    case kUnaryLen:
      return small_int(static_cast<Int>(a->len / typecode_size(array_typecode(self))));
    case kUnaryBool:
      return bool_value(a->len != 0);
    case kUnaryHash:
      raise_fmt(&exc_TypeError, "unsupported type for __hash__: '%s'", type_name_of(self));
    default:
      return kNull;
  }
}

Value array_slot_binary(BinaryOp op, Value lhs, Value rhs) {
  ArrayObj* a = as<ArrayObj>(lhs);
  char tc = array_typecode(lhs);
  size_t sz = typecode_size(tc);
  Buffer rb;
  switch (op) {
    case kBinIn:
      if (!is_bytearray(lhs)) {
        for (size_t i = 0; i < a->len; i += sz) {
          if (equal(buf_item_get(tc, a->data + i), rhs)) return kTrue;
        }
        return kFalse;
      }
      if (is_int(rhs)) {
        Int x = int_get(rhs);
        if (x < 0 || x > 255) raise_msg(&exc_ValueError, "byte must be in range(0, 256)");
        return bool_value(mem_chr(a->data, static_cast<int>(x), a->len) != nullptr);
      }
      if (!buffer_get(rhs, &rb, kBufferRead)) return kNull;
      for (size_t i = 0; i + rb.len <= a->len; i++) {
        if (rb.len == 0 || mem_cmp(a->data + i, rb.data, rb.len) == 0) return kTrue;
      }
      return kFalse;
    case kBinMul:
    case kBinInplaceMul: {
      Int n;
      if (!int_get_maybe(rhs, &n)) return kNull;
      size_t old = a->len;
      size_t total = seq_repeat_len(old, n, 1);
      // b *= n changes b itself (other references see it).
      ArrayObj* r = op == kBinInplaceMul ? a : array_like(lhs, total);
      array_grow(r, total);
      if (r != a) mem_copy(r->data, a->data, total < old ? total : old);
      for (size_t done = old; done < total; done += old)
        mem_copy(r->data + done, r->data, old);
      r->len = total;
      return val(r);
    }
    case kBinAdd: {
      // Anything with a buffer may be added (an extension to CPython), whole items only.
      if (!buffer_get(rhs, &rb, kBufferRead)) return kNull;
      size_t n = rb.len / sz * sz;
      ArrayObj* r = array_like(lhs, a->len + n);
      mem_copy(r->data, a->data, a->len);
      mem_copy(r->data + a->len, rb.data, n);
      return val(r);
    }
    case kBinInplaceAdd:
      if (!buffer_get(rhs, &rb, kBufferRead)) return kNull;
      array_extend_from(lhs, rhs);
      return lhs;
    case kBinEqual:
    case kBinNotEqual:
#if VPY_MODULE_ARRAY
      // An array equals arrays only; bytearray compares with anything bytes-like.
      if (!is_bytearray(lhs) && builtin_type_of(rhs) != &array_type) return kNull;
#endif
      [[fallthrough]];
    case kBinLess:
    case kBinMore:
    case kBinLessEqual:
    case kBinMoreEqual: {
      Buffer lb = {a->data, a->len, tc};
      return buffer_compare(op, lb, rhs);
    }
    default:
      return kNull;
  }
}

Value array_slot_subscr(Value self, Value index, Value value) {
  ArrayObj* a = as<ArrayObj>(self);
  char tc = array_typecode(self);
  size_t sz = typecode_size(tc);
  size_t n = a->len / sz;
  if (is_type(index, &slice_type)) {
    SliceRange r;
    slice_indices(index, n, &r);
    if (value == kSentinel) {
      ArrayObj* res = array_like(self, r.len * sz);
      for (size_t i = 0; i < r.len; i++)
        memcpy(res->data + i * sz, a->data + (r.start + static_cast<Int>(i) * r.step) * sz, sz);
      return val(res);
    }
    if (r.step != 1)
      raise_msg(&exc_NotImplementedError, "only slices with step=1 (aka None) are supported");
    Buffer src = {nullptr, 0, tc};
    if (value != kNull) {
      if (!buffer_get(value, &src, kBufferRead)) {
        // An iterable of items: made into an array of this kind first.
        Value tmp = val(array_like(self, 0));
        array_extend_from(tmp, value);
        buffer_get(tmp, &src, kBufferRead);
      } else if (typecode_size(src.typecode) != sz && sz != 1) {
        raise_msg(&exc_ValueError, "lhs and rhs should be compatible");
      }
    }
    array_replace(a, static_cast<size_t>(r.start) * sz, r.len * sz,
                  static_cast<const uint8_t*>(src.data), src.len / sz * sz);
    return kNone;
  }
  size_t i = seq_index(a->type, n, index, false);
  if (value == kSentinel) return buf_item_get(tc, a->data + i * sz);
  if (value == kNull) {
    array_replace(a, i * sz, sz, nullptr, 0);
  } else {
    buf_item_set(tc, a->data + i * sz, value);
  }
  return kNone;
}

bool array_slot_buffer(Value self, Buffer* buf, int) {
  ArrayObj* a = as<ArrayObj>(self);
  buf->data = a->data;
  buf->len = a->len;
  buf->typecode = array_typecode(self);
  return true;
}

// One iterator for everything with a buffer: it asks for the buffer at each step, so it
// follows a bytearray that grows or shrinks while it is being iterated.
namespace {
struct BufferIterObj {
  const Type* type;
  Value obj;
  size_t pos;  // byte offset
};
Value buffer_iternext(Value self) {
  BufferIterObj* it = as<BufferIterObj>(self);
  Buffer b;
  buffer_get(it->obj, &b, kBufferRead);
  size_t sz = typecode_size(b.typecode);
  if (it->pos + sz > b.len) return kNull;
  Value v = buf_item_get(b.typecode, static_cast<const uint8_t*>(b.data) + it->pos);
  it->pos += sz;
  return v;
}
const Type buffer_iter_type = {
    .type = &type_type, .name = Q_iterator, .flags = kTypeIterIsSelf, .iternext = buffer_iternext};
}  // namespace

Value buffer_slot_getiter(Value self) {
  BufferIterObj* it = gc_new<BufferIterObj>(&buffer_iter_type);
  it->obj = self;
  it->pos = 0;
  return val(it);
}

// --- methods shared with array.array ---------------------------------------------------------
namespace {
Value array_append(size_t, const Value* a, const KwArgs*) {
  ArrayObj* o = as<ArrayObj>(a[0]);
  char tc = array_typecode(a[0]);
  size_t sz = typecode_size(tc);
  array_grow(o, o->len + sz);
  buf_item_set(tc, o->data + o->len, a[1]);  // before the length grows: it may raise
  o->len += sz;
  return kNone;
}
Value array_extend(size_t, const Value* a, const KwArgs*) {
  array_extend_from(a[0], a[1]);
  return kNone;
}
Value bytearray_pop(size_t n_args, const Value* a, const KwArgs*) {
  ArrayObj* b = as<ArrayObj>(a[0]);
  if (b->len == 0) raise_msg(&exc_IndexError, "pop from empty bytearray");
  size_t i = seq_index(&bytearray_type, b->len, n_args > 1 ? a[1] : small_int(-1), false);
  uint8_t v = b->data[i];
  array_replace(b, i, 1, nullptr, 0);
  return small_int(v);
}
Value bytearray_copy(size_t, const Value* a, const KwArgs*) {
  ArrayObj* b = as<ArrayObj>(a[0]);
  return bytearray_new(b->data, b->len);
}
}  // namespace

const NativeFunObj array_append_obj = {&native_fun_type, 2, 2, 0, Q_append, array_append};
const NativeFunObj array_extend_obj = {&native_fun_type, 2, 2, 0, Q_extend, array_extend};
const NativeFunObj bytearray_pop_obj = {&native_fun_type, 1, 2, 0, Q_pop, bytearray_pop};
const NativeFunObj bytearray_copy_obj = {&native_fun_type, 1, 1, 0, Q_copy, bytearray_copy};

namespace {

void bytearray_print(const Printer* p, Value self, PrintKind) {
  ArrayObj* b = as<ArrayObj>(self);
  print_str(p, "bytearray(");
  print_quoted(p, reinterpret_cast<const char*>(b->data), b->len, true);
  print_str(p, ")");
}

Value bytearray_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  return bytes_make(&bytearray_type, n_args, args);
}

// --- memoryview ------------------------------------------------------------------------------
Value mv_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args != 1) raise_arg_count(1, n_args);
  Buffer b;
  buffer_get_raise(args[0], &b, kBufferRead);
  MemoryviewObj* m = gc_new<MemoryviewObj>(&memoryview_type);
  m->obj = args[0];
  m->data = static_cast<uint8_t*>(b.data);
  m->typecode = b.typecode;
  m->len = b.len / typecode_size(b.typecode);
  Buffer w;
  m->readonly = !buffer_get(args[0], &w, kBufferWrite);
  return val(m);
}

void mv_print(const Printer* p, Value, PrintKind) {
  print_str(p, "<memoryview>");
}

Value mv_unary(UnaryOp op, Value self) {
  MemoryviewObj* m = as<MemoryviewObj>(self);
  if (op == kUnaryLen) return small_int(static_cast<Int>(m->len));
  if (op == kUnaryBool) return bool_value(m->len != 0);
  return kNull;
}

Value mv_subscr(Value self, Value index, Value value) {
  MemoryviewObj* m = as<MemoryviewObj>(self);
  size_t sz = typecode_size(m->typecode);
  if (value != kSentinel && m->readonly) return kNull;  // TypeError: no item assignment
  if (is_type(index, &slice_type)) {
    SliceRange r;
    slice_indices(index, m->len, &r);
    if (r.step != 1)
      raise_msg(&exc_NotImplementedError, "only slices with step=1 (aka None) are supported");
    if (value == kSentinel) {
      MemoryviewObj* s = gc_new<MemoryviewObj>(&memoryview_type);
      *s = *m;
      s->data = m->data + r.start * sz;
      s->len = r.len;
      return val(s);
    }
    if (value == kNull) return kNull;
    Buffer src;
    buffer_get_raise(value, &src, kBufferRead);
    if (typecode_size(src.typecode) != sz || src.len != r.len * sz)
      raise_msg(&exc_ValueError, "lhs and rhs should be compatible");
    mem_move(m->data + r.start * sz, src.data, src.len);
    return kNone;
  }
  size_t i = seq_index(&memoryview_type, m->len, index, false);
  if (value == kSentinel) return buf_item_get(m->typecode, m->data + i * sz);
  if (value == kNull) return kNull;
  buf_item_set(m->typecode, m->data + i * sz, value);
  return kNone;
}

bool mv_buffer(Value self, Buffer* buf, int flags) {
  MemoryviewObj* m = as<MemoryviewObj>(self);
  if ((flags & kBufferWrite) && m->readonly) return false;
  buf->data = m->data;
  buf->len = m->len * typecode_size(m->typecode);
  buf->typecode = m->typecode;
  return true;
}

Value mv_binary(BinaryOp op, Value lhs, Value rhs) {
  if (op > kBinNotEqual) return kNull;  // the comparisons come first in BinaryOp
  Buffer lb;
  mv_buffer(lhs, &lb, kBufferRead);
  return buffer_compare(op, lb, rhs);
}

Value mv_tobytes(size_t, const Value* a, const KwArgs*) {
  Buffer b;
  mv_buffer(a[0], &b, kBufferRead);
  return bytes_new(b.data, b.len);
}
Value mv_tolist(size_t, const Value* a, const KwArgs*) {
  Value l = list_new(0, nullptr);
  list_extend(l, a[0]);
  return l;
}
const NativeFunObj mv_tobytes_obj = {&native_fun_type, 1, 1, 0, Q_tobytes, mv_tobytes};
const NativeFunObj mv_tolist_obj = {&native_fun_type, 1, 1, 0, Q_tolist, mv_tolist};
const RomEntry mv_methods_table[] = {
    {Q_tobytes, 0, &mv_tobytes_obj},
    {Q_tolist, 0, &mv_tolist_obj},
    {Q_hex, 0, &bytes_hex_obj},
};
const RomMap mv_methods = {mv_methods_table, sizeof(mv_methods_table) / sizeof(RomEntry)};

void mv_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  MemoryviewObj* m = as<MemoryviewObj>(self);
  size_t sz = typecode_size(m->typecode);
  if (name == Q_readonly) dest[0] = bool_value(m->readonly);
  if (name == Q_nbytes) dest[0] = small_int(static_cast<Int>(m->len * sz));
  if (name == Q_itemsize) dest[0] = small_int(static_cast<Int>(sz));
  if (name == Q_format) dest[0] = str_new_qstr_maybe(&m->typecode, 1);
  if (name == Q_obj) dest[0] = m->obj;
}

}  // namespace

extern const RomMap bytearray_methods;  // obj_str.cpp: the bytes methods and these above

const Type bytearray_type = {.type = &type_type,
                             .name = Q_bytearray,
                             .flags = kTypeBaseable,
                             .print = bytearray_print,
                             .make_new = bytearray_make_new,
                             .unary_op = array_slot_unary,
                             .binary_op = array_slot_binary,
                             .subscr = array_slot_subscr,
                             .getiter = buffer_slot_getiter,
                             .buffer = array_slot_buffer,
                             .methods = &bytearray_methods,
                             .base = &object_type};
const Type memoryview_type = {.type = &type_type,
                              .name = Q_memoryview,
                              .print = mv_print,
                              .make_new = mv_make_new,
                              .unary_op = mv_unary,
                              .binary_op = mv_binary,
                              .attr = mv_attr,
                              .subscr = mv_subscr,
                              .getiter = buffer_slot_getiter,
                              .buffer = mv_buffer,
                              .methods = &mv_methods,
                              .base = &object_type};

}  // namespace vpy
