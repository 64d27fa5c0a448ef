#include "repl.h"

#include "port.h"
#include "runtime.h"

namespace vpy {

namespace {

constexpr int kHistory = 8;

struct LineEditor {
  Vstr line;
  size_t cursor;
};

void out(const char* s) {
  port_write(s, strlen(s));
}

bool starts_with_word(const char* s, size_t len, const char* w) {
  size_t n = strlen(w);
  if (len < n || memcmp(s, w, n) != 0) return false;
  return len == n || s[n] == ' ' || s[n] == ':' || s[n] == '(' || s[n] == '\t';
}

// Reads one line with simple editing. Returns the control key that ended it
// (0 for Enter, 3 Ctrl-C, 4 Ctrl-D, 5 Ctrl-E) and the text in le->line.
int read_line_raw(LineEditor* le, Value history, int* hist_pos);
int read_line(LineEditor* le, Value history, int* hist_pos) {
  port_console_raw(true);
  int r = read_line_raw(le, history, hist_pos);
  port_console_raw(false);
  return r;
}

int read_line_raw(LineEditor* le, Value history, int* hist_pos) {
  for (;;) {
    int c = port_read_char();
    if (c < 0) return 4;
    if (c == '\r' || c == '\n') {
      out("\n");
      return 0;
    }
    if (c == 1 || c == 3 || c == 5) return c;
    if (c == 4) {
      if (le->line.len == 0) return 4;
      continue;
    }
    if (c == 8 || c == 127) {
      if (le->cursor > 0) {
        mem_move(le->line.buf + le->cursor - 1, le->line.buf + le->cursor,
                 le->line.len - le->cursor);
        le->line.len--;
        le->cursor--;
        out("\b");
        port_write(le->line.buf + le->cursor, le->line.len - le->cursor);
        out(" ");
        for (size_t i = le->cursor; i <= le->line.len; i++)
          out("\b");
      }
      continue;
    }
    if (c == 27) {
      // Escape sequences: arrows for history and cursor movement.
      int c1 = port_read_char();
      int c2 = port_read_char();
      if (c1 != '[') continue;
      ListObj* h = as<ListObj>(history);
      if (c2 == 'A' || c2 == 'B') {
        int np = *hist_pos + (c2 == 'A' ? 1 : -1);
        if (np < 0 || np > static_cast<int>(h->len)) continue;
        *hist_pos = np;
        // Erase the current text and show the history entry.
        for (size_t i = 0; i < le->cursor; i++)
          out("\b");
        for (size_t i = 0; i < le->line.len; i++)
          out(" ");
        for (size_t i = 0; i < le->line.len; i++)
          out("\b");
        le->line.len = 0;
        if (np > 0) {
          size_t n;
          const char* s = str_data(h->items[h->len - np], &n);
          vstr_add_strn(&le->line, s, n);
        }
        le->cursor = le->line.len;
        port_write(le->line.buf, le->line.len);
      } else if (c2 == 'D' && le->cursor > 0) {
        le->cursor--;
        out("\b");
      } else if (c2 == 'C' && le->cursor < le->line.len) {
        port_write(le->line.buf + le->cursor, 1);
        le->cursor++;
      }
      continue;
    }
    if (c == 9) c = ' ';  // no completion: a tab inserts a space
    if (c < 32) continue;
    char ch = static_cast<char>(c);
    vstr_extend(&le->line, 1);
    mem_move(le->line.buf + le->cursor + 1, le->line.buf + le->cursor,
             le->line.len - 1 - le->cursor);
    le->line.buf[le->cursor] = ch;
    port_write(le->line.buf + le->cursor, le->line.len - le->cursor);
    le->cursor++;
    for (size_t i = le->cursor; i < le->line.len; i++)
      out("\b");
  }
}

int run_source(const char* s, size_t len, CompileMode mode) {
  Value globals = module_globals(vm()->main_module);
  int r = exec_toplevel(s, len, Q__stdin_, mode, globals);
  return r;
}

void paste_mode() {
  out("\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\n=== ");
  Vstr buf;
  vstr_init(&buf, 256);
  port_console_raw(true);
  for (;;) {
    int c = port_read_char();
    if (c < 0 || c == 4) {
      out("\n");
      break;
    }
    if (c == 3) {
      out("\n");
      port_console_raw(false);
      return;
    }
    if (c == '\r') c = '\n';
    vstr_add_char(&buf, static_cast<char>(c));
    if (c == '\n') {
      out("\n=== ");
    } else {
      char ch = static_cast<char>(c);
      port_write(&ch, 1);
    }
  }
  port_console_raw(false);
  run_source(buf.buf, buf.len, kCompileFile);
}

// Runs a raw REPL command: output, then \x04, then the exception if any, \x04.
void raw_execute(const char* src, size_t len) {
  struct Ctx {
    const char* src;
    size_t len;
  } ctx{src, len};
  auto fn = [](void* p) -> Value {
    Ctx* c = static_cast<Ctx*>(p);
    Value globals = module_globals(vm()->main_module);
    return exec_source(c->src, c->len, Q__stdin_, kCompileFile, globals);
  };
  Value r, exc;
  bool ok = protected_call(fn, &ctx, &r, &exc);
  vm()->exc_current = kNone;
  port_write("\x04", 1);
  if (!ok && !is_instance(exc, &exc_SystemExit)) exception_print(&port_printer, exc);
  port_write("\x04", 1);
}

}  // namespace

int repl_raw() {
  port_console_raw(true);
  for (;;) {
    out("raw REPL; CTRL-B to exit\r\n");
    bool reset = false;
    while (!reset) {
      out(">");
      Vstr line;
      vstr_init(&line, 256);
      for (;;) {
        int c = port_read_char();
        if (c < 0) {
          port_console_raw(false);
          return 0;
        }
        if (c == 1) {
          // Ctrl-A again: "\x05A\x01" asks for raw-paste mode, which vpy does not
          // offer yet ("R\x00" tells the tool to fall back); otherwise reset.
          if (line.len == 2 && line.buf[0] == 5 && line.buf[1] == 'A') {
            out("R");
            port_write("\x00", 1);
            line.len = 0;
            continue;
          }
          reset = true;
          break;
        }
        if (c == 2) {
          out("\r\n");
          port_console_raw(false);
          return -1;
        }
        if (c == 3) {
          line.len = 0;
          continue;
        }
        if (c == 4) break;
        vstr_add_char(&line, static_cast<char>(c));
      }
      if (reset) break;
      out("OK");
      if (line.len == 0) {
        out("\r\n");
        port_console_raw(false);
        return 0;
      }
      port_console_raw(false);
      raw_execute(line.buf, line.len);
      port_console_raw(true);
    }
  }
}

bool repl_continue_with_input(const char* s, size_t len) {
  // Skip leading decorators/blank lines to find the first statement's keyword.
  const char* p = s;
  while (p < s + len && (*p == ' ' || *p == '\t'))
    p++;
  size_t rem = s + len - p;
  bool compound = *p == '@' || starts_with_word(p, rem, "if") ||
                  starts_with_word(p, rem, "while") || starts_with_word(p, rem, "for") ||
                  starts_with_word(p, rem, "def") || starts_with_word(p, rem, "class") ||
                  starts_with_word(p, rem, "try") || starts_with_word(p, rem, "with") ||
                  starts_with_word(p, rem, "async");
  // Brackets, strings and triple quotes still open?
  int depth = 0;
  char quote = 0;
  bool triple = false;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (quote) {
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        if (!triple) {
          quote = 0;
        } else if (i + 2 < len && s[i + 1] == quote && s[i + 2] == quote) {
          quote = 0;
          i += 2;
        }
      } else if (c == '\n' && !triple) {
        quote = 0;
      }
      continue;
    }
    if (c == '#') {
      while (i < len && s[i] != '\n')
        i++;
    } else if (c == '\'' || c == '"') {
      quote = c;
      triple = i + 2 < len && s[i + 1] == c && s[i + 2] == c;
      if (triple) i += 2;
    } else if (c == '(' || c == '[' || c == '{') {
      depth++;
    } else if (c == ')' || c == ']' || c == '}') {
      depth--;
    }
  }
  if (quote && triple) return true;
  if (depth > 0) return true;
  if (len > 0 && s[len - 1] == '\\') return true;
  // A compound statement ends with an empty line.
  if (compound) {
    const char* last = s + len;
    const char* ls = last;
    while (ls > s && ls[-1] != '\n')
      ls--;
    bool blank = true;
    for (const char* q = ls; q < last; q++)
      blank = blank && (*q == ' ' || *q == '\t');
    return !(blank && ls > s);
  }
  // Other lines ending with ':' (e.g. `else:`) also want more.
  size_t e = len;
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
    e--;
  return e > 0 && s[e - 1] == ':';
}

