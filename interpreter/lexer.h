// The lexer: turns source text into tokens, including INDENT/DEDENT from leading
// whitespace and NEWLINE at the end of logical lines (none inside brackets).
#pragma once

#include "obj.h"

namespace vpy {

enum Tok : uint8_t {
  T_END,
  T_NEWLINE,
  T_INDENT,
  T_DEDENT,
  T_NAME,
  T_INT,
  T_FLOAT,
  T_STRING,
  T_BYTES,
  T_FSTRING,
  // keywords, in the order of kKeywords in lexer.cpp
  T_FALSE,
  T_NONE,
  T_TRUE,
  T_AND,
  T_AS,
  T_ASSERT,
  T_ASYNC,
  T_AWAIT,
  T_BREAK,
  T_CLASS,
  T_CONTINUE,
  T_DEF,
  T_DEL,
  T_ELIF,
  T_ELSE,
  T_EXCEPT,
  T_FINALLY,
  T_FOR,
  T_FROM,
  T_GLOBAL,
  T_IF,
  T_IMPORT,
  T_IN,
  T_IS,
  T_LAMBDA,
  T_NONLOCAL,
  T_NOT,
  T_OR,
  T_PASS,
  T_RAISE,
  T_RETURN,
  T_TRY,
  T_WHILE,
  T_WITH,
  T_YIELD,
  // delimiters
  T_LPAREN,
  T_RPAREN,
  T_LBRACKET,
  T_RBRACKET,
  T_LBRACE,
  T_RBRACE,
  T_COLON,
  T_COMMA,
  T_SEMI,
  T_DOT,
  T_ELLIPSIS,
  T_ARROW,
  T_ASSIGN,
  T_WALRUS,
  // operators; the augmented forms follow in the same order (T_OP + kTokAugOffset)
  T_PLUS,
  T_MINUS,
  T_STAR,
  T_SLASH,
  T_DSLASH,
  T_PERCENT,
  T_DSTAR,
  T_LSHIFT,
  T_RSHIFT,
  T_AMP,
  T_PIPE,
  T_CARET,
  T_AT,
  T_PLUS_EQ,
  T_MINUS_EQ,
  T_STAR_EQ,
  T_SLASH_EQ,
  T_DSLASH_EQ,
  T_PERCENT_EQ,
  T_DSTAR_EQ,
  T_LSHIFT_EQ,
  T_RSHIFT_EQ,
  T_AMP_EQ,
  T_PIPE_EQ,
  T_CARET_EQ,
  T_AT_EQ,
  T_TILDE,
  T_LT,
  T_GT,
  T_LE,
  T_GE,
  T_EQ,
  T_NE,
  T_COUNT
};
constexpr int kTokAugOffset = T_PLUS_EQ - T_PLUS;

struct Lexer {
  const char* src;
  const char* pos;
  const char* end;
  Qstr file;
  uint32_t line;
  int paren_depth;
  int pending_dedents;
  bool at_line_start;
  bool emitted_newline;  // last token was NEWLINE (or none yet)
  int indent_top;
  uint16_t indents[64];
  // The current token.
  Tok tok;
  uint32_t tok_line;
  Value tok_value;    // NAME: qstr value; numbers, strings: the value
  bool tok_fstr_raw;  // T_FSTRING: raw prefix (no escape processing)
};

void lexer_init(Lexer* lx, const char* src, size_t len, Qstr file);
void lexer_next(Lexer* lx);
[[noreturn]] void lexer_error(Lexer* lx, uint32_t line, const char* msg);
// In an f-string replacement field starting at p (after its '{'): where the expression
// ends (at the top-level '}', ':', '!' or the '=' of f"{x=}"), and from there, where
// the field's closing '}' is. nullptr when there is none (or a newline, unless multiline).
const char* lexer_fstring_expr_end(const char* p, const char* end, bool multiline);
const char* lexer_fstring_spec_end(const char* p, const char* end, bool multiline);
// Decodes backslash escapes of a str (or bytes) literal body into out.
struct Vstr;
void lexer_unescape(Lexer* lx, const char* s, size_t len, bool is_bytes, Vstr* out);

}  // namespace vpy
