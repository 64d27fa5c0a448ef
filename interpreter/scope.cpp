#include "scope.h"

#include "runtime.h"

namespace vpy {

namespace {

struct Analyser {
  Scope* all_head;
  Scope* all_tail;
  Qstr file;
};

[[noreturn]] void scope_error(Analyser* an, uint32_t line, const char* msg) {
  Value exc = exception_new_msg(&exc_SyntaxError, msg);
  exception_add_traceback(exc, an->file, line, kQstrNotFound);
  raise(exc);
}

Scope* scope_new(Analyser* an, uint8_t kind, Scope* parent, Node* node, Qstr name) {
  Scope* s = static_cast<Scope*>(gc_alloc(sizeof(Scope)));
  s->kind = kind;
  s->parent = parent;
  s->node = node;
  s->name = name;
  node->scope = s;
  if (an->all_tail) {
    an->all_tail->next_all = s;
  } else {
    an->all_head = s;
  }
  an->all_tail = s;
  return s;
}

Symbol* sym_add(Scope* s, Qstr name) {
  Symbol* sym = scope_find(s, name);
  if (sym) return sym;
  if (s->n_syms == s->alloc) {
    uint32_t n = s->alloc ? s->alloc * 2 : 8;
    s->syms = static_cast<Symbol*>(gc_realloc(s->syms, n * sizeof(Symbol)));
    s->alloc = n;
  }
  sym = &s->syms[s->n_syms++];
  sym->name = name;
  sym->flags = 0;
  sym->kind = kSymUnresolved;
  sym->slot = 0;
  return sym;
}

void visit(Analyser* an, Scope* s, Node* n);
void visit_list(Analyser* an, Scope* s, Node* n) {
  for (; n; n = n->next)
    visit(an, s, n);
}

void bind(Scope* s, Qstr name) {
  sym_add(s, name)->flags |= kSymAssigned;
}

// Marks the names a target binds; visits the expressions inside it.
void visit_target(Analyser* an, Scope* s, Node* t) {
  switch (t->kind) {
    case N_NAME:
      bind(s, qstr_of(t->v));
      break;
    case N_TUPLE:
    case N_LIST:
      for (Node* e = t->a; e; e = e->next)
        visit_target(an, s, e);
      break;
    case N_STAR:
      visit_target(an, s, t->a);
      break;
    default:
      visit(an, s, t);
      break;
  }
}

void visit_args_defaults(Analyser* an, Scope* s, Node* args) {
  for (Node* a = args->a; a; a = a->next) {
    if (a->a) visit(an, s, a->a);
  }
  for (Node* a = args->c; a; a = a->next) {
    if (a->a) visit(an, s, a->a);
  }
}

void declare_param(Analyser* an, Scope* fs, Node* a) {
  if (scope_find(fs, qstr_of(a->v))) scope_error(an, a->line, "argument name reused");
  sym_add(fs, qstr_of(a->v))->flags |= kSymParam | kSymAssigned;
}

void declare_params(Analyser* an, Scope* fs, Node* args) {
  for (Node* a = args->a; a; a = a->next) {
    declare_param(an, fs, a);
    fs->n_params++;
  }
  for (Node* a = args->c; a; a = a->next) {
    declare_param(an, fs, a);
    fs->n_kwonly++;
  }
  if (args->b) {
    declare_param(an, fs, args->b);
    fs->has_varargs = true;
  }
  if (args->d) {
    declare_param(an, fs, args->d);
    fs->has_varkw = true;
  }
}

void visit_comprehension(Analyser* an, Scope* s, Node* n) {
  // The first iterable is evaluated outside; everything else inside the new scope.
  Node* gens = n->b;
  visit(an, s, gens->b);
  Scope* cs = scope_new(an, kScopeComprehension, s, n, Q__listcomp_);
  cs->name = n->kind == N_LISTCOMP   ? Q__listcomp_
             : n->kind == N_SETCOMP  ? Q__setcomp_
             : n->kind == N_DICTCOMP ? Q__dictcomp_
                                     : Q__genexpr_;
  if (n->kind == N_GENEXP) cs->is_generator = true;
  sym_add(cs, kQstrCompIter)->flags |= kSymParam | kSymAssigned;
  cs->n_params = 1;
  for (Node* g = gens; g; g = g->next) {
    if (g != gens) visit(an, cs, g->b);
    visit_target(an, cs, g->a);
    visit_list(an, cs, g->c);
    if (g->op) cs->is_coroutine = true;
  }
  visit(an, cs, n->a);
  if (n->c) visit(an, cs, n->c);
}

// async for and async with belong in an async def.
void check_async(Analyser* an, Scope* s, Node* n) {
  if (s->node->kind != N_FUNCDEF || !s->node->op) {
    scope_error(an, n->line, "async for/with outside async function");
  }
}

void visit(Analyser* an, Scope* s, Node* n) {
  if (n == nullptr) return;
  c_stack_check();
  switch (n->kind) {
    case N_NAME: {
      Qstr q = qstr_of(n->v);
      sym_add(s, q)->flags |= kSymReferenced;
      // super() and __class__ in a method need the class cell.
      if ((q == Q_super || q == Q___class__) && s->kind == kScopeFunction) {
        sym_add(s, Q___class__)->flags |= kSymReferenced;
      }
      break;
    }
    case N_CONST:
      break;
    case N_FUNCDEF: {
      visit_list(an, s, n->c);  // decorators
      visit_args_defaults(an, s, n->a);
      bind(s, qstr_of(n->v));
      Scope* fs = scope_new(an, kScopeFunction, s, n, qstr_of(n->v));
      fs->is_coroutine = n->op != 0;
      declare_params(an, fs, n->a);
      visit_list(an, fs, n->b);
      break;
    }
    case N_LAMBDA: {
      visit_args_defaults(an, s, n->a);
      Scope* fs = scope_new(an, kScopeFunction, s, n, Q__lambda_);
      declare_params(an, fs, n->a);
      visit(an, fs, n->b);
      break;
    }
    case N_CLASSDEF: {
      visit_list(an, s, n->c);
      visit_list(an, s, n->a);
      bind(s, qstr_of(n->v));
      Scope* cs = scope_new(an, kScopeClass, s, n, qstr_of(n->v));
      visit_list(an, cs, n->b);
      break;
    }
    case N_LISTCOMP:
    case N_SETCOMP:
    case N_GENEXP:
    case N_DICTCOMP:
      visit_comprehension(an, s, n);
      break;
    case N_NAMEDEXPR: {
      visit(an, s, n->b);
      // The target binds in the nearest enclosing non-comprehension scope.
      Scope* t = s;
      while (t->kind == kScopeComprehension)
        t = t->parent;
      Qstr q = qstr_of(n->a->v);
      if (s->kind == kScopeComprehension) {
        Symbol* own = scope_find(s, q);
        if (own && (own->flags & kSymAssigned) && !(own->flags & kSymWalrus)) {
          scope_error(an, n->line, "can't rebind comprehension iteration variable");
        }
      }
      bind(t, q);
      if (t != s) sym_add(s, q)->flags |= kSymReferenced | kSymAssigned | kSymWalrus;
      break;
    }
    case N_YIELD:
    case N_YIELDFROM:
      s->is_generator = true;
      visit(an, s, n->a);
      break;
    case N_AWAIT:
      s->is_coroutine = true;
      visit(an, s, n->a);
      break;
    case N_ASSIGN:
      visit(an, s, n->b);
      for (Node* t = n->a; t; t = t->next)
        visit_target(an, s, t);
      break;
    case N_AUGASSIGN:
      visit(an, s, n->b);
      if (n->a->kind == N_NAME) sym_add(s, qstr_of(n->a->v))->flags |= kSymReferenced;
      visit_target(an, s, n->a);
      break;
    case N_ANNASSIGN:
      // A bare annotation `x: int` still makes x local (but x.y: int binds nothing).
      visit(an, s, n->b);
      if (n->b || n->a->kind == N_NAME) visit_target(an, s, n->a);
      break;
    case N_DEL:
      visit_target(an, s, n->a);
      break;
    case N_FOR:
      visit(an, s, n->b);
      visit_target(an, s, n->a);
      visit_list(an, s, n->c);
      visit_list(an, s, n->d);
      if (n->op) check_async(an, s, n);
      break;
    case N_WITH:
      for (Node* it = n->a; it; it = it->next) {
        visit(an, s, it->a);
        if (it->b) visit_target(an, s, it->b);
      }
      visit_list(an, s, n->b);
      if (n->op) check_async(an, s, n);
      break;
    case N_HANDLER:
      visit(an, s, n->a);
      if (n->v != kNull) bind(s, qstr_of(n->v));
      visit_list(an, s, n->b);
      break;
    case N_GLOBAL:
    case N_NONLOCAL: {
      bool global = n->kind == N_GLOBAL;
      if (!global && s->kind == kScopeModule) {
        scope_error(an, n->line, "can't declare nonlocal in outer code");
      }
      for (Node* nm = n->a; nm; nm = nm->next) {
        Symbol* sym = sym_add(s, qstr_of(nm->v));
        if (sym->flags & (kSymParam | (global ? kSymNonlocalDecl : kSymGlobalDecl))) {
          scope_error(
              an, n->line,
              global ? "identifier redefined as global" : "identifier redefined as nonlocal");
        }
        sym->flags |= global ? kSymGlobalDecl : kSymNonlocalDecl;
      }
      break;
    }
    case N_IMPORT:
      for (Node* a = n->a; a; a = a->next) {
        if (a->b) {
          bind(s, qstr_of(a->b->v));
        } else {
          // import a.b.c binds a
          const char* str = qstr_str(qstr_of(a->v));
          const char* dot = strchr(str, '.');
          bind(s, dot ? qstr_from_strn(str, dot - str) : qstr_of(a->v));
        }
      }
      break;
    case N_IMPORTFROM:
      for (Node* a = n->a; a; a = a->next)
        bind(s, qstr_of(a->b ? a->b->v : a->v));
      break;
    case N_KEYWORD:
    case N_FORMATTED:
      visit(an, s, n->a);
      visit(an, s, n->b);
      break;
    default:
      // Generic: visit all children (lists through their siblings).
      visit_list(an, s, n->a);
      visit_list(an, s, n->b);
      visit_list(an, s, n->c);
      visit_list(an, s, n->d);
      break;
  }
}

bool is_function_like(const Scope* s) {
  return s->kind == kScopeFunction || s->kind == kScopeComprehension;
}

// Finds a binding for a free name in the enclosing function scopes (class scopes
// are skipped, except for the implicit __class__ cell). Marks the path.
bool resolve_free(Scope* s, Qstr name) {
  for (Scope* p = s->parent; p; p = p->parent) {
    if (p->kind == kScopeModule) return false;
    if (p->kind == kScopeClass) {
      if (name == Q___class__) {
        p->needs_class_cell = true;
        Symbol* sym = sym_add(p, Q___class__);
        sym->flags |= kSymCaptured | kSymAssigned;
        goto mark_path;
      }
      continue;
    }
    {
      Symbol* sym = scope_find(p, name);
      if (sym && (sym->flags & kSymGlobalDecl)) return false;
      if (sym && (sym->flags & (kSymAssigned | kSymParam)) && !(sym->flags & kSymNonlocalDecl)) {
        sym->flags |= kSymCaptured;
        goto mark_path;
      }
      if (sym && (sym->flags & kSymNonlocalDecl)) {
        // Already free in p: p passes it through.
        goto mark_path;
      }
    }
    continue;
  mark_path:
    // Every function scope between s and p passes the cell through as free.
    // A class between them passes it too, to the closures of its methods.
    for (Scope* q = s->parent; q != p; q = q->parent)
      sym_add(q, name)->flags |= is_function_like(q) ? kSymNonlocalDecl : kSymPassFree;
    return true;
  }
  return false;
}

void resolve(Analyser* an, Scope* s, bool module_globals) {
  for (uint32_t i = 0; i < s->n_syms; i++) {
    Symbol* sym = &s->syms[i];
    if (sym->flags & kSymGlobalDecl) {
      sym->kind = kSymGlobal;
    } else if (s->kind == kScopeModule) {
      sym->kind = module_globals ? kSymGlobal : kSymName;
    } else if (sym->flags & kSymWalrus) {
      // Bound by := in a comprehension: it lives in the enclosing function, unless
      // that declares it global (or is the module).
      Scope* t = s->parent;
      while (t->kind == kScopeComprehension)
        t = t->parent;
      Symbol* ts = scope_find(t, sym->name);
      if (t->kind != kScopeFunction || (ts->flags & kSymGlobalDecl) ||
          !resolve_free(s, sym->name)) {
        sym->kind = kSymGlobal;
      } else {
        sym->kind = kSymFree;
      }
    } else if (sym->flags & kSymNonlocalDecl) {
      if (!resolve_free(s, sym->name)) {
        scope_error(an, s->node->line, "no binding for nonlocal found");
      }
      sym->kind = kSymFree;
    } else if (s->kind == kScopeClass) {
      if (sym->name == Q___class__ && s->needs_class_cell) {
        sym->kind = kSymCell;
      } else if (sym->flags & kSymAssigned) {
        sym->kind = kSymName;
      } else if (resolve_free(s, sym->name)) {
        sym->kind = kSymFree;
      } else {
        sym->kind = kSymName;
      }
    } else if (sym->flags & (kSymAssigned | kSymParam)) {
      sym->kind = kSymLocal;  // may become kSymCell below
    } else if (resolve_free(s, sym->name)) {
      sym->kind = kSymFree;
    } else {
      sym->kind = kSymGlobal;
    }
  }
}

// Slots: parameters in declaration order, then other locals and cells, then frees.
void assign_slots(Scope* s) {
  uint16_t slot = 0;
  uint32_t n_params = s->n_params + s->n_kwonly + (s->has_varargs ? 1 : 0) + (s->has_varkw ? 1 : 0);
  // Parameters were added first, in order, so they are syms[0..n_params).
  for (uint32_t i = 0; i < s->n_syms; i++) {
    Symbol* sym = &s->syms[i];
    if (sym->kind == kSymLocal && (sym->flags & kSymCaptured)) sym->kind = kSymCell;
    if (sym->kind == kSymCell && s->kind == kScopeClass) continue;
  }
  for (uint32_t i = 0; i < n_params && i < s->n_syms; i++)
    s->syms[i].slot = slot++;
  for (uint32_t i = n_params; i < s->n_syms; i++) {
    Symbol* sym = &s->syms[i];
    if (sym->kind == kSymLocal || sym->kind == kSymCell) sym->slot = slot++;
  }
  uint16_t n_free = 0;
  for (uint32_t i = 0; i < s->n_syms; i++) {
    Symbol* sym = &s->syms[i];
    if (sym_in_closure(sym)) {
      sym->slot = slot++;
      n_free++;
    }
  }
  s->n_locals = slot;
  s->n_free = n_free;
}

}  // namespace

Symbol* scope_find(Scope* s, Qstr name) {
  for (uint32_t i = 0; i < s->n_syms; i++) {
    if (s->syms[i].name == name) return &s->syms[i];
  }
  return nullptr;
}

Scope* scope_analyse(Node* module, bool module_names_are_globals, Qstr file) {
  Analyser an{nullptr, nullptr, file};
  Scope* ms = scope_new(&an, kScopeModule, nullptr, module, Q__module_);
  visit_list(&an, ms, module->a);
  // Resolve outer scopes first so that inner ones see final binding flags; a
  // second pass over everything settles cells discovered late.
  for (Scope* s = an.all_head; s; s = s->next_all)
    resolve(&an, s, module_names_are_globals);
  for (Scope* s = an.all_head; s; s = s->next_all)
    resolve(&an, s, module_names_are_globals);
  for (Scope* s = an.all_head; s; s = s->next_all)
    assign_slots(s);
  return ms;
}

}  // namespace vpy
