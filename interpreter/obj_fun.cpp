// Function objects: bytecode functions (and their argument binding), native
// functions, bound methods, cells, static/class methods; and calling in general.
#include "bytecode.h"
#include "runtime.h"

namespace vpy {

namespace {

void fun_print(const Printer* p, Value self, PrintKind) {
  FunObj* f = as<FunObj>(self);
  print_fmt(p, "<function %q at 0x%x>", f->code->name, static_cast<unsigned>(self));
}

void fun_attr(Value self, Qstr name, Value* dest) {
  FunObj* f = as<FunObj>(self);
  if (dest[0] == kNull) {
    if (name == Q___name__) {
      dest[0] = qstr_value(f->code->name);
    } else if (name == Q___module__) {
      Value m = dict_get_qstr(f->globals, Q___name__);
      dest[0] = m == kNull ? kNone : m;
    } else if (name == Q___globals__) {
      dest[0] = f->globals;
    } else if (name == Q___defaults__) {
      dest[0] = f->defaults == kNull ? kNone : f->defaults;
    } else if (name == Q___code__) {
      dest[0] = val(f->code);
    } else if (name == Q___dict__) {
      if (f->dict == kNull) f->dict = dict_new(0);
      dest[0] = f->dict;
    } else if (f->dict != kNull) {
      Value v = dict_get_qstr(f->dict, name);
      if (v != kNull) dest[0] = v;
    }
    return;
  }
  // Function attributes can be set (decorators use this); __globals__ is read-only.
  if (name == Q___globals__) return;
  if (f->dict == kNull) f->dict = dict_new(0);
  if (dest[1] == kNull) {
    dict_delete(f->dict, qstr_value(name));
  } else {
    dict_store_qstr(f->dict, name, dest[1]);
  }
  dest[0] = kNull;
}

// function(code, globals): a function of a code object (f.__code__) with other globals.
Value fun_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args != 2) raise_arg_count(2, n_args);
  if (!is_type(args[0], &code_type))
    raise_msg(&exc_TypeError, "function() argument 1 must be code");
  if (!is_type(args[1], &dict_type))
    raise_msg(&exc_TypeError, "function() argument 2 must be dict");
  return fun_new(args[0], args[1], kNull, kNull, kNull);
}

Value fun_type_call(Value self, size_t n_args, size_t n_kw, const Value* args) {
  return fun_call(self, n_args, n_kw, args);
}

void native_fun_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<built-in function %q>", as<NativeFunObj>(self)->name);
}

void native_fun_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] == kNull && name == Q___name__) dest[0] = qstr_value(as<NativeFunObj>(self)->name);
}

void bound_meth_print(const Printer* p, Value self, PrintKind) {
  BoundMethObj* b = as<BoundMethObj>(self);
  print_fmt(p, "<bound_method %x %R>", static_cast<unsigned>(self), b->fun);
}

// Calls fun with self in front of the arguments, without allocating for the
// common small cases.
Value call_with_self(Value fun, Value self, size_t n_args, size_t n_kw, const Value* args) {
  size_t total = 1 + n_args + 2 * n_kw;
  Value local[8];
  Value* buf = total <= 8 ? local : static_cast<Value*>(gc_alloc(total * sizeof(Value)));
  buf[0] = self;
  if (total > 1) mem_copy(buf + 1, args, (total - 1) * sizeof(Value));
  return call(fun, n_args + 1, n_kw, buf);
}

Value bound_meth_call(Value self, size_t n_args, size_t n_kw, const Value* args) {
  BoundMethObj* b = as<BoundMethObj>(self);
  return call_with_self(b->fun, b->self, n_args, n_kw, args);
}

void bound_meth_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  BoundMethObj* b = as<BoundMethObj>(self);
  if (name == Q___self__) {
    dest[0] = b->self;
  } else if (name == Q___func__) {
    dest[0] = b->fun;
  } else if (name == Q___name__) {
    dest[0] = load_attr(b->fun, Q___name__);
  }
}

// Equal bound methods (the same function on the same self) hash alike; as equality, the
// hash goes by identity (self may be unhashable: [].append).
Value bound_meth_unary(UnaryOp op, Value self) {
  if (op != kUnaryHash) return kNull;
  const BoundMethObj* b = as<BoundMethObj>(self);
  Uint h = (b->self >> 2) * 31 + (b->fun >> 2);
  return small_int(static_cast<Int>(h & kSmallIntMax));
}

