// The re module: a compact backtracking regular expression engine.
//
// A pattern is parsed into a small tree, then compiled to instructions for a
// backtracking machine with an explicit stack (no C recursion while matching).
// Supported: literals, ., ^, $, [...] classes with ranges and \d\w\s, groups,
// (?:...), |, * + ? {m,n} and their lazy forms, \b \B, and \1-style references in
// substitution templates. Matching works on bytes; '.' and classes step over
// whole UTF-8 characters.
#include "runtime.h"

namespace vpy {

namespace {

enum ReOp : uint8_t {
  R_CHAR,   // arg: byte
  R_ANY,    // any character but newline
  R_CLASS,  // arg: class index
  R_SPLIT,  // try x first, then y
  R_JMP,
  R_SAVE,  // arg: capture slot
  R_BOL,
  R_EOL,
  R_WORDB,
  R_NWORDB,
  R_MARK,      // arg: loop register: remember the position
  R_PROGRESS,  // arg: loop register: fail if no progress since MARK
  R_MATCH,
};

struct Inst {
  uint8_t op;
  uint8_t pad;
  uint16_t arg;
  int32_t x, y;
};

// A character class: ranges of code points, optionally negated.
struct ReClass {
  bool neg;
  uint16_t n;
  uint32_t r[64];  // pairs lo, hi
};

enum NodeKind : uint8_t {
  N_LIT,
  N_ANYC,
  N_CLS,
  N_CAT,
  N_ALT,
  N_REPEAT,
  N_GROUP,
  N_NCGROUP,
  N_ASSERT
};

struct ReNode {
  uint8_t kind;
  uint8_t op;  // assert kind
  bool lazy;
  uint32_t c;    // literal byte
  int cls;       // class index
  int min, max;  // repeat; max -1 = unbounded
  int group;     // group number
  ReNode* a;
  ReNode* b;
};

struct Compiler {
  const char* p;
  const char* end;
  int n_groups;
  int n_loops;
  Vstr insts;    // of Inst
  Vstr classes;  // of ReClass
  bool icase;
};

[[noreturn]] void re_error(const char* msg) {
  raise_msg(&exc_ValueError, msg);
}

ReNode* mk(uint8_t kind) {
  ReNode* n = static_cast<ReNode*>(gc_alloc(sizeof(ReNode)));
  n->kind = kind;
  return n;
}

void class_add(ReClass* c, uint32_t lo, uint32_t hi) {
  if (c->n >= 32) re_error("character class too large");
  c->r[2 * c->n] = lo;
  c->r[2 * c->n + 1] = hi;
  c->n++;
}

void class_add_escape(ReClass* c, char e) {
  switch (e) {
    case 'd':
      class_add(c, '0', '9');
      break;
    case 'w':
      class_add(c, 'a', 'z');
      class_add(c, 'A', 'Z');
      class_add(c, '0', '9');
      class_add(c, '_', '_');
      break;
    case 's':
      class_add(c, ' ', ' ');
      class_add(c, '\t', '\r');
      break;
  }
}

int new_class(Compiler* cc, ReClass* c) {
  int idx = static_cast<int>(cc->classes.len / sizeof(ReClass));
  vstr_add_strn(&cc->classes, reinterpret_cast<const char*>(c), sizeof(ReClass));
  return idx;
}

uint32_t escape_char(char e) {
  switch (e) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    case '0':
      return 0;
    default:
      return static_cast<uint8_t>(e);
  }
}

ReNode* parse_alt(Compiler* cc);

ReNode* parse_atom(Compiler* cc) {
  char c = *cc->p++;
  switch (c) {
    case '.':
      return mk(N_ANYC);
    case '^': {
      ReNode* n = mk(N_ASSERT);
      n->op = R_BOL;
      return n;
    }
    case '$': {
      ReNode* n = mk(N_ASSERT);
      n->op = R_EOL;
      return n;
    }
    case '(': {
      ReNode* n;
      if (cc->p + 1 < cc->end && cc->p[0] == '?' && cc->p[1] == ':') {
        cc->p += 2;
        n = mk(N_NCGROUP);
      } else {
        n = mk(N_GROUP);
        n->group = ++cc->n_groups;
      }
      n->a = parse_alt(cc);
      if (cc->p >= cc->end || *cc->p != ')') re_error("missing )");
      cc->p++;
      return n;
    }
    case '[': {
      ReClass k{};
      if (cc->p < cc->end && *cc->p == '^') {
        k.neg = true;
        cc->p++;
      }
      bool first = true;
      while (cc->p < cc->end && (*cc->p != ']' || first)) {
        first = false;
        const char* s = cc->p;
        uint32_t lo;
        if (*s == '\\' && s + 1 < cc->end) {
          char e = s[1];
          cc->p += 2;
          if (e == 'd' || e == 'w' || e == 's') {
            class_add_escape(&k, e);
            continue;
          }
          lo = escape_char(e);
        } else {
          lo = utf8_decode(&cc->p);
        }
        uint32_t hi = lo;
        if (cc->p + 1 < cc->end && *cc->p == '-' && cc->p[1] != ']') {
          cc->p++;
          if (*cc->p == '\\' && cc->p + 1 < cc->end) {
            hi = escape_char(cc->p[1]);
            cc->p += 2;
          } else {
            hi = utf8_decode(&cc->p);
          }
        }
        class_add(&k, lo, hi);
        if (cc->icase) {
          for (uint32_t ch = lo; ch <= hi && ch < 128; ch++) {
            if (ch >= 'a' && ch <= 'z') class_add(&k, ch - 32, ch - 32);
            if (ch >= 'A' && ch <= 'Z') class_add(&k, ch + 32, ch + 32);
          }
        }
      }
      if (cc->p >= cc->end) re_error("unterminated character set");
      cc->p++;
      ReNode* n = mk(N_CLS);
      n->cls = new_class(cc, &k);
      return n;
    }
    case '\\': {
      if (cc->p >= cc->end) re_error("bad escape");
      char e = *cc->p++;
      if (e == 'd' || e == 'w' || e == 's' || e == 'D' || e == 'W' || e == 'S') {
        ReClass k{};
        k.neg = e >= 'A' && e <= 'Z';
        class_add_escape(&k, static_cast<char>(e | 0x20));
        ReNode* n = mk(N_CLS);
        n->cls = new_class(cc, &k);
        return n;
      }
      if (e == 'b' || e == 'B') {
        ReNode* n = mk(N_ASSERT);
        n->op = e == 'b' ? R_WORDB : R_NWORDB;
        return n;
      }
      ReNode* n = mk(N_LIT);
      n->c = escape_char(e);
      return n;
    }
    default: {
      ReNode* n = mk(N_LIT);
      n->c = static_cast<uint8_t>(c);
      return n;
    }
  }
}

// A repeat count; -1 if there are no digits. Saturates instead of overflowing (the
// caller rejects counts this large anyway).
int parse_int(Compiler* cc) {
  int v = -1;
  while (cc->p < cc->end && *cc->p >= '0' && *cc->p <= '9') {
    int d = *cc->p++ - '0';
    v = v < 0 ? d : v > (INT32_MAX - 9) / 10 ? INT32_MAX : v * 10 + d;
  }
  return v;
}

ReNode* parse_repeat(Compiler* cc) {
  ReNode* a = parse_atom(cc);
  for (;;) {
    if (cc->p >= cc->end) return a;
    char c = *cc->p;
    int mn, mx;
    if (c == '*') {
      mn = 0;
      mx = -1;
      cc->p++;
    } else if (c == '+') {
      mn = 1;
      mx = -1;
      cc->p++;
    } else if (c == '?') {
      mn = 0;
      mx = 1;
      cc->p++;
    } else if (c == '{' && cc->p + 1 < cc->end && cc->p[1] >= '0' && cc->p[1] <= '9') {
      cc->p++;
      mn = parse_int(cc);
      mx = mn;
      if (cc->p < cc->end && *cc->p == ',') {
        cc->p++;
        mx = parse_int(cc);
      }
      if (cc->p >= cc->end || *cc->p != '}') re_error("bad repeat");
      cc->p++;
      if (mx >= 0 && mx < mn) re_error("bad repeat");
      if (mn > 0xffff || mx > 0xffff) re_error("repeat count too large");  // each copy is code
    } else {
      return a;
    }
    if (a->kind == N_ASSERT) re_error("nothing to repeat");
    // "a**", "a*+", "a{2}{3}": a quantifier on a quantifier (CPython before 3.11 says so too;
    // taken as a nested repeat it backtracks exponentially).
    if (a->kind == N_REPEAT) re_error("multiple repeat");
    ReNode* r = mk(N_REPEAT);
    r->a = a;
    r->min = mn;
    r->max = mx;
    if (cc->p < cc->end && *cc->p == '?') {
      r->lazy = true;
      cc->p++;
    }
    a = r;
  }
}

ReNode* parse_cat(Compiler* cc) {
  ReNode* n = nullptr;
  while (cc->p < cc->end && *cc->p != '|' && *cc->p != ')') {
    ReNode* a = parse_repeat(cc);
    if (n == nullptr) {
      n = a;
    } else {
      ReNode* c = mk(N_CAT);
      c->a = n;
      c->b = a;
      n = c;
    }
  }
  return n ? n : mk(N_CAT);  // empty
}

ReNode* parse_alt(Compiler* cc) {
  ReNode* n = parse_cat(cc);
  while (cc->p < cc->end && *cc->p == '|') {
    cc->p++;
    ReNode* a = mk(N_ALT);
    a->a = n;
    a->b = parse_cat(cc);
    n = a;
  }
  return n;
}

int pc(Compiler* cc) {
  return static_cast<int>(cc->insts.len / sizeof(Inst));
}
Inst* at(Compiler* cc, int i) {
  return reinterpret_cast<Inst*>(cc->insts.buf) + i;
}
int emit(Compiler* cc, uint8_t op, int arg = 0, int x = 0, int y = 0) {
  if (pc(cc) > 20000) re_error("regex too complex");
  Inst in{op, 0, static_cast<uint16_t>(arg), x, y};
  int i = pc(cc);
  vstr_add_strn(&cc->insts, reinterpret_cast<const char*>(&in), sizeof(in));
  return i;
}

void gen(Compiler* cc, ReNode* n) {
  if (n == nullptr) return;
  switch (n->kind) {
    case N_LIT:
      if (cc->icase && ((n->c | 0x20) >= 'a' && (n->c | 0x20) <= 'z')) {
        ReClass k{};
        class_add(&k, n->c | 0x20, n->c | 0x20);
        class_add(&k, n->c & ~0x20u, n->c & ~0x20u);
        emit(cc, R_CLASS, new_class(cc, &k));
      } else {
        emit(cc, R_CHAR, static_cast<int>(n->c));
      }
      break;
    case N_ANYC:
      emit(cc, R_ANY);
      break;
    case N_CLS:
      emit(cc, R_CLASS, n->cls);
      break;
    case N_ASSERT:
      emit(cc, n->op);
      break;
    case N_CAT:
      gen(cc, n->a);
      gen(cc, n->b);
      break;
    case N_ALT: {
      int s = emit(cc, R_SPLIT);
      at(cc, s)->x = pc(cc);
      gen(cc, n->a);
      int j = emit(cc, R_JMP);
      at(cc, s)->y = pc(cc);
      gen(cc, n->b);
      at(cc, j)->x = pc(cc);
      break;
    }
    case N_GROUP:
      emit(cc, R_SAVE, 2 * n->group);
      gen(cc, n->a);
      emit(cc, R_SAVE, 2 * n->group + 1);
      break;
    case N_NCGROUP:
      gen(cc, n->a);
      break;
    case N_REPEAT: {
      for (int i = 0; i < n->min; i++)
        gen(cc, n->a);
      if (n->max < 0) {
        // L: split body, out; body: mark; a; progress; jmp L
        int reg = cc->n_loops++;
        int l = emit(cc, R_SPLIT);
        int body = pc(cc);
        emit(cc, R_MARK, reg);
        gen(cc, n->a);
        emit(cc, R_PROGRESS, reg);
        emit(cc, R_JMP, 0, l);
        int out = pc(cc);
        at(cc, l)->x = n->lazy ? out : body;
        at(cc, l)->y = n->lazy ? body : out;
      } else {
        // Optional copies, each skippable.
        int pending[64];
        int np = 0;
        for (int i = n->min; i < n->max; i++) {
          int s = emit(cc, R_SPLIT);
          if (np < 64) pending[np++] = s;
          int body = pc(cc);
          gen(cc, n->a);
          at(cc, s)->x = n->lazy ? -1 : body;
          at(cc, s)->y = n->lazy ? body : -1;
        }
        int out = pc(cc);
        for (int i = 0; i < np; i++) {
          Inst* s = at(cc, pending[i]);
          if (s->x == -1) s->x = out;
          if (s->y == -1) s->y = out;
        }
      }
      break;
    }
  }
}

// --- matching ---------------------------------------------------------------------------
struct Program {
  const Type* type;
  Value pattern;
  Inst* insts;
  ReClass* classes;
  int n_groups;
  int n_loops;
};

bool class_match(const ReClass* k, uint32_t ch) {
  bool in = false;
  for (uint16_t i = 0; i < k->n && !in; i++)
    in = ch >= k->r[2 * i] && ch <= k->r[2 * i + 1];
  return in != k->neg;
}

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

struct Bt {
  int32_t pc;  // >= 0: resume here at pos; -1: restore slot
  int32_t pos;
  int32_t slot;
  int32_t old;
};

// Tries to match at position start; caps receives 2*(n_groups+1) offsets.
bool run(const Program* prog, const char* s, int len, int start, int* caps, bool anchored_end) {
  int n_slots = 2 * (prog->n_groups + 1) + prog->n_loops;
  for (int i = 0; i < n_slots; i++)
    caps[i] = -1;
  Vstr stack;
  vstr_init(&stack, 64 * sizeof(Bt));
  auto push = [&](Bt b) { vstr_add_strn(&stack, reinterpret_cast<const char*>(&b), sizeof(b)); };
  int pcv = 0, pos = start;
  caps[0] = start;
  uint32_t steps = 0;
  for (;;) {
#if VPY_STEP_BUDGET
    // Fuzzing: every 64 matcher steps count as one step of the budget.
    if ((++steps & 0x3f) == 0 && VPY_INTERRUPT_DUE()) runtime_poll_interrupt();
#else
    if ((++steps & 0xfff) == 0 && VPY_INTERRUPT_DUE()) runtime_poll_interrupt();
#endif
    const Inst& in = prog->insts[pcv];
    bool fail = false;
    switch (in.op) {
      case R_CHAR:
        if (pos < len && static_cast<uint8_t>(s[pos]) == in.arg) {
          pos++;
          pcv++;
        } else {
          fail = true;
        }
        break;
      case R_ANY:
        if (pos < len && s[pos] != '\n') {
          const char* p = s + pos;
          utf8_decode(&p);
          pos = static_cast<int>(p - s);
          pcv++;
        } else {
          fail = true;
        }
        break;
      case R_CLASS:
        if (pos < len) {
          const char* p = s + pos;
          uint32_t ch = utf8_decode(&p);
          if (class_match(&prog->classes[in.arg], ch)) {
            pos = static_cast<int>(p - s);
            pcv++;
          } else {
            fail = true;
          }
        } else {
          fail = true;
        }
        break;
      case R_SPLIT:
        push(Bt{in.y, pos, 0, 0});
        pcv = in.x;
        break;
      case R_JMP:
        pcv = in.x;
        break;
      case R_SAVE:
      case R_MARK: {
        int slot = in.op == R_SAVE ? in.arg : 2 * (prog->n_groups + 1) + in.arg;
        push(Bt{-1, 0, slot, caps[slot]});
        caps[slot] = pos;
        pcv++;
        break;
      }
      case R_PROGRESS:
        if (caps[2 * (prog->n_groups + 1) + in.arg] == pos) {
          fail = true;
        } else {
          pcv++;
        }
        break;
      case R_BOL:
        if (pos == 0) {
          pcv++;
        } else {
          fail = true;
        }
        break;
      case R_EOL:
        if (pos == len || (pos == len - 1 && s[pos] == '\n')) {
          pcv++;
        } else {
          fail = true;
        }
        break;
      case R_WORDB:
      case R_NWORDB: {
        bool a = pos > 0 && is_word(s[pos - 1]);
        bool b = pos < len && is_word(s[pos]);
        if ((a != b) == (in.op == R_WORDB)) {
          pcv++;
        } else {
          fail = true;
        }
        break;
      }
      case R_MATCH:
        if (anchored_end && pos != len) {
          fail = true;
          break;
        }
        caps[1] = pos;
        gc_free(stack.buf);
        return true;
    }
    if (!fail) continue;
    // Backtrack: undo saves until a branch to resume.
    for (;;) {
      if (stack.len == 0) {
        gc_free(stack.buf);
        return false;
      }
      stack.len -= sizeof(Bt);
      Bt b;
      mem_copy(&b, stack.buf + stack.len, sizeof(b));
      if (b.pc < 0) {
        caps[b.slot] = b.old;
        continue;
      }
      pcv = b.pc;
      pos = b.pos;
      break;
    }
  }
}

void prog_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "re.compile(%R)", as<Program>(self)->pattern);
}
extern const Type prog_type;

