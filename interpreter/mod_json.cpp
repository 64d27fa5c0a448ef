// The json module: dumps/dump and loads/load.
#include <math.h>
#include <stdlib.h>

#include "runtime.h"

namespace vpy {

namespace {

struct Seps {
  const char* item;
  size_t item_len;
  const char* key;
  size_t key_len;
};

void dump_str(Vstr* out, Value s) {
  size_t n;
  const char* d = str_data(s, &n);
  vstr_add_char(out, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = static_cast<unsigned char>(d[i]);
    switch (c) {
      case '"':
        vstr_add_str(out, "\\\"");
        break;
      case '\\':
        vstr_add_str(out, "\\\\");
        break;
      case '\n':
        vstr_add_str(out, "\\n");
        break;
      case '\r':
        vstr_add_str(out, "\\r");
        break;
      case '\t':
        vstr_add_str(out, "\\t");
        break;
      case '\b':
        vstr_add_str(out, "\\b");
        break;
      case '\f':
        vstr_add_str(out, "\\f");
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          static const char hex[] = "0123456789abcdef";
          buf[0] = '\\';
          buf[1] = 'u';
          buf[2] = '0';
          buf[3] = '0';
          buf[4] = hex[c >> 4];
          buf[5] = hex[c & 15];
          vstr_add_strn(out, buf, 6);
        } else {
          vstr_add_char(out, static_cast<char>(c));
        }
    }
  }
  vstr_add_char(out, '"');
}

void dump(Vstr* out, Value v, const Seps& s) {
  c_stack_check();
  v = native_value(v);  // an instance of a list/dict/str... subclass dumps as its value
  if (v == kNone) {
    vstr_add_str(out, "null");
  } else if (v == kTrue) {
    vstr_add_str(out, "true");
  } else if (v == kFalse) {
    vstr_add_str(out, "false");
  } else if (is_str(v)) {
    dump_str(out, v);
  } else if (is_int(v) || is_float(v)) {
    if (is_float(v)) {
      Float f = as<FloatObj>(v)->value;
      if (isnan(f)) {
        vstr_add_str(out, "NaN");
        return;
      }
      if (isinf(f)) {
        vstr_add_str(out, f < 0 ? "-Infinity" : "Infinity");
        return;
      }
    }
    Printer p = vstr_printer(out);
    print_value(&p, v, kPrintRepr);
  } else if (is_instance(v, &list_type) || is_instance(v, &tuple_type)) {
    size_t n;
    Value* items;
    seq_get(v, &n, &items);
    vstr_add_char(out, '[');
    for (size_t i = 0; i < n; i++) {
      if (i) vstr_add_strn(out, s.item, s.item_len);
      dump(out, items[i], s);
    }
    vstr_add_char(out, ']');
  } else if (is_instance(v, &dict_type)) {
    Map* m = dict_map(v);
    vstr_add_char(out, '{');
    bool first = true;
    for (uint32_t i = 0; i < m->used; i++) {
      Value k = m->entries[i].key;
      if (k == kNull) continue;
      if (!first) vstr_add_strn(out, s.item, s.item_len);
      first = false;
      if (is_str(k)) {
        dump_str(out, k);
      } else if (is_int(k) || is_float(k) || k == kNone || k == kTrue || k == kFalse) {
        Vstr tmp;
        vstr_init(&tmp, 16);
        dump(&tmp, k, s);
        vstr_add_char(out, '"');
        vstr_add_strn(out, tmp.buf, tmp.len);
        vstr_add_char(out, '"');
      } else {
        raise_msg(&exc_TypeError, "keys must be str, int, float, bool or None");
      }
      vstr_add_strn(out, s.key, s.key_len);
      dump(out, m->entries[i].value, s);
    }
    vstr_add_char(out, '}');
  } else {
    raise_fmt(&exc_TypeError, "Object of type %s is not JSON serializable", type_name_of(v));
  }
}

Value do_dumps(Value obj, const KwArgs* kw) {
  Seps s{", ", 2, ": ", 2};
  Value seps = kw_get(kw, Q_separators, kNone);
  if (seps != kNone) {
    size_t n;
    Value* items;
    seq_items(seps, &n, &items);
    if (n != 2) raise_msg(&exc_ValueError, "separators must be a pair");
    s.item = str_data(items[0], &s.item_len);
    s.key = str_data(items[1], &s.key_len);
  }
  Vstr out;
  vstr_init(&out, 64);
  dump(&out, obj, s);
  return vstr_to_str(&out);
}

Value j_dumps(size_t, const Value* a, const KwArgs* kw) {
  return do_dumps(a[0], kw);
}
Value j_dump(size_t, const Value* a, const KwArgs* kw) {
  Value s = do_dumps(a[0], kw);
  call_method(a[1], Q_write, 1, &s);
  return kNone;
}

struct Parser {
  const char* p;
  const char* end;
};

[[noreturn]] void json_error() {
  raise_msg(&exc_ValueError, "syntax error in JSON");
}

void skip_ws(Parser* ps) {
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
    ps->p++;
}

bool match_word(Parser* ps, const char* w) {
  size_t n = strlen(w);
  if (static_cast<size_t>(ps->end - ps->p) >= n && mem_cmp(ps->p, w, n) == 0) {
    ps->p += n;
    return true;
  }
  return false;
}

Value parse_value(Parser* ps);

Value parse_string(Parser* ps) {
  ps->p++;  // opening quote
  Vstr v;
  vstr_init(&v, 16);
  while (ps->p < ps->end && *ps->p != '"') {
    char c = *ps->p++;
    if (c != '\\') {
      vstr_add_char(&v, c);
      continue;
    }
    if (ps->p >= ps->end) json_error();
    c = *ps->p++;
    switch (c) {
      case 'n':
        vstr_add_char(&v, '\n');
        break;
      case 't':
        vstr_add_char(&v, '\t');
        break;
      case 'r':
        vstr_add_char(&v, '\r');
        break;
      case 'b':
        vstr_add_char(&v, '\b');
        break;
      case 'f':
        vstr_add_char(&v, '\f');
        break;
      case 'u': {
        if (ps->end - ps->p < 4) json_error();
        uint32_t u = 0;
        for (int i = 0; i < 4; i++) {
          char h = *ps->p++;
          int d = h >= '0' && h <= '9'                     ? h - '0'
                  : (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10
                                                           : -1;
          if (d < 0) json_error();
          u = u * 16 + d;
        }
        vstr_add_unichar(&v, u);
        break;
      }
      default:
        vstr_add_char(&v, c);
    }
  }
  if (ps->p >= ps->end) json_error();
  ps->p++;
  return vstr_to_str(&v);
}

Value parse_value(Parser* ps) {
  c_stack_check();
  skip_ws(ps);
  if (ps->p >= ps->end) json_error();
  char c = *ps->p;
  if (c == '{') {
    ps->p++;
    Value d = dict_new(0);
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
      ps->p++;
      return d;
    }
    for (;;) {
      skip_ws(ps);
      if (ps->p >= ps->end || *ps->p != '"') json_error();
      Value k = parse_string(ps);
      skip_ws(ps);
      if (ps->p >= ps->end || *ps->p != ':') json_error();
      ps->p++;
      dict_store(d, k, parse_value(ps));
      skip_ws(ps);
      if (ps->p < ps->end && *ps->p == ',') {
        ps->p++;
        continue;
      }
      if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        return d;
      }
      json_error();
    }
  }
  if (c == '[') {
    ps->p++;
    Value l = list_new(0, nullptr);
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') {
      ps->p++;
      return l;
    }
    for (;;) {
      list_append(l, parse_value(ps));
      skip_ws(ps);
      if (ps->p < ps->end && *ps->p == ',') {
        ps->p++;
        continue;
      }
      if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
        return l;
      }
      json_error();
    }
  }
  if (c == '"') return parse_string(ps);
  if (match_word(ps, "null")) return kNone;
  if (match_word(ps, "true")) return kTrue;
  if (match_word(ps, "false")) return kFalse;
  if (match_word(ps, "NaN")) return float_new(NAN);
  if (match_word(ps, "Infinity")) return float_new(INFINITY);
  if (match_word(ps, "-Infinity")) return float_new(-INFINITY);
  // A number.
  const char* start = ps->p;
  bool is_float = false;
  if (ps->p < ps->end && *ps->p == '-') ps->p++;
  while (ps->p < ps->end) {
    char d = *ps->p;
    if (d >= '0' && d <= '9') {
      ps->p++;
    } else if (d == '.' || d == 'e' || d == 'E' || ((d == '+' || d == '-') && is_float)) {
      is_float = true;
      ps->p++;
    } else {
      break;
    }
  }
  if (ps->p == start || (ps->p == start + 1 && *start == '-')) json_error();
  if (is_float) {
    char buf[64];
    size_t n = static_cast<size_t>(ps->p - start);
    if (n >= sizeof(buf)) json_error();
    mem_copy(buf, start, n);
    buf[n] = 0;
    return float_new(static_cast<Float>(strtod(buf, nullptr)));
  }
  return int_parse(start, ps->p - start, 10);
}