Value bound_meth_binary(BinaryOp op, Value a, Value b) {
  if (op != kBinEqual || !is_type(b, &bound_meth_type)) return kNull;
  BoundMethObj* x = as<BoundMethObj>(a);
  BoundMethObj* y = as<BoundMethObj>(b);
  return bool_value(x->self == y->self && x->fun == y->fun);
}

void cell_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<cell %x>", static_cast<unsigned>(self));
}

void code_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<code object %q>", as<CodeObj>(self)->name);
}

Value staticmethod_make_new(const Type* type, size_t n_args, size_t n_kw, const Value* args) {
  arg_check(n_args, 1, 1, nullptr, false);
  (void)n_kw;
  StaticMethodObj* s = gc_new<StaticMethodObj>(type);
  if (!is_obj(args[0])) raise_msg(&exc_TypeError, "staticmethod/classmethod expects a callable");
  s->fun = as_obj(args[0]);
  return val(s);
}

void staticmethod_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] == kNull && name == Q___func__) dest[0] = val(as<StaticMethodObj>(self)->fun);
}

}  // namespace

const Type fun_type = {.type = &type_type,
                       .name = Q_function,
                       .flags = kTypeEqByIdentity,
                       .print = fun_print,
                       .make_new = fun_make_new,
                       .call = fun_type_call,
                       .attr = fun_attr};
const Type native_fun_type = {.type = &type_type,
                              .name = Q_function,
                              .flags = kTypeEqByIdentity,
                              .print = native_fun_print,
                              .call = native_fun_call,
                              .attr = native_fun_attr};
const Type bound_meth_type = {.type = &type_type,
                              .name = Q_bound_method,
                              .print = bound_meth_print,
                              .call = bound_meth_call,
                              .unary_op = bound_meth_unary,
                              .binary_op = bound_meth_binary,
                              .attr = bound_meth_attr};
const Type cell_type = {.type = &type_type, .name = Q_cell, .print = cell_print};
const Type code_type = {.type = &type_type, .name = Q_code, .print = code_print};
const Type staticmethod_type = {.type = &type_type,
                                .name = Q_staticmethod,
                                .flags = kTypeBaseable,
                                .make_new = staticmethod_make_new,
                                .attr = staticmethod_attr};
const Type classmethod_type = {.type = &type_type,
                               .name = Q_classmethod,
                               .flags = kTypeBaseable,
                               .make_new = staticmethod_make_new,
                               .attr = staticmethod_attr};

Value fun_new(Value code, Value globals, Value defaults, Value kwdefaults, Value closure) {
  FunObj* f = gc_new<FunObj>(&fun_type);
  f->code = as<CodeObj>(code);
  f->globals = globals;
  f->defaults = defaults;
  f->kwdefaults = kwdefaults;
  f->closure = closure;
  f->dict = kNull;
  return val(f);
}

Value bound_meth_new(Value self, Value fun) {
  BoundMethObj* b = gc_new<BoundMethObj>(&bound_meth_type);
  b->self = self;
  b->fun = fun;
  return val(b);
}

