#include "lexer.h"

#include <stdlib.h>

#include "runtime.h"

namespace vpy {

namespace {

const char* const kKeywords[] = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
};

bool is_ident_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool is_ident_char(unsigned char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Skips spaces, comments and backslash-newline continuations within a line.
void skip_space(Lexer* lx) {
  for (;;) {
    char c = lx->pos < lx->end ? *lx->pos : 0;
    if (c == ' ' || c == '\t' || c == '\f') {
      lx->pos++;
    } else if (c == '#') {
      while (lx->pos < lx->end && *lx->pos != '\n')
        lx->pos++;
    } else if (c == '\\' && lx->pos + 1 < lx->end && lx->pos[1] == '\n') {
      lx->pos += 2;
      lx->line++;
    } else if (c == '\n' && lx->paren_depth > 0) {
      lx->pos++;
      lx->line++;
    } else {
      return;
    }
  }
}

void lex_number(Lexer* lx) {
  const char* start = lx->pos;
  const char* p = lx->pos;
  int base = 10;
  bool is_float = false;
  if (p[0] == '0' && p + 1 < lx->end &&
      (p[1] == 'x' || p[1] == 'X' || p[1] == 'o' || p[1] == 'O' || p[1] == 'b' || p[1] == 'B')) {
    char k = static_cast<char>(p[1] | 0x20);
    base = k == 'x' ? 16 : k == 'o' ? 8 : 2;
    p += 2;
    if (p < lx->end && *p == '_') p++;  // 0x_ff is allowed
    while (p < lx->end && (hex_value(*p) >= 0 || *p == '_'))
      p++;
  } else {
    while (p < lx->end && (is_digit(*p) || *p == '_'))
      p++;
    if (p < lx->end && *p == '.' && !(p + 1 < lx->end && p[1] == '.')) {
      is_float = true;
      p++;
      while (p < lx->end && (is_digit(*p) || *p == '_'))
        p++;
    }
    if (p < lx->end && (*p == 'e' || *p == 'E')) {
      const char* q = p + 1;
      if (q < lx->end && (*q == '+' || *q == '-')) q++;
      if (q < lx->end && is_digit(*q)) {
        is_float = true;
        p = q;
        while (p < lx->end && (is_digit(*p) || *p == '_'))
          p++;
      }
    }
  }
  if (p < lx->end && (*p == 'j' || *p == 'J'))
    lexer_error(lx, lx->line, "complex values not supported");
  if (p < lx->end && is_ident_char(static_cast<unsigned char>(*p))) {
    lexer_error(lx, lx->line, "invalid syntax for number");
  }
  // An underscore separates digits: 1__0 and 1_ are malformed; so are 0x and 0b2.
  for (const char* q = start; q < p; q++) {
    if (*q == '_' ? q + 1 == p || hex_value(q[1]) < 0
                  : base != 10 && q >= start + 2 && hex_value(*q) >= base) {
      lexer_error(lx, lx->line, "invalid syntax for number");
    }
  }
  if (base != 10 && p == start + 2) lexer_error(lx, lx->line, "invalid syntax for number");
  lx->pos = p;
  if (is_float) {
    char buf[64];
    size_t n = 0;
    for (const char* q = start; q < p && n < sizeof(buf) - 1; q++) {
      if (*q != '_') buf[n++] = *q;
    }
    buf[n] = 0;
#if VPY_FLOAT_IS_DOUBLE
    lx->tok_value = float_new(strtod(buf, nullptr));
#else
    lx->tok_value = float_new(strtof(buf, nullptr));
#endif
    lx->tok = T_FLOAT;
  } else {
    const char* digits = base == 10 ? start : start + 2;
    if (base != 10 && digits < p && *digits == '_') digits++;
    // Leading zeros are not allowed in decimal literals other than 0 itself.
    if (base == 10 && p - start > 1 && start[0] == '0') {
      for (const char* q = start; q < p; q++) {
        if (*q != '0' && *q != '_') lexer_error(lx, lx->line, "invalid syntax for number");
      }
    }
    lx->tok_value = int_parse(digits, p - digits, base);
    lx->tok = T_INT;
  }
}

// --- scanning string literals ------------------------------------------------------
// Since Python 3.12 a replacement field of an f-string may hold any string literal,
// even one with the same quotes (f"{f"{x}"}"), so finding where an f-string ends
// means skipping its fields whole. These scanners only find ends; they build nothing.
const char* scan_body(const char* p, const char* end, char q, bool triple, bool is_f);
const char* skip_field(const char* p, const char* end, bool multiline);

bool is_triple(const char* p, const char* end) {
  return end - p >= 3 && p[1] == p[0] && p[2] == p[0];
}

// Skips a whole string literal at its opening quote (prefix letters, if any, run from
// word to p). Returns the position after it, or nullptr if it is unterminated.
const char* skip_literal(const char* word, const char* p, const char* end) {
  bool is_f = false;
  if (word && p - word <= 2) {
    for (const char* w = word; w < p; w++) {
      char k = static_cast<char>(*w | 0x20);
      if (k == 'f') is_f = true;
      if (k != 'f' && k != 'r' && k != 'b' && k != 'u') {
        is_f = false;  // a name before the quote, not a prefix
        break;
      }
    }
  }
  bool triple = is_triple(p, end);
  const char* e = scan_body(p + (triple ? 3 : 1), end, *p, triple, is_f);
  return e ? e + (triple ? 3 : 1) : nullptr;
}

}  // namespace

const char* lexer_fstring_expr_end(const char* p, const char* end, bool multiline) {
  int nest = 0;
  const char* word = nullptr;  // start of the identifier before p, if any
  const char* start = p;
  while (p < end) {
    char c = *p;
    if (c == '\'' || c == '"') {
      p = skip_literal(word, p, end);
      if (p == nullptr) return nullptr;
      word = nullptr;
      continue;
    }
    if (is_ident_char(static_cast<unsigned char>(c))) {
      if (word == nullptr) word = p;
    } else {
      word = nullptr;
    }
    if (c == '(' || c == '[' || c == '{') {
      nest++;
    } else if ((c == ')' || c == ']' || c == '}') && nest > 0) {
      nest--;
    } else if (nest == 0) {
      if (c == '}' || c == ':') return p;
      if (c == '!' && !(p + 1 < end && p[1] == '=')) return p;
      // The '=' of f"{x=}", not part of ==, !=, <=, >=.
      if (c == '=' && p > start && !(p + 1 < end && p[1] == '=') && p[-1] != '=' && p[-1] != '!' &&
          p[-1] != '<' && p[-1] != '>') {
        return p;
      }
    }
    if (c == '\n' && !multiline) return nullptr;
    p++;
  }
  return nullptr;
}

const char* lexer_fstring_spec_end(const char* p, const char* end, bool multiline) {
  while (p && p < end) {
    if (*p == '}') return p;
    if (*p == '{') {
      p = skip_field(p + 1, end, multiline);  // a field nested in the format spec
    } else {
      p++;
    }
  }
  return nullptr;
}

namespace {

// Skips a replacement field from just after its '{' to just after its '}'.
const char* skip_field(const char* p, const char* end, bool multiline) {
  c_stack_check();  // fields nest f-strings, and specs nest fields
  p = lexer_fstring_spec_end(lexer_fstring_expr_end(p, end, multiline), end, multiline);
  return p ? p + 1 : nullptr;
}

// Finds the closing quote of a string body; nullptr if there is none.
const char* scan_body(const char* p, const char* end, char q, bool triple, bool is_f) {
  while (p < end) {
    char c = *p;
    if (c == '\\') {
      p += p + 1 < end ? 2 : 1;
      continue;
    }
    if (c == '\n' && !triple) return nullptr;
    if (c == q && (!triple || is_triple(p, end))) return p;
    if (is_f && c == '{') {
      if (p + 1 < end && p[1] == '{') {
        p += 2;
        continue;
      }
      p = skip_field(p + 1, end, triple);
      if (p == nullptr) return nullptr;
      continue;
    }
    p++;
  }
  return nullptr;
}

// Scans a string literal starting at its opening quote; prefix flags given.
void lex_string(Lexer* lx, bool raw, bool is_bytes, bool is_f) {
  char q = *lx->pos;
  bool triple = is_triple(lx->pos, lx->end);
  const char* body = lx->pos + (triple ? 3 : 1);
  const char* body_end = scan_body(body, lx->end, q, triple, is_f);
  if (body_end == nullptr) lexer_error(lx, lx->line, "unterminated string");
  for (const char* k = body; k < body_end; k++)
    lx->line += *k == '\n';
  lx->pos = body_end + (triple ? 3 : 1);
  if (is_f) {
    lx->tok = T_FSTRING;
    lx->tok_fstr_raw = raw;
    lx->tok_value = str_new(body, body_end - body);
    return;
  }
  Vstr v;
  vstr_init(&v, body_end - body + 1);
  if (raw) {
    vstr_add_strn(&v, body, body_end - body);
  } else {
    lexer_unescape(lx, body, body_end - body, is_bytes, &v);
  }
  if (is_bytes) {
    lx->tok = T_BYTES;
    lx->tok_value = vstr_to_bytes(&v);
  } else {
    lx->tok = T_STRING;
    lx->tok_value = vstr_to_str(&v);
  }
}

struct OpEntry {
  const char* text;
  Tok tok;
};
// Longest first so that "**=" wins over "**" and "*".
const OpEntry kOps[] = {
    {"**=", T_DSTAR_EQ}, {"//=", T_DSLASH_EQ}, {">>=", T_RSHIFT_EQ}, {"<<=", T_LSHIFT_EQ},
    {"...", T_ELLIPSIS}, {"->", T_ARROW},      {":=", T_WALRUS},     {"+=", T_PLUS_EQ},
    {"-=", T_MINUS_EQ},  {"*=", T_STAR_EQ},    {"/=", T_SLASH_EQ},   {"%=", T_PERCENT_EQ},
    {"&=", T_AMP_EQ},    {"|=", T_PIPE_EQ},    {"^=", T_CARET_EQ},   {"@=", T_AT_EQ},
    {"**", T_DSTAR},     {"//", T_DSLASH},     {"<<", T_LSHIFT},     {">>", T_RSHIFT},
    {"<=", T_LE},        {">=", T_GE},         {"==", T_EQ},         {"!=", T_NE},
    {"(", T_LPAREN},     {")", T_RPAREN},      {"[", T_LBRACKET},    {"]", T_RBRACKET},
    {"{", T_LBRACE},     {"}", T_RBRACE},      {":", T_COLON},       {",", T_COMMA},
    {";", T_SEMI},       {".", T_DOT},         {"=", T_ASSIGN},      {"+", T_PLUS},
    {"-", T_MINUS},      {"*", T_STAR},        {"/", T_SLASH},       {"%", T_PERCENT},
    {"&", T_AMP},        {"|", T_PIPE},        {"^", T_CARET},       {"~", T_TILDE},
    {"<", T_LT},         {">", T_GT},          {"@", T_AT},
};

}  // namespace

void lexer_error(Lexer* lx, uint32_t line, const char* msg) {
  Value exc = exception_new_msg(&exc_SyntaxError, msg);
  exception_add_traceback(exc, lx->file, line, kQstrNotFound);
  raise(exc);
}

void lexer_unescape(Lexer* lx, const char* s, size_t len, bool is_bytes, Vstr* out) {
  const char* end = s + len;
  while (s < end) {
    char c = *s++;
    if (c != '\\' || s >= end) {
      vstr_add_char(out, c);
      continue;
    }
    c = *s++;
    switch (c) {
      case '\n':
        break;
      case '\\':
      case '\'':
      case '"':
        vstr_add_char(out, c);
        break;
      case 'n':
        vstr_add_char(out, '\n');
        break;
      case 't':
        vstr_add_char(out, '\t');
        break;
      case 'r':
        vstr_add_char(out, '\r');
        break;
      case 'a':
        vstr_add_char(out, '\a');
        break;
      case 'b':
        vstr_add_char(out, '\b');
        break;
      case 'f':
        vstr_add_char(out, '\f');
        break;
      case 'v':
        vstr_add_char(out, '\v');
        break;
      case 'x':
      case 'u':
      case 'U': {
        int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        if (is_bytes && c != 'x') {
          vstr_add_char(out, '\\');
          vstr_add_char(out, c);
          break;
        }
        uint32_t v = 0;
        for (int i = 0; i < n; i++) {
          int h = s < end ? hex_value(*s) : -1;
          if (h < 0) lexer_error(lx, lx->line, "invalid escape sequence");
          v = v * 16 + h;
          s++;
        }
        if (is_bytes) {
          vstr_add_char(out, static_cast<char>(v));
        } else {
          vstr_add_unichar(out, v);
        }
        break;
      }
      default:
        if (c >= '0' && c <= '7') {
          uint32_t v = c - '0';
          for (int i = 0; i < 2 && s < end && *s >= '0' && *s <= '7'; i++)
            v = v * 8 + (*s++ - '0');
          if (is_bytes) {
            vstr_add_char(out, static_cast<char>(v));
          } else {
            vstr_add_unichar(out, v);
          }
        } else {
          // Unknown escapes stay as written (Python does the same, with a warning).
          vstr_add_char(out, '\\');
          vstr_add_char(out, c);
        }
        break;
    }
  }
}

void lexer_init(Lexer* lx, const char* src, size_t len, Qstr file) {
  if (mem_chr(src, '\r', len)) {
    // CR LF and lone CR end lines as LF does (in string literals too): lex a copy
    // with them turned into LF, so that nothing below needs to know.
    char* buf = static_cast<char*>(gc_alloc(len));
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
      if (src[i] == '\r') {
        buf[n++] = '\n';
        if (i + 1 < len && src[i + 1] == '\n') i++;
      } else {
        buf[n++] = src[i];
      }
    }
    src = buf;
    len = n;
  }
  lx->src = src;
  lx->pos = src;
  lx->end = src + len;
  lx->file = file;
  lx->line = 1;
  lx->paren_depth = 0;
  lx->pending_dedents = 0;
  lx->at_line_start = true;
  lx->emitted_newline = true;
  lx->indent_top = 0;
  lx->indents[0] = 0;
  lx->tok_value = kNull;
  // Skip a UTF-8 byte order mark.
  if (len >= 3 && mem_cmp(src, "\xef\xbb\xbf", 3) == 0) lx->pos += 3;
  lexer_next(lx);
}

