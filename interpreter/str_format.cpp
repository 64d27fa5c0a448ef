// String formatting: format(value, spec), str.format() and the % operator.
#include <math.h>

#include "runtime.h"

namespace vpy {

namespace {

struct Spec {
  char fill = ' ';
  char align = 0;  // < > ^ =
  char sign = 0;   // + - space, or 0 when not given
  bool has_fill = false;
  bool alt = false;
  bool zero = false;
  int width = -1;
  char grouping = 0;  // , or _
  int prec = -1;
  char type = 0;
};

int parse_int(const char*& p, const char* end) {
  int n = 0;
  while (p < end && *p >= '0' && *p <= '9') {
    if (n > (2147483647 - 9) / 10)
      raise_msg(&exc_ValueError, "too many decimal digits in format string");
    n = n * 10 + (*p++ - '0');
  }
  return n;
}

Spec parse_spec(const char* p, size_t len) {
  Spec s;
  const char* end = p + len;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (len >= 2 && is_align(p[1])) {
    s.fill = p[0];
    s.has_fill = true;
    s.align = p[1];
    p += 2;
  } else if (len >= 1 && is_align(p[0])) {
    s.align = *p++;
  }
  if (p < end && (*p == '+' || *p == '-' || *p == ' ')) s.sign = *p++;
  if (p < end && *p == '#') {
    s.alt = true;
    p++;
  }
  if (p < end && *p == '0') {
    s.zero = true;
    p++;
  }
  if (p < end && *p >= '0' && *p <= '9') s.width = parse_int(p, end);
  if (p < end && (*p == ',' || *p == '_')) s.grouping = *p++;
  if (p < end && *p == '.') {
    p++;
    s.prec = parse_int(p, end);
  }
  if (p < end) s.type = *p++;
  if (p < end) raise_msg(&exc_ValueError, "invalid format specifier");
  return s;
}

// Writes body (already signed) padded per the spec.
void pad_out(Vstr* out, const Spec& s, const char* body, size_t blen, bool numeric,
             size_t sign_len) {
  size_t clen = utf8_char_len(body, blen);
  char align = s.align;
  char fill = s.zero && !s.has_fill ? '0' : s.fill;
  if (!align) align = !numeric ? '<' : s.zero ? '=' : '>';
  size_t width = s.width > 0 ? static_cast<size_t>(s.width) : 0;
  size_t pad = width > clen ? width - clen : 0;
  if (align == '=') {
    vstr_add_strn(out, body, sign_len);
    for (size_t i = 0; i < pad; i++)
      vstr_add_char(out, fill);
    vstr_add_strn(out, body + sign_len, blen - sign_len);
    return;
  }
  size_t left = align == '>' ? pad : align == '^' ? pad / 2 : 0;
  for (size_t i = 0; i < left; i++)
    vstr_add_char(out, fill);
  vstr_add_strn(out, body, blen);
  for (size_t i = left; i < pad; i++)
    vstr_add_char(out, fill);
}

// Appends digits with sep every `every` digits. Zero padding with grouping pads the
// digits themselves: leading zeros (grouped too) until the result is min_len long.
void group_digits(Vstr* v, const char* digits, size_t n, char sep, int every, size_t min_len) {
  size_t total = n;
  while (total + (total - 1) / every < min_len)
    total++;
  size_t zeros = total - n;
  for (size_t i = 0; i < total; i++) {
    if (i > 0 && (total - i) % every == 0) vstr_add_char(v, sep);
    vstr_add_char(v, i < zeros ? '0' : digits[i - zeros]);
  }
}

// The length grouped digits must reach when zero padding applies, else 0.
size_t zero_group_len(const Spec& s, size_t used) {
  bool zero_pad = s.zero && !s.has_fill && (!s.align || s.align == '=');
  return zero_pad && s.width > 0 && static_cast<size_t>(s.width) > used ? s.width - used : 0;
}

void format_int(Vstr* out, Value v, Spec& s) {
  char t = s.type ? s.type : 'd';
  if (t == 'c') {
    if (s.sign) raise_msg(&exc_ValueError, "sign not allowed with integer format specifier 'c'");
    Vstr b;
    vstr_init(&b, 4);
    vstr_add_unichar(&b, static_cast<uint32_t>(int_get(v)));
    pad_out(out, s, b.buf, b.len, true, 0);
    return;
  }
  if (t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%') {
    return;  // handled by the caller as a float
  }
  int base = t == 'x' || t == 'X' ? 16 : t == 'o' ? 8 : t == 'b' ? 2 : 10;
  if (t != 'd' && t != 'n' && base == 10) {
    raise_fmt(&exc_ValueError, "unknown format code '%c' for object of type '%s'", t,
              type_name_of(v));
  }
  bool neg = int_is_neg(v);
  Value mag = neg ? int_unary_op(kUnaryNeg, v) : v;
  Value ds = int_to_str(mag, base);
  size_t dn;
  const char* d = str_data(ds, &dn);
  Vstr body;
  vstr_init(&body, dn + 8);
  if (neg) {
    vstr_add_char(&body, '-');
  } else if (s.sign == '+' || s.sign == ' ') {
    vstr_add_char(&body, s.sign);
  }
  if (s.alt && base != 10) {
    vstr_add_char(&body, '0');
    vstr_add_char(&body, t == 'X' ? 'X' : t == 'x' ? 'x' : t == 'o' ? 'o' : 'b');
  }
  size_t sign_len = body.len;
  if (s.grouping) {
    group_digits(&body, d, dn, s.grouping, base == 10 ? 3 : 4, zero_group_len(s, sign_len));
  } else {
    vstr_add_strn(&body, d, dn);
  }
  if (t == 'X') {
    for (size_t i = sign_len; i < body.len; i++) {
      if (body.buf[i] >= 'a' && body.buf[i] <= 'f')
        body.buf[i] = static_cast<char>(body.buf[i] - 32);
    }
  }
  pad_out(out, s, body.buf, body.len, true, sign_len);
}

void format_float(Vstr* out, Float f, Spec& s) {
  char t = s.type;
  Vstr body;
  vstr_init(&body, 32);
  bool neg = signbit(f) && !isnan(f);
  Float a = neg ? -f : f;
  if (neg) {
    vstr_add_char(&body, '-');
  } else if (s.sign == '+' || s.sign == ' ') {
    vstr_add_char(&body, s.sign);
  }
  size_t sign_len = body.len;
  Vstr num;
  vstr_init(&num, 32);
  if (t == 0 && s.prec < 0) {
    float_repr(&num, a);
  } else if (t == '%') {
    float_format(&num, a * 100, 'f', s.prec < 0 ? 6 : s.prec, s.alt);
    vstr_add_char(&num, '%');
  } else {
    char ft = t == 0 ? 'g' : t == 'n' ? 'g' : t;
    int prec = s.prec < 0 ? 6 : s.prec;
    if (t == 0 && (ft == 'g')) {
      // No type with a precision: like 'g' but always with a fractional digit
      // when it would look like an integer.
      float_format(&num, a, 'g', prec == 0 ? 1 : prec, s.alt);
      bool has_dot = mem_chr(num.buf, '.', num.len) || mem_chr(num.buf, 'e', num.len) ||
                     mem_chr(num.buf, 'n', num.len) || mem_chr(num.buf, 'i', num.len);
      if (!has_dot) vstr_add_str(&num, ".0");
    } else {
      float_format(&num, a, ft, prec, s.alt);
    }
  }
  if (s.grouping) {
    // Group the integer part.
    size_t ip = 0;
    while (ip < num.len && num.buf[ip] >= '0' && num.buf[ip] <= '9')
      ip++;
    group_digits(&body, num.buf, ip, s.grouping, 3, zero_group_len(s, sign_len + num.len - ip));
    vstr_add_strn(&body, num.buf + ip, num.len - ip);
  } else {
    vstr_add_strn(&body, num.buf, num.len);
  }
  pad_out(out, s, body.buf, body.len, true, sign_len);
}

}  // namespace

void format_value_spec(Vstr* out, Value v, const char* spec, size_t spec_len) {
  // User classes may define __format__.
  if (is_obj(v) && (as_obj(v)->type->flags & kTypeUser)) {
    Value m = type_lookup(as_obj(v)->type, Q___format__);
    if (m != kNull) {
      Value args[2] = {v, str_new(spec, spec_len)};
      Value r = call(m, 2, 0, args);
      size_t n;
      const char* s = str_data(r, &n);
      vstr_add_strn(out, s, n);
      return;
    }
  }
  v = native_value(v);  // an int/str/float subclass formats as its value
  Spec s = parse_spec(spec, spec_len);
  if ((v == kTrue || v == kFalse) && spec_len > 0) {
    // A bool with a spec formats as the int it is (an empty spec gives str()).
    if (s.type == 's') {
      raise_msg(&exc_ValueError, "unknown format code 's' for object of type 'bool'");
    }
    v = small_int(v == kTrue);
  }
  if (is_int(v) && v != kTrue && v != kFalse) {
    if (s.type == 'e' || s.type == 'E' || s.type == 'f' || s.type == 'F' || s.type == 'g' ||
        s.type == 'G' || s.type == '%') {
      format_float(out, int_to_float(v), s);
    } else {
      format_int(out, v, s);
    }
    return;
  }
  if (is_float(v)) {
    if (s.type && !strchr("eEfFgGn%", s.type)) {
      raise_fmt(&exc_ValueError, "unknown format code '%c' for object of type 'float'", s.type);
    }
    format_float(out, as<FloatObj>(v)->value, s);
    return;
  }
  if (s.type && s.type != 's') {
    raise_fmt(&exc_ValueError, "unknown format code '%c' for object of type '%s'", s.type,
              type_name_of(v));
  }
  if (s.align == '=')
    raise_msg(&exc_ValueError, "'=' alignment not allowed in string format specifier");
  if (s.sign) raise_msg(&exc_ValueError, "sign not allowed in string format specifier");
  Value str = str_of(v);
  size_t n;
  const char* d = str_data(str, &n);
  if (s.prec >= 0) {
    const char* e = utf8_index(d, n, static_cast<size_t>(s.prec));
    n = e - d;
  }
  pad_out(out, s, d, n, false, 0);
}

Value format_builtin(Value v, Value spec) {
  size_t n;
  const char* s = str_data(spec, &n);
  Vstr out;
  vstr_init(&out, 16);
  format_value_spec(&out, v, s, n);
  return vstr_to_str(&out);
}

Value str_format_method(size_t n_args, const Value* args, const KwArgs* kw) {
  size_t len;
  const char* fmt = str_data(args[0], &len);
  const char* end = fmt + len;
  Vstr out;
  vstr_init(&out, len + 16);
  int auto_index = 0;
  bool manual = false;
  for (const char* p = fmt; p < end;) {
    char c = *p;
    if (c == '}') {
      if (p + 1 < end && p[1] == '}') {
        vstr_add_char(&out, '}');
        p += 2;
        continue;
      }
      raise_msg(&exc_ValueError, "single '}' encountered in format string");
    }
    if (c != '{') {
      vstr_add_char(&out, c);
      p++;
      continue;
    }
    if (p + 1 < end && p[1] == '{') {
      vstr_add_char(&out, '{');
      p += 2;
      continue;
    }
    // A replacement field: field_name [!conv] [:spec] '}'.
    const char* f = ++p;
    while (p < end && *p != '!' && *p != ':' && *p != '}') {
      if (*p == '[') {
        while (p < end && *p != ']')
          p++;
      }
      if (p < end) p++;
    }
    const char* name_end = p;
    char conv = 0;
    if (p < end && *p == '!') {
      if (++p >= end) {
        raise_msg(&exc_ValueError, "end of format while looking for conversion specifier");
      }
      conv = *p++;
      if (conv != 'r' && conv != 's' && conv != 'a') {
        raise_fmt(&exc_ValueError, "unknown conversion specifier %c", conv);
      }
      if (p < end && *p != ':' && *p != '}') {
        raise_msg(&exc_ValueError, "expected ':' after format specifier");
      }
    }
    const char* spec = p;
    if (p < end && *p == ':') {
      spec = ++p;
      int depth = 0;
      while (p < end && (*p != '}' || depth > 0)) {
        if (*p == '{') depth++;
        if (*p == '}') depth--;
        p++;
      }
    }
    if (p >= end) raise_msg(&exc_ValueError, "unmatched '{' in format");
    const char* fe = p++;
    // Resolve the first part of the name.
    const char* q = f;
    while (q < name_end && *q != '.' && *q != '[')
      q++;
    Value obj;
    if (q == f) {
      if (manual)
        raise_msg(&exc_ValueError,
                  "can't switch from manual field specification to automatic field numbering");
      if (static_cast<size_t>(auto_index + 1) >= n_args)
        raise_msg(&exc_IndexError, "tuple index out of range");
      obj = args[1 + auto_index++];
    } else if (*f >= '0' && *f <= '9') {
      if (auto_index)
        raise_msg(&exc_ValueError,
                  "can't switch from automatic field numbering to manual field specification");
      manual = true;
      const char* t = f;
      int idx = parse_int(t, q);
      if (static_cast<size_t>(idx + 1) >= n_args)
        raise_msg(&exc_IndexError, "tuple index out of range");
      obj = args[1 + idx];
    } else {
      Value key = qstr_value(qstr_from_strn(f, q - f));
      obj = kw_get(kw, qstr_of(key), kNull);
      if (obj == kNull) raise(exception_new(&exc_KeyError, 1, &key));
    }
    // .attr and [key] parts.
    while (q < name_end) {
      if (*q == '.') {
        const char* a = ++q;
        while (q < name_end && *q != '.' && *q != '[')
          q++;
        obj = load_attr(obj, qstr_from_strn(a, q - a));
      } else {
        const char* a = ++q;
        while (q < name_end && *q != ']')
          q++;
        Value key;
        bool digits = a < q;
        for (const char* d = a; d < q; d++)
          digits = digits && *d >= '0' && *d <= '9';
        if (digits) {
          key = int_parse(a, q - a, 10);
        } else {
          key = str_new(a, q - a);
        }
        obj = subscr_load(obj, key);
        q++;
      }
    }
    if (conv == 'r' || conv == 'a') obj = repr_of(obj);
    if (conv == 's') obj = str_of(obj);
    // The spec may contain nested fields: format them first.
    Value spec_v = kNull;
    size_t spec_len = fe - spec;
    const char* spec_s = spec;
    if (mem_chr(spec, '{', spec_len)) {
      Value sub = str_new(spec, spec_len);
      Value* sargs = static_cast<Value*>(gc_alloc((n_args + 2 * kw->n) * sizeof(Value)));
      sargs[0] = sub;
      // Nested fields use the same arguments (auto-numbering continues).
      for (size_t i = 1; i < n_args; i++)
        sargs[i] = args[i + (i - 1 < static_cast<size_t>(auto_index) ? 0 : 0)];
      mem_copy(sargs + n_args, kw->pairs, 2 * kw->n * sizeof(Value));
      KwArgs kw2{kw->n, sargs + n_args};
      if (auto_index && !manual) {
        // Shift so that automatic numbering continues.
        Value* shifted = static_cast<Value*>(gc_alloc((n_args + 1) * sizeof(Value)));
        shifted[0] = sub;
        size_t k = 1;
        for (size_t i = 1 + auto_index; i < n_args; i++)
          shifted[k++] = args[i];
        spec_v = str_format_method(k, shifted, &kw2);
        // Count the fields consumed by the nested spec.
        for (const char* x = spec; x < fe; x++) {
          if (*x == '{') auto_index++;
        }
      } else {
        spec_v = str_format_method(n_args, sargs, &kw2);
      }
      spec_s = str_data(spec_v, &spec_len);
    }
    format_value_spec(&out, obj, spec_s, spec_len);
  }
  return vstr_to_str(&out);
}

Value str_modulo(Value fmt_v, Value args_v) {
  size_t len;
  const char* fmt = str_data(fmt_v, &len);
  const char* end = fmt + len;
  size_t n_args;
  Value* args;
  Value single = args_v;
  bool fmt_is_bytes = is_type(fmt_v, &bytes_type);
  // The arguments: a tuple, or an instance of a tuple subclass such as a namedtuple.
  bool is_tuple = as_native(args_v, &tuple_type) != kNull;
  if (is_tuple) {
    TupleObj* tup = as<TupleObj>(as_native(args_v, &tuple_type));  // tuple layout, any type
    n_args = tup->len;
    args = tup->items;
  } else {
    n_args = 1;
    args = &single;
  }
  Value mapping = kNull;
  if (!is_tuple &&
      (is_instance(args_v, &dict_type) ||
       (is_obj(args_v) && (as_obj(args_v)->type->flags & kTypeUser) &&
        type_lookup(as_obj(args_v)->type, Q___getitem__) != kNull && !is_str(args_v)))) {
    mapping = args_v;
  }
  size_t ai = 0;
  Vstr out;
  vstr_init(&out, len + 16);
  for (const char* p = fmt; p < end;) {
    if (*p != '%') {
      const char* run = p;
      while (p < end && *p != '%')
        p++;
      vstr_add_strn(&out, run, p - run);
      continue;
    }
    p++;
    if (p >= end) raise_msg(&exc_ValueError, "incomplete format");
    Value arg = kNull;
    if (*p == '(') {
      if (mapping == kNull) raise_msg(&exc_TypeError, "format needs a dict");
      const char* k = ++p;
      while (p < end && *p != ')')
        p++;
      if (p >= end) raise_msg(&exc_ValueError, "incomplete format key");
      arg = subscr_load(mapping, str_new(k, p - k));
      ai = n_args;  // the mapping is used up as a positional argument
      p++;
    }
    Spec s;
    s.align = '>';
    bool left = false;
    for (; p < end; p++) {
      if (*p == '-') {
        left = true;
      } else if (*p == '+') {
        s.sign = '+';
      } else if (*p == ' ') {
        if (s.sign != '+') s.sign = ' ';
      } else if (*p == '#') {
        s.alt = true;
      } else if (*p == '0') {
        s.zero = true;
      } else {
        break;
      }
    }
    auto next_arg = [&]() -> Value {
      if (ai >= n_args) raise_msg(&exc_TypeError, "format string needs more arguments");
      return args[ai++];
    };
    if (p < end && *p == '*') {
      s.width = static_cast<int>(int_get(next_arg()));
      p++;
    } else {
      if (p < end && *p >= '0' && *p <= '9') s.width = parse_int(p, end);
    }
    if (p < end && *p == '.') {
      p++;
      if (p < end && *p == '*') {
        s.prec = static_cast<int>(int_get(next_arg()));
        p++;
      } else {
        s.prec = parse_int(p, end);
      }
    }
    if (p >= end) raise_msg(&exc_ValueError, "incomplete format");
    char t = *p++;
    if (t == '%') {
      vstr_add_char(&out, '%');
      continue;
    }
    if (arg == kNull) arg = next_arg();
    if (left) {
      s.align = '<';
      s.zero = false;
    } else if (s.zero) {
      s.align = '=';
      s.fill = '0';
    }
    switch (t) {
      case 's':
      case 'r':
      case 'a': {
        // b"%s" takes bytes as they are.
        bool raw = t == 's' && fmt_is_bytes && is_type(arg, &bytes_type);
        Value str = raw ? arg : t == 's' ? str_of(arg) : repr_of(arg);
        size_t n;
        const char* d = str_data(str, &n);
        if (s.prec >= 0 && static_cast<size_t>(s.prec) < n) n = utf8_index(d, n, s.prec) - d;
        Spec ss = s;
        ss.fill = ' ';
        ss.zero = false;
        if (ss.align == '=') ss.align = '>';
        pad_out(&out, ss, d, n, false, 0);
        break;
      }
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        Value iv;
        if (is_float(arg)) {
          iv = int_from_float(as<FloatObj>(arg)->value);
        } else if (is_int(arg)) {
          iv = arg;
        } else {
          Value m[2];  // objects with __int__ format as its result
          load_method_maybe(arg, Q___int__, m);
          if (m[0] == kNull) {
            raise_fmt(&exc_TypeError, "%%%c format: a number is required, not %s", t,
                      type_name_of(arg));
          }
          iv = call_method_n(0, 0, m);
        }
        s.type = (t == 'i' || t == 'u') ? 'd' : t;
        if (s.prec >= 0) {
          // Precision for integers means minimum digits.
          bool neg = int_is_neg(iv);
          Value ds = int_to_str(neg ? int_unary_op(kUnaryNeg, iv) : iv, t == 'x' || t == 'X' ? 16
                                                                        : t == 'o'           ? 8
                                                                                             : 10);
          size_t dn;
          const char* d = str_data(ds, &dn);
          Vstr b;
          vstr_init(&b, dn + s.prec + 4);
          if (neg)
            vstr_add_char(&b, '-');
          else if (s.sign == '+' || s.sign == ' ')
            vstr_add_char(&b, s.sign);
          size_t sl = b.len;
          for (int k = static_cast<int>(dn); k < s.prec; k++)
            vstr_add_char(&b, '0');
          vstr_add_strn(&b, d, dn);
          pad_out(&out, s, b.buf, b.len, true, sl);
        } else {
          format_int(&out, iv, s);
        }
        break;
      }
      case 'c': {
        Vstr b;
        vstr_init(&b, 4);
        if (is_str(arg)) {
          size_t n;
          const char* d = str_data(arg, &n);
          if (str_char_len(arg) != 1) raise_msg(&exc_TypeError, "%c requires int or char");
          vstr_add_strn(&b, d, n);
        } else {
          vstr_add_unichar(&b, static_cast<uint32_t>(int_get(arg)));
        }
        Spec ss = s;
        if (ss.align == '=') ss.align = '>';
        ss.fill = ' ';
        ss.zero = false;
        pad_out(&out, ss, b.buf, b.len, false, 0);
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        s.type = t;
        if (s.prec < 0) s.prec = 6;
        format_float(&out, float_get(arg), s);
        break;
      }
      default:
        raise_fmt(&exc_ValueError, "unsupported format character '%c' (0x%x) at index %u", t,
                  static_cast<unsigned>(static_cast<uint8_t>(t)),
                  static_cast<unsigned>(p - 1 - fmt));
    }
  }
  if (ai < n_args && mapping == kNull)
    raise_msg(&exc_TypeError, "format string didn't convert all arguments");
  return fmt_is_bytes ? vstr_to_bytes(&out) : vstr_to_str(&out);
}

}  // namespace vpy
