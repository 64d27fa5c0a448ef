// str (UTF-8 text) and bytes: one layout, one set of methods; a method returns the
// type of its receiver. Interned strings (qstrs) are str values too.
#include "buffers.h"

namespace vpy {

Value str_new_shared(const char* s, size_t len);

namespace {

// str, bytes or bytearray: the kind of a receiver (a derived class counts as its base).
const Type* kind_of(Value v) {
  return builtin_type_of(v);
}
bool is_bytes_like(Value v) {
  const Type* t = kind_of(v);
  return t == &bytes_type || t == &bytearray_type;
}

// Creates a value of the same kind (str, bytes or bytearray) as like.
Value new_like(Value like, const char* s, size_t len) {
  const Type* t = kind_of(like);
  if (t == &str_type) return str_new_shared(s, len);
  return t == &bytes_type ? bytes_new(s, len) : bytearray_new(s, len);
}
Value bytearray_from_vstr(Vstr* v) {  // takes the buffer over
  ArrayObj* a = array_alloc(&bytearray_type, 'B', 0);
  a->data = reinterpret_cast<uint8_t*>(v->buf);
  a->len = v->len;
  a->alloc = v->alloc;
  v->buf = nullptr;
  return val(a);
}
Value vstr_like(Value like, Vstr* v) {
  const Type* t = kind_of(like);
  if (t == &str_type) return vstr_to_str(v);
  return t == &bytes_type ? vstr_to_bytes(v) : bytearray_from_vstr(v);
}
// The receiver itself when a method leaves it unchanged, if it is immutable and of its
// builtin type; else a copy (a bytearray, or an instance of a derived class).
Value same_or_copy(Value self) {
  if (is_qstr(self) || as_obj(self)->type == &str_type || as_obj(self)->type == &bytes_type)
    return self;
  size_t len;
  const char* s = str_data(self, &len);
  return new_like(self, s, len);
}

// An empty bytearray has no buffer: its data reads as "" so that positions inside it exist.
const char* data_of(Value v, size_t* len) {
  const char* p = str_data(v, len);
  return p ? p : "";
}

// The argument must be of the receiver's kind: str for str, anything with a buffer for
// bytes and bytearray (and with allow_int, an int that names one byte: b.find(65)).
const char* arg_data(Value self, Value arg, size_t* len, bool allow_int = false) {
  if (is_bytes_like(self)) {
    Buffer b;
    if (buffer_get(arg, &b, kBufferRead)) {
      *len = b.len;
      return b.data ? static_cast<const char*>(b.data) : "";
    }
    if (allow_int && is_small_int(arg)) {
      static const uint8_t kAllBytes[256] = {
#define B4(n) n, n + 1, n + 2, n + 3
#define B16(n) B4(n), B4(n + 4), B4(n + 8), B4(n + 12)
          B16(0),   B16(16),  B16(32),  B16(48),  B16(64),  B16(80),  B16(96),  B16(112),
          B16(128), B16(144), B16(160), B16(176), B16(192), B16(208), B16(224), B16(240),
#undef B16
#undef B4
      };
      Int i = small_int_value(arg);
      if (i < 0 || i > 255) raise_msg(&exc_ValueError, "byte must be in range(0, 256)");
      *len = 1;
      return reinterpret_cast<const char*>(&kAllBytes[i]);
    }
  } else if (kind_of(arg) == &str_type) {
    return str_data(arg, len);
  }
  raise_fmt(&exc_TypeError, "can't convert '%q' object to %q implicitly", type_of(arg)->name,
            kind_of(self)->name);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const char* find_sub(const char* h, size_t hn, const char* n, size_t nn, bool reverse) {
  if (nn > hn) return nullptr;
  if (nn == 0) return reverse ? h + hn : h;
  if (!reverse) {
    for (size_t i = 0; i + nn <= hn; i++) {
      if (h[i] == n[0] && mem_cmp(h + i, n, nn) == 0) return h + i;
    }
  } else {
    for (size_t i = hn - nn + 1; i-- > 0;) {
      if (h[i] == n[0] && mem_cmp(h + i, n, nn) == 0) return h + i;
    }
  }
  return nullptr;
}

// Byte offset of a character index (UTF-8 aware for str).
size_t char_to_byte(Value self, const char* s, size_t len, size_t ci) {
  if (is_bytes_like(self)) return ci;
  return static_cast<size_t>(utf8_index(s, len, ci) - s);
}
size_t byte_to_char(Value self, const char* s, size_t bi) {
  if (is_bytes_like(self)) return bi;
  return utf8_char_len(s, bi);
}

// Resolves optional start/end arguments (character indices) to a byte range.
void sub_range(Value self, const char* s, size_t len, size_t n_args, const Value* args,
               size_t first, size_t* bstart, size_t* bend) {
  size_t clen = is_bytes_like(self) ? len : utf8_char_len(s, len);
  Int start = 0, end = static_cast<Int>(clen);
  if (n_args > first && args[first] != kNone) {
    start = int_get(args[first]);
    if (start < 0) start += clen;
    if (start < 0) start = 0;
  }
  if (n_args > first + 1 && args[first + 1] != kNone) {
    end = int_get(args[first + 1]);
    if (end < 0) end += clen;
    if (end < 0) end = 0;
  }
  if (start > static_cast<Int>(clen)) start = clen + 1;  // an empty, out-of-range window
  if (end > static_cast<Int>(clen)) end = clen;
  if (start > static_cast<Int>(clen)) {
    *bstart = len + 1;
    *bend = len;
    return;
  }
  *bstart = char_to_byte(self, s, len, static_cast<size_t>(start));
  *bend = end < start ? *bstart : char_to_byte(self, s, len, static_cast<size_t>(end));
}

// --- methods ---------------------------------------------------------------------------
Value str_find_impl(size_t n_args, const Value* args, bool reverse, bool raise_missing) {
  Value self = args[0];
  size_t len, nlen;
  const char* s = data_of(self, &len);
  const char* needle = arg_data(self, args[1], &nlen, true);
  size_t bs, be;
  sub_range(self, s, len, n_args, args, 2, &bs, &be);
  if (bs > be || bs > len) {
    if (raise_missing) raise_msg(&exc_ValueError, "substring not found");
    return small_int(-1);
  }
  const char* p = find_sub(s + bs, be - bs, needle, nlen, reverse);
  if (p == nullptr) {
    if (raise_missing) raise_msg(&exc_ValueError, "substring not found");
    return small_int(-1);
  }
  return small_int(static_cast<Int>(byte_to_char(self, s, p - s)));
}
Value str_find(size_t n, const Value* a, const KwArgs*) {
  return str_find_impl(n, a, false, false);
}
Value str_rfind(size_t n, const Value* a, const KwArgs*) {
  return str_find_impl(n, a, true, false);
}
Value str_index(size_t n, const Value* a, const KwArgs*) {
  return str_find_impl(n, a, false, true);
}
Value str_rindex(size_t n, const Value* a, const KwArgs*) {
  return str_find_impl(n, a, true, true);
}

Value str_count(size_t n_args, const Value* args, const KwArgs*) {
  Value self = args[0];
  size_t len, nlen;
  const char* s = data_of(self, &len);
  const char* needle = arg_data(self, args[1], &nlen, true);
  size_t bs, be;
  sub_range(self, s, len, n_args, args, 2, &bs, &be);
  if (bs > be) return small_int(0);
  if (nlen == 0) return small_int(static_cast<Int>(byte_to_char(self, s + bs, be - bs) + 1));
  Int count = 0;
  for (size_t i = bs; i + nlen <= be;) {
    if (mem_cmp(s + i, needle, nlen) == 0) {
      count++;
      i += nlen;
    } else {
      i++;
    }
  }
  return small_int(count);
}

Value str_startswith_impl(size_t n_args, const Value* args, bool ends) {
  Value self = args[0];
  size_t len;
  const char* s = data_of(self, &len);
  size_t bs, be;
  sub_range(self, s, len, n_args, args, 2, &bs, &be);
  if (bs > len) return kFalse;
  size_t wn;
  Value* opts;
  Value one = args[1];
  if (is_type(one, &tuple_type)) {
    seq_get(one, &wn, &opts);
  } else {
    wn = 1;
    opts = &one;
  }
  for (size_t i = 0; i < wn; i++) {
    size_t pn;
    const char* pfx = arg_data(self, opts[i], &pn);
    if (pn > be - bs) continue;
    if (mem_cmp(ends ? s + be - pn : s + bs, pfx, pn) == 0) return kTrue;
  }
  return kFalse;
}
Value str_startswith(size_t n, const Value* a, const KwArgs*) {
  return str_startswith_impl(n, a, false);
}
Value str_endswith(size_t n, const Value* a, const KwArgs*) {
  return str_startswith_impl(n, a, true);
}

Value str_strip_impl(size_t n_args, const Value* args, int which) {
  Value self = args[0];
  size_t len;
  const char* s = data_of(self, &len);
  const char* chars = nullptr;
  size_t nchars = 0;
  if (n_args > 1 && args[1] != kNone) chars = arg_data(self, args[1], &nchars);
  auto strip_this = [&](char c) {
    return chars ? mem_chr(chars, c, nchars) != nullptr : is_space(c);
  };
  size_t a = 0, b = len;
  if (which & 1) {
    while (a < b && strip_this(s[a]))
      a++;
  }
  if (which & 2) {
    while (b > a && strip_this(s[b - 1]))
      b--;
  }
  if (a == 0 && b == len) return same_or_copy(self);
  return new_like(self, s + a, b - a);
}
Value str_strip(size_t n, const Value* a, const KwArgs*) {
  return str_strip_impl(n, a, 3);
}
Value str_lstrip(size_t n, const Value* a, const KwArgs*) {
  return str_strip_impl(n, a, 1);
}
Value str_rstrip(size_t n, const Value* a, const KwArgs*) {
  return str_strip_impl(n, a, 2);
}

Value str_split_impl(size_t n_args, const Value* args, const KwArgs* kw, bool right) {
  Value self = args[0];
  size_t len;
  const char* s = data_of(self, &len);
  Value sepv = n_args > 1 ? args[1] : kw_get(kw, Q_sep, kNone);
  Int maxsplit =
      n_args > 2 ? int_get(args[2]) : int_get(kw_get(kw, qstr_from_str("maxsplit"), small_int(-1)));
  Value result = list_new(0, nullptr);
  if (sepv == kNone) {
    // Runs of whitespace separate; leading/trailing whitespace ignored. Once maxsplit
    // is used up, the rest is one item: only the whitespace before it is skipped
    // (after it, for rsplit), the remainder's own ends are kept.
    if (!right) {
      size_t i = 0;
      while (i < len) {
        while (i < len && is_space(s[i]))
          i++;
        if (i >= len) break;
        if (maxsplit == 0) {
          list_append(result, new_like(self, s + i, len - i));
          break;
        }
        size_t j = i;
        while (j < len && !is_space(s[j]))
          j++;
        list_append(result, new_like(self, s + i, j - i));
        if (maxsplit > 0) maxsplit--;
        i = j;
      }
    } else {
      size_t i = len;
      while (i > 0) {
        while (i > 0 && is_space(s[i - 1]))
          i--;
        if (i == 0) break;
        if (maxsplit == 0) {
          list_append(result, new_like(self, s, i));
          break;
        }
        size_t j = i;
        while (j > 0 && !is_space(s[j - 1]))
          j--;
        list_append(result, new_like(self, s + j, i - j));
        if (maxsplit > 0) maxsplit--;
        i = j;
      }
      ListObj* l = as<ListObj>(result);
      for (size_t a = 0, b = l->len; a + 1 < b; a++, b--) {
        Value t = l->items[a];
        l->items[a] = l->items[b - 1];
        l->items[b - 1] = t;
      }
    }
    return result;
  }
  size_t sn;
  const char* sep = arg_data(self, sepv, &sn);
  if (sn == 0) raise_msg(&exc_ValueError, "empty separator");
  if (!right) {
    size_t i = 0;
    for (;;) {
      const char* p = maxsplit == 0 ? nullptr : find_sub(s + i, len - i, sep, sn, false);
      if (p == nullptr) {
        list_append(result, new_like(self, s + i, len - i));
        break;
      }
      list_append(result, new_like(self, s + i, p - (s + i)));
      i = p - s + sn;
      if (maxsplit > 0) maxsplit--;
    }
  } else {
    size_t end = len;
    Value parts = list_new(0, nullptr);
    for (;;) {
      const char* p = maxsplit == 0 ? nullptr : find_sub(s, end, sep, sn, true);
      if (p == nullptr) {
        list_append(parts, new_like(self, s, end));
        break;
      }
      list_append(parts, new_like(self, p + sn, s + end - p - sn));
      end = p - s;
      if (maxsplit > 0) maxsplit--;
    }
    ListObj* l = as<ListObj>(parts);
    for (size_t k = l->len; k-- > 0;)
      list_append(result, l->items[k]);
  }
  return result;
}
Value str_split(size_t n, const Value* a, const KwArgs* kw) {
  return str_split_impl(n, a, kw, false);
}
Value str_rsplit(size_t n, const Value* a, const KwArgs* kw) {
  return str_split_impl(n, a, kw, true);
}

Value str_splitlines(size_t n_args, const Value* args, const KwArgs* kw) {
  Value self = args[0];
  bool keep = is_true(n_args > 1 ? args[1] : kw_get(kw, qstr_from_str("keepends"), kFalse));
  size_t len;
  const char* s = data_of(self, &len);
  Value result = list_new(0, nullptr);
  size_t i = 0;
  while (i < len) {
    size_t j = i;
    while (j < len && s[j] != '\n' && s[j] != '\r')
      j++;
    size_t e = j;
    if (j < len) {
      j += (s[j] == '\r' && j + 1 < len && s[j + 1] == '\n') ? 2 : 1;
    }
    list_append(result, new_like(self, s + i, (keep ? j : e) - i));
    i = j;
  }
  return result;
}

Value str_join(size_t, const Value* args, const KwArgs*) {
  Value self = args[0];
  size_t sn;
  const char* sep = data_of(self, &sn);
  size_t n;
  Value* items;
  seq_items(args[1], &n, &items);
  Vstr v;
  vstr_init(&v, 32);
  for (size_t i = 0; i < n; i++) {
    if (i) vstr_add_strn(&v, sep, sn);
    if (is_bytes_like(self) != is_bytes_like(items[i])) {
      raise_msg(&exc_TypeError,
                "join expects a list of str/bytes objects consistent with self object");
    }
    size_t il;
    const char* is = arg_data(self, items[i], &il);
    vstr_add_strn(&v, is, il);
  }
  return vstr_like(self, &v);
}

Value str_replace(size_t n_args, const Value* args, const KwArgs*) {
  Value self = args[0];
  size_t len, on, nn;
  const char* s = data_of(self, &len);
  const char* old = arg_data(self, args[1], &on);
  const char* nw = arg_data(self, args[2], &nn);
  Int max = n_args > 3 ? int_get(args[3]) : -1;
  Vstr v;
  vstr_init(&v, len + 1);
  size_t i = 0;
  if (on == 0) {
    // Insert between characters (and at both ends).
    for (size_t k = 0; k <= len; k++) {
      if (max != 0) {
        vstr_add_strn(&v, nw, nn);
        if (max > 0) max--;
      }
      if (k < len) vstr_add_char(&v, s[k]);
    }
  } else {
    while (i < len) {
      const char* p = max == 0 ? nullptr : find_sub(s + i, len - i, old, on, false);
      if (p == nullptr) break;
      vstr_add_strn(&v, s + i, p - (s + i));
      vstr_add_strn(&v, nw, nn);
      i = p - s + on;
      if (max > 0) max--;
    }
    vstr_add_strn(&v, s + i, len - i);
  }
  return vstr_like(self, &v);
}

Value str_case(Value self, int mode) {
  size_t len;
  const char* s = data_of(self, &len);
  Vstr v;
  vstr_init(&v, len + 1);
  bool start = true;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    bool lower = c >= 'a' && c <= 'z';
    bool upper = c >= 'A' && c <= 'Z';
    switch (mode) {
      case 0:  // lower
        if (upper) c = static_cast<char>(c + 32);
        break;
      case 1:  // upper
        if (lower) c = static_cast<char>(c - 32);
        break;
      case 2:  // capitalize
        if (i == 0 && lower) c = static_cast<char>(c - 32);
        if (i > 0 && upper) c = static_cast<char>(c + 32);
        break;
      case 3:  // title
        if (start && lower) c = static_cast<char>(c - 32);
        if (!start && upper) c = static_cast<char>(c + 32);
        break;
      case 4:  // swapcase
        if (lower) c = static_cast<char>(c - 32);
        if (upper) c = static_cast<char>(c + 32);
        break;
    }
    start = !(lower || upper);
    vstr_add_char(&v, c);
  }
  return vstr_like(self, &v);
}
Value str_lower(size_t, const Value* a, const KwArgs*) {
  return str_case(a[0], 0);
}
Value str_upper(size_t, const Value* a, const KwArgs*) {
  return str_case(a[0], 1);
}
Value str_capitalize(size_t, const Value* a, const KwArgs*) {
  return str_case(a[0], 2);
}
Value str_title(size_t, const Value* a, const KwArgs*) {
  return str_case(a[0], 3);
}
Value str_swapcase(size_t, const Value* a, const KwArgs*) {
  return str_case(a[0], 4);
}

Value str_test(Value self, int what) {
  size_t len;
  const char* s = data_of(self, &len);
  if (len == 0) return kFalse;
  bool any_cased = false;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool digit = c >= '0' && c <= '9';
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    switch (what) {
      case 0:
        if (!digit) return kFalse;
        break;
      case 1:
        if (!alpha && c < 0x80) return kFalse;
        break;
      case 2:
        if (!alpha && !digit && c < 0x80) return kFalse;
        break;
      case 3:
        if (!is_space(static_cast<char>(c))) return kFalse;
        break;
      case 4:  // isupper
        if (c >= 'a' && c <= 'z') return kFalse;
        if (c >= 'A' && c <= 'Z') any_cased = true;
        break;
      case 5:  // islower
        if (c >= 'A' && c <= 'Z') return kFalse;
        if (c >= 'a' && c <= 'z') any_cased = true;
        break;
      case 6:  // isidentifier
        if (!(alpha || c == '_' || c >= 0x80 || (i > 0 && digit))) return kFalse;
        break;
    }
  }
  if (what == 4 || what == 5) return bool_value(any_cased);
  return kTrue;
}
Value str_isdigit(size_t, const Value* a, const KwArgs*) {
  return str_test(a[0], 0);
}
Value str_isalpha(size_t, const Value* a, const KwArgs*) {
  return str_test(a[0], 1);
}
Value str_isalnum(size_t, const Value* a, const KwArgs*) {
  return str_test(a[0], 2);
}
Value str_isspace(size_t, const Value* a, const KwArgs*) {
  return str_test(a[0], 3);
}
Value str_isupper(size_t, const Value* a, const KwArgs*) {
  return str_test(a[0], 4);
}
Value str_islower(size_t, const Value* a, const KwArgs*) {
  return str_test(a[0], 5);
}
Value str_isidentifier(size_t, const Value* a, const KwArgs*) {
  return str_test(a[0], 6);
}

Value str_justify(size_t n_args, const Value* args, int mode) {
  Value self = args[0];
  size_t len;
  const char* s = data_of(self, &len);
  size_t clen = is_bytes_like(self) ? len : utf8_char_len(s, len);
  Int width = int_get(args[1]);
  const char* fill = " ";
  size_t fill_len = 1;
  if (n_args > 2) {
    fill = arg_data(self, args[2], &fill_len);
    if ((is_bytes_like(self) ? fill_len : utf8_char_len(fill, fill_len)) != 1) {
      raise_msg(&exc_TypeError, "The fill character must be exactly one character long");
    }
  }
  if (width <= static_cast<Int>(clen)) return same_or_copy(self);
  size_t pad = static_cast<size_t>(width) - clen;
  size_t left = mode == 0 ? 0 : mode == 1 ? pad : pad / 2 + ((pad & width & 1) ? 1 : 0);
  size_t right = pad - left;
  Vstr v;
  vstr_init(&v, len + pad * fill_len + 1);
  for (size_t i = 0; i < left; i++)
    vstr_add_strn(&v, fill, fill_len);
  vstr_add_strn(&v, s, len);
  for (size_t i = 0; i < right; i++)
    vstr_add_strn(&v, fill, fill_len);
  return vstr_like(self, &v);
}
Value str_ljust(size_t n, const Value* a, const KwArgs*) {
  return str_justify(n, a, 0);
}
Value str_rjust(size_t n, const Value* a, const KwArgs*) {
  return str_justify(n, a, 1);
}
Value str_center(size_t n, const Value* a, const KwArgs*) {
  return str_justify(n, a, 2);
}

Value str_zfill(size_t, const Value* args, const KwArgs*) {
  Value self = args[0];
  size_t len;
  const char* s = data_of(self, &len);
  Int width = int_get(args[1]);
  if (width <= static_cast<Int>(len)) return same_or_copy(self);
  Vstr v;
  vstr_init(&v, width + 1);
  size_t i = 0;
  if (len && (s[0] == '+' || s[0] == '-')) {
    vstr_add_char(&v, s[0]);
    i = 1;
  }
  for (Int k = 0; k < width - static_cast<Int>(len); k++)
    vstr_add_char(&v, '0');
  vstr_add_strn(&v, s + i, len - i);
  return vstr_like(self, &v);
}

Value str_partition_impl(const Value* args, bool right) {
  Value self = args[0];
  size_t len, sn;
  const char* s = data_of(self, &len);
  const char* sep = arg_data(self, args[1], &sn);
  if (sn == 0) raise_msg(&exc_ValueError, "empty separator");
  const char* p = find_sub(s, len, sep, sn, right);
  Value t = tuple_new(3, nullptr);
  Value* it = as<TupleObj>(t)->items;
  Value empty = new_like(self, "", 0);
  if (p == nullptr) {
    it[0] = right ? empty : same_or_copy(self);
    it[1] = empty;
    it[2] = right ? same_or_copy(self) : empty;
  } else {
    it[0] = new_like(self, s, p - s);
    it[1] = kind_of(self) == &str_type ? args[1] : new_like(self, sep, sn);
    it[2] = new_like(self, p + sn, s + len - p - sn);
  }
  return t;
}
Value str_partition(size_t, const Value* a, const KwArgs*) {
  return str_partition_impl(a, false);
}
Value str_rpartition(size_t, const Value* a, const KwArgs*) {
  return str_partition_impl(a, true);
}

Value str_removeprefix(size_t, const Value* args, const KwArgs*) {
  size_t len, pn;
  const char* s = data_of(args[0], &len);
  const char* p = arg_data(args[0], args[1], &pn);
  if (pn <= len && mem_cmp(s, p, pn) == 0) return new_like(args[0], s + pn, len - pn);
  return same_or_copy(args[0]);
}
Value str_removesuffix(size_t, const Value* args, const KwArgs*) {
  size_t len, pn;
  const char* s = data_of(args[0], &len);
  const char* p = arg_data(args[0], args[1], &pn);
  if (pn <= len && pn > 0 && mem_cmp(s + len - pn, p, pn) == 0)
    return new_like(args[0], s, len - pn);
  return same_or_copy(args[0]);
}

Value str_encode(size_t, const Value* args, const KwArgs*) {
  size_t len;
  const char* s = str_data(args[0], &len);
  return bytes_new(s, len);
}

Value bytes_decode(size_t, const Value* args, const KwArgs*) {
  size_t len;
  const char* s = str_data(args[0], &len);
  return str_new(s, len);
}

Value str_expandtabs(size_t n_args, const Value* args, const KwArgs*) {
  size_t len;
  const char* s = data_of(args[0], &len);
  Int tab = n_args > 1 ? int_get(args[1]) : 8;
  Vstr v;
  vstr_init(&v, len + 8);
  size_t col = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '\t') {
      if (tab > 0) {
        size_t n = tab - col % tab;
        for (size_t k = 0; k < n; k++)
          vstr_add_char(&v, ' ');
        col += n;
      }
    } else {
      vstr_add_char(&v, s[i]);
      col = (s[i] == '\n' || s[i] == '\r') ? 0 : col + 1;
    }
  }
  return vstr_to_str(&v);
}