Value compile_pattern(Value pattern, Int flags) {
  if (is_type(pattern, &prog_type)) return pattern;
  size_t n;
  const char* s = str_data(pattern, &n);
  Compiler cc{};
  cc.p = s;
  cc.end = s + n;
  cc.icase = (flags & 2) != 0;
  vstr_init(&cc.insts, 16 * sizeof(Inst));
  vstr_init(&cc.classes, sizeof(ReClass));
  ReNode* tree = parse_alt(&cc);
  if (cc.p != cc.end) re_error("unbalanced parenthesis");
  gen(&cc, tree);
  emit(&cc, R_MATCH);
  Program* prog = gc_new<Program>(&prog_type);
  prog->pattern = pattern;
  prog->insts = reinterpret_cast<Inst*>(cc.insts.buf);
  prog->classes = reinterpret_cast<ReClass*>(cc.classes.buf);
  prog->n_groups = cc.n_groups;
  prog->n_loops = cc.n_loops;
  return val(prog);
}

// --- match objects ------------------------------------------------------------------
struct MatchObj {
  const Type* type;
  Value prog;
  Value str;
  int n_groups;
  int caps[];
};
extern const Type match_type;

Value do_match(Value progv, Value str, int start, int mode) {
  Program* prog = as<Program>(progv);
  size_t len;
  const char* s = str_data(str, &len);
  int n_slots = 2 * (prog->n_groups + 1) + prog->n_loops;
  int* caps = static_cast<int*>(gc_alloc(n_slots * sizeof(int)));
  for (int pos = start; pos <= static_cast<int>(len); pos++) {
    if (run(prog, s, static_cast<int>(len), pos, caps, mode == 2)) {
      MatchObj* m = static_cast<MatchObj*>(
          gc_alloc(sizeof(MatchObj) + 2 * (prog->n_groups + 1) * sizeof(int)));
      m->type = &match_type;
      m->prog = progv;
      m->str = str;
      m->n_groups = prog->n_groups;
      mem_copy(m->caps, caps, 2 * (prog->n_groups + 1) * sizeof(int));
      return val(m);
    }
    if (mode != 1) break;  // match/fullmatch: only at the start
    // Skip UTF-8 continuation bytes.
    while (pos + 1 < static_cast<int>(len) && (static_cast<uint8_t>(s[pos + 1]) & 0xc0) == 0x80)
      pos++;
  }
  return kNone;
}