int repl_friendly(const char* banner) {
  out(banner);
  Value history = list_new(0, nullptr);
  vm()->extra_roots[0] = history;
  for (;;) {
    LineEditor le;
    vstr_init(&le.line, 64);
    le.cursor = 0;
    int hist_pos = 0;
    out(">>> ");
    int k = read_line(&le, history, &hist_pos);
    if (k == 4) {
      out("\n");
      return 0;
    }
    if (k == 3) {
      out("\n");
      continue;
    }
    if (k == 5) {
      paste_mode();
      continue;
    }
    if (k == 1) {
      out("\n");
      repl_raw();
      out(banner);
      continue;
    }
    if (le.line.len == 0) continue;
    list_append(history, str_new(le.line.buf, le.line.len));
    if (as<ListObj>(history)->len > kHistory) list_pop(history, 0);
    Vstr code;
    vstr_init(&code, 128);
    vstr_add_strn(&code, le.line.buf, le.line.len);
    bool cancelled = false;
    while (repl_continue_with_input(code.buf, code.len)) {
      // Auto-indent: keep the previous line's indent, one more level after ':'.
      const char* ls = code.buf + code.len;
      while (ls > code.buf && ls[-1] != '\n')
        ls--;
      size_t indent = 0;
      while (ls + indent < code.buf + code.len && ls[indent] == ' ')
        indent++;
      size_t e = code.len;
      while (e > 0 && code.buf[e - 1] == ' ')
        e--;
      if (e > 0 && code.buf[e - 1] == ':') indent += 4;
      bool prev_blank =
          ls + indent >= code.buf + code.len && e <= static_cast<size_t>(ls - code.buf);
      if (prev_blank) indent = 0;
      vstr_add_char(&code, '\n');
      out("... ");
      LineEditor ce;
      vstr_init(&ce.line, 64);
      for (size_t i = 0; i < indent; i++)
        vstr_add_char(&ce.line, ' ');
      ce.cursor = ce.line.len;
      port_write(ce.line.buf, ce.line.len);
      int hp = 0;
      int ck = read_line(&ce, history, &hp);
      if (ck == 3) {
        out("\n");
        cancelled = true;
        break;
      }
      if (ck == 4) {
        out("\n");
        break;
      }
      // A line of only the auto-indent counts as empty.
      bool only_spaces = true;
      for (size_t i = 0; i < ce.line.len; i++)
        only_spaces = only_spaces && ce.line.buf[i] == ' ';
      if (!only_spaces) vstr_add_strn(&code, ce.line.buf, ce.line.len);
    }
    if (cancelled) continue;
    int r = run_source(code.buf, code.len, kCompileSingle);
    if (r >= 0 && r < kExitUncaught) return r;  // sys.exit() leaves the REPL
  }
}

}  // namespace vpy
