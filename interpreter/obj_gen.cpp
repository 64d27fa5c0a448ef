// Generators and coroutines: a function whose frame lives in its own heap object
// and is resumed by the VM on next()/send()/throw().
#include "obj_gen.h"

#include "bytecode.h"
#include "runtime.h"

namespace vpy {

namespace {

enum GenState : uint8_t { kGenCreated, kGenSuspended, kGenRunning, kGenFinished };

struct GenObj {
  const Type* type;
  uint8_t state;
  Value pend;  // pend_throw(): raised at the next resume; None when nothing is pending
  // The frame follows this header in the same allocation.
  Frame* frame() { return reinterpret_cast<Frame*>(this + 1); }
};

GenObj* gen_of(Value v) {
  return as<GenObj>(v);
}

// The value a finished iterator returned, for the consumers that need it (next(),
// yield from): the iternext slot can only say "exhausted". A consumer clears it
// before asking, an iterator that ends with a value sets it.
// TODO(lead): a VmState field of its own; extra_roots[7] keeps it a GC root meanwhile.
inline Value& stop_arg() {
  return vm()->extra_roots[7];
}

void gen_print(const Printer* p, Value self, PrintKind) {
  GenObj* g = gen_of(self);
  print_fmt(p, "<%s object '%q' at %x>", type_name_of(self), g->frame()->code->name,
            static_cast<unsigned>(self));
}

Value gen_iternext(Value self) {
  VmStatus s;
  Value r = gen_resume(self, kNone, kNull, &s);
  if (s == kVmReturn) {
    stop_arg() = r;
    return kNull;
  }
  return r;
}

Value gen_send(size_t, const Value* args, const KwArgs*) {
  VmStatus s;
  Value r = gen_resume(args[0], args[1], kNull, &s);
  if (s == kVmReturn) raise_stop_iteration(r);
  return r;
}

// throw(type[, value[, traceback]]): as MicroPython, a value other than None is
// what is thrown (an instance of type); the traceback is ignored. The thrown object
// reaches a delegate's throw() as given and becomes an exception where it is raised.
Value gen_throw(size_t n_args, const Value* args, const KwArgs*) {
  Value exc = n_args > 2 && args[2] != kNone ? args[2] : args[1];
  VmStatus s;
  Value r = gen_resume(args[0], kNone, exc, &s);
  if (s == kVmReturn) raise_stop_iteration(r);
  return r;
}

Value gen_close(size_t, const Value* args, const KwArgs*) {
  GenObj* g = gen_of(args[0]);
  if (g->state == kGenCreated || g->state == kGenFinished) {
    g->state = kGenFinished;
    return kNone;
  }
  NlrBuf nlr;
  nlr_push(&nlr);
  if (setjmp(nlr.jb) == 0) {
    VmStatus s;
    gen_resume(args[0], kNone, exception_new(&exc_GeneratorExit, 0, nullptr), &s);
    nlr_pop(&nlr);
    if (s == kVmYield) raise_msg(&exc_RuntimeError, "generator ignored GeneratorExit");
    return kNone;
  }
  if (is_instance(nlr.exc, &exc_GeneratorExit) || is_instance(nlr.exc, &exc_StopIteration))
    return kNone;
  raise(nlr.exc);
}

// MicroPython's pend_throw(exc): exc is thrown at the next resume instead of the sent
// value (None cancels); returns what was pending before.
Value gen_pend_throw(size_t, const Value* args, const KwArgs*) {
  GenObj* g = gen_of(args[0]);
  if (g->state == kGenRunning) raise_msg(&exc_ValueError, "generator already executing");
  Value prev = g->pend;
  g->pend = args[1];
  return prev;
}

const NativeFunObj gen_send_obj = {&native_fun_type, 2, 2, 0, Q_send, gen_send};
const NativeFunObj gen_throw_obj = {&native_fun_type, 2, 4, 0, Q_throw, gen_throw};
const NativeFunObj gen_close_obj = {&native_fun_type, 1, 1, 0, Q_close, gen_close};
const NativeFunObj gen_pend_throw_obj = {&native_fun_type, 2, 2, 0, Q_pend_throw, gen_pend_throw};
const RomEntry gen_methods_table[] = {
    {Q_send, 0, &gen_send_obj},
    {Q_throw, 0, &gen_throw_obj},
    {Q_close, 0, &gen_close_obj},
    {Q_pend_throw, 0, &gen_pend_throw_obj},
};
const RomMap gen_methods = {gen_methods_table, sizeof(gen_methods_table) / sizeof(RomEntry)};

Value gen_getiter(Value self) {
  return self;
}

void gen_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  if (name == Q___name__) dest[0] = qstr_value(gen_of(self)->frame()->code->name);
}

}  // namespace