// bytes, bytearray and memoryview: hex([sep]), sep between every two digits.
Value bytes_hex(size_t n_args, const Value* args, const KwArgs*) {
  Buffer b;
  buffer_get_raise(args[0], &b, kBufferRead);
  size_t sep_len = 0;
  const char* sep = n_args > 1 ? str_data(args[1], &sep_len) : nullptr;
  Vstr v;
  vstr_init(&v, b.len * (2 + sep_len) + 1);
  static const char hex[] = "0123456789abcdef";
  for (size_t i = 0; i < b.len; i++) {
    uint8_t x = static_cast<uint8_t*>(b.data)[i];
    if (i) vstr_add_strn(&v, sep, sep_len);
    vstr_add_char(&v, hex[x >> 4]);
    vstr_add_char(&v, hex[x & 15]);
  }
  return vstr_to_str(&v);
}

Value bytes_fromhex(size_t, const Value* args, const KwArgs*) {
  size_t len;
  const char* s = str_data(args[1], &len);
  Vstr v;
  vstr_init(&v, len / 2 + 1);
  for (size_t i = 0; i < len;) {
    if (is_space(s[i])) {
      i++;
      continue;
    }
    auto hv = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      c = static_cast<char>(c | 0x20);
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    if (i + 1 >= len || hv(s[i]) < 0 || hv(s[i + 1]) < 0)
      raise_msg(&exc_ValueError, "non-hex digit");
    vstr_add_char(&v, static_cast<char>(hv(s[i]) * 16 + hv(s[i + 1])));
    i += 2;
  }
  return args[0] == val(&bytearray_type) ? bytearray_from_vstr(&v) : vstr_to_bytes(&v);
}