Value do_loads(Value s) {
  size_t n;
  const char* d;
  if (is_type(s, &bytearray_type)) {
    d = reinterpret_cast<const char*>(as<BytearrayObj>(s)->data);
    n = as<BytearrayObj>(s)->len;
  } else {
    d = str_data(s, &n);
  }
  Parser ps{d, d + n};
  Value v = parse_value(&ps);
  skip_ws(&ps);
  if (ps.p != ps.end) json_error();
  return v;
}

Value j_loads(size_t, const Value* a, const KwArgs*) {
  return do_loads(a[0]);
}
Value j_load(size_t, const Value* a, const KwArgs*) {
  return do_loads(call_method(a[0], Q_read, 0, nullptr));
}

const NativeFunObj j_dumps_obj = {&native_fun_type, 1, 1, 1, Q_dumps, j_dumps};
const NativeFunObj j_dump_obj = {&native_fun_type, 2, 2, 1, Q_dump, j_dump};
const NativeFunObj j_loads_obj = {&native_fun_type, 1, 1, 0, Q_loads, j_loads};
const NativeFunObj j_load_obj = {&native_fun_type, 1, 1, 0, Q_load, j_load};

}  // namespace

const RomEntry json_members_table[] = {
    {Q_dumps, 0, &j_dumps_obj},
    {Q_dump, 0, &j_dump_obj},
    {Q_loads, 0, &j_loads_obj},
    {Q_load, 0, &j_load_obj},
};
extern const RomMap json_members;
const RomMap json_members = {json_members_table, 4};

}  // namespace vpy