void frame_bind(Frame* f, Value fun, size_t n_args, size_t n_kw, const Value* args) {
  FunObj* fn = as<FunObj>(fun);
  const CodeObj* c = fn->code;
  f->code = c;
  f->fun = fun;
  f->globals = fn->globals;
  f->names = (c->flags & kCodeModule) ? fn->globals : kNull;
  f->ip = c->code;
  f->gen = kNull;
  f->flags = 0;
  Value* L = f->locals;
  f->sp = L + c->n_locals - 1;
  size_t n_pos = c->n_pos;
  if (n_kw == 0 && n_args == n_pos && !(c->flags & (kCodeVarargs | kCodeVarkw))) {
    // The common case: exactly the positional parameters.
    if (n_args) mem_copy(L, args, n_args * sizeof(Value));
    for (size_t i = n_args; i < c->n_locals; i++)
      L[i] = kNull;
    if (c->n_kwonly) goto kwonly;
    goto cells;
  }
  for (size_t i = 0; i < c->n_locals; i++)
    L[i] = kNull;
  {
    size_t np = n_args < n_pos ? n_args : n_pos;
    if (np) mem_copy(L, args, np * sizeof(Value));
    size_t varargs_slot = n_pos + c->n_kwonly;
    if (n_args > n_pos) {
      if (!(c->flags & kCodeVarargs)) {
        raise_fmt(&exc_TypeError, "%q() takes %u positional arguments but %u were given", c->name,
                  static_cast<unsigned>(n_pos), static_cast<unsigned>(n_args));
      }
      L[varargs_slot] = tuple_new(n_args - n_pos, args + n_pos);
    } else if (c->flags & kCodeVarargs) {
      L[varargs_slot] = tuple_new(0, nullptr);
    }
    Value kwdict = kNull;
    if (c->flags & kCodeVarkw) {
      kwdict = dict_new(0);
      L[varargs_slot + ((c->flags & kCodeVarargs) ? 1 : 0)] = kwdict;
    }
    const Value* kw = args + n_args;
    size_t n_named = n_pos + c->n_kwonly;
    for (size_t k = 0; k < n_kw; k++) {
      Value name = kw[2 * k];
      Qstr q = is_qstr(name) ? qstr_of(name) : str_to_qstr(name);
      size_t i = 0;
      for (; i < n_named; i++) {
        if (c->names[i] == q) break;
      }
      if (i < n_named) {
        if (L[i] != kNull)
          raise_fmt(&exc_TypeError, "function got multiple values for argument '%q'", q);
        L[i] = kw[2 * k + 1];
      } else if (kwdict != kNull) {
        dict_store(kwdict, qstr_value(q), kw[2 * k + 1]);
      } else {
        raise_fmt(&exc_TypeError, "unexpected keyword argument '%q'", q);
      }
    }
    // Defaults fill the trailing positional parameters.
    size_t nd = 0;
    Value* dflt = nullptr;
    if (fn->defaults != kNull) {
      nd = as<TupleObj>(fn->defaults)->len;
      dflt = as<TupleObj>(fn->defaults)->items;
    }
    for (size_t i = 0; i < n_pos; i++) {
      if (L[i] != kNull) continue;
      if (i + nd >= n_pos) {
        L[i] = dflt[i + nd - n_pos];
      } else {
        raise_fmt(&exc_TypeError, "function missing required positional argument #%u",
                  static_cast<unsigned>(i + 1));
      }
    }
  }
kwonly:
  for (size_t i = n_pos; i < n_pos + c->n_kwonly; i++) {
    if (L[i] != kNull) continue;
    Value d = fn->kwdefaults != kNull ? dict_get_qstr(fn->kwdefaults, c->names[i]) : kNull;
    if (d == kNull)
      raise_fmt(&exc_TypeError, "function missing required keyword argument '%q'", c->names[i]);
    L[i] = d;
  }
cells:
  for (uint16_t i = 0; i < c->n_cells; i++) {
    CellObj* cell = gc_new<CellObj>(&cell_type);
    cell->value = L[c->cells[i]];
    L[c->cells[i]] = val(cell);
  }
  if (c->n_free) {
    TupleObj* cl = as<TupleObj>(fn->closure);
    mem_copy(L + c->n_locals - c->n_free, cl->items, c->n_free * sizeof(Value));
  }
}

Frame* frame_push(Value fun, size_t n_args, size_t n_kw, const Value* args) {
  VmState* st = vm();
  const CodeObj* c = as<FunObj>(fun)->code;
  Value* base = st->stack_top;
  Value* end = base + frame_words(c);
  if (end > st->stack_end) raise_recursion();
#if VPY_STEP_BUDGET
  if (step_budget_spent()) runtime_poll_interrupt();  // so runaway recursion ends too
#endif
  Frame* f = reinterpret_cast<Frame*>(base);
  f->prev = st->frame;
  f->code = c;
  st->stack_top = end;
  frame_bind(f, fun, n_args, n_kw, args);
  return f;
}

Value fun_call(Value fun, size_t n_args, size_t n_kw, const Value* args) {
  const CodeObj* c = as<FunObj>(fun)->code;
  if (c->flags & (kCodeGenerator | kCodeCoroutine)) return gen_new(fun, n_args, n_kw, args);
  Frame* f = frame_push(fun, n_args, n_kw, args);
  f->flags |= kFrameEntry;
  VmStatus status;
  Value r = vm_execute(f, kNull, &status);
  vm()->stack_top = reinterpret_cast<Value*>(f);
  return r;
}