int group_index(MatchObj* m, Value g) {
  Int i = int_get(g);
  if (i < 0 || i > m->n_groups) raise_msg(&exc_IndexError, "no such group");
  return static_cast<int>(i);
}

Value group_value(MatchObj* m, int i, Value dflt) {
  int a = m->caps[2 * i], b = m->caps[2 * i + 1];
  if (a < 0 || b < 0) return dflt;
  size_t len;
  const char* s = str_data(m->str, &len);
  return str_new(s + a, b - a);
}

Value m_group(size_t n_args, const Value* a, const KwArgs*) {
  MatchObj* m = as<MatchObj>(a[0]);
  if (n_args <= 2) return group_value(m, n_args == 2 ? group_index(m, a[1]) : 0, kNone);
  Value t = tuple_new(n_args - 1, nullptr);
  for (size_t i = 1; i < n_args; i++)
    as<TupleObj>(t)->items[i - 1] = group_value(m, group_index(m, a[i]), kNone);
  return t;
}
Value m_groups(size_t n_args, const Value* a, const KwArgs*) {
  MatchObj* m = as<MatchObj>(a[0]);
  Value dflt = n_args > 1 ? a[1] : kNone;
  Value t = tuple_new(m->n_groups, nullptr);
  for (int i = 1; i <= m->n_groups; i++)
    as<TupleObj>(t)->items[i - 1] = group_value(m, i, dflt);
  return t;
}
Value char_offset(MatchObj* m, int byte) {
  if (byte < 0) return small_int(-1);
  size_t len;
  const char* s = str_data(m->str, &len);
  return small_int(static_cast<Int>(utf8_char_len(s, byte)));
}
Value m_start(size_t n_args, const Value* a, const KwArgs*) {
  MatchObj* m = as<MatchObj>(a[0]);
  return char_offset(m, m->caps[2 * (n_args > 1 ? group_index(m, a[1]) : 0)]);
}
Value m_end(size_t n_args, const Value* a, const KwArgs*) {
  MatchObj* m = as<MatchObj>(a[0]);
  return char_offset(m, m->caps[2 * (n_args > 1 ? group_index(m, a[1]) : 0) + 1]);
}
Value m_span(size_t n_args, const Value* a, const KwArgs*) {
  Value t = tuple_new(2, nullptr);
  as<TupleObj>(t)->items[0] = m_start(n_args, a, nullptr);
  as<TupleObj>(t)->items[1] = m_end(n_args, a, nullptr);
  return t;
}
const NativeFunObj m_group_obj = {&native_fun_type, 1, 0xffff, 0, Q_group, m_group};
const NativeFunObj m_groups_obj = {&native_fun_type, 1, 2, 0, Q_groups, m_groups};
const NativeFunObj m_start_obj = {&native_fun_type, 1, 2, 0, Q_start, m_start};
const NativeFunObj m_end_obj = {&native_fun_type, 1, 2, 0, Q_end, m_end};
const NativeFunObj m_span_obj = {&native_fun_type, 1, 2, 0, Q_span, m_span};
const RomEntry match_methods_table[] = {
    {Q_group, 0, &m_group_obj}, {Q_groups, 0, &m_groups_obj}, {Q_start, 0, &m_start_obj},
    {Q_end, 0, &m_end_obj},     {Q_span, 0, &m_span_obj},
};
const RomMap match_methods = {match_methods_table, 5};
void match_print(const Printer* p, Value self, PrintKind) {
  MatchObj* m = as<MatchObj>(self);
  print_fmt(p, "<re.Match object; span=(%d, %d), match=%R>", m->caps[0], m->caps[1],
            group_value(m, 0, kNone));
}
Value match_subscr(Value self, Value index, Value value) {
  if (value != kSentinel) return kNull;
  MatchObj* m = as<MatchObj>(self);
  return group_value(m, group_index(m, index), kNone);
}
const Type match_type = {.type = &type_type,
                         .name = Q_match,
                         .print = match_print,
                         .subscr = match_subscr,
                         .methods = &match_methods};

