// The friendly and raw REPLs (see repl.h). What they write follows MicroPython's
// REPL byte for byte where its tools look (docs/reference/repl.rst): prompts,
// "\r\n" line ends, the raw REPL's "OK"/"\x04" framing and raw-paste flow control.
#include "repl.h"

#include "port.h"
#include "runtime.h"

// Raw-paste flow control: the host may send this many bytes per window, and it
// holds two windows when it starts, so a port whose console receive buffer holds
// twice this many bytes never drops code. 128 is what MicroPython boards use with
// their 256-byte buffer.
#ifndef VPY_REPL_RAW_PASTE_WINDOW
#define VPY_REPL_RAW_PASTE_WINDOW 128
#endif
static_assert(VPY_REPL_RAW_PASTE_WINDOW > 0 && VPY_REPL_RAW_PASTE_WINDOW < 65536,
              "the window size travels as 16 bits");

namespace vpy {

namespace {

constexpr int kCtrlA = 1;
constexpr int kCtrlB = 2;
constexpr int kCtrlC = 3;
constexpr int kCtrlD = 4;
constexpr int kCtrlE = 5;
constexpr int kCtrlF = 6;
constexpr int kCtrlK = 11;
constexpr int kCtrlN = 14;
constexpr int kCtrlP = 16;
constexpr int kCtrlU = 21;
constexpr int kEscape = 27;
constexpr size_t kHistory = 8;  // lines kept for the up arrow

// read_line's results besides the control keys it hands back (Ctrl-A..E).
constexpr int kLineEntered = 0;
constexpr int kLineEof = -1;
constexpr int kKeyHandled = -2;  // internal: keep reading

const char kRawBanner[] = "raw REPL; CTRL-B to exit\r\n";

// How one REPL mode handed over control.
enum class Next { kFriendly, kRaw, kEnd };

struct Session {
  const char* banner;
  ReplResult result;
  int last_newline;  // '\r' or '\n' that ended the last line: its partner right after is no Enter
  bool indent_on;    // auto-indent, on for each new statement until a space or tab undoes it
};

enum EscapeState { kEscNone, kEscStart, kEscBracket, kEscBracketDigit, kEscO };

// The line being edited: the text of the whole statement is in *text, this line
// starts at `start`.
struct LineEdit {
  Vstr* text;
  size_t start;
  size_t cursor;
  int hist_pos;  // -1: the typed line; else how far back in the history
  EscapeState escape;
  char escape_digit;
  bool indent_added;  // the last thing that happened was the auto-indent
};

void out(const char* s) {
  port_write(s, strlen(s));
}

void out_n(const char* s, size_t n) {
  port_write(s, n);
}

// VT100 cursor movement, as MicroPython's line editor emits it.
void cursor_back(size_t n) {
  if (n <= 4) {
    out_n("\b\b\b\b", n);
    return;
  }
  char buf[24];
  size_t i = sizeof(buf);
  buf[--i] = 'D';
  do {
    buf[--i] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n);
  buf[--i] = '[';
  buf[--i] = '\x1b';
  out_n(buf + i, sizeof(buf) - i);
}

void erase_to_end_of_line() {
  out("\x1b[K");
}

void text_insert(Vstr* v, size_t at, const char* s, size_t n) {
  vstr_extend(v, n);
  mem_move(v->buf + at + n, v->buf + at, v->len - n - at);
  mem_copy(v->buf + at, s, n);
}

void text_cut(Vstr* v, size_t at, size_t n) {
  mem_move(v->buf + at, v->buf + at + n, v->len - at - n);
  v->len -= n;
}

// --- history ----------------------------------------------------------------------------
// A list in extra_roots[0], newest last, so the collector keeps it.
Value history() {
  return vm()->extra_roots[0];
}

void history_push(const char* s, size_t n) {
  if (n == 0) return;
  ListObj* h = as<ListObj>(history());
  if (h->len) {
    size_t ln;
    const char* last = str_data(h->items[h->len - 1], &ln);
    if (ln == n && mem_cmp(last, s, n) == 0) return;
  }
  list_append(history(), str_new(s, n));
  if (h->len > kHistory) list_pop(history(), 0);
}

// Replaces the edited line with history entry `pos` back (or nothing for -1).
void history_recall(LineEdit* e, int pos) {
  e->hist_pos = pos;
  e->text->len = e->start;
  if (pos < 0) return;
  ListObj* h = as<ListObj>(history());
  size_t n;
  const char* s = str_data(h->items[h->len - 1 - static_cast<size_t>(pos)], &n);
  vstr_add_strn(e->text, s, n);
}

// --- the line editor -----------------------------------------------------------------------

// MicroPython's auto-indent: a continuation line starts at the previous line's
// indent, one level deeper after a ':'; after two lines of only spaces it stops.
void auto_indent(Session* s, LineEdit* e) {
  if (!s->indent_on) return;
  const char* b = e->text->buf;
  size_t len = e->text->len;
  if (len < 2 || b[len - 1] != '\n') return;
  size_t prev = len - 1;  // start of the previous line
  while (prev > 0 && b[prev - 1] != '\n')
    prev--;
  size_t first = prev;  // its first non-space
  while (first < len && b[first] == ' ')
    first++;
  if (prev > 0 && first + 1 == len) {
    // The previous line is only spaces: no indent if the one before it is too.
    size_t k = prev - 1;
    while (k > 0 && b[k - 1] == ' ')
      k--;
    if (k > 0 && b[k - 1] == '\n') return;
  }
  size_t levels = (first - prev) / 4 + (b[len - 2] == ':' ? 1 : 0);
  for (size_t i = 0; i < levels; i++) {
    vstr_add_strn(e->text, "    ", 4);
    out("    ");
    e->cursor += 4;
    e->indent_added = true;
  }
}

// CR, LF and CR LF each end a line once (a terminal sends CR, a pasted file LF or CR LF).
bool is_enter(Session* s, int c) {
  if ((c == '\r' || c == '\n') && (s->last_newline == 0 || s->last_newline == c)) {
    s->last_newline = c;
    return true;
  }
  s->last_newline = 0;
  return false;
}

// One key; returns kKeyHandled, or what ends the line (kLineEntered, a control key).
int edit_key(Session* s, LineEdit* e, int c) {
  Vstr* t = e->text;
  size_t old_len = t->len;
  size_t back = 0;      // cursor steps left before redrawing
  size_t forward = 0;   // cursor steps right after redrawing
  bool redraw = false;  // redraw from the cursor to the end of the line
  bool empty = t->len == e->start;
  if (e->escape == kEscNone) {
    if (c >= kCtrlA && c <= kCtrlE && empty) return c;
    if (c == kCtrlC) return c;
    if (c == kCtrlA) {
      back = e->cursor - e->start;  // home
    } else if (c == kCtrlB) {
      if (e->cursor > e->start) back = 1;
    } else if (c == kCtrlD) {
      if (e->cursor < t->len) {
        text_cut(t, e->cursor, 1);
        redraw = true;
      }
    } else if (c == kCtrlE) {
      forward = t->len - e->cursor;
    } else if (c == kCtrlF) {
      if (e->cursor < t->len) forward = 1;
    } else if (c == kCtrlK) {
      t->len = e->cursor;
      redraw = true;
    } else if (c == kCtrlN || c == kCtrlP) {
      int pos = e->hist_pos + (c == kCtrlP ? 1 : -1);
      if (pos < -1 || pos >= static_cast<int>(as<ListObj>(history())->len)) return kKeyHandled;
      back = e->cursor - e->start;
      history_recall(e, pos);
      redraw = true;
      forward = t->len - e->start;
    } else if (c == kCtrlU) {
      back = e->cursor - e->start;
      text_cut(t, e->start, back);
      redraw = true;
    } else if (is_enter(s, c)) {
      out("\r\n");
      history_push(t->buf + e->start, t->len - e->start);
      return kLineEntered;
    } else if (c == kEscape) {
      e->escape = kEscStart;
    } else if (c == 8 || c == 127) {
      if (e->cursor > e->start) {
        // Within leading spaces a backspace takes back one indent level.
        size_t spaces = 0;
        for (size_t i = e->start; i < e->cursor; i++) {
          if (t->buf[i] != ' ') {
            spaces = 0;
            break;
          }
          spaces++;
        }
        size_t n = spaces >= 4 ? 4 : 1;
        text_cut(t, e->cursor - n, n);
        back = n;
        redraw = true;
      }
    } else if (e->indent_added && (c == '\t' || c == ' ')) {
      // Tab right after the auto-indent keeps it; space takes it back to one
      // space. Either way, auto-indent is off for the rest of the statement.
      s->indent_on = false;
      if (c == ' ') {
        t->len -= 3;
        back = 3;
      }
    } else if (c == '\t') {
      // Indents by 4 after white space (no completion: elsewhere it does nothing).
      char before = e->cursor ? t->buf[e->cursor - 1] : 'x';
      if (before == ' ' || before == '\n' || before == '\t') {
        text_insert(t, e->cursor, "    ", 4);
        redraw = true;
        forward = 4;
      }
    } else if (c >= 32 && c != 127) {
      char ch = static_cast<char>(c);
      text_insert(t, e->cursor, &ch, 1);
      redraw = true;
      forward = 1;
    }
  } else if (e->escape == kEscStart) {
    e->escape = c == '[' ? kEscBracket : c == 'O' ? kEscO : kEscNone;
  } else if (e->escape == kEscBracket) {
    if (c >= '0' && c <= '9') {
      e->escape = kEscBracketDigit;
      e->escape_digit = static_cast<char>(c);
    } else {
      e->escape = kEscNone;
      if (c == 'A' || c == 'B') {
        return edit_key(s, e, c == 'A' ? kCtrlP : kCtrlN);
      } else if (c == 'C') {
        return edit_key(s, e, kCtrlF);
      } else if (c == 'D') {
        if (e->cursor > e->start) back = 1;
      } else if (c == 'H') {
        back = e->cursor - e->start;
      } else if (c == 'F') {
        forward = t->len - e->cursor;
      }
    }
  } else if (e->escape == kEscBracketDigit) {
    e->escape = kEscNone;
    if (c == '~') {
      char d = e->escape_digit;
      if (d == '1' || d == '7') {
        back = e->cursor - e->start;
      } else if (d == '4' || d == '8') {
        forward = t->len - e->cursor;
      } else if (d == '3' && e->cursor < t->len) {
        text_cut(t, e->cursor, 1);
        redraw = true;
      }
    }
  } else {  // kEscO
    e->escape = kEscNone;
    if (c == 'H') back = e->cursor - e->start;
    if (c == 'F') forward = t->len - e->cursor;
  }

  // Redraw what changed, with as little output as MicroPython's editor.
  if (back) {
    cursor_back(back);
    e->cursor -= back;
  }
  if (redraw) {
    if (t->len < old_len) erase_to_end_of_line();
    out_n(t->buf + e->cursor, t->len - e->cursor);
    cursor_back(t->len - (e->cursor + forward));
    e->cursor += forward;
  } else if (forward) {
    out_n(t->buf + e->cursor, forward);
    e->cursor += forward;
  }
  e->indent_added = false;
  return kKeyHandled;
}

// Shows the prompt and edits one line appended to *text. Returns kLineEntered
// (the line is in *text, without its newline), a control key typed on an empty
// line (Ctrl-A..E) or Ctrl-C, or kLineEof.
int read_line(Session* s, Vstr* text, const char* prompt) {
  if (text->len == 0) s->indent_on = true;
  LineEdit e{text, text->len, text->len, -1, kEscNone, 0, false};
  out(prompt);
  auto_indent(s, &e);
  for (;;) {
    int c = port_read_char();
    if (c < 0) return kLineEof;
    int r = edit_key(s, &e, c);
    if (r != kKeyHandled) return r;
  }
}

// --- running code --------------------------------------------------------------------------

struct RunCtx {
  const char* src;
  size_t len;
  CompileMode mode;
};

Value run_in_main(void* p) {
  RunCtx* c = static_cast<RunCtx*>(p);
  Value globals = module_globals(vm()->main_module);
  return exec_source(c->src, c->len, Q__stdin_, c->mode, globals);
}

// The exit code SystemExit carries, as the unix port computes it.
int system_exit_code(Value exc) {
  Value code = exception_first_arg(exc);
  if (code == kNone) return 0;
  Int i;
  if (int_get_maybe(code, &i)) return static_cast<int>(i) & 0xff;
  print_value(&port_err_printer, code, kPrintStr);
  print_str(&port_err_printer, "\n");
  return 1;
}

// Compiles and runs code in __main__ with the console in normal mode, so Ctrl-C
// interrupts it. Raw REPL framing (`framed`): "\x04" after the output, the
// exception if any, "\x04" again. Returns false if SystemExit ended the code.
bool run_code(Session* s, const char* src, size_t len, CompileMode mode, bool framed) {
  RunCtx ctx{src, len, mode};
  port_interrupt_pending = 0;  // a Ctrl-C from before had nothing to stop
  port_console_raw(false);
  Value r, exc;
  bool ok = protected_call(run_in_main, &ctx, &r, &exc);
  vm()->exc_current = kNone;
  // A heap left locked (micropython.heap_lock()) would leave the REPL unable to
  // read the next line: unlock it, as MicroPython does at each prompt.
  while (gc_is_locked())
    gc_unlock();
  if (framed) out_n("\x04", 1);
  bool exited = false;
  if (!ok) {
    if (is_instance(exc, &exc_SystemExit)) {
      exited = true;
      s->result.end = ReplEnd::kSysExit;
      s->result.exit_code = system_exit_code(exc);
    } else {
      exception_print(&port_printer, exc);
    }
  }
  // Back to raw input before the last marker: the tool answers as soon as it
  // reads it, and its bytes must not meet the terminal's echo or line editing.
  port_console_raw(true);
  port_interrupt_pending = 0;
  if (framed) out_n("\x04", 1);
  return !exited;
}

// --- paste mode ---------------------------------------------------------------------------

// Ctrl-E: lines are taken as they come (no auto-indent) until Ctrl-D runs them as
// a file; Ctrl-C drops them.
Next paste_mode(Session* s, Vstr* text) {
  out("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
  text->len = 0;
  int prev = 0;
  for (;;) {
    int c = port_read_char();
    if (c == kCtrlC) {
      out("\r\n");
      return Next::kFriendly;
    }
    if (c < 0 || c == kCtrlD) break;
    bool pair = c == '\n' && prev == '\r';
    prev = c;
    if (pair) continue;  // CR LF is one line end
    if (c == '\r' || c == '\n') {
      vstr_add_char(text, '\n');
      out("\r\n=== ");
    } else {
      char ch = static_cast<char>(c);
      vstr_add_char(text, ch);
      out_n(&ch, 1);
    }
  }
  out("\r\n");
  if (!run_code(s, text->buf, text->len, kCompileFile, false)) return Next::kEnd;
  return Next::kFriendly;
}

// --- the friendly REPL -------------------------------------------------------------------

Next friendly_repl(Session* s) {
  out(s->banner);
  Vstr text;
  vstr_init(&text, 64);
  for (;;) {
    text.len = 0;
    int k = read_line(s, &text, ">>> ");
    if (k == kCtrlA) {
      out("\r\n");
      return Next::kRaw;
    }
    if (k == kCtrlB) {
      out("\r\n");
      out(s->banner);
      continue;
    }
    if (k == kCtrlC) {
      out("\r\n");
      continue;
    }
    if (k == kCtrlD || k == kLineEof) {
      out("\r\n");
      s->result.end = k == kCtrlD ? ReplEnd::kCtrlD : ReplEnd::kEndOfInput;
      return Next::kEnd;
    }
    if (k == kCtrlE) {
      if (paste_mode(s, &text) == Next::kEnd) return Next::kEnd;
      continue;
    }
    if (text.len == 0) continue;
    bool cancelled = false;
    bool eof = false;
    while (repl_continue_with_input(text.buf, text.len)) {
      vstr_add_char(&text, '\n');
      k = read_line(s, &text, "... ");
      if (k == kCtrlC) {
        out("\r\n");
        cancelled = true;
        break;
      }
      if (k == kCtrlD) break;  // run what is there
      if (k == kLineEof) {
        eof = true;
        break;
      }
    }
    if (cancelled) continue;
    if (!run_code(s, text.buf, text.len, kCompileSingle, false)) return Next::kEnd;
    if (eof) {
      out("\r\n");
      s->result.end = ReplEnd::kEndOfInput;
      return Next::kEnd;
    }
  }
}

// --- the raw REPL --------------------------------------------------------------------------

struct PasteCtx {
  Vstr* code;
  bool interrupted;
};

// Receives raw-paste code until Ctrl-D, granting the host a window at a time.
Value raw_paste_receive(void* p) {
  PasteCtx* ctx = static_cast<PasteCtx*>(p);
  unsigned left = VPY_REPL_RAW_PASTE_WINDOW;
  for (;;) {
    int c = port_read_char();
    if (c < 0 || c == kCtrlD || c == kCtrlC) {
      out_n("\x04", 1);  // end of reception (asked for, or forced by Ctrl-C)
      ctx->interrupted = c == kCtrlC;
      return kNone;
    }
    vstr_add_char(ctx->code, static_cast<char>(c));
    if (--left == 0) {
      out_n("\x01", 1);  // the host may send another window
      left = VPY_REPL_RAW_PASTE_WINDOW;
    }
  }
}

// An exception that stopped raw-paste reception, printed as a run prints one
// (in the console's normal mode, where "\n" ends a line as it does for code).
void print_error(Value exc) {
  port_console_raw(false);
  exception_print(&port_printer, exc);
  port_console_raw(true);
}

// "\x05A\x01" in the raw REPL (docs/reference/repl.rst, raw-paste mode).
// Returns false if SystemExit ended the code.
bool raw_paste(Session* s, char command) {
  if (command != 'A') {
    out_n("R\x00", 2);  // understood, not supported: the tool falls back to raw mode
    return true;
  }
  constexpr unsigned kWindow = VPY_REPL_RAW_PASTE_WINDOW;
  const char header[] = {'R', '\x01', static_cast<char>(kWindow & 0xff),
                         static_cast<char>(kWindow >> 8), '\x01'};
  out_n(header, sizeof(header));  // entered; window size; a second window granted
  Vstr code;
  vstr_init(&code, 2 * kWindow);
  PasteCtx ctx{&code, false};
  Value r, exc;
  if (!protected_call(raw_paste_receive, &ctx, &r, &exc)) {
    // No room for the code: tell the host to stop ("\x04"), wait for its
    // acknowledgement, then report the error as a run would.
    vm()->exc_current = kNone;
    out_n("\x04", 1);
    for (int c = 0; c >= 0 && c != kCtrlC && c != kCtrlD;)
      c = port_read_char();
    out_n("\x04", 1);
    print_error(exc);
    out_n("\x04", 1);
    return true;
  }
  if (ctx.interrupted) {
    out_n("\x04", 1);
    print_error(exception_new(&exc_KeyboardInterrupt, 0, nullptr));
    out_n("\x04", 1);
    return true;
  }
  return run_code(s, code.buf, code.len, kCompileFile, true);
}

Next raw_repl(Session* s) {
  out(kRawBanner);
  Vstr line;
  vstr_init(&line, 256);
  for (;;) {
    line.len = 0;
    out(">");
    int c;
    for (;;) {
      c = port_read_char();
      if (c < 0) {
        s->result.end = ReplEnd::kEndOfInput;
        return Next::kEnd;
      }
      if (c == kCtrlA) {
        if (line.len == 2 && line.buf[0] == kCtrlE) {
          if (!raw_paste(s, line.buf[1])) return Next::kEnd;
          if (line.buf[1] == 'A') out(">");
        } else {
          out(kRawBanner);
          out(">");
        }
        line.len = 0;
      } else if (c == kCtrlB) {
        out("\r\n");
        return Next::kFriendly;
      } else if (c == kCtrlC) {
        line.len = 0;
      } else if (c == kCtrlD) {
        break;
      } else {
        vstr_add_char(&line, static_cast<char>(c));
      }
    }
    out("OK");
    if (line.len == 0) {
      out("\r\n");
      s->result.end = ReplEnd::kCtrlD;
      return Next::kEnd;
    }
    if (!run_code(s, line.buf, line.len, kCompileFile, true)) return Next::kEnd;
  }
}

bool starts_with_word(const char* s, size_t len, const char* w) {
  size_t n = strlen(w);
  if (len < n || mem_cmp(s, w, n) != 0) return false;
  if (len == n) return true;
  char c = s[n];
  bool ident = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || (c & 0x80);
  return !ident;
}

}  // namespace

bool repl_continue_with_input(const char* s, size_t len) {
  if (len == 0) return false;
  static const char* const kCompound[] = {"if",   "while", "for",   "try",
                                          "with", "def",   "class", "async"};
  bool compound = s[0] == '@';
  for (const char* w : kCompound)
    compound = compound || starts_with_word(s, len, w);
  // Open brackets or quotes? Comments are skipped; a backslash escapes a quote.
  int depth = 0;
  char quote = 0;
  bool triple = false;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (quote) {
      if (c == '\\' && i + 1 < len && (s[i + 1] == '\'' || s[i + 1] == '"' || s[i + 1] == '\\')) {
        i++;
      } else if (c == quote) {
        if (!triple) {
          quote = 0;
        } else if (i + 2 < len && s[i + 1] == quote && s[i + 2] == quote) {
          quote = 0;
          i += 2;
        }
      }
      continue;
    }
    if (c == '#') {
      while (i + 1 < len && s[i + 1] != '\n')
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
  if (depth > 0 && !quote) return true;
  if (s[len - 1] == '\\') return true;
  // A compound statement goes on until an empty line.
  return compound && s[len - 1] != '\n';
}

ReplResult repl_run(ReplMode mode, const char* banner) {
  Session s{banner, {ReplEnd::kEndOfInput, mode, 0}, 0, true};
  vm()->extra_roots[0] = list_new(0, nullptr);
  port_console_raw(true);
  struct ModeCtx {
    Session* s;
    Next next;
  } ctx{&s, Next::kEnd};
  auto run_mode = [](void* p) -> Value {
    ModeCtx* c = static_cast<ModeCtx*>(p);
    c->next = c->s->result.mode == ReplMode::kRaw ? raw_repl(c->s) : friendly_repl(c->s);
    return kNone;
  };
  for (;;) {
    s.result.mode = mode;
    Value r, exc;
    if (!protected_call(run_mode, &ctx, &r, &exc)) {
      // Input the heap could not hold (code runs under its own guard): report
      // it and start the same REPL afresh.
      vm()->exc_current = kNone;
      out("\r\n");
      print_error(exc);
      continue;
    }
    if (ctx.next == Next::kEnd) break;
    mode = ctx.next == Next::kRaw ? ReplMode::kRaw : ReplMode::kFriendly;
  }
  port_console_raw(false);
  vm()->extra_roots[0] = kNone;
  return s.result;
}

}  // namespace vpy
