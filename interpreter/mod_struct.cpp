// The struct module: pack, unpack, calcsize, pack_into, unpack_from.
#include "buffers.h"

namespace vpy {

namespace {

struct Fmt {
  const char* p;
  const char* end;
  bool little;
  bool native;  // '@': native sizes and alignment
};

Fmt fmt_start(Value f) {
  size_t n;
  const char* s = str_data(f, &n);
  Fmt r{s, s + n, true, true};
  if (n) {
    switch (*s) {
      case '@':
        r.p++;
        break;
      case '=':
      case '<':
        r.native = false;
        r.p++;
        break;
      case '>':
      case '!':
        r.little = false;
        r.native = false;
        r.p++;
        break;
    }
  }
  return r;
}

// Bytes of one item: array's typecodes (buffers.h), plus struct's own padding, char, bool and
// string codes; 'l'/'L' are 4 bytes in the standard sizes, a C long in native ones.
size_t code_size(char c, bool native) {
  if (c == 'x' || c == 'c' || c == '?' || c == 's') return 1;
  if (!native && (c == 'l' || c == 'L')) return 4;
  size_t n = c == 'S' ? 0 : typecode_size(c);  // 'S' is array-only
  if (n == 0) raise_msg(&exc_ValueError, "bad char in struct format");
  return n;
}

// Iterates the format: calls fn(code, count, size, offset) per item.
template <typename Fn>
size_t fmt_walk(Value f, Fn fn) {
  Fmt st = fmt_start(f);
  size_t off = 0;
  while (st.p < st.end) {
    char c = *st.p;
    if (c == ' ') {
      st.p++;
      continue;
    }
    size_t count = 1;
    if (c >= '0' && c <= '9') {
      count = 0;
      while (st.p < st.end && *st.p >= '0' && *st.p <= '9')
        count = count * 10 + (*st.p++ - '0');
      if (st.p >= st.end) raise_msg(&exc_ValueError, "bad char in struct format");
      c = *st.p;
    }
    st.p++;
    size_t sz = code_size(c, st.native);
    if (st.native && sz > 1 && c != 's') off = (off + sz - 1) & ~(sz - 1);
    fn(c, count, sz, off, st.little);
    off += c == 's' ? count : sz * count;
  }
  return off;
}

void put_uint(uint8_t* p, uint64_t v, size_t n, bool little) {
  for (size_t i = 0; i < n; i++)
    p[little ? i : n - 1 - i] = static_cast<uint8_t>(v >> (8 * i));
}
uint64_t get_uint(const uint8_t* p, size_t n, bool little) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++)
    v |= static_cast<uint64_t>(p[little ? i : n - 1 - i]) << (8 * i);
  return v;
}

size_t calcsize(Value f) {
  return fmt_walk(f, [](char, size_t, size_t, size_t, bool) {});
}

void pack_at(Value fmt, uint8_t* buf, size_t n_args, const Value* args) {
  size_t ai = 0;
  fmt_walk(fmt, [&](char c, size_t count, size_t sz, size_t off, bool little) {
    if (c == 'x') {
      mem_set(buf + off, 0, count);
      return;
    }
    // Items with no argument left stay zero (MicroPython packs fewer values than the
    // format names; CPython raises).
    if (c == 's') {
      if (ai >= n_args) return;
      Buffer b;
      Value v = args[ai++];
      if (!buffer_get(v, &b, kBufferRead)) raise_msg(&exc_TypeError, "bytes expected");
      size_t k = b.len < count ? b.len : count;
      mem_copy(buf + off, b.data, k);
      mem_set(buf + off + k, 0, count - k);
      return;
    }
    for (size_t i = 0; i < count; i++) {
      if (ai >= n_args) return;
      Value v = args[ai++];
      uint8_t* p = buf + off + i * sz;
      if (c == 'O') {
        mem_copy(p, &v, sizeof v);
      } else if (c == 'f' || c == 'd') {
        double d = static_cast<double>(float_get(v));
        if (c == 'f') {
          float f = static_cast<float>(d);
          uint32_t u;
          mem_copy(&u, &f, 4);
          put_uint(p, u, 4, little);
        } else {
          uint64_t u;
          mem_copy(&u, &d, 8);
          put_uint(p, u, 8, little);
        }
      } else if (c == '?') {
        p[0] = is_true(v) ? 1 : 0;
      } else if (c == 'c') {
        size_t n;
        const char* s = str_data(v, &n);
        p[0] = n ? static_cast<uint8_t>(s[0]) : 0;
      } else {
        put_uint(p, int_get_u64_trunc(value_index(v)), sz, little);
      }
    }
  });
  if (ai != n_args) raise_msg(&exc_ValueError, "too many arguments");
}