// --- pattern methods and module functions ------------------------------------------------
Value p_match(size_t, const Value* a, const KwArgs*) {
  return do_match(a[0], a[1], 0, 0);
}
Value p_search(size_t, const Value* a, const KwArgs*) {
  return do_match(a[0], a[1], 0, 1);
}
Value p_fullmatch(size_t, const Value* a, const KwArgs*) {
  return do_match(a[0], a[1], 0, 2);
}

// Expands \1, \g<1> and escapes in a replacement template.
void expand_template(Vstr* out, Value tmpl, MatchObj* m) {
  size_t n;
  const char* t = str_data(tmpl, &n);
  for (size_t i = 0; i < n; i++) {
    char c = t[i];
    if (c != '\\' || i + 1 >= n) {
      vstr_add_char(out, c);
      continue;
    }
    char e = t[++i];
    int g = -1;
    if (e >= '0' && e <= '9') {
      g = e - '0';
      if (i + 1 < n && t[i + 1] >= '0' && t[i + 1] <= '9' &&
          g * 10 + (t[i + 1] - '0') <= m->n_groups) {
        g = g * 10 + (t[++i] - '0');
      }
    } else if (e == 'g' && i + 1 < n && t[i + 1] == '<') {
      size_t j = i + 2;
      g = 0;
      while (j < n && t[j] >= '0' && t[j] <= '9')
        g = g * 10 + (t[j++] - '0');
      if (j >= n || t[j] != '>') re_error("bad group reference");
      i = j;
    } else {
      uint32_t ch = escape_char(e);
      if (ch == static_cast<uint8_t>(e) && e != '\\') vstr_add_char(out, '\\');
      vstr_add_char(out, static_cast<char>(ch));
      continue;
    }
    if (g > m->n_groups) re_error("invalid group reference");
    Value v = group_value(m, g, kNull);
    if (v != kNull) {
      size_t vl;
      const char* vs = str_data(v, &vl);
      vstr_add_strn(out, vs, vl);
    }
  }
}