#define METHOD(name, min, max, kw) \
  const NativeFunObj str_##name##_obj = {&native_fun_type, min, max, kw, Q_##name, str_##name};
METHOD(find, 2, 4, 0)
METHOD(rfind, 2, 4, 0)
METHOD(index, 2, 4, 0)
METHOD(rindex, 2, 4, 0)
METHOD(count, 2, 4, 0)
METHOD(startswith, 2, 4, 0)
METHOD(endswith, 2, 4, 0)
METHOD(strip, 1, 2, 0)
METHOD(lstrip, 1, 2, 0)
METHOD(rstrip, 1, 2, 0)
METHOD(split, 1, 3, 1)
METHOD(rsplit, 1, 3, 1)
METHOD(splitlines, 1, 2, 1)
METHOD(join, 2, 2, 0)
METHOD(replace, 3, 4, 0)
METHOD(lower, 1, 1, 0)
METHOD(upper, 1, 1, 0)
METHOD(capitalize, 1, 1, 0)
METHOD(title, 1, 1, 0)
METHOD(swapcase, 1, 1, 0)
METHOD(isdigit, 1, 1, 0)
METHOD(isalpha, 1, 1, 0)
METHOD(isalnum, 1, 1, 0)
METHOD(isspace, 1, 1, 0)
METHOD(isupper, 1, 1, 0)
METHOD(islower, 1, 1, 0)
METHOD(isidentifier, 1, 1, 0)
METHOD(ljust, 2, 3, 0)
METHOD(rjust, 2, 3, 0)
METHOD(center, 2, 3, 0)
METHOD(zfill, 2, 2, 0)
METHOD(partition, 2, 2, 0)
METHOD(rpartition, 2, 2, 0)
METHOD(removeprefix, 2, 2, 0)
METHOD(removesuffix, 2, 2, 0)
METHOD(encode, 1, 3, 1)
METHOD(expandtabs, 1, 2, 0)
#undef METHOD
const NativeFunObj str_format_obj = {&native_fun_type, 1, 0xffff, 1, Q_format, str_format_method};
const NativeFunObj bytes_decode_obj = {&native_fun_type, 1, 3, 1, Q_decode, bytes_decode};
const NativeFunObj bytes_fromhex_fun = {&native_fun_type, 2, 2, 0, Q_fromhex, bytes_fromhex};
const StaticMethodObj bytes_fromhex_obj = {&classmethod_type,
                                           reinterpret_cast<const Obj*>(&bytes_fromhex_fun)};

