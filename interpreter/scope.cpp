#include "scope.h"

#include "runtime.h"

namespace vpy {

namespace {

struct Analyser {
  Scope* all_head;
  Scope* all_tail;
};

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

void declare_params(Scope* fs, Node* args) {
  for (Node* a = args->a; a; a = a->next) {
    sym_add(fs, qstr_of(a->v))->flags |= kSymParam | kSymAssigned;
    fs->n_params++;
  }
  for (Node* a = args->c; a; a = a->next) {
    sym_add(fs, qstr_of(a->v))->flags |= kSymParam | kSymAssigned;
    fs->n_kwonly++;
  }
  if (args->b) {
    sym_add(fs, qstr_of(args->b->v))->flags |= kSymParam | kSymAssigned;
    fs->has_varargs = true;
  }
  if (args->d) {
    sym_add(fs, qstr_of(args->d->v))->flags |= kSymParam | kSymAssigned;
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

void visit(Analyser* an, Scope* s, Node* n) {
  if (n == nullptr) return;
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
      declare_params(fs, n->a);
      visit_list(an, fs, n->b);
      break;
    }
    case N_LAMBDA: {
      visit_args_defaults(an, s, n->a);
      Scope* fs = scope_new(an, kScopeFunction, s, n, Q__lambda_);
      declare_params(fs, n->a);
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
      bind(t, q);
      if (t != s) {
        Symbol* sym = sym_add(s, q);
        sym->flags |= kSymReferenced | kSymAssigned;
        sym->flags |= t->kind == kScopeModule ? kSymGlobalDecl : kSymNonlocalDecl;
      }
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
      visit(an, s, n->b);
      if (n->b) visit_target(an, s, n->a);
      break;
    case N_DEL:
      visit_target(an, s, n->a);
      break;
    case N_FOR:
      visit(an, s, n->b);
      visit_target(an, s, n->a);
      visit_list(an, s, n->c);
      visit_list(an, s, n->d);
      if (n->op) s->is_coroutine = true;
      break;
    case N_WITH:
      for (Node* it = n->a; it; it = it->next) {
        visit(an, s, it->a);
        if (it->b) visit_target(an, s, it->b);
      }
      visit_list(an, s, n->b);
      if (n->op) s->is_coroutine = true;
      break;
    case N_HANDLER:
      visit(an, s, n->a);
      if (n->v != kNull) bind(s, qstr_of(n->v));
      visit_list(an, s, n->b);
      break;
    case N_GLOBAL:
      for (Node* nm = n->a; nm; nm = nm->next)
        sym_add(s, qstr_of(nm->v))->flags |= kSymGlobalDecl;
      break;
    case N_NONLOCAL:
      for (Node* nm = n->a; nm; nm = nm->next) {
        if (s->kind == kScopeModule) {
          Value exc = exception_new_msg(&exc_SyntaxError, "can't declare nonlocal in outer code");
          raise(exc);
        }
        sym_add(s, qstr_of(nm->v))->flags |= kSymNonlocalDecl;
      }
      break;
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
    for (Scope* q = s->parent; q != p; q = q->parent) {
      if (is_function_like(q)) {
        Symbol* sym = sym_add(q, name);
        sym->flags |= kSymNonlocalDecl;
      }
    }
    return true;
  }
  return false;
}

[[noreturn]] void scope_error(Node* n, const char* msg) {
  Value exc = exception_new_msg(&exc_SyntaxError, msg);
  (void)n;
  raise(exc);
}

void resolve(Scope* s, bool module_globals) {
  for (uint32_t i = 0; i < s->n_syms; i++) {
    Symbol* sym = &s->syms[i];
    if (sym->flags & kSymGlobalDecl) {
      sym->kind = kSymGlobal;
    } else if (s->kind == kScopeModule) {
      sym->kind = module_globals ? kSymGlobal : kSymName;
    } else if (sym->flags & kSymNonlocalDecl) {
      if (!resolve_free(s, sym->name)) scope_error(s->node, "no binding for nonlocal found");
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
    if (sym->kind == kSymFree) {
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

Scope* scope_analyse(Node* module, bool module_names_are_globals) {
  Analyser an{nullptr, nullptr};
  Scope* ms = scope_new(&an, kScopeModule, nullptr, module, Q__module_);
  visit_list(&an, ms, module->a);
  // Resolve outer scopes first so that inner ones see final binding flags; a
  // second pass over everything settles cells discovered late.
  for (Scope* s = an.all_head; s; s = s->next_all)
    resolve(s, module_names_are_globals);
  for (Scope* s = an.all_head; s; s = s->next_all)
    resolve(s, module_names_are_globals);
  for (Scope* s = an.all_head; s; s = s->next_all)
    assign_slots(s);
  return ms;
}

}  // namespace vpy