Value do_sub(Value prog, Value repl, Value str, Int count) {
  size_t len;
  const char* s = str_data(str, &len);
  Vstr out;
  vstr_init(&out, len + 16);
  int pos = 0;
  Int done = 0;
  while (pos <= static_cast<int>(len) && (count == 0 || done < count)) {
    Value mv = do_match(prog, str, pos, 1);
    if (mv == kNone) break;
    MatchObj* m = as<MatchObj>(mv);
    s = str_data(str, &len);
    vstr_add_strn(&out, s + pos, m->caps[0] - pos);
    if (is_str(repl)) {
      expand_template(&out, repl, m);
    } else {
      Value r = call1(repl, mv);
      size_t rl;
      const char* rs = str_data(r, &rl);
      vstr_add_strn(&out, rs, rl);
    }
    done++;
    if (m->caps[1] == m->caps[0]) {
      // An empty match: copy one character and move on.
      if (m->caps[1] < static_cast<int>(len)) vstr_add_char(&out, s[m->caps[1]]);
      pos = m->caps[1] + 1;
    } else {
      pos = m->caps[1];
    }
  }
  s = str_data(str, &len);
  if (pos < static_cast<int>(len)) vstr_add_strn(&out, s + pos, len - pos);
  return vstr_to_str(&out);
}