#define ENTRY(name) \
  { Q_##name, 0, &str_##name##_obj }
#define COMMON_ENTRIES                                                                            \
  ENTRY(find), ENTRY(rfind), ENTRY(index), ENTRY(rindex), ENTRY(count), ENTRY(startswith),        \
      ENTRY(endswith), ENTRY(strip), ENTRY(lstrip), ENTRY(rstrip), ENTRY(split), ENTRY(rsplit),   \
      ENTRY(splitlines), ENTRY(join), ENTRY(replace), ENTRY(lower), ENTRY(upper),                 \
      ENTRY(capitalize), ENTRY(title), ENTRY(swapcase), ENTRY(isdigit), ENTRY(isalpha),           \
      ENTRY(isalnum), ENTRY(isspace), ENTRY(isupper), ENTRY(islower), ENTRY(ljust), ENTRY(rjust), \
      ENTRY(center), ENTRY(zfill), ENTRY(partition), ENTRY(rpartition), ENTRY(removeprefix),      \
      ENTRY(removesuffix)
const RomEntry str_methods_table[] = {
    COMMON_ENTRIES,
    ENTRY(isidentifier),
    ENTRY(encode),
    ENTRY(expandtabs),
    {Q_format, 0, &str_format_obj},
};
const RomMap str_methods = {str_methods_table, sizeof(str_methods_table) / sizeof(RomEntry)};
const RomEntry bytes_methods_table[] = {
    COMMON_ENTRIES,
    {Q_decode, 0, &bytes_decode_obj},
    {Q_hex, 0, &bytes_hex_obj},
    {Q_fromhex, 0, &bytes_fromhex_obj},
};
const RomMap bytes_methods = {bytes_methods_table, sizeof(bytes_methods_table) / sizeof(RomEntry)};
const RomEntry bytearray_methods_table[] = {
    COMMON_ENTRIES,
    {Q_decode, 0, &bytes_decode_obj},
    {Q_hex, 0, &bytes_hex_obj},
    {Q_fromhex, 0, &bytes_fromhex_obj},
    {Q_append, 0, &array_append_obj},
    {Q_extend, 0, &array_extend_obj},
    {Q_pop, 0, &bytearray_pop_obj},
    {Q_copy, 0, &bytearray_copy_obj},
};
#undef ENTRY

// --- slots -------------------------------------------------------------------------------
void str_print(const Printer* p, Value self, PrintKind kind) {
  size_t len;
  const char* s = str_data(self, &len);
  if (kind == kPrintStr && !is_bytes_like(self)) {
    print_strn(p, s, len);
  } else {
    print_quoted(p, s, len, is_bytes_like(self));
  }
}

Value str_make_new(const Type* type, size_t n_args, size_t, const Value* args) {
  if (type == &bytes_type) return bytes_make(&bytes_type, n_args, args);
  if (n_args > 3) raise_arg_count(3, n_args);
  if (n_args == 0) return qstr_value(Q__empty_);
  if (n_args >= 2) {
    // str(b, encoding[, errors]): text from any buffer (UTF-8 only).
    Buffer b;
    if (!buffer_get(args[0], &b, kBufferRead))
      raise_msg(&exc_TypeError, "decoding str is not supported");
    return str_new(static_cast<const char*>(b.data), b.len);
  }
  return str_of(args[0]);
}

Value str_unary(UnaryOp op, Value self) {
  size_t len;
  const char* s = str_data(self, &len);
  switch (op) {
    case kUnaryBool:
      return bool_value(len != 0);
    case kUnaryLen:
      return small_int(static_cast<Int>(is_bytes_like(self) ? len : str_char_len(self)));
    case kUnaryHash:
      return small_int(static_cast<Int>(str_hash(self)));
    default:
      return kNull;
  }
  (void)s;
}

int bytes_compare(const char* a, size_t na, const char* b, size_t nb) {
  size_t n = na < nb ? na : nb;
  int c = mem_cmp(a, b, n);
  if (c != 0) return c < 0 ? -1 : 1;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

Value str_binary(BinaryOp op, Value lhs, Value rhs) {
  size_t la;
  const char* a = str_data(lhs, &la);
  bool lb = is_bytes_like(lhs);
  int o = op;
  if (o >= kBinInplaceOr && o <= kBinInplacePow) o -= kBinInplaceOffset;
  if (o == kBinMul) {
    Int n;
    if (!int_get_maybe(rhs, &n)) return kNull;
    if (n <= 0 || la == 0) return new_like(lhs, "", 0);  // "" * 10**18 is "" at once
    Vstr v;
    vstr_init(&v, seq_repeat_len(la, n, 1) + 1);
    for (Int i = 0; i < n; i++)
      vstr_add_strn(&v, a, la);
    return vstr_like(lhs, &v);
  }
  // str % args, and bytes % args (a bytes result; MicroPython has no bytearray %).
  if (o == kBinMod) return lb && kind_of(lhs) != &bytes_type ? kNull : str_modulo(lhs, rhs);
  // bytes are equal to bytes only; bytearray and memoryview compare themselves with bytes
  // (their slots run next), arrays do not (MicroPython and CPython agree).
  if ((o == kBinEqual || o == kBinNotEqual) && lb && kind_of(rhs) != &bytes_type) return kNull;
  // bytes take anything with a buffer (bytearray, memoryview, array) on the right.
  size_t lr;
  const char* b;
  Buffer rb = {nullptr, 0, 0};  // no stale stack words for the collector to see
  if (lb ? buffer_get(rhs, &rb, kBufferRead) : kind_of(rhs) == &str_type) {
    if (lb) {
      b = static_cast<const char*>(rb.data);
      lr = rb.len;
    } else {
      b = str_data(rhs, &lr);
    }
  } else {
    if (o == kBinEqual || o == kBinNotEqual) return bool_value(o == kBinNotEqual);
    if (o == kBinIn && lb && is_int(rhs)) {
      Int x = int_get(rhs);
      if (x < 0 || x > 255) raise_msg(&exc_ValueError, "byte must be in range(0, 256)");
      return bool_value(mem_chr(a, static_cast<int>(x), la) != nullptr);
    }
    if (o == kBinAdd || o == kBinIn) {
      raise_fmt(&exc_TypeError, "can't convert '%q' object to %q implicitly", type_of(rhs)->name,
                type_of(lhs)->name);
    }
    return kNull;
  }
  switch (o) {
    case kBinAdd: {
      if (lr == 0) return same_or_copy(lhs);
      if (la == 0 && !lb) return rhs;
      Value r = lb ? bytes_new(nullptr, la + lr) : kNull;
      if (lb) {
        StrObj* so = as<StrObj>(r);
        mem_copy(so->data, a, la);
        mem_copy(so->data + la, b, lr);
        return r;
      }
      StrObj* so = str_alloc(&str_type, la + lr);
      mem_copy(so->data, a, la);
      mem_copy(so->data + la, b, lr);
      return str_finish(so);
    }
    case kBinIn:
      return bool_value(find_sub(a, la, b, lr, false) != nullptr);
    case kBinEqual:
      return bool_value(la == lr && mem_cmp(a, b, la) == 0);
    case kBinNotEqual:
      return bool_value(!(la == lr && mem_cmp(a, b, la) == 0));
    case kBinLess:
      return bool_value(bytes_compare(a, la, b, lr) < 0);
    case kBinMore:
      return bool_value(bytes_compare(a, la, b, lr) > 0);
    case kBinLessEqual:
      return bool_value(bytes_compare(a, la, b, lr) <= 0);
    case kBinMoreEqual:
      return bool_value(bytes_compare(a, la, b, lr) >= 0);
    default:
      return kNull;
  }
}

Value str_subscr(Value self, Value index, Value value) {
  if (value != kSentinel) return kNull;
  size_t len;
  const char* s = str_data(self, &len);
  bool lb = is_bytes_like(self);
  if (is_type(index, &slice_type)) {
    size_t clen = lb ? len : str_char_len(self);
    SliceRange r;
    slice_indices(index, clen, &r);
    if (r.step == 1 && (lb || clen == len)) return new_like(self, s + r.start, r.len);
    Vstr v;
    vstr_init(&v, r.len + 1);
    if (lb || clen == len) {
      for (size_t i = 0; i < r.len; i++)
        vstr_add_char(&v, s[r.start + static_cast<Int>(i) * r.step]);
    } else {
      for (size_t i = 0; i < r.len; i++) {
        const char* c =
            utf8_index(s, len, static_cast<size_t>(r.start + static_cast<Int>(i) * r.step));
        const char* e = c + 1;
        while (e < s + len && (static_cast<uint8_t>(*e) & 0xc0) == 0x80)
          e++;
        vstr_add_strn(&v, c, e - c);
      }
    }
    return vstr_like(self, &v);
  }
  if (!is_int(index)) {
    raise_fmt(&exc_TypeError, "%s indices must be integers, not %s", type_name_of(self),
              type_name_of(index));
  }
  if (lb) {
    size_t i = seq_index(&bytes_type, len, index, false);
    return small_int(static_cast<uint8_t>(s[i]));
  }
  size_t clen = str_char_len(self);
  Int i = int_get(index);
  if (i < 0) i += clen;
  if (i < 0 || static_cast<size_t>(i) >= clen)
    raise_msg(&exc_IndexError, "string index out of range");
  if (clen == len) return str_new_qstr_maybe(s + i, 1);
  const char* c = utf8_index(s, len, static_cast<size_t>(i));
  const char* e = c + 1;
  while (e < s + len && (static_cast<uint8_t>(*e) & 0xc0) == 0x80)
    e++;
  return str_new(c, e - c);
}

// Iterator over characters (str) or byte values (bytes).
struct StrIterObj {
  const Type* type;
  Value str;
  size_t pos;
};

Value str_iternext(Value self) {
  StrIterObj* it = as<StrIterObj>(self);
  size_t len;
  const char* s = str_data(it->str, &len);
  if (it->pos >= len) return kNull;
  if (is_bytes_like(it->str)) return small_int(static_cast<uint8_t>(s[it->pos++]));
  size_t start = it->pos++;
  while (it->pos < len && (static_cast<uint8_t>(s[it->pos]) & 0xc0) == 0x80)
    it->pos++;
  return str_new_qstr_maybe(s + start, it->pos - start);
}

const Type str_iter_type = {
    .type = &type_type, .name = Q_str_iterator, .flags = kTypeIterIsSelf, .iternext = str_iternext};

Value str_getiter(Value self) {
  StrIterObj* it = gc_new<StrIterObj>(&str_iter_type);
  it->str = self;
  it->pos = 0;
  return val(it);
}

bool str_buffer(Value self, Buffer* buf, int flags) {
  if (!is_bytes_like(self) && false) return false;
  if (flags & kBufferWrite) return false;
  size_t len;
  buf->data = const_cast<char*>(str_data(self, &len));
  buf->len = len;
  buf->typecode = 'B';
  return true;
}

}  // namespace

const NativeFunObj bytes_hex_obj = {&native_fun_type, 1, 2, 0, Q_hex, bytes_hex};
extern const RomMap bytearray_methods;
const RomMap bytearray_methods = {bytearray_methods_table,
                                  sizeof(bytearray_methods_table) / sizeof(RomEntry)};

const Type str_type = {.type = &type_type,
                       .name = Q_str,
                       .flags = kTypeBaseable,
                       .print = str_print,
                       .make_new = str_make_new,
                       .unary_op = str_unary,
                       .binary_op = str_binary,
                       .subscr = str_subscr,
                       .getiter = str_getiter,
                       .buffer = str_buffer,
                       .methods = &str_methods,
                       .base = &object_type};
const Type bytes_type = {.type = &type_type,
                         .name = Q_bytes,
                         .print = str_print,
                         .make_new = str_make_new,
                         .unary_op = str_unary,
                         .binary_op = str_binary,
                         .subscr = str_subscr,
                         .getiter = str_getiter,
                         .buffer = str_buffer,
                         .methods = &bytes_methods,
                         .base = &object_type};

size_t utf8_char_len(const char* s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if ((static_cast<uint8_t>(s[i]) & 0xc0) != 0x80) n++;
  }
  return n;
}