void iter_stop_value_set(Value v) {
  stop_arg() = v;
}

namespace {

// Throwing into a generator suspended in `yield from`: the delegate gets it first.
// Returns 0: not delegated (raise exc here); 1: the delegate yielded *result;
// 2: the delegate finished (the frame continues); 3: the delegate raised *result.
int delegate_throw(GenObj* g, Value exc, Value* result) {
  Frame* f = g->frame();
  if (*f->ip != OP_YIELD_FROM) return 0;
  Value sub = *f->sp;
  if (is_instance(exc, &exc_GeneratorExit) ||
      (is_type(exc, &type_type) && type_is_subclass(as<Type>(exc), &exc_GeneratorExit))) {
    Value dest[2];
    load_method_maybe(sub, Q_close, dest);
    if (dest[0] != kNull) call_method_n(0, 0, dest);
    return 0;
  }
  Value r;
  VmStatus s;
  NlrBuf nlr;
  nlr_push(&nlr);
  if (setjmp(nlr.jb) == 0) {
    if (is_type(sub, &gen_type) || is_type(sub, &coro_type)) {
      r = gen_resume(sub, kNone, exc, &s);
    } else {
      Value buf[3];
      load_method_maybe(sub, Q_throw, buf);
      if (buf[0] == kNull) {
        nlr_pop(&nlr);
        return 0;
      }
      buf[2] = exc;
      r = call_method_n(1, 0, buf);
      s = kVmYield;
    }
    nlr_pop(&nlr);
  } else {
    Value e = nlr.exc;
    if (!is_instance(e, &exc_StopIteration)) {
      *result = e;
      return 3;
    }
    r = exception_first_arg(e);
    s = kVmReturn;
  }
  if (s == kVmYield) {
    *result = r;
    return 1;
  }
  // The delegate finished: its value is the result of the yield from.
  *f->sp = r;
  f->ip++;
  return 2;
}

}  // namespace

const Type gen_type = {.type = &type_type,
                       .name = Q_generator,
                       .flags = kTypeIterIsSelf,
                       .print = gen_print,
                       .attr = gen_attr,
                       .getiter = gen_getiter,
                       .iternext = gen_iternext,
                       .methods = &gen_methods};
const Type coro_type = {.type = &type_type,
                        .name = Q_coroutine,
                        .print = gen_print,
                        .attr = gen_attr,
                        .iternext = gen_iternext,
                        .methods = &gen_methods};

Value gen_new(Value fun, size_t n_args, size_t n_kw, const Value* args) {
  const CodeObj* c = as<FunObj>(fun)->code;
  size_t words = frame_words(c);
  GenObj* g = static_cast<GenObj*>(gc_alloc(sizeof(GenObj) + words * sizeof(Value)));
  g->type = (c->flags & kCodeCoroutine) ? &coro_type : &gen_type;
  g->state = kGenCreated;
  g->pend = kNone;
  Frame* f = reinterpret_cast<Frame*>(g + 1);
  f->prev = nullptr;
  frame_bind(f, fun, n_args, n_kw, args);
  f->flags = kFrameEntry;
  f->gen = val(g);
  return val(g);
}

