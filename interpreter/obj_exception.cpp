// Exceptions: the builtin hierarchy, their attributes, tracebacks and printing.
#include "runtime.h"

namespace vpy {

namespace {

// A traceback is a growable array of (file, line, block) triples, innermost first.
struct Traceback {
  uint32_t n;
  uint32_t alloc;
  uint32_t data[];
};

void exception_obj_print(const Printer* p, Value self, PrintKind kind) {
  ExceptionObj* e = as<ExceptionObj>(self);
  TupleObj* args = as<TupleObj>(e->args);
  size_t n = args ? args->len : 0;
  if (kind == kPrintRepr) {
    print_fmt(p, "%q(", e->type->name);
    for (size_t i = 0; i < n; i++) {
      if (i) print_str(p, ", ");
      print_value(p, args->items[i], kPrintRepr);
    }
    if (n == 1) print_str(p, ",");  // MicroPython prints the args tuple: ValueError('x',)
    print_str(p, ")");
    return;
  }
  if (n == 0) return;
  // OSError(errno, ...) reads "[Errno 2] ENOENT: text", as in MicroPython.
  if (type_is_subclass(e->type, &exc_OSError) && n < 3 && is_small_int(args->items[0])) {
    const char* name = errno_name(static_cast<int>(small_int_value(args->items[0])));
    if (name) {
      print_fmt(p, "[Errno %D] %s", small_int_value(args->items[0]), name);
      if (n > 1) print_fmt(p, ": %S", args->items[1]);
      return;
    }
  }
  if (n == 1) {
    print_value(p, args->items[0], kPrintStr);
    return;
  }
  print_value(p, e->args, kPrintRepr);
}

}  // namespace

Value exception_make_new(const Type* type, size_t n_args, size_t n_kw, const Value* args) {
  (void)n_kw;
  ExceptionObj* e = gc_new<ExceptionObj>(type);
  e->args = tuple_new(n_args, args);
  e->traceback = kNull;
  e->cause = kNull;
  e->context = kNull;
  e->dict = kNull;
  return val(e);
}

void exception_attr(Value self, Qstr name, Value* dest) {
  ExceptionObj* e = as<ExceptionObj>(self);
  if (dest[0] == kSentinel) {
    // Stores: the cause and user attributes (kept in the instance dict).
    if (name == Q___cause__) {
      e->cause = dest[1];
    } else if (name == Q___context__) {
      e->context = dest[1];
    } else if (name == Q___traceback__) {
      if (dest[1] == kNone) e->traceback = kNull;
    } else if (name == Q_args) {
      e->args = dest[1];
    } else {
      if (e->dict == kNull) e->dict = dict_new(0);
      if (dest[1] == kNull) {
        if (!dict_delete(e->dict, qstr_value(name))) return;
      } else {
        dict_store_qstr(e->dict, name, dest[1]);
      }
    }
    dest[0] = kNull;
    return;
  }
  if (dest[0] != kNull) return;
  if (e->dict != kNull) {
    Value v = dict_get_qstr(e->dict, name);
    if (v != kNull) {
      dest[0] = v;
      return;
    }
  }
  if (name == Q_args) {
    dest[0] = e->args;
  } else if (name == Q_value && type_is_subclass(e->type, &exc_StopIteration)) {
    dest[0] = exception_first_arg(self);
  } else if (name == Q_errno && type_is_subclass(e->type, &exc_OSError)) {
    dest[0] = exception_first_arg(self);
  } else if (name == Q___cause__) {
    dest[0] = e->cause == kNull ? kNone : e->cause;
  } else if (name == Q___context__) {
    dest[0] = e->context == kNull ? kNone : e->context;
  } else if (name == Q___traceback__) {
    dest[0] = kNone;
  } else if (name == Q___dict__) {
    if (e->dict == kNull) e->dict = dict_new(0);
    dest[0] = e->dict;
  }
}

Value exception_init(size_t n_args, const Value* args, const KwArgs*) {
  // BaseException.__init__(self, *args): sets args.
  as<ExceptionObj>(args[0])->args = tuple_new(n_args - 1, args + 1);
  return kNone;
}

const NativeFunObj exception_init_obj = {&native_fun_type, 1, 0xffff, 0, Q___init__,
                                         exception_init};
const RomEntry exception_methods_table[] = {
    {Q___init__, 0, &exception_init_obj},
};
const RomMap exception_methods = {exception_methods_table, 1};

#define EXC_TYPE(pyname, basetype)                                                        \
  const Type exc_##pyname = {.type = &type_type,                                          \
                             .name = Q_##pyname,                                          \
                             .flags = kTypeException | kTypeBaseable | kTypeInstanceDict, \
                             .print = exception_obj_print,                                \
                             .make_new = exception_make_new,                              \
                             .attr = exception_attr,                                      \
                             .methods = &exception_methods,                               \
                             .base = basetype};