const char* utf8_index(const char* s, size_t len, size_t ci) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if ((static_cast<uint8_t>(s[i]) & 0xc0) != 0x80) {
      if (n == ci) return s + i;
      n++;
    }
  }
  return s + len;
}

uint32_t utf8_decode(const char** sp) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(*sp);
  uint32_t c = *s++;
  if (c >= 0xc0) {
    int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
    c &= 0x3f >> extra;
    while (extra-- > 0 && (*s & 0xc0) == 0x80)
      c = (c << 6) | (*s++ & 0x3f);
  }
  *sp = reinterpret_cast<const char*>(s);
  return c;
}

StrObj* str_alloc(const Type* type, size_t len) {
  StrObj* s = static_cast<StrObj*>(gc_alloc(sizeof(StrObj) + len + 1));
  s->type = type;
  s->len = static_cast<uint32_t>(len);
  s->hash = 0;
  return s;
}

Value str_finish(StrObj* s) {
  s->data[s->len] = 0;
  s->clen = s->type == &str_type ? static_cast<uint32_t>(utf8_char_len(s->data, s->len)) : s->len;
  return val(s);
}

Value str_new(const char* s, size_t len) {
  StrObj* o = str_alloc(&str_type, len);
  if (len) mem_copy(o->data, s, len);
  return str_finish(o);
}

