#include "parse.h"

#include "runtime.h"

namespace vpy {

namespace {

struct Parser {
  Lexer* lx;
  int func_depth;  // for 'yield'/'return' checks done by the compiler; kept for f-strings
};

Node* parse_test(Parser* p);
Node* parse_expr(Parser* p);
Node* parse_or_test(Parser* p);
Node* parse_testlist_star_expr(Parser* p, bool allow_star);
Node* parse_suite(Parser* p);
Node* parse_stmt(Parser* p);
Node* parse_args_def(Parser* p, bool is_lambda);
Node* parse_atom_trailers(Parser* p);
Node* parse_factor(Parser* p);
Node* parse_yield(Parser* p);
Node* parse_exprlist(Parser* p);

inline Tok tok(Parser* p) {
  return p->lx->tok;
}
inline void next(Parser* p) {
  lexer_next(p->lx);
}

[[noreturn]] void syntax_error(Parser* p, const char* msg = "invalid syntax") {
  lexer_error(p->lx, p->lx->tok_line, msg);
}
[[noreturn]] void indent_error(Parser* p, const char* msg) {
  Value exc = exception_new_msg(&exc_IndentationError, msg);
  exception_add_traceback(exc, p->lx->file, p->lx->tok_line, kQstrNotFound);
  raise(exc);
}

void expect(Parser* p, Tok t) {
  if (tok(p) != t) syntax_error(p);
  next(p);
}
bool accept(Parser* p, Tok t) {
  if (tok(p) != t) return false;
  next(p);
  return true;
}

Node* mk(Parser* p, uint8_t kind) {
  return node_new(kind, p->lx->tok_line);
}
Node* mk1(uint8_t kind, uint32_t line, Node* a) {
  Node* n = node_new(kind, line);
  n->a = a;
  return n;
}

// A list builder: appends through `next`.
struct List {
  Node* head = nullptr;
  Node* tail = nullptr;
  void add(Node* n) {
    if (tail) {
      tail->next = n;
    } else {
      head = n;
    }
    tail = n;
  }
};

Qstr name_qstr(Parser* p) {
  if (tok(p) != T_NAME) syntax_error(p);
  Qstr q = qstr_of(p->lx->tok_value);
  next(p);
  return q;
}

bool is_number_const(Node* n) {
  return n->kind == N_CONST && (is_int(n->v) || is_float(n->v)) && n->v != kTrue && n->v != kFalse;
}

// Folds an operation on constants at compile time when it cannot fail or grow huge.
Node* fold_binop(Node* n) {
  Node* a = n->a;
  Node* b = n->b;
  if (!is_number_const(a) || !is_number_const(b)) return n;
  BinaryOp op = static_cast<BinaryOp>(n->op);
  if (op == kBinPow) {
    // Only small exponents: 2**1000000 must not be computed at compile time.
    Int e;
    if (!is_small_int(b->v) || !int_get_maybe(b->v, &e) || e < 0 || e > 128) return n;
  }
  if (op == kBinLShift && (!is_small_int(b->v) || small_int_value(b->v) > 128)) return n;
  if (op == kBinMatMul) return n;
  struct Ctx {
    BinaryOp op;
    Value a, b;
  } ctx{op, a->v, b->v};
  Value r, exc;
  auto fn = [](void* p) -> Value {
    Ctx* c = static_cast<Ctx*>(p);
    return binary_op(c->op, c->a, c->b);
  };
  if (protected_call(fn, &ctx, &r, &exc)) {
    n->kind = N_CONST;
    n->v = r;
    n->a = n->b = nullptr;
  }
  return n;
}

Node* fold_unary(Node* n) {
  if (!is_number_const(n->a)) return n;
  if (n->op == kUnaryInvert && !is_int(n->a->v)) return n;
  Value r, exc;
  auto fn = [](void* p) -> Value {
    Node* m = static_cast<Node*>(p);
    return unary_op(static_cast<UnaryOp>(m->op), m->a->v);
  };
  if (protected_call(fn, n, &r, &exc)) {
    n->kind = N_CONST;
    n->v = r;
    n->a = nullptr;
  }
  return n;
}

// --- f-strings ---------------------------------------------------------------------
Node* parse_fstring_body(Parser* p, const char* s, size_t len, bool raw, uint32_t line,
                         List* parts);

Node* parse_sub_expression(Parser* p, const char* s, size_t len, uint32_t line) {
  Lexer sub;
  // Parenthesise so that newlines inside the braces are allowed.
  Vstr v;
  vstr_init(&v, len + 3);
  vstr_add_char(&v, '(');
  vstr_add_strn(&v, s, len);
  vstr_add_char(&v, ')');
  lexer_init(&sub, v.buf, v.len, p->lx->file);
  sub.line = line;
  Parser sp{&sub, p->func_depth};
  Node* e = parse_testlist_star_expr(&sp, false);
  if (sub.tok != T_NEWLINE && sub.tok != T_END) lexer_error(p->lx, line, "malformed f-string");
  return e;
}

void add_literal(List* parts, Vstr* lit, uint32_t line) {
  if (lit->len == 0) return;
  Node* c = node_new(N_CONST, line);
  c->v = str_new(lit->buf, lit->len);
  parts->add(c);
  lit->len = 0;
}

Node* parse_fstring_body(Parser* p, const char* s, size_t len, bool raw, uint32_t line,
                         List* parts) {
  const char* end = s + len;
  Vstr lit;
  vstr_init(&lit, 16);
  while (s < end) {
    char c = *s;
    if (c == '{') {
      if (s + 1 < end && s[1] == '{') {
        vstr_add_char(&lit, '{');
        s += 2;
        continue;
      }
      add_literal(parts, &lit, line);
      const char* e = lexer_fstring_expr_end(s + 1, end, true);
      if (e == nullptr || e == s + 1) lexer_error(p->lx, line, "malformed f-string");
      Node* f = node_new(N_FORMATTED, line);
      f->a = parse_sub_expression(p, s + 1, e - s - 1, line);
      bool debug = *e == '=';
      if (debug) {
        // Self-documenting f"{x=}": the text (with any spaces after '='), then the
        // value, as repr unless a conversion or spec says otherwise.
        e++;
        while (e < end && *e == ' ')
          e++;
        Node* c = node_new(N_CONST, line);
        c->v = str_new(s + 1, e - s - 1);
        parts->add(c);
      }
      if (e < end && *e == '!') {
        if (e + 1 >= end || (e[1] != 'r' && e[1] != 's' && e[1] != 'a')) {
          lexer_error(p->lx, line, "invalid f-string conversion");
        }
        f->op = static_cast<uint8_t>(e[1]);
        e += 2;
      }
      if (e < end && *e == ':') {
        // The format spec runs to the field's '}', and may hold nested fields.
        const char* spec = e + 1;
        e = lexer_fstring_spec_end(spec, end, true);
        if (e == nullptr) lexer_error(p->lx, line, "malformed f-string");
        List spec_parts;
        parse_fstring_body(p, spec, e - spec, raw, line, &spec_parts);
        Node* js = node_new(N_JOINEDSTR, line);
        js->a = spec_parts.head;
        f->b = js;
      }
      if (debug && f->op == 0 && f->b == nullptr) f->op = 'r';
      if (e >= end || *e != '}') lexer_error(p->lx, line, "malformed f-string");
      parts->add(f);
      s = e + 1;
      continue;
    }
    if (c == '}') {
      if (s + 1 < end && s[1] == '}') {
        vstr_add_char(&lit, '}');
        s += 2;
        continue;
      }
      lexer_error(p->lx, line, "single '}' encountered in format string");
    }
    // A run of literal text up to the next brace.
    const char* run = s;
    while (s < end && *s != '{' && *s != '}') {
      if (*s == '\\' && !raw && s + 1 < end) s++;
      s++;
    }
    if (raw) {
      vstr_add_strn(&lit, run, s - run);
    } else {
      lexer_unescape(p->lx, run, s - run, false, &lit);
    }
  }
  add_literal(parts, &lit, line);
  return nullptr;
}

// Adjacent string literals concatenate; any f-string makes the whole a JoinedStr.
Node* parse_strings(Parser* p) {
  uint32_t line = p->lx->tok_line;
  bool is_bytes = tok(p) == T_BYTES;
  bool any_f = false;
  List parts;
  Vstr plain;
  vstr_init(&plain, 16);
  while (tok(p) == T_STRING || tok(p) == T_BYTES || tok(p) == T_FSTRING) {
    if ((tok(p) == T_BYTES) != is_bytes) syntax_error(p, "cannot mix bytes and nonbytes literals");
    size_t n;
    const char* s = str_data(p->lx->tok_value, &n);
    if (tok(p) == T_FSTRING) {
      any_f = true;
      add_literal(&parts, &plain, line);
      parse_fstring_body(p, s, n, p->lx->tok_fstr_raw, p->lx->tok_line, &parts);
    } else {
      vstr_add_strn(&plain, s, n);
    }
    next(p);
  }
  if (!any_f) {
    Node* c = node_new(N_CONST, line);
    c->v = is_bytes ? bytes_new(plain.buf, plain.len) : str_new_qstr_maybe(plain.buf, plain.len);
    return c;
  }
  add_literal(&parts, &plain, line);
  Node* js = node_new(N_JOINEDSTR, line);
  js->a = parts.head;
  return js;
}

// --- expressions ---------------------------------------------------------------------
Node* parse_comp_for(Parser* p) {
  List gens;
  for (;;) {
    bool is_async = false;
    if (tok(p) == T_ASYNC) {
      next(p);
      is_async = true;
      if (tok(p) != T_FOR) syntax_error(p);  // `async` must start `async for`
    }
    if (tok(p) != T_FOR) break;
    Node* g = mk(p, N_COMPFOR);
    next(p);
    g->op = is_async;
    g->a = parse_exprlist(p);
    expect(p, T_IN);
    g->b = parse_or_test(p);
    List conds;
    while (tok(p) == T_IF) {
      next(p);
      Node* c = parse_or_test(p);
      conds.add(c);
    }
    g->c = conds.head;
    gens.add(g);
  }
  return gens.head;
}

// After '(' '[' or '{' with a first element parsed: comprehension or display.
Node* finish_seq(Parser* p, uint8_t kind, Node* first, Tok close, uint32_t line) {
  if (tok(p) == T_FOR || tok(p) == T_ASYNC) {
    uint8_t ck = kind == N_LIST ? N_LISTCOMP : kind == N_SET ? N_SETCOMP : N_GENEXP;
    Node* c = node_new(ck, line);
    c->a = first;
    c->b = parse_comp_for(p);
    expect(p, close);
    return c;
  }
  List items;
  items.add(first);
  bool trailing_comma = false;
  while (accept(p, T_COMMA)) {
    trailing_comma = true;
    if (tok(p) == close) break;
    trailing_comma = false;
    Node* e;
    if (tok(p) == T_STAR) {
      uint32_t l = p->lx->tok_line;
      next(p);
      e = mk1(N_STAR, l, parse_expr(p));
    } else {
      e = parse_test(p);
      if (tok(p) == T_WALRUS) syntax_error(p);
    }
    items.add(e);
  }
  expect(p, close);
  if (kind == N_TUPLE && items.head->next == nullptr && !trailing_comma && first->kind != N_STAR) {
    return first;  // parenthesised expression
  }
  Node* n = node_new(kind, line);
  n->a = items.head;
  return n;
}

Node* parse_namedexpr_or_star(Parser* p) {
  if (tok(p) == T_STAR) {
    uint32_t l = p->lx->tok_line;
    next(p);
    return mk1(N_STAR, l, parse_expr(p));
  }
  Node* e = parse_test(p);
  if (tok(p) == T_WALRUS) {
    if (e->kind != N_NAME) syntax_error(p);
    Node* w = mk(p, N_NAMEDEXPR);
    next(p);
    w->a = e;
    w->b = parse_test(p);
    return w;
  }
  return e;
}

Node* parse_dict_or_set(Parser* p, uint32_t line) {
  if (accept(p, T_RBRACE)) {
    return node_new(N_DICT, line);
  }
  Node* first;
  bool is_dict;
  if (tok(p) == T_DSTAR) {
    next(p);
    first = mk1(N_STARSTAR, line, parse_expr(p));
    is_dict = true;
  } else {
    Node* k = parse_namedexpr_or_star(p);
    if (accept(p, T_COLON)) {
      Node* pair = node_new(N_PAIR, line);
      pair->a = k;
      pair->b = parse_test(p);
      first = pair;
      is_dict = true;
    } else {
      first = k;
      is_dict = false;
    }
  }
  if (!is_dict) return finish_seq(p, N_SET, first, T_RBRACE, line);
  if (first->kind == N_PAIR && (tok(p) == T_FOR || tok(p) == T_ASYNC)) {
    Node* c = node_new(N_DICTCOMP, line);
    c->a = first->a;
    c->c = first->b;
    c->b = parse_comp_for(p);
    expect(p, T_RBRACE);
    return c;
  }
  List items;
  items.add(first);
  while (accept(p, T_COMMA)) {
    if (tok(p) == T_RBRACE) break;
    if (tok(p) == T_DSTAR) {
      uint32_t l = p->lx->tok_line;
      next(p);
      items.add(mk1(N_STARSTAR, l, parse_expr(p)));
    } else {
      Node* pair = mk(p, N_PAIR);
      pair->a = parse_test(p);
      expect(p, T_COLON);
      pair->b = parse_test(p);
      items.add(pair);
    }
  }
  expect(p, T_RBRACE);
  Node* d = node_new(N_DICT, line);
  d->a = items.head;
  return d;
}

Node* parse_atom(Parser* p) {
  uint32_t line = p->lx->tok_line;
  Node* n;
  switch (tok(p)) {
    case T_NAME:
      n = mk(p, N_NAME);
      n->v = p->lx->tok_value;
      if (n->v == qstr_value(Q___debug__)) {  // a constant, as in MicroPython
        n->kind = N_CONST;
        n->v = kTrue;
      }
      next(p);
      return n;
    case T_INT:
    case T_FLOAT:
      n = mk(p, N_CONST);
      n->v = p->lx->tok_value;
      next(p);
      return n;
    case T_STRING:
    case T_BYTES:
    case T_FSTRING:
      return parse_strings(p);
    case T_NONE:
    case T_TRUE:
    case T_FALSE:
      n = mk(p, N_CONST);
      n->v = tok(p) == T_NONE ? kNone : tok(p) == T_TRUE ? kTrue : kFalse;
      next(p);
      return n;
    case T_ELLIPSIS:
      n = mk(p, N_CONST);
      n->v = ellipsis_value();
      next(p);
      return n;
    case T_LPAREN: {
      next(p);
      if (accept(p, T_RPAREN)) return node_new(N_TUPLE, line);
      if (tok(p) == T_YIELD) {
        Node* y = parse_yield(p);
        expect(p, T_RPAREN);
        return y;
      }
      Node* first = parse_namedexpr_or_star(p);
      return finish_seq(p, N_TUPLE, first, T_RPAREN, line);
    }
    case T_LBRACKET: {
      next(p);
      if (accept(p, T_RBRACKET)) return node_new(N_LIST, line);
      Node* first = parse_namedexpr_or_star(p);
      return finish_seq(p, N_LIST, first, T_RBRACKET, line);
    }
    case T_LBRACE:
      next(p);
      return parse_dict_or_set(p, line);
    default:
      syntax_error(p);
  }
}

Node* parse_arglist(Parser* p, Tok close) {
  List args;
  while (tok(p) != close) {
    uint32_t line = p->lx->tok_line;
    Node* a;
    if (tok(p) == T_STAR) {
      next(p);
      a = mk1(N_STAR, line, parse_test(p));
    } else if (tok(p) == T_DSTAR) {
      next(p);
      a = mk1(N_STARSTAR, line, parse_test(p));
    } else {
      Node* e = parse_test(p);
      if (tok(p) == T_ASSIGN) {
        if (e->kind != N_NAME) syntax_error(p, "LHS of keyword arg must be an id");
        next(p);
        a = node_new(N_KEYWORD, line);
        a->v = e->v;
        a->a = parse_test(p);
      } else if (tok(p) == T_WALRUS) {
        if (e->kind != N_NAME) syntax_error(p);
        next(p);
        a = node_new(N_NAMEDEXPR, line);
        a->a = e;
        a->b = parse_test(p);
      } else if (tok(p) == T_FOR || tok(p) == T_ASYNC) {
        // f(x for x in y): a bare generator expression argument.
        a = node_new(N_GENEXP, line);
        a->a = e;
        a->b = parse_comp_for(p);
      } else {
        a = e;
      }
    }
    args.add(a);
    if (!accept(p, T_COMMA)) break;
  }
  expect(p, close);
  return args.head;
}

Node* parse_subscript_item(Parser* p) {
  uint32_t line = p->lx->tok_line;
  Node* lower = nullptr;
  if (tok(p) != T_COLON) {
    lower = parse_namedexpr_or_star(p);
    if (tok(p) != T_COLON) return lower;
  }
  Node* s = node_new(N_SLICE, line);
  s->a = lower;
  expect(p, T_COLON);
  if (tok(p) != T_COLON && tok(p) != T_RBRACKET && tok(p) != T_COMMA) s->b = parse_test(p);
  if (accept(p, T_COLON)) {
    if (tok(p) != T_RBRACKET && tok(p) != T_COMMA) s->c = parse_test(p);
  }
  return s;
}

Node* parse_atom_trailers(Parser* p) {
  Node* n = parse_atom(p);
  for (;;) {
    uint32_t line = p->lx->tok_line;
    if (tok(p) == T_LPAREN) {
      next(p);
      Node* c = node_new(N_CALL, line);
      c->a = n;
      c->b = parse_arglist(p, T_RPAREN);
      n = c;
    } else if (tok(p) == T_LBRACKET) {
      next(p);
      Node* s = node_new(N_SUBSCR, line);
      s->a = n;
      Node* first = parse_subscript_item(p);
      if (tok(p) == T_COMMA) {
        List items;
        items.add(first);
        while (accept(p, T_COMMA)) {
          if (tok(p) == T_RBRACKET) break;
          items.add(parse_subscript_item(p));
        }
        Node* t = node_new(N_TUPLE, line);
        t->a = items.head;
        first = t;
      }
      expect(p, T_RBRACKET);
      s->b = first;
      n = s;
    } else if (tok(p) == T_DOT) {
      next(p);
      Node* a = node_new(N_ATTR, line);
      a->a = n;
      a->v = qstr_value(name_qstr(p));
      n = a;
    } else {
      return n;
    }
  }
}

Node* parse_power(Parser* p) {
  uint32_t line = p->lx->tok_line;
  Node* n;
  if (tok(p) == T_AWAIT) {
    next(p);
    n = mk1(N_AWAIT, line, parse_atom_trailers(p));
  } else {
    n = parse_atom_trailers(p);
  }
  if (tok(p) == T_DSTAR) {
    next(p);
    Node* b = node_new(N_BINOP, line);
    b->op = kBinPow;
    b->a = n;
    b->b = parse_factor(p);
    return fold_binop(b);
  }
  return n;
}

Node* parse_factor(Parser* p) {
  uint32_t line = p->lx->tok_line;
  UnaryOp op;
  switch (tok(p)) {
    case T_PLUS:
      op = kUnaryPos;
      break;
    case T_MINUS:
      op = kUnaryNeg;
      break;
    case T_TILDE:
      op = kUnaryInvert;
      break;
    default:
      return parse_power(p);
  }
  c_stack_check();
  next(p);
  Node* n = node_new(N_UNARYOP, line);
  n->op = op;
  n->a = parse_factor(p);
  return fold_unary(n);
}

struct BinLevel {
  Tok toks[5];
  BinaryOp ops[5];
};
// Binary operator precedence levels, loosest first.
const BinLevel kLevels[] = {
    {{T_PIPE}, {kBinOr}},
    {{T_CARET}, {kBinXor}},
    {{T_AMP}, {kBinAnd}},
    {{T_LSHIFT, T_RSHIFT}, {kBinLShift, kBinRShift}},
    {{T_PLUS, T_MINUS}, {kBinAdd, kBinSub}},
    {{T_STAR, T_SLASH, T_DSLASH, T_PERCENT, T_AT},
     {kBinMul, kBinTrueDiv, kBinFloorDiv, kBinMod, kBinMatMul}},
};
constexpr int kNumLevels = sizeof(kLevels) / sizeof(kLevels[0]);

Node* parse_binary(Parser* p, int level) {
  if (level == kNumLevels) return parse_factor(p);
  Node* n = parse_binary(p, level + 1);
  for (;;) {
    const BinLevel& L = kLevels[level];
    int found = -1;
    for (int i = 0; i < 5 && L.toks[i] != T_END; i++) {
      if (tok(p) == L.toks[i]) found = i;
    }
    if (found < 0) return n;
    uint32_t line = p->lx->tok_line;
    next(p);
    Node* b = node_new(N_BINOP, line);
    b->op = L.ops[found];
    b->a = n;
    b->b = parse_binary(p, level + 1);
    n = fold_binop(b);
  }
}

Node* parse_expr(Parser* p) {
  return parse_binary(p, 0);
}

Node* parse_comparison(Parser* p) {
  Node* first = parse_expr(p);
  List cmps;
  for (;;) {
    BinaryOp op;
    uint32_t line = p->lx->tok_line;
    switch (tok(p)) {
      case T_LT:
        op = kBinLess;
        break;
      case T_GT:
        op = kBinMore;
        break;
      case T_EQ:
        op = kBinEqual;
        break;
      case T_LE:
        op = kBinLessEqual;
        break;
      case T_GE:
        op = kBinMoreEqual;
        break;
      case T_NE:
        op = kBinNotEqual;
        break;
      case T_IN:
        op = kBinIn;
        break;
      case T_NOT:
        next(p);
        if (tok(p) != T_IN) syntax_error(p);
        op = kBinNotIn;
        break;
      case T_IS:
        next(p);
        op = kBinIs;
        if (tok(p) == T_NOT) {
          op = kBinIsNot;
        } else {
          goto have_op;
        }
        break;
      default:
        goto done;
    }
    next(p);
  have_op : {
    Node* c = node_new(N_CMP, line);
    c->op = op;
    c->a = parse_expr(p);
    cmps.add(c);
  }
  }
done:
  if (cmps.head == nullptr) return first;
  Node* n = node_new(N_COMPARE, first->line);
  n->a = first;
  n->b = cmps.head;
  return n;
}

Node* parse_not_test(Parser* p) {
  if (tok(p) == T_NOT) {
    c_stack_check();
    uint32_t line = p->lx->tok_line;
    next(p);
    Node* a = parse_not_test(p);
    if (a->kind == N_CONST) {
      a->v = bool_value(!is_true(a->v));
      return a;
    }
    return mk1(N_NOT, line, a);
  }
  return parse_comparison(p);
}

Node* parse_bool(Parser* p, Tok t, uint8_t kind, Node* (*operand)(Parser*)) {
  Node* first = operand(p);
  if (tok(p) != t) return first;
  List items;
  items.add(first);
  while (accept(p, t))
    items.add(operand(p));
  Node* n = node_new(kind, first->line);
  n->a = items.head;
  return n;
}
Node* parse_and_test(Parser* p) {
  return parse_bool(p, T_AND, N_AND, parse_not_test);
}
Node* parse_or_test(Parser* p) {
  return parse_bool(p, T_OR, N_OR, parse_and_test);
}

Node* parse_lambda(Parser* p) {
  Node* l = mk(p, N_LAMBDA);
  next(p);
  l->a = parse_args_def(p, true);
  expect(p, T_COLON);
  l->b = parse_test(p);
  return l;
}

Node* parse_test(Parser* p) {
  c_stack_check();  // brackets, lambdas and conditionals nest through here
  if (tok(p) == T_LAMBDA) return parse_lambda(p);
  Node* n = parse_or_test(p);
  if (tok(p) == T_IF) {
    Node* c = mk(p, N_IFEXP);
    next(p);
    c->b = n;
    c->a = parse_or_test(p);
    expect(p, T_ELSE);
    c->c = parse_test(p);
    return c;
  }
  return n;
}

bool starts_expr(Tok t) {
  switch (t) {
    case T_NAME:
    case T_INT:
    case T_FLOAT:
    case T_STRING:
    case T_BYTES:
    case T_FSTRING:
    case T_NONE:
    case T_TRUE:
    case T_FALSE:
    case T_ELLIPSIS:
    case T_LPAREN:
    case T_LBRACKET:
    case T_LBRACE:
    case T_MINUS:
    case T_PLUS:
    case T_TILDE:
    case T_NOT:
    case T_LAMBDA:
    case T_AWAIT:
    case T_STAR:
      return true;
    default:
      return false;
  }
}

// testlist / exprlist: a single expression, or a tuple when commas appear.
Node* parse_testlist_star_expr(Parser* p, bool allow_star) {
  uint32_t line = p->lx->tok_line;
  auto item = [&]() -> Node* {
    if (allow_star && tok(p) == T_STAR) {
      uint32_t l = p->lx->tok_line;
      next(p);
      return mk1(N_STAR, l, parse_expr(p));
    }
    return parse_test(p);
  };
  Node* first = item();
  if (tok(p) != T_COMMA) return first;
  List items;
  items.add(first);
  while (accept(p, T_COMMA)) {
    if (!starts_expr(tok(p))) break;
    items.add(item());
  }
  Node* t = node_new(N_TUPLE, line);
  t->a = items.head;
  return t;
}

// exprlist: targets of for loops and comprehensions (no comparisons: `in` ends them).
Node* parse_exprlist(Parser* p) {
  uint32_t line = p->lx->tok_line;
  auto item = [&]() -> Node* {
    if (tok(p) == T_STAR) {
      uint32_t l = p->lx->tok_line;
      next(p);
      return mk1(N_STAR, l, parse_expr(p));
    }
    return parse_expr(p);
  };
  Node* first = item();
  if (tok(p) != T_COMMA) return first;
  List items;
  items.add(first);
  while (accept(p, T_COMMA)) {
    if (tok(p) == T_IN || tok(p) == T_ASSIGN) break;
    items.add(item());
  }
  Node* t = node_new(N_TUPLE, line);
  t->a = items.head;
  return t;
}

Node* parse_yield(Parser* p) {
  uint32_t line = p->lx->tok_line;
  expect(p, T_YIELD);
  if (accept(p, T_FROM)) return mk1(N_YIELDFROM, line, parse_test(p));
  Node* y = node_new(N_YIELD, line);
  if (starts_expr(tok(p))) y->a = parse_testlist_star_expr(p, true);
  return y;
}

// --- statements ---------------------------------------------------------------------
Node* parse_args_def(Parser* p, bool is_lambda) {
  Node* args = mk(p, N_ARGS);
  List pos, kwonly;
  Tok close = is_lambda ? T_COLON : T_RPAREN;
  bool seen_star = false;
  bool seen_default = false;
  while (tok(p) != close) {
    uint32_t line = p->lx->tok_line;
    if (args->d) syntax_error(p);  // **kwargs must come last
    if (tok(p) == T_SLASH) {       // positional-only marker: accepted, not enforced
      next(p);
    } else if (tok(p) == T_STAR) {
      if (seen_star) syntax_error(p);
      next(p);
      seen_star = true;
      if (tok(p) == T_NAME) {
        Node* a = node_new(N_ARG, line);
        a->v = qstr_value(name_qstr(p));
        if (!is_lambda && accept(p, T_COLON)) parse_test(p);
        args->b = a;
      }
    } else if (tok(p) == T_DSTAR) {
      next(p);
      Node* a = node_new(N_ARG, line);
      a->v = qstr_value(name_qstr(p));
      if (!is_lambda && accept(p, T_COLON)) parse_test(p);
      args->d = a;
    } else {
      Node* a = node_new(N_ARG, line);
      a->v = qstr_value(name_qstr(p));
      if (!is_lambda && accept(p, T_COLON)) parse_test(p);  // annotation: ignored
      if (accept(p, T_ASSIGN)) {
        a->a = parse_test(p);
        if (!seen_star) seen_default = true;
      } else if (seen_default && !seen_star) {
        syntax_error(p, "non-default argument follows default argument");
      }
      if (seen_star) {
        kwonly.add(a);
      } else {
        pos.add(a);
      }
    }
    if (!accept(p, T_COMMA)) break;
  }
  args->a = pos.head;
  args->c = kwonly.head;
  return args;
}

Node* parse_block_or_simple(Parser* p) {
  expect(p, T_COLON);
  return parse_suite(p);
}

Node* parse_funcdef(Parser* p, Node* decorators, bool is_async) {
  Node* f = mk(p, N_FUNCDEF);
  expect(p, T_DEF);
  f->v = qstr_value(name_qstr(p));
  expect(p, T_LPAREN);
  f->a = parse_args_def(p, false);
  expect(p, T_RPAREN);
  if (accept(p, T_ARROW)) parse_test(p);
  f->b = parse_block_or_simple(p);
  f->c = decorators;
  f->op = is_async;
  return f;
}

Node* parse_classdef(Parser* p, Node* decorators) {
  Node* c = mk(p, N_CLASSDEF);
  expect(p, T_CLASS);
  c->v = qstr_value(name_qstr(p));
  if (accept(p, T_LPAREN)) c->a = parse_arglist(p, T_RPAREN);
  c->b = parse_block_or_simple(p);
  c->c = decorators;
  return c;
}

Node* parse_if(Parser* p) {
  Node* n = mk(p, N_IF);
  next(p);  // 'if' or 'elif'
  n->a = parse_namedexpr_or_star(p);
  n->b = parse_block_or_simple(p);
  if (tok(p) == T_ELIF) {
    n->c = parse_if(p);
  } else if (accept(p, T_ELSE)) {
    n->c = parse_block_or_simple(p);
  }
  return n;
}

Node* parse_for(Parser* p, bool is_async) {
  Node* n = mk(p, N_FOR);
  expect(p, T_FOR);
  n->op = is_async;
  n->a = parse_exprlist(p);
  expect(p, T_IN);
  n->b = parse_testlist_star_expr(p, true);
  n->c = parse_block_or_simple(p);
  if (accept(p, T_ELSE)) n->d = parse_block_or_simple(p);
  return n;
}

Node* parse_try(Parser* p) {
  Node* n = mk(p, N_TRY);
  expect(p, T_TRY);
  n->a = parse_block_or_simple(p);
  List handlers;
  bool bare_seen = false;
  while (tok(p) == T_EXCEPT) {
    Node* h = mk(p, N_HANDLER);
    next(p);
    if (bare_seen) syntax_error(p, "default 'except' must be last");
    h->v = kNull;
    if (tok(p) != T_COLON) {
      h->a = parse_test(p);
      if (tok(p) == T_COMMA) {  // except (A, B) written without parentheses is an error
        syntax_error(p);
      }
      if (accept(p, T_AS)) h->v = qstr_value(name_qstr(p));
    } else {
      bare_seen = true;
    }
    h->b = parse_block_or_simple(p);
    handlers.add(h);
  }
  n->b = handlers.head;
  if (accept(p, T_ELSE)) n->c = parse_block_or_simple(p);
  if (accept(p, T_FINALLY)) n->d = parse_block_or_simple(p);
  if (n->b == nullptr && n->d == nullptr) syntax_error(p);
  return n;
}

Node* parse_with(Parser* p, bool is_async) {
  Node* n = mk(p, N_WITH);
  expect(p, T_WITH);
  n->op = is_async;
  List items;
  do {
    Node* it = mk(p, N_WITHITEM);
    it->a = parse_test(p);
    if (accept(p, T_AS)) it->b = parse_expr(p);
    items.add(it);
  } while (accept(p, T_COMMA));
  n->a = items.head;
  n->b = parse_block_or_simple(p);
  return n;
}

Qstr parse_dotted_name(Parser* p) {
  Qstr q = name_qstr(p);
  if (tok(p) != T_DOT) return q;
  Vstr v;
  vstr_init(&v, 32);
  vstr_add_strn(&v, qstr_str(q), qstr_len(q));
  while (accept(p, T_DOT)) {
    vstr_add_char(&v, '.');
    Qstr part = name_qstr(p);
    vstr_add_strn(&v, qstr_str(part), qstr_len(part));
  }
  return qstr_from_strn(v.buf, v.len);
}

Node* parse_import(Parser* p) {
  Node* n = mk(p, N_IMPORT);
  next(p);
  List names;
  do {
    Node* a = mk(p, N_ALIAS);
    a->v = qstr_value(parse_dotted_name(p));
    if (accept(p, T_AS)) {
      a->b = mk(p, N_NAME);
      a->b->v = qstr_value(name_qstr(p));
    }
    names.add(a);
  } while (accept(p, T_COMMA));
  n->a = names.head;
  return n;
}

Node* parse_from_import(Parser* p) {
  Node* n = mk(p, N_IMPORTFROM);
  next(p);
  int level = 0;
  while (tok(p) == T_DOT || tok(p) == T_ELLIPSIS) {
    level += tok(p) == T_DOT ? 1 : 3;
    next(p);
  }
  n->op = static_cast<uint8_t>(level);
  n->v = tok(p) == T_NAME ? qstr_value(parse_dotted_name(p)) : kNull;
  if (n->v == kNull && level == 0) syntax_error(p);
  expect(p, T_IMPORT);
  if (accept(p, T_STAR)) {
    n->a = nullptr;
    return n;
  }
  bool paren = accept(p, T_LPAREN);
  List names;
  do {
    if (paren && tok(p) == T_RPAREN) break;
    Node* a = mk(p, N_ALIAS);
    a->v = qstr_value(name_qstr(p));
    if (accept(p, T_AS)) {
      a->b = mk(p, N_NAME);
      a->b->v = qstr_value(name_qstr(p));
    }
    names.add(a);
  } while (accept(p, T_COMMA));
  if (paren) expect(p, T_RPAREN);
  if (names.head == nullptr) syntax_error(p);
  n->a = names.head;
  return n;
}

void check_target(Parser* p, Node* t, bool is_del) {
  switch (t->kind) {
    case N_NAME:
    case N_ATTR:
    case N_SUBSCR:
      return;
    case N_TUPLE:
    case N_LIST: {
      int stars = 0;
      for (Node* e = t->a; e; e = e->next) {
        if (e->kind == N_STAR) {
          if (is_del) syntax_error(p, "can't delete expression");
          stars++;
          check_target(p, e->a, is_del);
        } else {
          check_target(p, e, is_del);
        }
      }
      if (stars > 1) syntax_error(p, "multiple *x in assignment");
      return;
    }
    case N_STAR:
      syntax_error(p, "*x must be assignment target");
    default:
      syntax_error(p, is_del ? "can't delete expression" : "can't assign to expression");
  }
}

Node* parse_expr_stmt(Parser* p) {
  uint32_t line = p->lx->tok_line;
  Node* first = parse_testlist_star_expr(p, true);
  if (tok(p) >= T_PLUS_EQ && tok(p) <= T_AT_EQ) {
    static const BinaryOp ops[] = {
        kBinInplaceAdd, kBinInplaceSub, kBinInplaceMul,    kBinInplaceTrueDiv, kBinInplaceFloorDiv,
        kBinInplaceMod, kBinInplacePow, kBinInplaceLShift, kBinInplaceRShift,  kBinInplaceAnd,
        kBinInplaceOr,  kBinInplaceXor, kBinInplaceMatMul};
    Node* n = node_new(N_AUGASSIGN, line);
    n->op = ops[tok(p) - T_PLUS_EQ];
    if (first->kind != N_NAME && first->kind != N_ATTR && first->kind != N_SUBSCR) {
      syntax_error(p, "can't assign to expression");
    }
    next(p);
    n->a = first;
    n->b = tok(p) == T_YIELD ? parse_yield(p) : parse_testlist_star_expr(p, true);
    return n;
  }
  if (tok(p) == T_COLON) {  // annotated assignment: the annotation is ignored
    next(p);
    parse_test(p);
    Node* n = node_new(N_ANNASSIGN, line);
    check_target(p, first, false);
    n->a = first;
    if (accept(p, T_ASSIGN)) {
      n->b = tok(p) == T_YIELD ? parse_yield(p) : parse_testlist_star_expr(p, true);
    }
    return n;
  }
  if (tok(p) != T_ASSIGN) {
    if (first->kind == N_STAR) syntax_error(p, "*x must be assignment target");
    return mk1(N_EXPR, line, first);
  }
  List targets;
  Node* value = first;
  while (accept(p, T_ASSIGN)) {
    check_target(p, value, false);
    targets.add(value);
    value = tok(p) == T_YIELD ? parse_yield(p) : parse_testlist_star_expr(p, true);
  }
  Node* n = node_new(N_ASSIGN, line);
  n->a = targets.head;
  n->b = value;
  return n;
}

Node* parse_small_stmt(Parser* p) {
  uint32_t line = p->lx->tok_line;
  switch (tok(p)) {
    case T_PASS:
      next(p);
      return node_new(N_PASS, line);
    case T_BREAK:
      next(p);
      return node_new(N_BREAK, line);
    case T_CONTINUE:
      next(p);
      return node_new(N_CONTINUE, line);
    case T_RETURN: {
      next(p);
      Node* n = node_new(N_RETURN, line);
      if (starts_expr(tok(p))) n->a = parse_testlist_star_expr(p, true);
      return n;
    }
    case T_RAISE: {
      next(p);
      Node* n = node_new(N_RAISE, line);
      if (starts_expr(tok(p))) {
        n->a = parse_test(p);
        if (accept(p, T_FROM)) n->b = parse_test(p);
      }
      return n;
    }
    case T_DEL: {
      next(p);
      Node* n = node_new(N_DEL, line);
      Node* t = parse_testlist_star_expr(p, false);
      check_target(p, t, true);
      n->a = t;
      return n;
    }
    case T_GLOBAL:
    case T_NONLOCAL: {
      Node* n = node_new(tok(p) == T_GLOBAL ? N_GLOBAL : N_NONLOCAL, line);
      next(p);
      List names;
      do {
        Node* nm = mk(p, N_NAME);
        nm->v = qstr_value(name_qstr(p));
        names.add(nm);
      } while (accept(p, T_COMMA));
      n->a = names.head;
      return n;
    }
    case T_ASSERT: {
      next(p);
      Node* n = node_new(N_ASSERT, line);
      n->a = parse_test(p);
      if (accept(p, T_COMMA)) n->b = parse_test(p);
      return n;
    }
    case T_IMPORT:
      return parse_import(p);
    case T_FROM:
      return parse_from_import(p);
    case T_YIELD:
      return mk1(N_EXPR, line, parse_yield(p));
    default:
      return parse_expr_stmt(p);
  }
}

// simple_stmt: small statements separated by ';' then NEWLINE. Returns a list.
Node* parse_simple_stmt(Parser* p) {
  List stmts;
  for (;;) {
    stmts.add(parse_small_stmt(p));
    if (!accept(p, T_SEMI)) break;
    if (tok(p) == T_NEWLINE || tok(p) == T_END) break;
  }
  if (tok(p) != T_END) expect(p, T_NEWLINE);
  return stmts.head;
}

Node* parse_decorated(Parser* p) {
  List decos;
  while (tok(p) == T_AT) {
    next(p);
    decos.add(parse_namedexpr_or_star(p));
    expect(p, T_NEWLINE);
  }
  if (tok(p) == T_DEF) return parse_funcdef(p, decos.head, false);
  if (tok(p) == T_CLASS) return parse_classdef(p, decos.head);
  if (tok(p) == T_ASYNC) {
    next(p);
    return parse_funcdef(p, decos.head, true);
  }
  syntax_error(p);
}

// Returns a list of statements (a compound statement is a list of one).
Node* parse_stmt(Parser* p) {
  switch (tok(p)) {
    case T_IF:
      return parse_if(p);
    case T_WHILE: {
      Node* n = mk(p, N_WHILE);
      next(p);
      n->a = parse_namedexpr_or_star(p);
      n->b = parse_block_or_simple(p);
      if (accept(p, T_ELSE)) n->c = parse_block_or_simple(p);
      return n;
    }
    case T_FOR:
      return parse_for(p, false);
    case T_TRY:
      return parse_try(p);
    case T_WITH:
      return parse_with(p, false);
    case T_DEF:
      return parse_funcdef(p, nullptr, false);
    case T_CLASS:
      return parse_classdef(p, nullptr);
    case T_AT:
      return parse_decorated(p);
    case T_ASYNC:
      next(p);
      if (tok(p) == T_DEF) return parse_funcdef(p, nullptr, true);
      if (tok(p) == T_FOR) return parse_for(p, true);
      if (tok(p) == T_WITH) return parse_with(p, true);
      syntax_error(p);
    case T_INDENT:
      indent_error(p, "unexpected indent");
    default:
      return parse_simple_stmt(p);
  }
}

void append_list(List* l, Node* stmts) {
  while (stmts) {
    Node* nx = stmts->next;
    stmts->next = nullptr;
    l->add(stmts);
    stmts = nx;
  }
}

Node* parse_suite(Parser* p) {
  if (tok(p) != T_NEWLINE) return parse_simple_stmt(p);
  next(p);
  if (tok(p) != T_INDENT) indent_error(p, "expected an indented block");
  next(p);
  List body;
  while (tok(p) != T_DEDENT && tok(p) != T_END) {
    if (accept(p, T_NEWLINE)) continue;
    append_list(&body, parse_stmt(p));
  }
  accept(p, T_DEDENT);
  return body.head;
}

}  // namespace

Node* node_new(uint8_t kind, uint32_t line) {
  Node* n = static_cast<Node*>(gc_alloc(sizeof(Node)));
  n->kind = kind;
  n->line = line;
  return n;
}

size_t node_list_len(const Node* n) {
  size_t k = 0;
  for (; n; n = n->next)
    k++;
  return k;
}

Node* parse(Lexer* lx, int mode) {
  Parser p{lx, 0};
  Node* mod = node_new(N_MODULE, 1);
  List body;
  if (mode == kCompileEval) {
    while (tok(&p) == T_NEWLINE || tok(&p) == T_INDENT)
      next(&p);
    Node* e = parse_testlist_star_expr(&p, false);
    while (tok(&p) == T_NEWLINE || tok(&p) == T_DEDENT)
      next(&p);
    if (tok(&p) != T_END) syntax_error(&p);
    Node* r = node_new(N_RETURN, e->line);
    r->a = e;
    body.add(r);
  } else {
    // A single statement must have one (or a newline): nothing at all, or only a
    // line continuation, is an error, as in MicroPython.
    if (mode == kCompileSingle && tok(&p) == T_END &&
        (lx->end == lx->src ||
         (lx->end - lx->src >= 2 && lx->end[-2] == '\\' && lx->end[-1] == '\n'))) {
      syntax_error(&p);
    }
    while (tok(&p) != T_END) {
      if (accept(&p, T_NEWLINE)) continue;
      if (tok(&p) == T_DEDENT) {
        next(&p);
        continue;
      }
      append_list(&body, parse_stmt(&p));
    }
  }
  mod->a = body.head;
  return mod;
}

}  // namespace vpy