Value do_split(Value prog, Value str, Int maxsplit) {
  size_t len;
  const char* s = str_data(str, &len);
  Value result = list_new(0, nullptr);
  int pos = 0, last = 0;
  Int n = 0;
  while (pos <= static_cast<int>(len) && (maxsplit == 0 || n < maxsplit)) {
    Value mv = do_match(prog, str, pos, 1);
    if (mv == kNone) break;
    MatchObj* m = as<MatchObj>(mv);
    if (m->caps[1] == m->caps[0]) {
      if (m->caps[0] >= static_cast<int>(len)) break;
      pos = m->caps[0] + 1;
      if (m->caps[0] == last) continue;
    }
    list_append(result, str_new(s + last, m->caps[0] - last));
    for (int g = 1; g <= m->n_groups; g++)
      list_append(result, group_value(m, g, kNone));
    last = m->caps[1];
    if (m->caps[1] > pos) pos = m->caps[1];
    n++;
  }
  list_append(result, str_new(s + last, len - last));
  return result;
}

Value do_findall(Value prog, Value str) {
  size_t len;
  str_data(str, &len);
  Value result = list_new(0, nullptr);
  int pos = 0;
  while (pos <= static_cast<int>(len)) {
    Value mv = do_match(prog, str, pos, 1);
    if (mv == kNone) break;
    MatchObj* m = as<MatchObj>(mv);
    if (m->n_groups == 0) {
      list_append(result, group_value(m, 0, kNone));
    } else if (m->n_groups == 1) {
      list_append(result, group_value(m, 1, qstr_value(Q__empty_)));
    } else {
      Value t = tuple_new(m->n_groups, nullptr);
      for (int g = 1; g <= m->n_groups; g++)
        as<TupleObj>(t)->items[g - 1] = group_value(m, g, qstr_value(Q__empty_));
      list_append(result, t);
    }
    pos = m->caps[1] == m->caps[0] ? m->caps[1] + 1 : m->caps[1];
  }
  return result;
}

