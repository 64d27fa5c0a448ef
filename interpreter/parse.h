// The parser: recursive descent from tokens to a tree of Nodes (the AST). Nodes live
// in the GC heap only while a unit is compiled.
#pragma once

#include "lexer.h"
#include "obj.h"

namespace vpy {

enum NodeKind : uint8_t {
  // expressions
  N_NAME,       // v = qstr
  N_CONST,      // v = value
  N_JOINEDSTR,  // f-string: a = parts (N_CONST str or N_FORMATTED)
  N_FORMATTED,  // a = expr, b = spec (N_JOINEDSTR) or null, op = conversion (0, 's', 'r', 'a')
  N_TUPLE,      // a = items
  N_LIST,       // a = items
  N_SET,        // a = items
  N_DICT,       // a = items: N_PAIR or N_STARSTAR
  N_PAIR,       // a = key, b = value
  N_STAR,       // a = expr (starred)
  N_STARSTAR,   // a = expr
  N_ATTR,       // a = obj, v = qstr
  N_SUBSCR,     // a = obj, b = index
  N_SLICE,      // a, b, c = lower, upper, step (each may be null)
  N_CALL,       // a = func, b = args (exprs, N_STAR, N_KEYWORD, N_STARSTAR)
  N_KEYWORD,    // v = name, a = value
  N_BINOP,      // op = BinaryOp, a, b
  N_UNARYOP,    // op = UnaryOp, a
  N_NOT,        // a
  N_AND,        // a = operands
  N_OR,         // a = operands
  N_COMPARE,    // a = first, b = list of N_CMP
  N_CMP,        // op = BinaryOp, a = right operand
  N_IFEXP,      // a = test, b = body, c = orelse
  N_LAMBDA,     // a = N_ARGS, b = body expression
  N_LISTCOMP,   // a = element, b = generators (N_COMPFOR)
  N_SETCOMP,
  N_GENEXP,
  N_DICTCOMP,   // a = key, c = value, b = generators
  N_COMPFOR,    // a = target, b = iter, c = conditions, op = async
  N_YIELD,      // a = value or null
  N_YIELDFROM,  // a
  N_AWAIT,      // a
  N_NAMEDEXPR,  // a = N_NAME target, b = value
  // statements
  N_EXPR,       // a
  N_ASSIGN,     // a = targets (chained), b = value
  N_AUGASSIGN,  // op = BinaryOp (in-place), a = target, b = value
  N_ANNASSIGN,  // a = target, b = value or null
  N_DEL,        // a = targets
  N_PASS,
  N_BREAK,
  N_CONTINUE,
  N_RETURN,    // a = value or null
  N_RAISE,     // a = exception or null, b = cause or null
  N_GLOBAL,    // a = names (N_NAME)
  N_NONLOCAL,  // a = names
  N_ASSERT,    // a = test, b = message or null
  N_IF,        // a = test, b = body, c = orelse (statements or a single N_IF)
  N_WHILE,     // a = test, b = body, c = orelse
  N_FOR,       // a = target, b = iter, c = body, d = orelse, op = async
  N_TRY,       // a = body, b = handlers, c = orelse, d = finally
  N_HANDLER,   // a = type or null, v = name qstr or kNull, b = body
  N_WITH,      // a = items (N_WITHITEM), b = body, op = async
  N_WITHITEM,  // a = context expr, b = target or null
  N_FUNCDEF,   // v = name, a = N_ARGS, b = body, c = decorators, op = async
  N_CLASSDEF,  // v = name, a = bases and keywords (like call args), b = body, c = decorators
  N_ARGS,  // a = positional N_ARG, b = *args N_ARG or null, c = keyword-only N_ARG, d = **kw N_ARG
  N_ARG,   // v = name, a = default or null
  N_IMPORT,      // a = N_ALIAS list
  N_IMPORTFROM,  // v = module qstr (or kNull), op = level, a = N_ALIAS list, null for *
  N_ALIAS,       // v = dotted name qstr, b = N_NAME as-name or null
  N_MODULE,      // a = statements
};

struct Scope;
struct Node {
  uint8_t kind;
  uint8_t op;
  uint16_t flags;
  uint32_t line;
  Value v;
  Node* a;
  Node* b;
  Node* c;
  Node* d;
  Node* next;    // next sibling in a list
  Scope* scope;  // set by scope analysis on nodes that open a scope
};

// Parses a whole unit. Mode single: one interactive statement (REPL);
// eval: one expression list (wrapped as N_RETURN).
Node* parse(Lexer* lx, int mode);
Node* node_new(uint8_t kind, uint32_t line);
size_t node_list_len(const Node* n);

}  // namespace vpy