Value str_new_cstr(const char* s) {
  return str_new(s, strlen(s));
}

// One-character ASCII strings are shared objects in flash, so indexing and
// iterating over text neither allocates nor interns.
struct Char1Obj {
  const Type* type;
  uint32_t hash;
  uint32_t len;
  uint32_t clen;
  char data[4];
};
static_assert(offsetof(Char1Obj, data) == offsetof(StrObj, data), "layout must match StrObj");
struct Char1Table {
  Char1Obj c[128];
};
constexpr Char1Table make_char1_table() {
  Char1Table t{};
  for (int i = 0; i < 128; i++) {
    char ch = static_cast<char>(i);
    t.c[i] = Char1Obj{&str_type, hash_bytes(&ch, 1), 1, 1, {ch, 0, 0, 0}};
  }
  return t;
}
constexpr Char1Table kChar1 = make_char1_table();

Value str_new_qstr_maybe(const char* s, size_t len) {
  if (len == 1 && static_cast<unsigned char>(s[0]) < 128) {
    return val(&kChar1.c[static_cast<unsigned char>(s[0])]);
  }
  Qstr q = qstr_find_strn(s, len);
  if (q != kQstrNotFound) return qstr_value(q);
  // Short identifier-like strings are worth interning (attribute names, keys).
  if (len <= 12) return qstr_value(qstr_from_strn(s, len));
  return str_new(s, len);
}