Value gen_resume(Value gen, Value send, Value throw_exc, VmStatus* status) {
  GenObj* g = gen_of(gen);
  if (g->state == kGenRunning) raise_msg(&exc_ValueError, "generator already executing");
  if (g->pend != kNone) {
    throw_exc = g->pend;
    g->pend = kNone;
  }
  if (g->state == kGenFinished) {
    if (throw_exc != kNull) raise(exception_make(throw_exc));
    *status = kVmReturn;
    return kNone;
  }
  if (g->state == kGenCreated) {
    if (throw_exc != kNull) {
      g->state = kGenFinished;
      raise(exception_make(throw_exc));
    }
    if (send != kNone)
      raise_msg(&exc_TypeError, "can't send non-None value to a just-started generator");
  }
  Frame* f = g->frame();
  Value inject = throw_exc;
  if (g->state == kGenSuspended) {
    if (throw_exc != kNull) {
      Value r = kNull;
      int d = delegate_throw(g, throw_exc, &r);
      if (d == 1) {
        *status = kVmYield;
        return r;
      }
      inject = d == 2 ? kNull : d == 3 ? r : exception_make(throw_exc);
    } else {
      *++f->sp = send;
    }
  }
  f->prev = vm()->frame;
  g->state = kGenRunning;
  struct Ctx {
    Frame* f;
    Value inject;
    VmStatus status;
  } ctx{f, inject, kVmReturn};
  auto fn = [](void* p) -> Value {
    Ctx* c = static_cast<Ctx*>(p);
    return vm_execute(c->f, c->inject, &c->status);
  };
  Value r, e;
  if (protected_call(fn, &ctx, &r, &e)) {
    *status = ctx.status;
    g->state = *status == kVmYield ? kGenSuspended : kGenFinished;
    return r;
  }
  g->state = kGenFinished;
  if (is_instance(e, &exc_StopIteration)) {
    raise_msg(&exc_RuntimeError, "generator raised StopIteration");
  }
  raise(e);
}

// One step of an iterator for a consumer that wants its final value too (next(),
// yield from): returns the next item and sets *status to kVmYield, or, once the
// iterator is exhausted, the value it finished with (StopIteration's argument,
// None without one) and kVmReturn. Other exceptions propagate.
Value iter_step(Value it, VmStatus* status) {
  if (is_obj(it) && (as_obj(it)->type == &gen_type || as_obj(it)->type == &coro_type)) {
    return gen_resume(it, kNone, kNull, status);
  }
  const Type* t = type_of(it);
  if (t->flags & kTypeUser) {
    // A class's own __next__ raises StopIteration itself: call it directly so the
    // exception keeps its value.
    Value m = type_lookup(t, Q___next__);
    if (m != kNull) {
      *status = kVmYield;
      return call1(m, it);
    }
  }
  stop_arg() = kNull;
  Value v = iternext(it);
  if (v != kNull) {
    *status = kVmYield;
    return v;
  }
  *status = kVmReturn;
  Value r = stop_arg();
  stop_arg() = kNull;
  return r == kNull ? kNone : r;
}

// One step of `yield from` / `await` (vm.cpp's YIELD_FROM): sends `send` into the
// delegate it (None: next) and returns what it yielded (*status kVmYield) or, when
// it is done, its result (kVmReturn): its return value or the argument of the
// StopIteration it raised.
Value yield_from_step(Value it, Value send, VmStatus* status) {
  if (is_obj(it) && (as_obj(it)->type == &gen_type || as_obj(it)->type == &coro_type)) {
    return gen_resume(it, send, kNull, status);
  }
  struct Ctx {
    Value it;
    Value send;
    VmStatus status;
  } ctx{it, send, kVmYield};
  auto fn = [](void* p) -> Value {
    Ctx* c = static_cast<Ctx*>(p);
    if (c->send == kNone) return iter_step(c->it, &c->status);
    return call_method(c->it, Q_send, 1, &c->send);
  };
  Value r, exc;
  if (protected_call(fn, &ctx, &r, &exc)) {
    *status = ctx.status;
    return r;
  }
  if (!is_instance(exc, &exc_StopIteration)) raise(exc);
  *status = kVmReturn;
  return exception_first_arg(exc);
}

}  // namespace vpy