EXC_TYPE(BaseException, &object_type)
EXC_TYPE(SystemExit, &exc_BaseException)
EXC_TYPE(KeyboardInterrupt, &exc_BaseException)
EXC_TYPE(GeneratorExit, &exc_BaseException)
EXC_TYPE(Exception, &exc_BaseException)
EXC_TYPE(StopIteration, &exc_Exception)
EXC_TYPE(StopAsyncIteration, &exc_Exception)
EXC_TYPE(ArithmeticError, &exc_Exception)
EXC_TYPE(OverflowError, &exc_ArithmeticError)
EXC_TYPE(ZeroDivisionError, &exc_ArithmeticError)
EXC_TYPE(AssertionError, &exc_Exception)
EXC_TYPE(AttributeError, &exc_Exception)
EXC_TYPE(EOFError, &exc_Exception)
EXC_TYPE(ImportError, &exc_Exception)
EXC_TYPE(LookupError, &exc_Exception)
EXC_TYPE(IndexError, &exc_LookupError)
EXC_TYPE(KeyError, &exc_LookupError)
EXC_TYPE(MemoryError, &exc_Exception)
EXC_TYPE(NameError, &exc_Exception)
EXC_TYPE(UnboundLocalError, &exc_NameError)
EXC_TYPE(OSError, &exc_Exception)
EXC_TYPE(TimeoutError, &exc_OSError)
EXC_TYPE(RuntimeError, &exc_Exception)
EXC_TYPE(NotImplementedError, &exc_RuntimeError)
EXC_TYPE(RecursionError, &exc_RuntimeError)
EXC_TYPE(SyntaxError, &exc_Exception)
EXC_TYPE(IndentationError, &exc_SyntaxError)
EXC_TYPE(TypeError, &exc_Exception)
EXC_TYPE(ValueError, &exc_Exception)
EXC_TYPE(UnicodeError, &exc_ValueError)
EXC_TYPE(CancelledError, &exc_BaseException)

Value exception_new(const Type* type, size_t n_args, const Value* args) {
  return exception_make_new(type, n_args, 0, args);
}

Value exception_new_msg(const Type* type, const char* msg) {
  Value m = str_new_cstr(msg);
  return exception_new(type, 1, &m);
}

Value exception_make(Value v) {
  if (is_exception(v)) return v;
  if (is_type(v, &type_type) && (as<Type>(v)->flags & kTypeException)) return call0(v);
  raise_msg(&exc_TypeError, "exceptions must derive from BaseException");
}

Value exception_first_arg(Value exc) {
  if (!is_exception(exc)) return kNone;
  TupleObj* t = as<TupleObj>(as<ExceptionObj>(exc)->args);
  return t && t->len ? t->items[0] : kNone;
}

bool exception_match(Value exc, Value type) {
  if (is_type(type, &tuple_type)) {
    TupleObj* t = as<TupleObj>(type);
    for (size_t i = 0; i < t->len; i++) {
      if (exception_match(exc, t->items[i])) return true;
    }
    return false;
  }
  if (!is_type(type, &type_type) || !(as<Type>(type)->flags & kTypeException)) {
    raise_msg(&exc_TypeError,
              "catching classes that do not inherit from BaseException is not allowed");
  }
  return is_instance(exc, as<Type>(type));
}

void exception_add_traceback(Value exc, Qstr file, size_t line, Qstr block) {
  if (!is_exception(exc)) return;
  ExceptionObj* e = as<ExceptionObj>(exc);
  Traceback* tb = reinterpret_cast<Traceback*>(e->traceback);
  if (tb == nullptr || tb->n == tb->alloc) {
    // Tracebacks are best effort: without memory the exception still propagates.
    uint32_t n = tb ? tb->alloc * 2 : 4;
    Traceback* nt =
        static_cast<Traceback*>(gc_alloc_maybe(sizeof(Traceback) + n * 3 * sizeof(uint32_t)));
    if (nt == nullptr) return;
    nt->alloc = n;
    nt->n = 0;
    if (tb) {
      nt->n = tb->n;
      mem_copy(nt->data, tb->data, tb->n * 3 * sizeof(uint32_t));
    }
    tb = nt;
    e->traceback = reinterpret_cast<Value>(tb);
  }
  uint32_t* d = tb->data + tb->n * 3;
  d[0] = file;
  d[1] = static_cast<uint32_t>(line);
  d[2] = block;
  tb->n++;
}

void exception_clear_traceback(Value exc) {
  if (is_exception(exc)) as<ExceptionObj>(exc)->traceback = kNull;
}

namespace {
// sys.tracebacklimit, once a program sets it: how many of the outermost calls a
// traceback shows (none, and no header, when 0 or less).
Int traceback_limit() {
  Value sys = dict_get(vm()->modules, qstr_value(Q_sys));
  if (sys == kNull || !is_type(sys, &module_type)) return INT32_MAX;
  Value v = dict_get_qstr(module_globals(sys), Q_tracebacklimit);
  Int limit;
  return v != kNull && int_get_maybe(v, &limit) ? limit : INT32_MAX;
}
}  // namespace

void exception_print(const Printer* p, Value exc) {
  if (is_exception(exc)) {
    Traceback* tb = reinterpret_cast<Traceback*>(as<ExceptionObj>(exc)->traceback);
    Int limit = tb && tb->n ? traceback_limit() : 0;
    if (limit > 0) {
      uint32_t end = limit < static_cast<Int>(tb->n) ? tb->n - static_cast<uint32_t>(limit) : 0;
      print_str(p, "Traceback (most recent call last):\n");
      for (uint32_t i = tb->n; i-- > end;) {
        const uint32_t* d = tb->data + i * 3;
        print_fmt(p, "  File \"%q\", line %u", static_cast<Qstr>(d[0]),
                  static_cast<unsigned>(d[1]));
        if (d[2] != kQstrNotFound) print_fmt(p, ", in %q", static_cast<Qstr>(d[2]));
        print_str(p, "\n");
      }
    }
  }
  const Type* t = type_of(exc);
  print_str(p, type_name(t));
  // Always "Name: text", even with no arguments ("KeyboardInterrupt: "), as MicroPython.
  print_str(p, ": ");
  if (is_exception(exc)) print_value(p, exc, kPrintStr);
  print_str(p, "\n");
}

void raise_os_error(int err) {
  Value e = small_int(err);
  raise(exception_new(&exc_OSError, 1, &e));
}

void raise_arg_count(size_t want, size_t got) {
  raise_fmt(&exc_TypeError, "function takes %u positional arguments but %u were given",
            static_cast<unsigned>(want), static_cast<unsigned>(got));
}

}  // namespace vpy