// Pieces of text (split, strip, partition) that are already interned, or one ASCII character,
// cost no allocation, as in MicroPython: tokenising text mostly yields words the program
// itself names. Nothing new is interned, so arbitrary data does not fill the qstr pool.
Value str_new_shared(const char* s, size_t len) {
  if (len == 1 && static_cast<unsigned char>(s[0]) < 128) {
    return val(&kChar1.c[static_cast<unsigned char>(s[0])]);
  }
  if (len <= 32) {
    Qstr q = qstr_find_strn(s, len);
    if (q != kQstrNotFound) return qstr_value(q);
  }
  return str_new(s, len);
}

Value bytes_new(const void* data, size_t len) {
  StrObj* o = str_alloc(&bytes_type, len);
  if (data && len) mem_copy(o->data, data, len);
  if (!data) mem_set(o->data, 0, len);
  return str_finish(o);
}

const char* str_data(Value v, size_t* len) {
  if (is_qstr(v)) {
    *len = qstr_len(qstr_of(v));
    return qstr_str(qstr_of(v));
  }
  if (is_obj(v) && (as_obj(v)->type == &str_type || as_obj(v)->type == &bytes_type)) {
    StrObj* s = as<StrObj>(v);
    *len = s->len;
    return s->data;
  }
  if (is_type(v, &bytearray_type)) {
    *len = as<BytearrayObj>(v)->len;
    return reinterpret_cast<const char*>(as<BytearrayObj>(v)->data);
  }
  if (is_obj(v) && (as_obj(v)->type->flags & kTypeUser)) {
    // An instance of a class derived from str, bytes or bytearray: its builtin value.
    Value n = native_value(v);
    if (n != v) return str_data(n, len);
  }
  raise_fmt(&exc_TypeError, "can't convert '%s' object to str implicitly", type_name_of(v));
}