Value p_sub(size_t n_args, const Value* a, const KwArgs* kw) {
  Int count = n_args > 3 ? int_get(a[3]) : int_get(kw_get(kw, Q_count, small_int(0)));
  return do_sub(a[0], a[1], a[2], count);
}
Value p_split(size_t n_args, const Value* a, const KwArgs*) {
  return do_split(a[0], a[1], n_args > 2 ? int_get(a[2]) : 0);
}
Value p_findall(size_t, const Value* a, const KwArgs*) {
  return do_findall(a[0], a[1]);
}

const NativeFunObj p_match_obj = {&native_fun_type, 2, 2, 0, Q_match, p_match};
const NativeFunObj p_search_obj = {&native_fun_type, 2, 2, 0, Q_search, p_search};
const NativeFunObj p_fullmatch_obj = {&native_fun_type, 2, 2, 0, Q_fullmatch, p_fullmatch};
const NativeFunObj p_sub_obj = {&native_fun_type, 3, 4, 1, Q_sub, p_sub};
const NativeFunObj p_split_obj = {&native_fun_type, 2, 3, 0, Q_split, p_split};
const NativeFunObj p_findall_obj = {&native_fun_type, 2, 2, 0, Q_findall, p_findall};
const RomEntry prog_methods_table[] = {
    {Q_match, 0, &p_match_obj}, {Q_search, 0, &p_search_obj}, {Q_fullmatch, 0, &p_fullmatch_obj},
    {Q_sub, 0, &p_sub_obj},     {Q_split, 0, &p_split_obj},   {Q_findall, 0, &p_findall_obj},
};
const RomMap prog_methods = {prog_methods_table, 6};

}  // namespace