void arg_check(size_t n_args, size_t min, size_t max, const KwArgs* kw, bool takes_kw) {
  if (!takes_kw && kw && kw->n)
    raise_msg(&exc_TypeError, "function doesn't take keyword arguments");
  if (n_args < min) {
    raise_fmt(&exc_TypeError, "function missing %u required positional arguments",
              static_cast<unsigned>(min - n_args));
  }
  if (n_args > max) {
    raise_fmt(&exc_TypeError, "function expected at most %u arguments, got %u",
              static_cast<unsigned>(max), static_cast<unsigned>(n_args));
  }
}

Value kw_get(const KwArgs* kw, Qstr name, Value dflt) {
  if (kw == nullptr) return dflt;
  for (size_t i = 0; i < kw->n; i++) {
    Value k = kw->pairs[2 * i];
    if (k == qstr_value(name) || (!is_qstr(k) && str_equal(k, qstr_value(name)))) {
      return kw->pairs[2 * i + 1];
    }
  }
  return dflt;
}

Value native_fun_call(Value self, size_t n_args, size_t n_kw, const Value* args) {
  NativeFunObj* f = as<NativeFunObj>(self);
  if (n_kw && !f->takes_kw) raise_msg(&exc_TypeError, "function doesn't take keyword arguments");
  if (n_args < f->min_args || n_args > f->max_args) {
    if (f->min_args == f->max_args) {
      raise_fmt(&exc_TypeError, "function takes %u positional arguments but %u were given",
                static_cast<unsigned>(f->min_args), static_cast<unsigned>(n_args));
    }
    arg_check(n_args, f->min_args, f->max_args, nullptr, true);
  }
  KwArgs kw{n_kw, args + n_args};
  return f->fn(n_args, args, &kw);
}

Value call(Value fun, size_t n_args, size_t n_kw, const Value* args) {
  if (is_obj(fun)) {
    const Type* t = as_obj(fun)->type;
    if (t == &fun_type) return fun_call(fun, n_args, n_kw, args);
    if (t == &native_fun_type) return native_fun_call(fun, n_args, n_kw, args);
    if (t->call) return t->call(fun, n_args, n_kw, args);
  }
  raise_fmt(&exc_TypeError, "'%s' object isn't callable", type_name_of(fun));
}

Value call1(Value fun, Value a) {
  return call(fun, 1, 0, &a);
}
Value call2(Value fun, Value a, Value b) {
  Value args[2] = {a, b};
  return call(fun, 2, 0, args);
}

Value call_method_n(size_t n_args, size_t n_kw, const Value* dest_and_args) {
  if (dest_and_args[1] == kNull) return call(dest_and_args[0], n_args, n_kw, dest_and_args + 2);
  return call(dest_and_args[0], n_args + 1, n_kw, dest_and_args + 1);
}

Value call_method(Value obj, Qstr name, size_t n_args, const Value* args) {
  Value buf[8];
  Value* d = n_args + 2 <= 8 ? buf : static_cast<Value*>(gc_alloc((n_args + 2) * sizeof(Value)));
  load_method(obj, name, d);
  if (n_args) mem_copy(d + 2, args, n_args * sizeof(Value));
  return call_method_n(n_args, 0, d);
}

Value call_ex(Value fun, Value args_seq, Value kwargs) {
  size_t n_pos;
  Value* pos;
  seq_items(args_seq, &n_pos, &pos);
  size_t n_kw = 0;
  if (kwargs != kNull) {
    if (!is_instance(kwargs, &dict_type)) {
      // Any mapping: keys() and __getitem__.
      Value d = dict_new(0);
      dict_update(d, kwargs);
      kwargs = d;
    }
    n_kw = dict_map(kwargs)->count;
  }
  Value* buf = static_cast<Value*>(gc_alloc((n_pos + 2 * n_kw + 1) * sizeof(Value)));
  if (n_pos) mem_copy(buf, pos, n_pos * sizeof(Value));
  if (n_kw) {
    Map* m = dict_map(kwargs);
    size_t k = n_pos;
    for (uint32_t i = 0; i < m->used; i++) {
      if (m->entries[i].key == kNull) continue;
      Value key = m->entries[i].key;
      if (!is_str(key)) raise_msg(&exc_TypeError, "keywords must be strings");
      buf[k++] = qstr_value(str_to_qstr(key));
      buf[k++] = m->entries[i].value;
    }
  }
  return call(fun, n_pos, n_kw, buf);
}

}  // namespace vpy