void lexer_next(Lexer* lx) {
  lx->tok_value = kNull;
  if (lx->pending_dedents > 0) {
    lx->pending_dedents--;
    lx->tok = T_DEDENT;
    return;
  }
  // At the start of a line: measure indentation, skipping blank and comment lines.
  while (lx->at_line_start && lx->paren_depth == 0) {
    int col = 0;
    const char* p = lx->pos;
    while (p < lx->end && (*p == ' ' || *p == '\t' || *p == '\f')) {
      col = *p == '\t' ? (col / 8 + 1) * 8 : col + 1;
      p++;
    }
    if (p < lx->end && *p == '#') {
      while (p < lx->end && *p != '\n')
        p++;
    }
    if (p < lx->end && *p == '\n') {
      lx->pos = p + 1;
      lx->line++;
      continue;
    }
    if (p < lx->end && *p == '\\' && p + 1 < lx->end && p[1] == '\n') {
      lx->pos = p;
      lx->at_line_start = false;
      break;
    }
    lx->pos = p;
    lx->at_line_start = false;
    if (p >= lx->end) break;  // end of input: dedents come below
    lx->tok_line = lx->line;
    if (col > lx->indents[lx->indent_top]) {
      if (lx->indent_top == 63) lexer_error(lx, lx->line, "too many indentation levels");
      lx->indents[++lx->indent_top] = static_cast<uint16_t>(col);
      lx->tok = T_INDENT;
      return;
    }
    if (col < lx->indents[lx->indent_top]) {
      int n = 0;
      while (col < lx->indents[lx->indent_top]) {
        lx->indent_top--;
        n++;
      }
      if (col != lx->indents[lx->indent_top]) {
        Value exc = exception_new_msg(&exc_IndentationError,
                                      "unindent doesn't match any outer indent level");
        exception_add_traceback(exc, lx->file, lx->line, kQstrNotFound);
        raise(exc);
      }
      lx->pending_dedents = n - 1;
      lx->tok = T_DEDENT;
      return;
    }
  }
  skip_space(lx);
  lx->tok_line = lx->line;
  if (lx->pos >= lx->end) {
    // End of input: finish the logical line, then close every open block.
    if (!lx->emitted_newline) {
      lx->emitted_newline = true;
      lx->tok = T_NEWLINE;
      return;
    }
    if (lx->indent_top > 0) {
      lx->indent_top--;
      lx->tok = T_DEDENT;
      return;
    }
    lx->tok = T_END;
    return;
  }
  char c = *lx->pos;
  if (c == '\n') {
    lx->pos++;
    lx->line++;
    lx->at_line_start = true;
    lx->emitted_newline = true;
    lx->tok = T_NEWLINE;
    return;
  }
  lx->emitted_newline = false;
  unsigned char uc = static_cast<unsigned char>(c);
  if (is_ident_start(uc)) {
    // String prefixes: r, b, f, u and their pairs.
    const char* p = lx->pos;
    bool raw = false, is_bytes = false, is_f = false;
    int n = 0;
    while (n < 2 && p < lx->end) {
      char k = static_cast<char>(*p | 0x20);
      if (k == 'r' && !raw) {
        raw = true;
      } else if (k == 'b' && !is_bytes && !is_f) {
        is_bytes = true;
      } else if (k == 'f' && !is_f && !is_bytes) {
        is_f = true;
      } else if (k == 'u' && n == 0) {
      } else {
        break;
      }
      p++;
      n++;
    }
    if (n > 0 && p < lx->end && (*p == '"' || *p == '\'')) {
      lx->pos = p;
      lex_string(lx, raw, is_bytes, is_f);
      return;
    }
    const char* start = lx->pos;
    while (lx->pos < lx->end && is_ident_char(static_cast<unsigned char>(*lx->pos)))
      lx->pos++;
    size_t len = lx->pos - start;
    for (size_t k = 0; k < sizeof(kKeywords) / sizeof(kKeywords[0]); k++) {
      if (strlen(kKeywords[k]) == len && mem_cmp(kKeywords[k], start, len) == 0) {
        lx->tok = static_cast<Tok>(T_FALSE + k);
        return;
      }
    }
    lx->tok = T_NAME;
    lx->tok_value = qstr_value(qstr_from_strn(start, len));
    return;
  }
  if (is_digit(c) || (c == '.' && lx->pos + 1 < lx->end && is_digit(lx->pos[1]))) {
    lex_number(lx);
    return;
  }
  if (c == '"' || c == '\'') {
    lex_string(lx, false, false, false);
    return;
  }
  for (const OpEntry& op : kOps) {
    size_t n = strlen(op.text);
    if (static_cast<size_t>(lx->end - lx->pos) >= n && mem_cmp(lx->pos, op.text, n) == 0) {
      lx->pos += n;
      lx->tok = op.tok;
      if (op.tok == T_LPAREN || op.tok == T_LBRACKET || op.tok == T_LBRACE) lx->paren_depth++;
      if ((op.tok == T_RPAREN || op.tok == T_RBRACKET || op.tok == T_RBRACE) &&
          lx->paren_depth > 0) {
        lx->paren_depth--;
      }
      return;
    }
  }
  lexer_error(lx, lx->line, "invalid syntax");
}

}  // namespace vpy
