// Printing values and formatted text to a Printer, and the Vstr byte builder.
#include "port.h"
#include "runtime.h"

namespace vpy {

namespace {
void port_printer_write(void*, const char* data, size_t len) {
  port_write(data, len);
}
void port_err_printer_write(void*, const char* data, size_t len) {
  port_write_err(data, len);
}
void vstr_printer_write(void* ctx, const char* data, size_t len) {
  vstr_add_strn(static_cast<Vstr*>(ctx), data, len);
}

void print_uint(const Printer* p, uint64_t u, int base, bool neg, int width, char pad) {
  char buf[24];
  int i = sizeof(buf);
  do {
    int d = static_cast<int>(u % base);
    buf[--i] = static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10);
    u /= base;
  } while (u);
  if (neg) buf[--i] = '-';
  int n = static_cast<int>(sizeof(buf)) - i;
  while (n < width) {
    print_strn(p, &pad, 1);
    width--;
  }
  print_strn(p, buf + i, sizeof(buf) - i);
}
}  // namespace

const Printer port_printer = {port_printer_write, nullptr};
const Printer port_err_printer = {port_err_printer_write, nullptr};

void print_strn(const Printer* p, const char* s, size_t len) {
  p->write(p->ctx, s, len);
}

void print_vfmt(const Printer* p, const char* fmt, va_list ap) {
  while (*fmt) {
    const char* start = fmt;
    while (*fmt && *fmt != '%')
      fmt++;
    if (fmt > start) print_strn(p, start, fmt - start);
    if (!*fmt) break;
    fmt++;
    char pad = ' ';
    int width = 0;
    if (*fmt == '0') {
      pad = '0';
      fmt++;
    }
    while (*fmt >= '0' && *fmt <= '9')
      width = width * 10 + (*fmt++ - '0');
    int prec = -1;
    if (*fmt == '.' && fmt[1] == '*') {
      prec = va_arg(ap, int);
      fmt += 2;
    }
    switch (*fmt) {
      case 'd': {
        int v = va_arg(ap, int);
        print_uint(p, v < 0 ? -static_cast<int64_t>(v) : v, 10, v < 0, width, pad);
        break;
      }
      case 'u':
        print_uint(p, va_arg(ap, unsigned), 10, false, width, pad);
        break;
      case 'x':
        print_uint(p, va_arg(ap, unsigned), 16, false, width, pad);
        break;
      case 'D': {
        Int v = va_arg(ap, Int);
        print_uint(p, v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v), 10, v < 0,
                   width, pad);
        break;
      }
      case 'U':
        print_uint(p, va_arg(ap, size_t), 10, false, width, pad);
        break;
      case 's': {
        const char* s = va_arg(ap, const char*);
        if (s == nullptr) s = "(null)";
        print_strn(p, s, prec >= 0 ? static_cast<size_t>(prec) : strlen(s));
        break;
      }
      case 'c': {
        char c = static_cast<char>(va_arg(ap, int));
        print_strn(p, &c, 1);
        break;
      }
      case 'q': {
        Qstr q = va_arg(ap, Qstr);
        print_strn(p, qstr_str(q), qstr_len(q));
        break;
      }
      case 'S':
        print_value(p, va_arg(ap, Value), kPrintStr);
        break;
      case 'R':
        print_value(p, va_arg(ap, Value), kPrintRepr);
        break;
      case 'T':
        print_str(p, type_name_of(va_arg(ap, Value)));
        break;
      case '%':
        print_strn(p, "%", 1);
        break;
      default:
        print_strn(p, fmt - 1, 2);
        break;
    }
    if (*fmt) fmt++;
  }
}

void print_fmt(const Printer* p, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_vfmt(p, fmt, ap);
  va_end(ap);
}

void print_value(const Printer* p, Value v, PrintKind kind) {
  c_stack_check();
  const Type* t = type_of(v);
  if (t->print) {
    t->print(p, v, kind);
  } else {
    print_fmt(p, "<%s object at %x>", type_name(t), static_cast<unsigned>(v));
  }
}

// Python's repr of a string: single quotes unless the text has ' and no ".
void print_quoted(const Printer* p, const char* s, size_t len, bool is_bytes) {
  // (An empty buffer may have no data pointer: memchr must not see it.)
  bool has_single = len && mem_chr(s, '\'', len) != nullptr;
  bool has_double = len && mem_chr(s, '"', len) != nullptr;
  char quote = has_single && !has_double ? '"' : '\'';
  if (is_bytes) print_strn(p, "b", 1);
  print_strn(p, &quote, 1);
  const char* run = s;
  const char* end = s + len;
  for (const char* c = s; c < end; c++) {
    unsigned char ch = static_cast<unsigned char>(*c);
    const char* esc = nullptr;
    char buf[8];
    if (ch == static_cast<unsigned char>(quote) || ch == '\\') {
      buf[0] = '\\';
      buf[1] = static_cast<char>(ch);
      buf[2] = 0;
      esc = buf;
    } else if (ch == '\n') {
      esc = "\\n";
    } else if (ch == '\r') {
      esc = "\\r";
    } else if (ch == '\t') {
      esc = "\\t";
    } else if (ch < 0x20 || ch == 0x7f || (is_bytes && ch >= 0x80)) {
      static const char hex[] = "0123456789abcdef";
      buf[0] = '\\';
      buf[1] = 'x';
      buf[2] = hex[ch >> 4];
      buf[3] = hex[ch & 15];
      buf[4] = 0;
      esc = buf;
    }
    if (esc) {
      if (c > run) print_strn(p, run, c - run);
      print_str(p, esc);
      run = c + 1;
    }
  }
  if (end > run) print_strn(p, run, end - run);
  print_strn(p, &quote, 1);
}

void vstr_init(Vstr* v, size_t alloc) {
  if (alloc < 16) alloc = 16;
  v->buf = static_cast<char*>(gc_alloc(alloc));
  v->len = 0;
  v->alloc = alloc;
}

char* vstr_extend(Vstr* v, size_t len) {
  if (v->len + len + 1 > v->alloc) {
    size_t n = v->alloc * 2;
    if (n < v->len + len + 1) n = v->len + len + 1;
    v->buf = static_cast<char*>(gc_realloc(v->buf, n));
    v->alloc = n;
  }
  char* p = v->buf + v->len;
  v->len += len;
  return p;
}

void vstr_add_strn(Vstr* v, const char* s, size_t len) {
  char* p = vstr_extend(v, len);
  mem_move(p, s, len);
}

void vstr_add_char(Vstr* v, char c) {
  *vstr_extend(v, 1) = c;
}

void vstr_add_unichar(Vstr* v, uint32_t c) {
  if (c < 0x80) {
    vstr_add_char(v, static_cast<char>(c));
  } else if (c < 0x800) {
    char* p = vstr_extend(v, 2);
    p[0] = static_cast<char>(0xc0 | (c >> 6));
    p[1] = static_cast<char>(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    char* p = vstr_extend(v, 3);
    p[0] = static_cast<char>(0xe0 | (c >> 12));
    p[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    p[2] = static_cast<char>(0x80 | (c & 0x3f));
  } else {
    char* p = vstr_extend(v, 4);
    p[0] = static_cast<char>(0xf0 | (c >> 18));
    p[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3f));
    p[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    p[3] = static_cast<char>(0x80 | (c & 0x3f));
  }
}

Printer vstr_printer(Vstr* v) {
  return Printer{vstr_printer_write, v};
}

}  // namespace vpy