size_t str_char_len(Value v) {
  if (is_qstr(v)) {
    Qstr q = qstr_of(v);
    return utf8_char_len(qstr_str(q), qstr_len(q));
  }
  return as<StrObj>(v)->clen;
}

uint32_t str_hash(Value v) {
  if (is_qstr(v)) return qstr_hash(qstr_of(v));
  StrObj* s = as<StrObj>(v);
  if (s->hash == 0) s->hash = hash_bytes(s->data, s->len);
  return s->hash;
}

bool str_equal(Value a, Value b) {
  if (a == b) return true;
  if (is_qstr(a) && is_qstr(b)) return false;
  if (!is_str(a) || !is_str(b)) return false;
  if (str_hash(a) != str_hash(b)) return false;
  size_t la, lb;
  const char* sa = str_data(a, &la);
  const char* sb = str_data(b, &lb);
  return la == lb && mem_cmp(sa, sb, la) == 0;
}

Qstr str_to_qstr(Value v) {
  if (is_qstr(v)) return qstr_of(v);
  if (!is_str(v)) raise_fmt(&exc_TypeError, "expected str, got %s", type_name_of(v));
  size_t len;
  const char* s = str_data(v, &len);
  return qstr_from_strn(s, len);
}

Value str_intern(Value s) {
  return qstr_value(str_to_qstr(s));
}

Value vstr_to_str(Vstr* v) {
  Value s = str_new(v->buf, v->len);
  gc_free(v->buf);
  v->buf = nullptr;
  return s;
}

Value vstr_to_bytes(Vstr* v) {
  Value s = bytes_new(v->buf, v->len);
  gc_free(v->buf);
  v->buf = nullptr;
  return s;
}

Value bytes_from_iterable(const Type* type, Value arg) {
  bool ba = type == &bytearray_type;
  Buffer b;
  if (is_int(arg)) {
    Int n = int_get(arg);
    if (n < 0) raise_msg(&exc_ValueError, "negative count");
    return ba ? val(array_alloc(type, 'B', static_cast<size_t>(n)))
              : bytes_new(nullptr, static_cast<size_t>(n));
  }
  if (buffer_get(arg, &b, kBufferRead))
    return ba ? bytearray_new(b.data, b.len) : bytes_new(b.data, b.len);
  Vstr v;
  vstr_init(&v, 16);
  Value it = getiter(arg);
  for (Value x; (x = iternext(it)) != kNull;) {
    Int i = int_get(x);
    if (i < 0 || i > 255) raise_msg(&exc_ValueError, "bytes value out of range");
    vstr_add_char(&v, static_cast<char>(i));
  }
  return ba ? bytearray_from_vstr(&v) : vstr_to_bytes(&v);
}

Value bytes_make(const Type* type, size_t n_args, const Value* args) {
  if (n_args > 3) raise_arg_count(3, n_args);
  if (n_args == 0) return bytes_from_iterable(type, small_int(0));
  if (kind_of(args[0]) == &str_type) {
    if (n_args < 2) raise_msg(&exc_TypeError, "string argument without an encoding");
    size_t len;
    const char* s = str_data(args[0], &len);
    return type == &bytearray_type ? bytearray_new(s, len) : bytes_new(s, len);
  }
  if (n_args > 1) raise_msg(&exc_TypeError, "encoding without a string argument");
  return bytes_from_iterable(type, args[0]);
}

}  // namespace vpy
