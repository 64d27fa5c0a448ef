// Scope analysis: decides for every name in every function, class, lambda and
// comprehension whether it is a fast local, a cell (captured by an inner
// function), a free variable (captured from outside), a global or a class name.
#pragma once

#include "parse.h"

namespace vpy {

enum ScopeKind : uint8_t { kScopeModule, kScopeClass, kScopeFunction, kScopeComprehension };

enum SymFlags : uint16_t {
  kSymAssigned = 1 << 0,
  kSymReferenced = 1 << 1,
  kSymParam = 1 << 2,
  kSymGlobalDecl = 1 << 3,
  kSymNonlocalDecl = 1 << 4,
  kSymCaptured = 1 << 5,  // an inner scope refers to it: it lives in a cell
  kSymWalrus = 1 << 6,    // comprehension: bound by := in the enclosing function
  kSymPassFree = 1 << 7,  // class: a method's free variable passes through its closure
};

enum SymKind : uint8_t {
  kSymUnresolved,
  kSymLocal,   // fast slot
  kSymCell,    // fast slot holding a cell
  kSymFree,    // fast slot holding a cell from the closure
  kSymGlobal,  // LOAD_GLOBAL / STORE_GLOBAL
  kSymName,    // LOAD_NAME / STORE_NAME (class bodies)
};

struct Symbol {
  Qstr name;
  uint16_t flags;
  uint8_t kind;
  uint16_t slot;
};

struct Scope {
  uint8_t kind;
  bool is_generator;
  bool is_coroutine;
  bool needs_class_cell;  // class scope: some method uses super() or __class__
  Scope* parent;
  Node* node;
  Qstr name;
  Symbol* syms;
  uint32_t n_syms;
  uint32_t alloc;
  uint16_t n_params;  // positional
  uint16_t n_kwonly;
  bool has_varargs;
  bool has_varkw;
  uint16_t n_locals;  // after resolution: all slots
  uint16_t n_free;
  Scope* next_all;  // every scope of a unit, in creation order
};

// Whether a symbol has a slot in the closure (the last n_free slots). A class-body
// name may have one too, when a method captures a variable of the same name.
inline bool sym_in_closure(const Symbol* sym) {
  return sym->kind == kSymFree || (sym->flags & kSymPassFree);
}

// Analyses a module tree: sets node->scope on every scope-opening node.
Scope* scope_analyse(Node* module, bool module_names_are_globals, Qstr file);
Symbol* scope_find(Scope* s, Qstr name);

// The name of a comprehension's iterator parameter (not a valid identifier).
constexpr Qstr kQstrCompIter = Q__dot_;

}  // namespace vpy