Value unpack_at(Value fmt, const uint8_t* buf) {
  Value result = list_new(0, nullptr);
  fmt_walk(fmt, [&](char c, size_t count, size_t sz, size_t off, bool little) {
    if (c == 'x') return;
    if (c == 's') {
      list_append(result, bytes_new(buf + off, count));
      return;
    }
    for (size_t i = 0; i < count; i++) {
      const uint8_t* p = buf + off + i * sz;
      uint64_t u = get_uint(p, sz, little);
      Value v;
      switch (c) {
        case 'f': {
          uint32_t w = static_cast<uint32_t>(u);
          float f;
          mem_copy(&f, &w, 4);
          v = float_new(static_cast<Float>(f));
          break;
        }
        case 'd': {
          double d;
          mem_copy(&d, &u, 8);
          v = float_new(static_cast<Float>(d));
          break;
        }
        case 'c':
          v = bytes_new(p, 1);
          break;
        case 'O':
          mem_copy(&v, p, sizeof v);
          break;
        case '?':
          v = bool_value(u != 0);
          break;
        case 'b':
        case 'h':
        case 'i':
        case 'l':
        case 'q': {
          // Sign-extend from sz bytes.
          int shift = static_cast<int>(64 - 8 * sz);
          int64_t s = static_cast<int64_t>(u << shift) >> shift;
          v = int_from_i64(s);
          break;
        }
        default:
          v = int_from_u64(u);
      }
      list_append(result, v);
    }
  });
  ListObj* l = as<ListObj>(result);
  return tuple_new(l->len, l->items);
}

Value s_calcsize(size_t, const Value* a, const KwArgs*) {
  return small_int(static_cast<Int>(calcsize(a[0])));
}
Value s_pack(size_t n_args, const Value* a, const KwArgs*) {
  size_t n = calcsize(a[0]);
  Value b = bytes_new(nullptr, n);
  pack_at(a[0], reinterpret_cast<uint8_t*>(as<StrObj>(b)->data), n_args - 1, a + 1);
  return b;
}
Value s_pack_into(size_t n_args, const Value* a, const KwArgs*) {
  size_t n = calcsize(a[0]);
  Buffer b;
  if (!buffer_get(a[1], &b, kBufferWrite)) raise_msg(&exc_TypeError, "buffer expected");
  Int off = int_get(a[2]);
  if (off < 0) off += b.len;
  if (off < 0 || static_cast<size_t>(off) + n > b.len)
    raise_msg(&exc_ValueError, "buffer too small");
  pack_at(a[0], static_cast<uint8_t*>(b.data) + off, n_args - 3, a + 3);
  return kNone;
}
Value s_unpack_from(size_t n_args, const Value* a, const KwArgs*) {
  size_t n = calcsize(a[0]);
  Buffer b;
  if (!buffer_get(a[1], &b, kBufferRead)) raise_msg(&exc_TypeError, "buffer expected");
  Int off = n_args > 2 ? int_get(a[2]) : 0;
  if (off < 0) off += b.len;
  if (off < 0 || static_cast<size_t>(off) + n > b.len)
    raise_msg(&exc_ValueError, "buffer too small");
  return unpack_at(a[0], static_cast<uint8_t*>(b.data) + off);
}
Value s_unpack(size_t, const Value* a, const KwArgs*) {
  size_t n = calcsize(a[0]);
  Buffer b;
  if (!buffer_get(a[1], &b, kBufferRead)) raise_msg(&exc_TypeError, "buffer expected");
  if (b.len != n)
    raise_fmt(&exc_ValueError, "unpack requires a buffer of %u bytes", static_cast<unsigned>(n));
  return unpack_at(a[0], static_cast<uint8_t*>(b.data));
}

const NativeFunObj s_calcsize_obj = {&native_fun_type, 1, 1, 0, Q_calcsize, s_calcsize};
const NativeFunObj s_pack_obj = {&native_fun_type, 1, 0xffff, 0, Q_pack, s_pack};
const NativeFunObj s_pack_into_obj = {&native_fun_type, 3, 0xffff, 0, Q_pack_into, s_pack_into};
const NativeFunObj s_unpack_obj = {&native_fun_type, 2, 2, 0, Q_unpack, s_unpack};
const NativeFunObj s_unpack_from_obj = {&native_fun_type, 2, 3, 0, Q_unpack_from, s_unpack_from};

}  // namespace

const RomEntry struct_members_table[] = {
    {Q_calcsize, 0, &s_calcsize_obj},       {Q_pack, 0, &s_pack_obj},
    {Q_pack_into, 0, &s_pack_into_obj},     {Q_unpack, 0, &s_unpack_obj},
    {Q_unpack_from, 0, &s_unpack_from_obj},
};
extern const RomMap struct_members;
const RomMap struct_members = {struct_members_table, 5};

}  // namespace vpy
