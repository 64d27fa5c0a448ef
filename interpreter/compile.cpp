// The compiler: walks the AST of a unit (after scope analysis) and emits one code
// object per scope.
//
// Exceptions use a table per code object (ranges of bytecode -> handler, stack
// depth), so a `try` costs nothing until something raises. `finally` bodies and
// `with` exits are emitted inline on each way out of the block (fall-through,
// break, continue, return), and once more on the exceptional path, so the VM
// needs no "why" state.
#include "bytecode.h"
#include "lexer.h"
#include "parse.h"
#include "runtime.h"
#include "scope.h"

namespace vpy {

namespace {

constexpr int kMaxBlocks = 64;

enum BlockKind : uint8_t {
  kBlockLoop,        // a loop: break/continue targets
  kBlockFinally,     // inside try body of try/finally: on exit, run the final body
  kBlockWith,        // inside with body: on exit, call __exit__(None, None, None)
  kBlockExcept,      // inside an except clause body: [prev] on stack
  kBlockFinallyExc,  // inside the exceptional copy of a final body: [prev, exc]
  kBlockTryBody,     // inside a try body with except clauses: nothing to unwind
};

// A protected region that may be suspended while inline cleanup code is emitted.
struct Range {
  uint32_t start;
  int handler;  // label
  int depth;
  int level;  // nesting: inner ranges have higher levels and take precedence
};

struct Block {
  uint8_t kind;
  uint8_t for_slots;  // loop: stack slots of its iteration state (0 for while loops)
  bool is_async;      // with: __aexit__, whose result is awaited
  int break_label;
  int continue_label;
  Node* final_body;
  Range* range;  // kBlockFinally / kBlockWith / kBlockExcept / kBlockFinallyExc
};

struct Unit {
  Scope* scope;
  Unit* parent;
  Vstr code;
  Vstr lines;
  uint32_t last_line;
  uint32_t last_line_pc;
  Value consts;   // list
  uint16_t* exc;  // 5 per entry: start, end, handler label, depth, level
  uint32_t n_exc, exc_alloc;
  int32_t* labels;  // bytecode position of each label, -1 if unbound
  uint32_t n_labels, labels_alloc;
  uint32_t* patches;  // pairs (position of the jump operand, label)
  uint32_t n_patches, patches_alloc;
  int depth, max_depth;
  Block blocks[kMaxBlocks];
  int n_blocks;
  // While a final body is emitted inline for a `return`, the pending return value sits
  // on the stack between the blocks below that finally and those the final body opens:
  // ret_marks holds the finally's block index for each such body being emitted.
  int ret_marks[kMaxBlocks];
  int n_ret_marks;
  uint32_t cur_line;
};

struct Compiler {
  Lexer* lx;
  Qstr file;
  CompileMode mode;
  Unit* u;
};

[[noreturn]] void compile_error(Compiler* c, uint32_t line, const char* msg) {
  Value exc = exception_new_msg(&exc_SyntaxError, msg);
  exception_add_traceback(exc, c->file, line, kQstrNotFound);
  raise(exc);
}

// --- emitting ---------------------------------------------------------------------
void set_line(Compiler* c, uint32_t line) {
  if (line != 0) c->u->cur_line = line;
}

void record_line(Unit* u) {
  if (u->cur_line == u->last_line) return;
  uint32_t pc = static_cast<uint32_t>(u->code.len);
  uint32_t dpc = pc - u->last_line_pc;
  int32_t dl = static_cast<int32_t>(u->cur_line) - static_cast<int32_t>(u->last_line);
  while (dpc > 255) {
    vstr_add_char(&u->lines, static_cast<char>(255));
    vstr_add_char(&u->lines, 0);
    dpc -= 255;
  }
  while (dl > 127 || dl < -128) {
    int32_t step = dl > 0 ? 127 : -128;
    vstr_add_char(&u->lines, static_cast<char>(dpc));
    vstr_add_char(&u->lines, static_cast<char>(static_cast<int8_t>(step)));
    dpc = 0;
    dl -= step;
  }
  vstr_add_char(&u->lines, static_cast<char>(dpc));
  vstr_add_char(&u->lines, static_cast<char>(static_cast<int8_t>(dl)));
  u->last_line = u->cur_line;
  u->last_line_pc = pc;
}

void adjust(Unit* u, int delta) {
  u->depth += delta;
  if (u->depth > u->max_depth) u->max_depth = u->depth;
}

void emit_byte(Unit* u, uint8_t b) {
  vstr_add_char(&u->code, static_cast<char>(b));
}
void emit_uint_raw(Unit* u, uint32_t v) {
  while (v >= 0x80) {
    emit_byte(u, static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  emit_byte(u, static_cast<uint8_t>(v));
}

void op_start(Compiler* c, Opcode op, int effect) {
  record_line(c->u);
  emit_byte(c->u, op);
  adjust(c->u, effect);
}

void emit(Compiler* c, Opcode op, int effect = 1000) {
  if (effect == 1000) {
    static const int8_t effects[] = {
#define X(name, arg, eff) eff,
        VPY_OPCODES(X)
#undef X
    };
    effect = effects[op];
  }
  op_start(c, op, effect);
}
void emit_uint(Compiler* c, Opcode op, uint32_t arg, int effect = 1000) {
  emit(c, op, effect);
  emit_uint_raw(c->u, arg);
}
// Ops that name a map entry carry a 2-byte cache slot after the name.
void emit_cached(Compiler* c, Opcode op, uint32_t q, int effect = 1000) {
  emit_uint(c, op, q, effect);
  emit_byte(c->u, 0xff);
  emit_byte(c->u, 0xff);
}
void emit_two(Compiler* c, Opcode op, uint32_t a, uint32_t b, int effect) {
  emit(c, op, effect);
  emit_uint_raw(c->u, a);
  emit_uint_raw(c->u, b);
}
void emit_byte_op(Compiler* c, Opcode op, uint8_t arg, int effect = 1000) {
  emit(c, op, effect);
  emit_byte(c->u, arg);
}

// [awaitable] -> [result]
void emit_await(Compiler* c) {
  emit(c, OP_GET_AWAITABLE);
  emit(c, OP_LOAD_NONE);
  emit(c, OP_YIELD_FROM);
}

int new_label(Compiler* c) {
  Unit* u = c->u;
  if (u->n_labels == u->labels_alloc) {
    uint32_t n = u->labels_alloc ? u->labels_alloc * 2 : 32;
    u->labels = static_cast<int32_t*>(gc_realloc(u->labels, n * sizeof(int32_t)));
    u->labels_alloc = n;
  }
  u->labels[u->n_labels] = -1;
  return static_cast<int>(u->n_labels++);
}

void bind_label(Compiler* c, int label) {
  c->u->labels[label] = static_cast<int32_t>(c->u->code.len);
}

void emit_jump(Compiler* c, Opcode op, int label, int effect = 1000) {
  emit(c, op, effect);
  Unit* u = c->u;
  if (u->n_patches + 2 > u->patches_alloc) {
    uint32_t n = u->patches_alloc ? u->patches_alloc * 2 : 64;
    u->patches = static_cast<uint32_t*>(gc_realloc(u->patches, n * sizeof(uint32_t)));
    u->patches_alloc = n;
  }
  u->patches[u->n_patches++] = static_cast<uint32_t>(u->code.len);
  u->patches[u->n_patches++] = static_cast<uint32_t>(label);
  emit_byte(u, 0);
  emit_byte(u, 0);
}

void resolve_jumps(Compiler* c) {
  Unit* u = c->u;
  for (uint32_t i = 0; i < u->n_patches; i += 2) {
    uint32_t pos = u->patches[i];
    int32_t target = u->labels[u->patches[i + 1]];
    int32_t off = target - static_cast<int32_t>(pos + 2);
    if (off < -32768 || off > 32767) compile_error(c, u->cur_line, "function too big");
    u->code.buf[pos] = static_cast<char>(off & 0xff);
    u->code.buf[pos + 1] = static_cast<char>((off >> 8) & 0xff);
  }
}

uint32_t add_const(Compiler* c, Value v) {
  ListObj* l = as<ListObj>(c->u->consts);
  for (size_t i = 0; i < l->len; i++) {
    // Reuse identical constants (same object, or equal ints/strings of the same type).
    Value k = l->items[i];
    if (k == v) return static_cast<uint32_t>(i);
    if (type_of(k) == type_of(v) && (is_str(v) || is_type(v, &int_type)) && equal(k, v)) {
      return static_cast<uint32_t>(i);
    }
  }
  list_append(c->u->consts, v);
  return static_cast<uint32_t>(l->len - 1);
}

void emit_load_const(Compiler* c, Value v) {
  if (v == kNone) {
    emit(c, OP_LOAD_NONE);
  } else if (v == kTrue) {
    emit(c, OP_LOAD_TRUE);
  } else if (v == kFalse) {
    emit(c, OP_LOAD_FALSE);
  } else if (is_small_int(v) && small_int_value(v) >= -(1 << 20) &&
             small_int_value(v) < (1 << 20)) {
    emit(c, OP_LOAD_SMALL_INT);
    Int i = small_int_value(v);
    emit_uint_raw(
        c->u, i < 0 ? static_cast<uint32_t>(((-i - 1) << 1) | 1) : static_cast<uint32_t>(i << 1));
  } else if (is_qstr(v)) {
    emit_uint(c, OP_LOAD_QSTR, qstr_of(v));
  } else {
    emit_uint(c, OP_LOAD_CONST, add_const(c, v));
  }
}

void add_exc_entry(Unit* u, uint32_t start, uint32_t end, int handler, int depth, int level) {
  if (start >= end) return;
  if (u->n_exc == u->exc_alloc) {
    uint32_t n = u->exc_alloc ? u->exc_alloc * 2 : 8;
    u->exc = static_cast<uint16_t*>(gc_realloc(u->exc, n * 5 * sizeof(uint16_t)));
    u->exc_alloc = n;
  }
  uint16_t* e = u->exc + u->n_exc * 5;
  e[0] = static_cast<uint16_t>(start);
  e[1] = static_cast<uint16_t>(end);
  e[2] = static_cast<uint16_t>(handler);  // a label until the unit is finished
  e[3] = static_cast<uint16_t>(depth);
  e[4] = static_cast<uint16_t>(level);
  u->n_exc++;
}

void range_begin(Compiler* c, Range* r, int handler, int depth) {
  r->start = static_cast<uint32_t>(c->u->code.len);
  r->handler = handler;
  r->depth = depth;
  r->level = c->u->n_blocks;
}
void range_end(Compiler* c, Range* r) {
  add_exc_entry(c->u, r->start, static_cast<uint32_t>(c->u->code.len), r->handler, r->depth,
                r->level);
  r->start = static_cast<uint32_t>(c->u->code.len);
}
void range_resume(Compiler* c, Range* r) {
  r->start = static_cast<uint32_t>(c->u->code.len);
}

void push_block(Compiler* c, Block b) {
  if (c->u->n_blocks == kMaxBlocks) compile_error(c, c->u->cur_line, "too many nested blocks");
  c->u->blocks[c->u->n_blocks++] = b;
}
void pop_block(Compiler* c) {
  c->u->n_blocks--;
}

// --- names -----------------------------------------------------------------------
enum NameOp { kLoad, kStore, kDelete };

void compile_name(Compiler* c, Qstr q, NameOp op) {
  Scope* s = c->u->scope;
  Symbol* sym = scope_find(s, q);
  uint8_t kind =
      sym ? sym->kind
          : static_cast<uint8_t>(s->kind == kScopeClass || s->kind == kScopeModule ? kSymName
                                                                                   : kSymGlobal);
  if (s->kind == kScopeModule && kind != kSymGlobal) kind = kSymName;
  switch (kind) {
    case kSymLocal:
      if (op == kLoad) emit_uint(c, OP_LOAD_FAST, sym->slot);
      if (op == kStore) emit_uint(c, OP_STORE_FAST, sym->slot);
      if (op == kDelete) emit_uint(c, OP_DELETE_FAST, sym->slot);
      break;
    case kSymCell:
    case kSymFree:
      if (op == kLoad) emit_uint(c, OP_LOAD_DEREF, sym->slot);
      if (op == kStore) emit_uint(c, OP_STORE_DEREF, sym->slot);
      if (op == kDelete) {
        // Deleting an empty cell is a NameError: the load raises it.
        emit_uint(c, OP_LOAD_DEREF, sym->slot);
        emit(c, OP_POP_TOP);
        emit_uint(c, OP_DELETE_DEREF, sym->slot);
      }
      break;
    case kSymName:
      if (op == kLoad) emit_uint(c, OP_LOAD_NAME, q);
      if (op == kStore) emit_uint(c, OP_STORE_NAME, q);
      if (op == kDelete) emit_uint(c, OP_DELETE_NAME, q);
      break;
    default:
      if (op == kLoad) emit_cached(c, OP_LOAD_GLOBAL, q);
      if (op == kStore) emit_uint(c, OP_STORE_GLOBAL, q);
      if (op == kDelete) emit_uint(c, OP_DELETE_GLOBAL, q);
      break;
  }
}

// --- expressions -------------------------------------------------------------------
void compile_expr(Compiler* c, Node* n);
void compile_stmts(Compiler* c, Node* n);
void compile_store(Compiler* c, Node* t);
Value compile_scope(Compiler* c, Scope* s);

bool has_star(Node* items) {
  for (Node* e = items; e; e = e->next) {
    if (e->kind == N_STAR) return true;
  }
  return false;
}

// Builds a list from items that may contain *starred parts; leaves it on the stack.
void compile_starred_list(Compiler* c, Node* items) {
  int pending = 0;
  bool have_list = false;
  for (Node* e = items; e; e = e->next) {
    if (e->kind == N_STAR) {
      if (!have_list) {
        emit_uint(c, OP_BUILD_LIST, pending, 1 - pending);
        have_list = true;
      } else if (pending) {
        emit_uint(c, OP_BUILD_LIST, pending, 1 - pending);
        emit_uint(c, OP_LIST_EXTEND, 1);
      }
      pending = 0;
      compile_expr(c, e->a);
      emit_uint(c, OP_LIST_EXTEND, 1);
    } else {
      compile_expr(c, e);
      pending++;
    }
  }
  if (!have_list) {
    emit_uint(c, OP_BUILD_LIST, pending, 1 - pending);
  } else if (pending) {
    emit_uint(c, OP_BUILD_LIST, pending, 1 - pending);
    emit_uint(c, OP_LIST_EXTEND, 1);
  }
}

void compile_call_args(Compiler* c, Node* args, bool is_method, int extra_pos) {
  // Fast forms: only positional, or positional then plain keywords.
  int n_pos = extra_pos, n_kw = 0;
  bool complex_call = false;
  bool seen_kw = false, seen_dstar = false;
  for (Node* a = args; a; a = a->next) {
    if (a->kind == N_STAR || a->kind == N_STARSTAR) complex_call = true;
    if (a->kind == N_KEYWORD) seen_kw = true;
    if (a->kind == N_STARSTAR) seen_dstar = true;
    if (a->kind != N_KEYWORD && a->kind != N_STARSTAR && a->kind != N_STAR && seen_kw) {
      compile_error(c, a->line, "positional argument follows keyword argument");
    }
    if (a->kind != N_KEYWORD && a->kind != N_STARSTAR && seen_dstar) {
      compile_error(c, a->line, "positional argument follows keyword argument unpacking");
    }
  }
  if (!complex_call) {
    for (Node* a = args; a; a = a->next) {
      if (a->kind == N_KEYWORD) {
        emit_uint(c, OP_LOAD_QSTR, qstr_of(a->v));
        compile_expr(c, a->a);
        n_kw++;
      } else {
        compile_expr(c, a);
        n_pos++;
      }
    }
    int consumed = n_pos + 2 * n_kw + (is_method ? 2 : 1);
    if (n_kw == 0) {
      emit_uint(c, is_method ? OP_CALL_METHOD : OP_CALL, n_pos, 1 - consumed);
    } else {
      emit_two(c, is_method ? OP_CALL_METHOD_KW : OP_CALL_KW, n_pos, n_kw, 1 - consumed);
    }
    return;
  }
  // General form: a tuple of positional arguments and a dict of keywords.
  // A method's self (if any) must lead the positional tuple.
  int pending = extra_pos;
  if (is_method) {
    // Stack: [meth, self_or_null]: CALL_EX with flag 2 puts self in front when not null.
  }
  int pos_pending = 0;
  bool have_list = false;
  for (Node* a = args; a; a = a->next) {
    if (a->kind == N_KEYWORD || a->kind == N_STARSTAR) continue;
    if (a->kind == N_STAR) {
      if (!have_list) {
        emit_uint(c, OP_BUILD_LIST, pos_pending, 1 - pos_pending);
        have_list = true;
      } else if (pos_pending) {
        emit_uint(c, OP_BUILD_LIST, pos_pending, 1 - pos_pending);
        emit_uint(c, OP_LIST_EXTEND, 1);
      }
      pos_pending = 0;
      compile_expr(c, a->a);
      emit_uint(c, OP_LIST_EXTEND, 1);
    } else {
      compile_expr(c, a);
      pos_pending++;
    }
  }
  (void)pending;
  if (!have_list) {
    emit_uint(c, OP_BUILD_LIST, pos_pending, 1 - pos_pending);
  } else if (pos_pending) {
    emit_uint(c, OP_BUILD_LIST, pos_pending, 1 - pos_pending);
    emit_uint(c, OP_LIST_EXTEND, 1);
  }
  bool have_kw = false;
  int kw_pending = 0;
  bool have_map = false;
  for (Node* a = args; a; a = a->next) {
    if (a->kind == N_KEYWORD) {
      emit_uint(c, OP_LOAD_QSTR, qstr_of(a->v));
      compile_expr(c, a->a);
      kw_pending++;
      have_kw = true;
    } else if (a->kind == N_STARSTAR) {
      if (!have_map) {
        emit_uint(c, OP_BUILD_MAP, kw_pending, 1 - 2 * kw_pending);
        have_map = true;
      } else if (kw_pending) {
        emit_uint(c, OP_BUILD_MAP, kw_pending, 1 - 2 * kw_pending);
        emit_uint(c, OP_DICT_UPDATE, kDictMergeKwargs);
      }
      kw_pending = 0;
      compile_expr(c, a->a);
      emit_uint(c, OP_DICT_UPDATE, kDictMergeKwargs);
      have_kw = true;
    }
  }
  if (have_kw) {
    if (!have_map) {
      emit_uint(c, OP_BUILD_MAP, kw_pending, 1 - 2 * kw_pending);
    } else if (kw_pending) {
      emit_uint(c, OP_BUILD_MAP, kw_pending, 1 - 2 * kw_pending);
      emit_uint(c, OP_DICT_UPDATE, kDictMergeKwargs);
    }
  }
  // CALL_EX flags: 1 = kwargs dict present, 2 = method form [meth, self_or_null].
  int flags = (have_kw ? 1 : 0) | (is_method ? 2 : 0);
  int consumed = 1 + (have_kw ? 1 : 0) + (is_method ? 2 : 1);
  emit_uint(c, OP_CALL_EX, flags, 1 - consumed);
}

void compile_call(Compiler* c, Node* n) {
  Node* f = n->a;
  // super() with no arguments: super(__class__, <first argument>).
  if (f->kind == N_NAME && qstr_of(f->v) == Q_super && n->b == nullptr &&
      c->u->scope->kind == kScopeFunction) {
    Scope* s = c->u->scope;
    Symbol* cls = scope_find(s, Q___class__);
    if (cls && cls->kind == kSymFree && s->n_params + s->n_kwonly + s->has_varargs > 0) {
      compile_name(c, Q_super, kLoad);
      emit_uint(c, OP_LOAD_DEREF, cls->slot);
      // The first parameter's slot is 0; it may be a cell.
      Symbol* first = &s->syms[0];
      if (first->kind == kSymCell) {
        emit_uint(c, OP_LOAD_DEREF, 0);
      } else {
        emit_uint(c, OP_LOAD_FAST, 0);
      }
      emit_uint(c, OP_CALL, 2, -2);
      return;
    }
  }
  if (f->kind == N_ATTR) {
    compile_expr(c, f->a);
    emit_uint(c, OP_LOAD_METHOD, qstr_of(f->v));
    compile_call_args(c, n->b, true, 0);
  } else {
    compile_expr(c, f);
    compile_call_args(c, n->b, false, 0);
  }
}

void compile_jump_if(Compiler* c, Node* n, bool jump_if, int label);

void compile_compare(Compiler* c, Node* n) {
  compile_expr(c, n->a);
  Node* cmp = n->b;
  if (cmp->next == nullptr) {
    compile_expr(c, cmp->a);
    emit_byte_op(c, OP_BINARY_OP, cmp->op);
    return;
  }
  int cleanup = new_label(c);
  int end = new_label(c);
  for (; cmp; cmp = cmp->next) {
    compile_expr(c, cmp->a);
    if (cmp->next) {
      emit(c, OP_DUP_TOP);
      emit(c, OP_ROT_THREE);
      emit_byte_op(c, OP_BINARY_OP, cmp->op);
      emit_jump(c, OP_JUMP_IF_FALSE_OR_POP, cleanup, -1);
    } else {
      emit_byte_op(c, OP_BINARY_OP, cmp->op);
    }
  }
  emit_jump(c, OP_JUMP, end);
  bind_label(c, cleanup);
  // Here the stack holds [middle operand, False].
  adjust(c->u, 1);
  emit(c, OP_ROT_TWO);
  emit(c, OP_POP_TOP);
  bind_label(c, end);
}

// Conditional jump on the truth of n, short-circuiting and/or/not.
void compile_jump_if(Compiler* c, Node* n, bool jump_if, int label) {
  switch (n->kind) {
    case N_NOT:
      compile_jump_if(c, n->a, !jump_if, label);
      return;
    case N_AND:
    case N_OR: {
      bool is_or = n->kind == N_OR;
      if (is_or == jump_if) {
        // Any operand deciding the jump takes it.
        for (Node* e = n->a; e; e = e->next)
          compile_jump_if(c, e, jump_if, label);
      } else {
        int skip = new_label(c);
        for (Node* e = n->a; e; e = e->next) {
          if (e->next) {
            compile_jump_if(c, e, !jump_if, skip);
          } else {
            compile_jump_if(c, e, jump_if, label);
          }
        }
        bind_label(c, skip);
      }
      return;
    }
    case N_CONST:
      if (is_true(n->v) == jump_if) emit_jump(c, OP_JUMP, label);
      return;
    default:
      compile_expr(c, n);
      emit_jump(c, jump_if ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label);
      return;
  }
}

void compile_make_function(Compiler* c, Node* n, Scope* fs, Node* args) {
  int flags = 0;
  int pushed = 0;
  if (args) {
    int n_defaults = 0;
    for (Node* a = args->a; a; a = a->next) {
      if (a->a) {
        compile_expr(c, a->a);
        n_defaults++;
      }
    }
    if (n_defaults) {
      emit_uint(c, OP_BUILD_TUPLE, n_defaults, 1 - n_defaults);
      flags |= 1;
      pushed++;
    }
    int n_kwdefaults = 0;
    for (Node* a = args->c; a; a = a->next) {
      if (a->a) {
        emit_uint(c, OP_LOAD_QSTR, qstr_of(a->v));
        compile_expr(c, a->a);
        n_kwdefaults++;
      }
    }
    if (n_kwdefaults) {
      emit_uint(c, OP_BUILD_MAP, n_kwdefaults, 1 - 2 * n_kwdefaults);
      flags |= 2;
      pushed++;
    }
  }
  Value code = compile_scope(c, fs);
  if (fs->n_free) {
    // The closure: the cells of the free variables, in the inner slot order.
    int n_free = 0;
    for (uint16_t slot = fs->n_locals - fs->n_free; slot < fs->n_locals; slot++) {
      for (uint32_t i = 0; i < fs->n_syms; i++) {
        Symbol* sym = &fs->syms[i];
        if (!sym_in_closure(sym) || sym->slot != slot) continue;
        Symbol* outer = scope_find(c->u->scope, sym->name);
        if (outer == nullptr || (outer->kind != kSymCell && !sym_in_closure(outer))) {
          compile_error(c, n->line, "internal error: free variable without cell");
        }
        emit_uint(c, OP_LOAD_CLOSURE, outer->slot);
        n_free++;
      }
    }
    emit_uint(c, OP_BUILD_TUPLE, n_free, 1 - n_free);
    flags |= 4;
    pushed++;
  }
  emit_two(c, OP_MAKE_FUNCTION, flags, add_const(c, code), 1 - pushed);
}

void compile_comprehension(Compiler* c, Node* n) {
  Scope* cs = n->scope;
  compile_make_function(c, n, cs, nullptr);
  compile_expr(c, n->b->b);  // the first iterable, in the enclosing scope
  emit(c, OP_GET_ITER);
  emit_uint(c, OP_CALL, 1, -1);
}

void compile_joined_str(Compiler* c, Node* n) {
  int count = 0;
  for (Node* part = n->a; part; part = part->next) {
    if (part->kind == N_CONST) {
      emit_load_const(c, part->v);
    } else {
      compile_expr(c, part->a);
      int flags = part->op == 's' ? 1 : part->op == 'r' ? 2 : part->op == 'a' ? 3 : 0;
      if (part->b) {
        compile_joined_str(c, part->b);
        flags |= 4;
      }
      emit_byte_op(c, OP_FORMAT_VALUE, static_cast<uint8_t>(flags), (flags & 4) ? -1 : 0);
    }
    count++;
  }
  if (count == 0) {
    emit_load_const(c, qstr_value(Q__empty_));
  } else if (count > 1 || n->a->kind != N_FORMATTED) {
    emit_uint(c, OP_BUILD_STRING, count, 1 - count);
  }
}

void compile_expr(Compiler* c, Node* n) {
  c_stack_check();  // a+a+...+a nests as deep as it is long
  set_line(c, n->line);
  switch (n->kind) {
    case N_NAME:
      compile_name(c, qstr_of(n->v), kLoad);
      break;
    case N_CONST:
      emit_load_const(c, n->v);
      break;
    case N_JOINEDSTR:
      compile_joined_str(c, n);
      break;
    case N_TUPLE: {
      if (has_star(n->a)) {
        compile_starred_list(c, n->a);
        emit(c, OP_LIST_TO_TUPLE);
        break;
      }
      // A tuple of constants is itself a constant.
      bool all_const = n->a != nullptr;
      for (Node* e = n->a; e; e = e->next) {
        if (e->kind != N_CONST) all_const = false;
      }
      size_t k = node_list_len(n->a);
      if (all_const) {
        Value t = tuple_new(k, nullptr);
        size_t i = 0;
        for (Node* e = n->a; e; e = e->next)
          as<TupleObj>(t)->items[i++] = e->v;
        emit_uint(c, OP_LOAD_CONST, add_const(c, t));
        break;
      }
      for (Node* e = n->a; e; e = e->next)
        compile_expr(c, e);
      emit_uint(c, OP_BUILD_TUPLE, static_cast<uint32_t>(k), 1 - static_cast<int>(k));
      break;
    }
    case N_LIST: {
      if (has_star(n->a)) {
        compile_starred_list(c, n->a);
        break;
      }
      size_t k = node_list_len(n->a);
      for (Node* e = n->a; e; e = e->next)
        compile_expr(c, e);
      emit_uint(c, OP_BUILD_LIST, static_cast<uint32_t>(k), 1 - static_cast<int>(k));
      break;
    }
    case N_SET: {
      if (has_star(n->a)) {
        emit_uint(c, OP_BUILD_SET, 0, 1);
        for (Node* e = n->a; e; e = e->next) {
          if (e->kind == N_STAR) {
            compile_expr(c, e->a);
            emit_uint(c, OP_SET_UPDATE, 1);
          } else {
            compile_expr(c, e);
            emit_uint(c, OP_SET_ADD, 0);
          }
        }
        break;
      }
      size_t k = node_list_len(n->a);
      for (Node* e = n->a; e; e = e->next)
        compile_expr(c, e);
      emit_uint(c, OP_BUILD_SET, static_cast<uint32_t>(k), 1 - static_cast<int>(k));
      break;
    }
    case N_DICT: {
      int pending = 0;
      bool have = false;
      for (Node* e = n->a; e; e = e->next) {
        if (e->kind == N_STARSTAR) {
          if (!have || pending) {
            emit_uint(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
            if (have) emit_uint(c, OP_DICT_UPDATE, kDictUpdate);
            have = true;
          }
          pending = 0;
          compile_expr(c, e->a);
          emit_uint(c, OP_DICT_UPDATE, kDictUpdate);
        } else if (e->a->kind == N_CONST || e->a->kind == N_NAME) {
          // Loading a constant or a name has no effect to put in order.
          compile_expr(c, e->a);
          compile_expr(c, e->b);
          pending++;
        } else {
          // MicroPython evaluates the value before the key (as Python 3.4 did).
          compile_expr(c, e->b);
          compile_expr(c, e->a);
          emit(c, OP_ROT_TWO);
          pending++;
        }
      }
      if (!have) {
        emit_uint(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
      } else if (pending) {
        emit_uint(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
        emit_uint(c, OP_DICT_UPDATE, kDictUpdate);
      }
      break;
    }
    case N_ATTR:
      compile_expr(c, n->a);
      emit_cached(c, OP_LOAD_ATTR, qstr_of(n->v));
      break;
    case N_SUBSCR:
      compile_expr(c, n->a);
      compile_expr(c, n->b);
      emit(c, OP_LOAD_SUBSCR);
      break;
    case N_SLICE: {
      int k = n->c ? 3 : 2;
      if (n->a) {
        compile_expr(c, n->a);
      } else {
        emit(c, OP_LOAD_NONE);
      }
      if (n->b) {
        compile_expr(c, n->b);
      } else {
        emit(c, OP_LOAD_NONE);
      }
      if (n->c) compile_expr(c, n->c);
      emit_uint(c, OP_BUILD_SLICE, k, 1 - k);
      break;
    }
    case N_CALL:
      compile_call(c, n);
      break;
    case N_BINOP:
      compile_expr(c, n->a);
      compile_expr(c, n->b);
      emit_byte_op(c, OP_BINARY_OP, n->op);
      break;
    case N_UNARYOP:
      compile_expr(c, n->a);
      emit_byte_op(c, OP_UNARY_OP, n->op);
      break;
    case N_NOT:
      compile_expr(c, n->a);
      emit(c, OP_NOT);
      break;
    case N_AND:
    case N_OR: {
      int end = new_label(c);
      for (Node* e = n->a; e; e = e->next) {
        compile_expr(c, e);
        if (e->next) {
          emit_jump(c, n->kind == N_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP, end,
                    -1);
        }
      }
      bind_label(c, end);
      break;
    }
    case N_COMPARE:
      compile_compare(c, n);
      break;
    case N_IFEXP: {
      int other = new_label(c);
      int end = new_label(c);
      compile_jump_if(c, n->a, false, other);
      compile_expr(c, n->b);
      emit_jump(c, OP_JUMP, end);
      adjust(c->u, -1);
      bind_label(c, other);
      compile_expr(c, n->c);
      bind_label(c, end);
      break;
    }
    case N_LAMBDA:
      compile_make_function(c, n, n->scope, n->a);
      break;
    case N_LISTCOMP:
    case N_SETCOMP:
    case N_GENEXP:
    case N_DICTCOMP:
      compile_comprehension(c, n);
      break;
    case N_YIELD:
      if (c->u->scope->kind == kScopeModule || c->u->scope->kind == kScopeClass) {
        compile_error(c, n->line, "'yield' outside function");
      }
      if (n->a) {
        compile_expr(c, n->a);
      } else {
        emit(c, OP_LOAD_NONE);
      }
      emit(c, OP_YIELD_VALUE);
      break;
    case N_YIELDFROM:
      if (c->u->scope->kind == kScopeModule || c->u->scope->kind == kScopeClass) {
        compile_error(c, n->line, "'yield' outside function");
      }
      compile_expr(c, n->a);
      emit(c, OP_GET_YIELD_FROM_ITER);
      emit(c, OP_LOAD_NONE);
      emit(c, OP_YIELD_FROM);
      break;
    case N_AWAIT:
      if (c->u->scope->kind == kScopeModule || c->u->scope->kind == kScopeClass) {
        compile_error(c, n->line, "'await' outside function");
      }
      compile_expr(c, n->a);
      emit_await(c);
      break;
    case N_NAMEDEXPR:
      compile_expr(c, n->b);
      emit(c, OP_DUP_TOP);
      compile_store(c, n->a);
      break;
    case N_STAR:
      compile_error(c, n->line, "can't use starred expression here");
    default:
      compile_error(c, n->line, "invalid syntax");
  }
}

// --- assignment targets -------------------------------------------------------------
void compile_store(Compiler* c, Node* t) {
  set_line(c, t->line);
  switch (t->kind) {
    case N_NAME:
      compile_name(c, qstr_of(t->v), kStore);
      break;
    case N_ATTR:
      compile_expr(c, t->a);
      emit_cached(c, OP_STORE_ATTR, qstr_of(t->v));
      break;
    case N_SUBSCR:
      compile_expr(c, t->a);
      compile_expr(c, t->b);
      emit(c, OP_STORE_SUBSCR);
      break;
    case N_TUPLE:
    case N_LIST: {
      size_t k = node_list_len(t->a);
      size_t before = 0;
      bool star = false;
      for (Node* e = t->a; e; e = e->next) {
        if (e->kind == N_STAR) {
          star = true;
          break;
        }
        before++;
      }
      if (star) {
        size_t after = k - before - 1;
        emit_uint(c, OP_UNPACK_EX, static_cast<uint32_t>(before | (after << 8)),
                  static_cast<int>(k) - 1);
      } else {
        emit_uint(c, OP_UNPACK_SEQUENCE, static_cast<uint32_t>(k), static_cast<int>(k) - 1);
      }
      for (Node* e = t->a; e; e = e->next)
        compile_store(c, e->kind == N_STAR ? e->a : e);
      break;
    }
    default:
      compile_error(c, t->line, "can't assign to expression");
  }
}

void compile_delete(Compiler* c, Node* t) {
  switch (t->kind) {
    case N_NAME:
      compile_name(c, qstr_of(t->v), kDelete);
      break;
    case N_ATTR:
      compile_expr(c, t->a);
      emit_uint(c, OP_DELETE_ATTR, qstr_of(t->v));
      break;
    case N_SUBSCR:
      compile_expr(c, t->a);
      compile_expr(c, t->b);
      emit(c, OP_DELETE_SUBSCR);
      break;
    case N_TUPLE:
    case N_LIST:
      for (Node* e = t->a; e; e = e->next)
        compile_delete(c, e);
      break;
    default:
      compile_error(c, t->line, "can't delete expression");
  }
}

// --- leaving blocks early ----------------------------------------------------------------
void emit_exit_call(Compiler* c, bool is_async) {
  // [exit] -> exit(None, None, None), awaited for async with; result dropped.
  emit(c, OP_LOAD_NONE);
  emit(c, OP_LOAD_NONE);
  emit(c, OP_LOAD_NONE);
  emit_uint(c, OP_CALL, 3, -3);
  if (is_async) emit_await(c);
  emit(c, OP_POP_TOP);
}

// Emits the cleanups of blocks [target, top) for a break/continue (with_value false)
// or a return (the value on top of the stack). Suspended ranges are recorded in
// `suspended` so the caller resumes them after its jump or return.
void unwind_blocks(Compiler* c, int target, bool with_value, Range** suspended, int* n_suspended) {
  Unit* u = c->u;
  int mark = u->n_ret_marks - 1;
  for (int i = u->n_blocks - 1; i >= target; i--) {
    // Leaving a final body that runs for a pending return (a break, continue or
    // return inside it overrides that return): drop the pending value first.
    for (; mark >= 0 && u->ret_marks[mark] > i; mark--) {
      if (with_value) emit(c, OP_ROT_TWO);
      emit(c, OP_POP_TOP);
    }
    Block b = u->blocks[i];
    switch (b.kind) {
      case kBlockLoop:
        for (int k = 0; k < b.for_slots; k++) {
          if (with_value) emit(c, OP_ROT_TWO);
          emit(c, OP_POP_TOP);
        }
        break;
      case kBlockFinally: {
        range_end(c, b.range);
        suspended[(*n_suspended)++] = b.range;
        // The final body runs with the blocks inside it popped.
        int saved = u->n_blocks;
        u->n_blocks = i;
        if (with_value) u->ret_marks[u->n_ret_marks++] = i;
        compile_stmts(c, b.final_body);
        if (with_value) u->n_ret_marks--;
        u->n_blocks = saved;
        break;
      }
      case kBlockWith:
        range_end(c, b.range);
        suspended[(*n_suspended)++] = b.range;
        if (with_value) emit(c, OP_ROT_TWO);
        emit_exit_call(c, b.is_async);
        break;
      case kBlockExcept:
        range_end(c, b.range);
        suspended[(*n_suspended)++] = b.range;
        if (with_value) emit(c, OP_ROT_TWO);
        emit(c, OP_POP_EXCEPT);
        break;
      case kBlockTryBody:
        break;
      case kBlockFinallyExc:
        range_end(c, b.range);
        suspended[(*n_suspended)++] = b.range;
        if (with_value) emit(c, OP_ROT_THREE);
        emit(c, OP_POP_TOP);
        emit(c, OP_POP_EXCEPT);
        break;
    }
  }
  for (; mark >= 0 && u->ret_marks[mark] >= target; mark--) {
    if (with_value) emit(c, OP_ROT_TWO);
    emit(c, OP_POP_TOP);
  }
}

void compile_break_continue(Compiler* c, Node* n, bool is_break) {
  Unit* u = c->u;
  int loop = -1;
  for (int i = u->n_blocks - 1; i >= 0; i--) {
    if (u->blocks[i].kind == kBlockLoop) {
      loop = i;
      break;
    }
  }
  if (loop < 0) compile_error(c, n->line, "'break'/'continue' outside loop");
  int saved_depth = u->depth;
  Range* suspended[kMaxBlocks];
  int n_suspended = 0;
  // Blocks inside the loop are unwound; the loop itself only for break.
  unwind_blocks(c, loop + 1, false, suspended, &n_suspended);
  if (is_break) {
    for (int k = 0; k < u->blocks[loop].for_slots; k++)
      emit(c, OP_POP_TOP);
    emit_jump(c, OP_JUMP, u->blocks[loop].break_label);
  } else {
    emit_jump(c, OP_JUMP, u->blocks[loop].continue_label);
  }
  for (int i = 0; i < n_suspended; i++)
    range_resume(c, suspended[i]);
  u->depth = saved_depth;
}

void compile_return(Compiler* c, Node* n) {
  Unit* u = c->u;
  if (u->scope->kind != kScopeFunction && u->scope->kind != kScopeComprehension &&
      c->mode != kCompileEval) {
    compile_error(c, n->line, "'return' outside function");
  }
  if (n->a) {
    compile_expr(c, n->a);
  } else {
    emit(c, OP_LOAD_NONE);
  }
  int saved_depth = u->depth;
  Range* suspended[kMaxBlocks];
  int n_suspended = 0;
  unwind_blocks(c, 0, true, suspended, &n_suspended);
  emit(c, OP_RETURN_VALUE);
  for (int i = 0; i < n_suspended; i++)
    range_resume(c, suspended[i]);
  u->depth = saved_depth - 1;
}

// --- statements -------------------------------------------------------------------
void compile_try_except(Compiler* c, Node* n) {
  Unit* u = c->u;
  int handler = new_label(c);
  int end = new_label(c);
  int depth = u->depth;
  // The body is one more nesting level, so its entry beats enclosing ranges that
  // were split (and so entered in the table) while the body was compiled.
  Block tb{};
  tb.kind = kBlockTryBody;
  push_block(c, tb);
  Range body;
  range_begin(c, &body, handler, depth);
  compile_stmts(c, n->a);
  range_end(c, &body);
  pop_block(c);
  compile_stmts(c, n->c);  // else
  emit_jump(c, OP_JUMP, end);

  bind_label(c, handler);
  u->depth = depth + 1;  // [exc]
  if (u->depth > u->max_depth) u->max_depth = u->depth;
  emit(c, OP_PUSH_EXC_INFO);  // [prev, exc]
  int cleanup = new_label(c);
  Range hrange;
  range_begin(c, &hrange, cleanup, depth + 1);
  for (Node* h = n->b; h; h = h->next) {
    set_line(c, h->line);
    int next_clause = new_label(c);
    if (h->a) {
      compile_expr(c, h->a);
      emit(c, OP_CHECK_EXC_MATCH);  // [prev, exc, bool]
      emit_jump(c, OP_POP_JUMP_IF_FALSE, next_clause);
    }
    if (h->v != kNull) {
      compile_name(c, qstr_of(h->v), kStore);
    } else {
      emit(c, OP_POP_TOP);
    }
    // [prev]
    Block b{};
    b.kind = kBlockExcept;
    b.range = &hrange;
    push_block(c, b);
    compile_stmts(c, h->b);
    pop_block(c);
    if (h->v != kNull) {
      emit(c, OP_LOAD_NONE);
      compile_name(c, qstr_of(h->v), kStore);
      compile_name(c, qstr_of(h->v), kDelete);
    }
    emit(c, OP_POP_EXCEPT);
    emit_jump(c, OP_JUMP, end);
    bind_label(c, next_clause);
    u->depth = depth + 2;  // [prev, exc]
  }
  emit(c, OP_RERAISE);
  range_end(c, &hrange);
  bind_label(c, cleanup);
  u->depth = depth + 2;  // [prev, new exc]
  if (u->depth > u->max_depth) u->max_depth = u->depth;
  emit(c, OP_RERAISE);
  bind_label(c, end);
  u->depth = depth;
}

void compile_try(Compiler* c, Node* n) {
  if (n->d == nullptr) {
    compile_try_except(c, n);
    return;
  }
  Unit* u = c->u;
  int handler = new_label(c);
  int end = new_label(c);
  int depth = u->depth;
  Range* range = static_cast<Range*>(gc_alloc(sizeof(Range)));
  range_begin(c, range, handler, depth);
  Block b{};
  b.kind = kBlockFinally;
  b.final_body = n->d;
  b.range = range;
  push_block(c, b);
  if (n->b) {
    compile_try_except(c, n);
  } else {
    compile_stmts(c, n->a);
  }
  pop_block(c);
  range_end(c, range);
  compile_stmts(c, n->d);  // normal path
  emit_jump(c, OP_JUMP, end);

  bind_label(c, handler);
  u->depth = depth + 1;
  if (u->depth > u->max_depth) u->max_depth = u->depth;
  emit(c, OP_PUSH_EXC_INFO);  // [prev, exc]
  int cleanup = new_label(c);
  Range frange;
  range_begin(c, &frange, cleanup, depth + 1);
  Block fb{};
  fb.kind = kBlockFinallyExc;
  fb.range = &frange;
  push_block(c, fb);
  compile_stmts(c, n->d);
  pop_block(c);
  emit(c, OP_RERAISE);
  range_end(c, &frange);
  bind_label(c, cleanup);
  u->depth = depth + 2;
  if (u->depth > u->max_depth) u->max_depth = u->depth;
  emit(c, OP_RERAISE);
  bind_label(c, end);
  u->depth = depth;
}

void compile_with_items(Compiler* c, Node* item, Node* body, bool is_async) {
  if (item == nullptr) {
    compile_stmts(c, body);
    return;
  }
  Unit* u = c->u;
  compile_expr(c, item->a);
  int depth = u->depth - 1;
  if (is_async) {
    // [mgr] -> [aexit bound, await aenter()]
    emit(c, OP_DUP_TOP);
    emit_uint(c, OP_LOAD_METHOD, Q___aexit__);
    // [mgr, meth, self]: make a bound method by calling nothing; simpler: use LOAD_ATTR.
    emit(c, OP_POP_TOP);
    emit(c, OP_POP_TOP);
    emit(c, OP_DUP_TOP);
    emit_cached(c, OP_LOAD_ATTR, Q___aexit__);
    emit(c, OP_ROT_TWO);  // [aexit, mgr]
    emit_uint(c, OP_LOAD_METHOD, Q___aenter__);
    emit_uint(c, OP_CALL_METHOD, 0, -1);
    emit_await(c);
  } else {
    emit(c, OP_BEFORE_WITH);  // [exit, enter result]
  }
  if (item->b) {
    compile_store(c, item->b);
  } else {
    emit(c, OP_POP_TOP);
  }
  int handler = new_label(c);
  int end = new_label(c);
  Range* range = static_cast<Range*>(gc_alloc(sizeof(Range)));
  range_begin(c, range, handler, depth + 1);
  Block b{};
  b.kind = kBlockWith;
  b.is_async = is_async;
  b.range = range;
  push_block(c, b);
  compile_with_items(c, item->next, body, is_async);
  pop_block(c);
  range_end(c, range);
  emit_exit_call(c, is_async);
  emit_jump(c, OP_JUMP, end);

  bind_label(c, handler);
  u->depth = depth + 2;       // [exit, exc]
  emit(c, OP_PUSH_EXC_INFO);  // [exit, prev, exc]
  int cleanup = new_label(c);
  Range hr;
  range_begin(c, &hr, cleanup, depth + 2);
  emit(c, OP_WITH_EXCEPT_START);  // [exit, prev, exc, result]
  if (is_async) {
    emit_await(c);
  }
  int suppress = new_label(c);
  emit_jump(c, OP_POP_JUMP_IF_TRUE, suppress);
  emit(c, OP_RERAISE);
  range_end(c, &hr);
  bind_label(c, suppress);
  u->depth = depth + 3;  // [exit, prev, exc]
  emit(c, OP_POP_TOP);
  emit(c, OP_POP_EXCEPT);
  emit(c, OP_POP_TOP);
  emit_jump(c, OP_JUMP, end);
  bind_label(c, cleanup);
  u->depth = depth + 3;  // [exit, prev, new exc]
  if (u->depth > u->max_depth) u->max_depth = u->depth;
  emit(c, OP_RERAISE);
  bind_label(c, end);
  u->depth = depth;
}

// `for x in range(a[, b[, c]])` with plain positional arguments: FOR_RANGE_SETUP makes the
// call itself, and when the callee is the builtin range with small-int arguments it keeps
// [stop, step, current] on the stack instead of allocating a range and its iterator
// (anything else: [iterator, null, null], stepped with iternext).
bool is_range_call(const Node* e) {
  if (e->kind != N_CALL || e->a->kind != N_NAME || qstr_of(e->a->v) != Q_range) return false;
  int n = 0;
  for (const Node* a = e->b; a; a = a->next) {
    if (a->kind == N_STAR || a->kind == N_STARSTAR || a->kind == N_KEYWORD) return false;
    n++;
  }
  return n >= 1 && n <= 3;
}

void compile_for(Compiler* c, Node* n) {
  Unit* u = c->u;
  int top = new_label(c);
  int exit = new_label(c);
  int brk = new_label(c);
  int slots = 1;
  if (!n->op && is_range_call(n->b)) {
    compile_expr(c, n->b->a);
    int n_args = 0;
    for (Node* a = n->b->b; a; a = a->next, n_args++)
      compile_expr(c, a);
    set_line(c, n->line);
    emit_uint(c, OP_FOR_RANGE_SETUP, static_cast<uint32_t>(n_args), 2 - n_args);
    slots = 3;
  } else if (n->op) {  // async for: the iterator comes from __aiter__
    compile_expr(c, n->b);
    emit_uint(c, OP_LOAD_METHOD, Q___aiter__);
    emit_uint(c, OP_CALL_METHOD, 0, -1);
  } else {
    compile_expr(c, n->b);
    emit(c, OP_GET_ITER);
  }
  bind_label(c, top);
  set_line(c, n->line);
  if (n->op) {
    // x = await it.__anext__(); StopAsyncIteration ends the loop.
    int stop = new_label(c);
    int got = new_label(c);
    int depth = u->depth;
    Range r;
    range_begin(c, &r, stop, depth);
    emit(c, OP_DUP_TOP);
    emit_uint(c, OP_LOAD_METHOD, Q___anext__);
    emit_uint(c, OP_CALL_METHOD, 0, -1);
    emit_await(c);
    range_end(c, &r);
    emit_jump(c, OP_JUMP, got);
    bind_label(c, stop);
    u->depth = depth + 1;       // [it, exc]
    emit(c, OP_PUSH_EXC_INFO);  // [it, prev, exc]
    emit_load_const(c, val(&exc_StopAsyncIteration));
    emit(c, OP_CHECK_EXC_MATCH);
    int matched = new_label(c);
    emit_jump(c, OP_POP_JUMP_IF_TRUE, matched);
    emit(c, OP_RERAISE);
    bind_label(c, matched);
    u->depth = depth + 2;
    emit(c, OP_POP_TOP);
    emit(c, OP_POP_EXCEPT);
    emit(c, OP_POP_TOP);  // the iterator
    emit_jump(c, OP_JUMP, exit);
    bind_label(c, got);
    u->depth = depth + 1;
  } else if (slots == 3) {
    emit_jump(c, OP_FOR_RANGE, exit);
  } else {
    emit_jump(c, OP_FOR_ITER, exit);
  }
  Block b{};
  b.kind = kBlockLoop;
  b.for_slots = static_cast<uint8_t>(slots);
  b.break_label = brk;
  b.continue_label = top;
  compile_store(c, n->a);
  push_block(c, b);
  compile_stmts(c, n->c);
  pop_block(c);
  emit_jump(c, OP_JUMP, top);
  bind_label(c, exit);
  adjust(u, -slots);  // FOR_ITER / FOR_RANGE popped the loop state on exhaustion
  compile_stmts(c, n->d);
  bind_label(c, brk);
}

void compile_while(Compiler* c, Node* n) {
  int top = new_label(c);
  int orelse = new_label(c);
  int brk = new_label(c);
  bind_label(c, top);
  bool forever = n->a->kind == N_CONST && is_true(n->a->v);
  if (!forever) compile_jump_if(c, n->a, false, orelse);
  Block b{};
  b.kind = kBlockLoop;
  b.break_label = brk;
  b.continue_label = top;
  push_block(c, b);
  compile_stmts(c, n->b);
  pop_block(c);
  emit_jump(c, OP_JUMP, top);
  bind_label(c, orelse);
  compile_stmts(c, n->c);
  bind_label(c, brk);
}

void compile_funcdef(Compiler* c, Node* n) {
  for (Node* d = n->c; d; d = d->next)
    compile_expr(c, d);
  compile_make_function(c, n, n->scope, n->a);
  for (Node* d = n->c; d; d = d->next)
    emit_uint(c, OP_CALL, 1, -1);
  compile_name(c, qstr_of(n->v), kStore);
}

void compile_classdef(Compiler* c, Node* n) {
  for (Node* d = n->c; d; d = d->next)
    compile_expr(c, d);
  emit(c, OP_LOAD_BUILD_CLASS);
  compile_make_function(c, n, n->scope, nullptr);
  emit_uint(c, OP_LOAD_QSTR, qstr_of(n->v));
  // __build_class__(body, name, *bases, **keywords)
  compile_call_args(c, n->a, false, 2);
  for (Node* d = n->c; d; d = d->next)
    emit_uint(c, OP_CALL, 1, -1);
  compile_name(c, qstr_of(n->v), kStore);
}

void compile_import(Compiler* c, Node* n) {
  for (Node* a = n->a; a; a = a->next) {
    Qstr name = qstr_of(a->v);
    emit_load_const(c, small_int(0));
    emit(c, OP_LOAD_NONE);
    emit_uint(c, OP_IMPORT_NAME, name);
    const char* s = qstr_str(name);
    const char* dot = strchr(s, '.');
    if (a->b) {
      // import a.b.c as x: x is the innermost module.
      while (dot) {
        const char* next_dot = strchr(dot + 1, '.');
        size_t len = next_dot ? static_cast<size_t>(next_dot - dot - 1) : strlen(dot + 1);
        emit_cached(c, OP_LOAD_ATTR, qstr_from_strn(dot + 1, len));
        dot = next_dot;
      }
      compile_name(c, qstr_of(a->b->v), kStore);
    } else {
      compile_name(c, dot ? qstr_from_strn(s, dot - s) : name, kStore);
    }
  }
}

void compile_import_from(Compiler* c, Node* n) {
  emit_load_const(c, small_int(n->op));
  Qstr mod = n->v == kNull ? Q__empty_ : qstr_of(n->v);
  if (n->a == nullptr) {
    if (c->u->scope->kind != kScopeModule)
      compile_error(c, n->line, "import * not at module level");
    Value t = tuple_new(1, nullptr);
    as<TupleObj>(t)->items[0] = qstr_value(Q__star_);
    emit_uint(c, OP_LOAD_CONST, add_const(c, t));
    emit_uint(c, OP_IMPORT_NAME, mod);
    emit(c, OP_IMPORT_STAR);
    return;
  }
  size_t k = node_list_len(n->a);
  Value t = tuple_new(k, nullptr);
  size_t i = 0;
  for (Node* a = n->a; a; a = a->next)
    as<TupleObj>(t)->items[i++] = a->v;
  emit_uint(c, OP_LOAD_CONST, add_const(c, t));
  emit_uint(c, OP_IMPORT_NAME, mod);
  for (Node* a = n->a; a; a = a->next) {
    emit_uint(c, OP_IMPORT_FROM, qstr_of(a->v));
    compile_name(c, qstr_of(a->b ? a->b->v : a->v), kStore);
  }
  emit(c, OP_POP_TOP);
}

void compile_stmt(Compiler* c, Node* n) {
  set_line(c, n->line);
  switch (n->kind) {
    case N_EXPR:
      if (n->a->kind == N_CONST && c->mode != kCompileSingle) break;  // docstrings, ...
      compile_expr(c, n->a);
      if (c->mode == kCompileSingle && c->u->scope->kind == kScopeModule) {
        emit(c, OP_PRINT_EXPR);
      } else {
        emit(c, OP_POP_TOP);
      }
      break;
    case N_ASSIGN: {
      compile_expr(c, n->b);
      for (Node* t = n->a; t; t = t->next) {
        if (t->next) emit(c, OP_DUP_TOP);
        compile_store(c, t);
      }
      break;
    }
    case N_AUGASSIGN: {
      Node* t = n->a;
      if (t->kind == N_NAME) {
        compile_name(c, qstr_of(t->v), kLoad);
        compile_expr(c, n->b);
        emit_byte_op(c, OP_BINARY_OP, n->op);
        compile_name(c, qstr_of(t->v), kStore);
      } else if (t->kind == N_ATTR) {
        compile_expr(c, t->a);
        emit(c, OP_DUP_TOP);
        emit_cached(c, OP_LOAD_ATTR, qstr_of(t->v));
        compile_expr(c, n->b);
        emit_byte_op(c, OP_BINARY_OP, n->op);
        emit(c, OP_ROT_TWO);
        emit_cached(c, OP_STORE_ATTR, qstr_of(t->v));
      } else {
        compile_expr(c, t->a);
        compile_expr(c, t->b);
        emit(c, OP_DUP_TOP_TWO);
        emit(c, OP_LOAD_SUBSCR);
        compile_expr(c, n->b);
        emit_byte_op(c, OP_BINARY_OP, n->op);
        emit(c, OP_ROT_THREE);
        emit(c, OP_STORE_SUBSCR);
      }
      break;
    }
    case N_ANNASSIGN:
      if (n->b) {
        compile_expr(c, n->b);
        compile_store(c, n->a);
      }
      break;
    case N_DEL:
      compile_delete(c, n->a);
      break;
    case N_PASS:
    case N_GLOBAL:
    case N_NONLOCAL:
      break;
    case N_BREAK:
      compile_break_continue(c, n, true);
      break;
    case N_CONTINUE:
      compile_break_continue(c, n, false);
      break;
    case N_RETURN:
      compile_return(c, n);
      break;
    case N_RAISE:
      if (n->a) compile_expr(c, n->a);
      if (n->b) compile_expr(c, n->b);
      emit_uint(c, OP_RAISE, n->b ? 2 : n->a ? 1 : 0, n->b ? -2 : n->a ? -1 : 0);
      break;
    case N_ASSERT: {
      int ok = new_label(c);
      compile_jump_if(c, n->a, true, ok);
      emit(c, OP_LOAD_ASSERTION_ERROR);
      if (n->b) {
        compile_expr(c, n->b);
        emit_uint(c, OP_CALL, 1, -1);
      }
      emit_uint(c, OP_RAISE, 1, -1);
      bind_label(c, ok);
      break;
    }
    case N_IF: {
      int other = new_label(c);
      int end = new_label(c);
      compile_jump_if(c, n->a, false, other);
      compile_stmts(c, n->b);
      if (n->c) emit_jump(c, OP_JUMP, end);
      bind_label(c, other);
      if (n->c) {
        if (n->c->kind == N_IF && n->c->next == nullptr && n->c->line != 0) {
          compile_stmt(c, n->c);
        } else {
          compile_stmts(c, n->c);
        }
      }
      bind_label(c, end);
      break;
    }
    case N_WHILE:
      compile_while(c, n);
      break;
    case N_FOR:
      compile_for(c, n);
      break;
    case N_TRY:
      compile_try(c, n);
      break;
    case N_WITH:
      compile_with_items(c, n->a, n->b, n->op != 0);
      break;
    case N_FUNCDEF:
      compile_funcdef(c, n);
      break;
    case N_CLASSDEF:
      compile_classdef(c, n);
      break;
    case N_IMPORT:
      compile_import(c, n);
      break;
    case N_IMPORTFROM:
      compile_import_from(c, n);
      break;
    default:
      compile_error(c, n->line, "invalid syntax");
  }
}

void compile_stmts(Compiler* c, Node* n) {
  for (; n; n = n->next)
    compile_stmt(c, n);
}

// The body of a comprehension function.
void compile_comp_body(Compiler* c, Node* n, Node* gen, int n_iters) {
  Unit* u = c->u;
  int top = new_label(c);
  int exit = new_label(c);
  if (gen == n->b) {
    emit_uint(c, OP_LOAD_FAST, 0);  // the iterator argument
  } else {
    compile_expr(c, gen->b);
    emit(c, OP_GET_ITER);
  }
  bind_label(c, top);
  emit_jump(c, OP_FOR_ITER, exit);
  compile_store(c, gen->a);
  for (Node* cond = gen->c; cond; cond = cond->next)
    compile_jump_if(c, cond, false, top);
  if (gen->next) {
    compile_comp_body(c, n, gen->next, n_iters + 1);
  } else {
    switch (n->kind) {
      case N_LISTCOMP:
        compile_expr(c, n->a);
        emit_uint(c, OP_LIST_APPEND, n_iters + 1);
        break;
      case N_SETCOMP:
        compile_expr(c, n->a);
        emit_uint(c, OP_SET_ADD, n_iters + 1);
        break;
      case N_DICTCOMP:
        compile_expr(c, n->a);
        compile_expr(c, n->c);
        emit_uint(c, OP_MAP_ADD, n_iters + 1);
        break;
      default:  // generator expression
        compile_expr(c, n->a);
        emit(c, OP_YIELD_VALUE);
        emit(c, OP_POP_TOP);
        break;
    }
  }
  emit_jump(c, OP_JUMP, top);
  bind_label(c, exit);
  adjust(u, -1);
}

Value finish_unit(Compiler* c, Scope* s) {
  Unit* u = c->u;
  resolve_jumps(c);
  CodeObj* code = gc_new<CodeObj>(&code_type);
  uint8_t* bc = static_cast<uint8_t*>(gc_alloc(u->code.len));
  mem_copy(bc, u->code.buf, u->code.len);
  code->code = bc;
  code->code_len = static_cast<uint32_t>(u->code.len);
  ListObj* consts = as<ListObj>(u->consts);
  code->consts = consts->len ? tuple_new(consts->len, consts->items) : kNull;
  if (u->lines.len) {
    uint8_t* lt = static_cast<uint8_t*>(gc_alloc(u->lines.len));
    mem_copy(lt, u->lines.buf, u->lines.len);
    code->lines = lt;
    code->lines_len = static_cast<uint32_t>(u->lines.len);
  }
  if (u->n_exc) {
    // Innermost (highest level) entries first; the VM takes the first match.
    uint16_t* et = static_cast<uint16_t*>(gc_alloc(u->n_exc * 4 * sizeof(uint16_t)));
    uint32_t k = 0;
    int max_level = 0;
    for (uint32_t i = 0; i < u->n_exc; i++) {
      if (u->exc[i * 5 + 4] > max_level) max_level = u->exc[i * 5 + 4];
    }
    for (int level = max_level; level >= 0; level--) {
      for (uint32_t i = 0; i < u->n_exc; i++) {
        const uint16_t* e = u->exc + i * 5;
        if (e[4] != level) continue;
        et[k * 4] = e[0];
        et[k * 4 + 1] = e[1];
        et[k * 4 + 2] = static_cast<uint16_t>(u->labels[e[2]]);
        et[k * 4 + 3] = e[3];
        k++;
      }
    }
    code->exc = et;
    code->n_exc = static_cast<uint16_t>(u->n_exc);
  }
  code->name = s->name;
  code->file = c->file;
  code->n_pos = s->n_params;
  code->n_kwonly = s->n_kwonly;
  code->n_locals = s->n_locals;
  code->n_free = s->n_free;
  code->stack_size = static_cast<uint16_t>(u->max_depth + 2);
  code->first_line = s->node->line;
  uint16_t flags = 0;
  if (s->has_varargs) flags |= kCodeVarargs;
  if (s->has_varkw) flags |= kCodeVarkw;
  if (s->is_generator) flags |= kCodeGenerator;
  if (s->is_coroutine && s->kind == kScopeFunction) flags |= kCodeCoroutine;
  if (s->kind == kScopeModule) flags |= kCodeModule | kCodeNameOps;
  if (s->kind == kScopeClass) flags |= kCodeClassBody | kCodeNameOps;
  code->flags = flags;
  if (s->n_locals) {
    Qstr* names = static_cast<Qstr*>(gc_alloc(s->n_locals * sizeof(Qstr)));
    uint16_t n_cells = 0;
    for (uint32_t i = 0; i < s->n_syms; i++) {
      Symbol* sym = &s->syms[i];
      if (sym->kind == kSymLocal || sym->kind == kSymCell || sym_in_closure(sym)) {
        names[sym->slot] = sym->name;
      }
      if (sym->kind == kSymCell) n_cells++;
    }
    // Parameters are in slots [0, n_params) even if global-declared (an error in
    // Python); their names come first.
    code->names = names;
    if (n_cells) {
      uint16_t* cells = static_cast<uint16_t*>(gc_alloc(n_cells * sizeof(uint16_t)));
      uint16_t k = 0;
      for (uint32_t i = 0; i < s->n_syms; i++) {
        if (s->syms[i].kind == kSymCell) cells[k++] = s->syms[i].slot;
      }
      code->cells = cells;
      code->n_cells = n_cells;
    }
  }
  return val(code);
}

Value compile_scope(Compiler* c, Scope* s) {
  Unit unit{};
  unit.scope = s;
  unit.parent = c->u;
  vstr_init(&unit.code, 64);
  vstr_init(&unit.lines, 16);
  unit.consts = list_new(0, nullptr);
  unit.cur_line = s->node->line;
  unit.last_line = s->node->line;
  Unit* saved = c->u;
  c->u = &unit;
  Node* n = s->node;
  c_stack_check();
  switch (n->kind) {
    case N_MODULE:
      compile_stmts(c, n->a);
      emit(c, OP_LOAD_NONE);
      emit(c, OP_RETURN_VALUE);
      break;
    case N_FUNCDEF:
      compile_stmts(c, n->b);
      emit(c, OP_LOAD_NONE);
      emit(c, OP_RETURN_VALUE);
      break;
    case N_LAMBDA:
      compile_expr(c, n->b);
      if (s->is_generator) emit(c, OP_POP_TOP);
      if (s->is_generator) emit(c, OP_LOAD_NONE);
      emit(c, OP_RETURN_VALUE);
      break;
    case N_CLASSDEF: {
      // __module__ and __qualname__ first, as CPython does.
      emit_cached(c, OP_LOAD_GLOBAL, Q___name__);
      emit_uint(c, OP_STORE_NAME, Q___module__);
      emit_uint(c, OP_LOAD_QSTR, qstr_of(n->v));
      emit_uint(c, OP_STORE_NAME, Q___qualname__);
      compile_stmts(c, n->b);
      Symbol* cell = scope_find(s, Q___class__);
      if (cell && cell->kind == kSymCell) {
        emit_uint(c, OP_LOAD_CLOSURE, cell->slot);
      } else {
        emit(c, OP_LOAD_NONE);
      }
      emit(c, OP_RETURN_VALUE);
      break;
    }
    default: {  // comprehensions
      switch (n->kind) {
        case N_LISTCOMP:
          emit_uint(c, OP_BUILD_LIST, 0, 1);
          break;
        case N_SETCOMP:
          emit_uint(c, OP_BUILD_SET, 0, 1);
          break;
        case N_DICTCOMP:
          emit_uint(c, OP_BUILD_MAP, 0, 1);
          break;
        default:
          break;
      }
      compile_comp_body(c, n, n->b, 0);
      if (n->kind == N_GENEXP) emit(c, OP_LOAD_NONE);
      emit(c, OP_RETURN_VALUE);
      break;
    }
  }
  Value code = finish_unit(c, s);
  c->u = saved;
  return code;
}

}  // namespace

Value compile_source(const char* src, size_t len, Qstr filename, CompileMode mode, Value globals,
                     bool names_are_globals) {
  Lexer lx;
  lexer_init(&lx, src, len, filename);
  Node* tree = parse(&lx, mode);
  Scope* ms = scope_analyse(tree, names_are_globals, filename);
  Compiler c{&lx, filename, mode, nullptr};
  Value code = compile_scope(&c, ms);
  if (mode == kCompileEval) {
    // Eval code returns its value; it was compiled as a module (name ops).
  }
  return fun_new(code, globals, kNull, kNull, kNull);
}

}  // namespace vpy