namespace {
const Type prog_type = {
    .type = &type_type, .name = Q_re, .print = prog_print, .methods = &prog_methods};

Int flags_of(size_t n_args, const Value* a, size_t idx, const KwArgs* kw) {
  Value f = n_args > idx ? a[idx] : kw_get(kw, qstr_from_str("flags"), small_int(0));
  return int_get(f);
}

Value re_compile(size_t n_args, const Value* a, const KwArgs* kw) {
  return compile_pattern(a[0], flags_of(n_args, a, 1, kw));
}
Value re_match(size_t n_args, const Value* a, const KwArgs* kw) {
  return do_match(compile_pattern(a[0], flags_of(n_args, a, 2, kw)), a[1], 0, 0);
}
Value re_search(size_t n_args, const Value* a, const KwArgs* kw) {
  return do_match(compile_pattern(a[0], flags_of(n_args, a, 2, kw)), a[1], 0, 1);
}
Value re_fullmatch(size_t n_args, const Value* a, const KwArgs* kw) {
  return do_match(compile_pattern(a[0], flags_of(n_args, a, 2, kw)), a[1], 0, 2);
}
Value re_sub(size_t n_args, const Value* a, const KwArgs* kw) {
  Int count = n_args > 3 ? int_get(a[3]) : int_get(kw_get(kw, Q_count, small_int(0)));
  return do_sub(compile_pattern(a[0], flags_of(n_args, a, 4, kw)), a[1], a[2], count);
}
Value re_split(size_t n_args, const Value* a, const KwArgs* kw) {
  Int maxsplit =
      n_args > 2 ? int_get(a[2]) : int_get(kw_get(kw, qstr_from_str("maxsplit"), small_int(0)));
  return do_split(compile_pattern(a[0], 0), a[1], maxsplit);
}
Value re_findall(size_t n_args, const Value* a, const KwArgs* kw) {
  return do_findall(compile_pattern(a[0], flags_of(n_args, a, 2, kw)), a[1]);
}
Value re_escape(size_t, const Value* a, const KwArgs*) {
  size_t n;
  const char* s = str_data(a[0], &n);
  Vstr v;
  vstr_init(&v, n * 2 + 1);
  for (size_t i = 0; i < n; i++) {
    if (strchr(".^$*+?{}[]\\|()", s[i]) && s[i]) vstr_add_char(&v, '\\');
    vstr_add_char(&v, s[i]);
  }
  return vstr_to_str(&v);
}
const NativeFunObj re_compile_obj = {&native_fun_type, 1, 2, 1, Q_compile, re_compile};
const NativeFunObj re_match_obj = {&native_fun_type, 2, 3, 1, Q_match, re_match};
const NativeFunObj re_search_obj = {&native_fun_type, 2, 3, 1, Q_search, re_search};
const NativeFunObj re_fullmatch_obj = {&native_fun_type, 2, 3, 1, Q_fullmatch, re_fullmatch};
const NativeFunObj re_sub_obj = {&native_fun_type, 3, 5, 1, Q_sub, re_sub};
const NativeFunObj re_split_obj = {&native_fun_type, 2, 3, 1, Q_split, re_split};
const NativeFunObj re_findall_obj = {&native_fun_type, 2, 3, 1, Q_findall, re_findall};
const NativeFunObj re_escape_obj = {&native_fun_type, 1, 1, 0, Q_escape, re_escape};
}  // namespace

const RomEntry re_members_table[] = {
    {Q_compile, 0, &re_compile_obj},
    {Q_match, 0, &re_match_obj},
    {Q_search, 0, &re_search_obj},
    {Q_fullmatch, 0, &re_fullmatch_obj},
    {Q_sub, 0, &re_sub_obj},
    {Q_split, 0, &re_split_obj},
    {Q_findall, 0, &re_findall_obj},
    {Q_escape, 0, &re_escape_obj},
    {Q_IGNORECASE, small_int(2), nullptr},
    {Q_I, small_int(2), nullptr},
};
extern const RomMap re_members;
const RomMap re_members = {re_members_table, sizeof(re_members_table) / sizeof(RomEntry)};

}  // namespace vpy
