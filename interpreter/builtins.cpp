// The builtins module: functions such as print and len, the builtin types and
// the exception classes.
#include <math.h>
#include <stdlib.h>

#include "bytecode.h"
#include "modules.h"
#include "obj_gen.h"
#include "port.h"
#include "runtime.h"

namespace vpy {

namespace {

void write_to(Value file, const char* s, size_t n) {
  if (file == kNone || file == kNull) {
    port_write(s, n);
    return;
  }
  Value str = str_new(s, n);
  call_method(file, Q_write, 1, &str);
}

Value b_print(size_t n_args, const Value* args, const KwArgs* kw) {
  Value sep = kw_get(kw, Q_sep, kNone);
  Value end = kw_get(kw, Q_end, kNone);
  Value file = kw_get(kw, Q_file, kNone);
  if (file == vm()->sys_stdout) file = kNone;
  size_t sep_len = 1, end_len = 1;
  const char* sep_s = sep == kNone ? " " : str_data(sep, &sep_len);
  const char* end_s = end == kNone ? "\n" : str_data(end, &end_len);
  if (file == kNone) {
    for (size_t i = 0; i < n_args; i++) {
      if (i) port_write(sep_s, sep_len);
      print_value(&port_printer, args[i], kPrintStr);
    }
    port_write(end_s, end_len);
    return kNone;
  }
  // A file gets one write per argument, separator and end, as in CPython and MicroPython.
  for (size_t i = 0; i < n_args; i++) {
    if (i) write_to(file, sep_s, sep_len);
    Vstr v;
    vstr_init(&v, 32);
    Printer p = vstr_printer(&v);
    print_value(&p, args[i], kPrintStr);
    write_to(file, v.buf, v.len);
  }
  write_to(file, end_s, end_len);
  return kNone;
}

Value b_len(size_t, const Value* a, const KwArgs*) {
  return int_from(static_cast<Int>(len_of(a[0])));  // a range's length may be a big int
}
Value b_abs(size_t, const Value* a, const KwArgs*) {
  return unary_op(kUnaryAbs, a[0]);
}

Value b_all(size_t, const Value* a, const KwArgs*) {
  Value it = getiter(a[0]);
  for (Value v; (v = iternext(it)) != kNull;) {
    if (!is_true(v)) return kFalse;
  }
  return kTrue;
}
Value b_any(size_t, const Value* a, const KwArgs*) {
  Value it = getiter(a[0]);
  for (Value v; (v = iternext(it)) != kNull;) {
    if (is_true(v)) return kTrue;
  }
  return kFalse;
}

Value int_base_str(Value v, int base) {
  Vstr s;
  vstr_init(&s, 24);
  Printer p = vstr_printer(&s);
  int_print(&p, value_index(v), base, true);
  return vstr_to_str(&s);
}
Value b_bin(size_t, const Value* a, const KwArgs*) {
  return int_base_str(a[0], 2);
}
Value b_oct(size_t, const Value* a, const KwArgs*) {
  return int_base_str(a[0], 8);
}
Value b_hex(size_t, const Value* a, const KwArgs*) {
  return int_base_str(a[0], 16);
}

Value b_callable(size_t, const Value* a, const KwArgs*) {
  Value v = a[0];
  if (!is_obj(v)) return kFalse;
  const Type* t = as_obj(v)->type;
  if (t->flags & kTypeUser) return bool_value(type_lookup(t, Q___call__) != kNull);
  return bool_value(t->call != nullptr);
}

Value b_chr(size_t, const Value* a, const KwArgs*) {
  Int c = int_get(a[0]);
  if (c < 0 || c > 0x10ffff) raise_msg(&exc_ValueError, "chr() arg not in range(0x110000)");
  Vstr v;
  vstr_init(&v, 4);
  vstr_add_unichar(&v, static_cast<uint32_t>(c));
  Value s = str_new_qstr_maybe(v.buf, v.len);
  return s;
}

Value b_ord(size_t, const Value* a, const KwArgs*) {
  size_t len;
  const char* s;
  if (is_type(a[0], &bytearray_type)) {
    s = reinterpret_cast<const char*>(as<BytearrayObj>(a[0])->data);
    len = as<BytearrayObj>(a[0])->len;
  } else {
    s = str_data(a[0], &len);
  }
  if (is_str(a[0])) {
    size_t cl = utf8_char_len(s, len);
    if (cl != 1)
      raise_fmt(&exc_TypeError, "ord() expected a character, but string of length %u found",
                static_cast<unsigned>(cl));
    const char* p = s;
    return small_int(utf8_decode(&p));
  }
  if (len != 1)
    raise_fmt(&exc_TypeError, "ord() expected a character, but string of length %u found",
              static_cast<unsigned>(len));
  return small_int(static_cast<uint8_t>(s[0]));
}

Value b_divmod(size_t, const Value* a, const KwArgs*) {
  return binary_op(kBinDivMod, a[0], a[1]);
}

Value b_getattr(size_t n_args, const Value* a, const KwArgs*) {
  Qstr q = str_to_qstr(a[1]);
  if (n_args > 2) {
    NlrBuf nlr;
    nlr_push(&nlr);
    if (setjmp(nlr.jb) == 0) {
      Value v = load_attr(a[0], q);
      nlr_pop(&nlr);
      return v;
    }
    if (!is_instance(nlr.exc, &exc_AttributeError)) raise(nlr.exc);
    return a[2];
  }
  return load_attr(a[0], q);
}
Value b_setattr(size_t, const Value* a, const KwArgs*) {
  store_attr(a[0], str_to_qstr(a[1]), a[2]);
  return kNone;
}
Value b_delattr(size_t, const Value* a, const KwArgs*) {
  delete_attr(a[0], str_to_qstr(a[1]));
  return kNone;
}
Value b_hasattr(size_t, const Value* a, const KwArgs*) {
  Qstr q = str_to_qstr(a[1]);
  NlrBuf nlr;
  nlr_push(&nlr);
  if (setjmp(nlr.jb) == 0) {
    Value v = load_attr_maybe(a[0], q);
    nlr_pop(&nlr);
    return bool_value(v != kNull);
  }
  if (!is_instance(nlr.exc, &exc_AttributeError)) raise(nlr.exc);
  return kFalse;
}

Value b_globals(size_t, const Value*, const KwArgs*) {
  Frame* f = vm()->frame;
  return f ? f->globals : module_globals(vm()->main_module);
}
Value b_locals(size_t, const Value*, const KwArgs*) {
  Frame* f = vm()->frame;
  if (f == nullptr) return module_globals(vm()->main_module);
  if (f->names != kNull) return f->names;
  // A snapshot of the fast locals.
  Value d = dict_new(0);
  const CodeObj* c = f->code;
  for (uint16_t i = 0; i < c->n_locals; i++) {
    Value v = f->locals[i];
    if (v == kNull || c->names == nullptr) continue;
    if (is_type(v, &cell_type)) v = as<CellObj>(v)->value;
    if (v != kNull) dict_store_qstr(d, c->names[i], v);
  }
  return d;
}

Value b_hash(size_t, const Value* a, const KwArgs*) {
  return int_from(static_cast<Int>(hash_value(a[0])));
}
Value b_id(size_t, const Value* a, const KwArgs*) {
  return int_from_u64(static_cast<uint64_t>(a[0]));
}

bool isinstance_of(Value v, Value cls, bool sub) {
  if (is_type(cls, &tuple_type)) {
    TupleObj* t = as<TupleObj>(cls);
    for (size_t i = 0; i < t->len; i++) {
      if (isinstance_of(v, t->items[i], sub)) return true;
    }
    return false;
  }
  if (!is_type(cls, &type_type)) {
    raise_msg(&exc_TypeError, sub ? "issubclass() arg 2 must be a class or a tuple of classes"
                                  : "isinstance() arg 2 must be a type or tuple of types");
  }
  const Type* t = sub ? as<Type>(v) : type_of(v);
  return type_is_subclass(t, as<Type>(cls));
}
Value b_isinstance(size_t, const Value* a, const KwArgs*) {
  return bool_value(isinstance_of(a[0], a[1], false));
}
Value b_issubclass(size_t, const Value* a, const KwArgs*) {
  if (!is_type(a[0], &type_type)) raise_msg(&exc_TypeError, "issubclass() arg 1 must be a class");
  return bool_value(isinstance_of(a[0], a[1], true));
}

// iter(x) or iter(callable, sentinel).
struct CallIterObj {
  const Type* type;
  Value fun;
  Value sentinel;
};
Value call_iter_next(Value self) {
  CallIterObj* c = as<CallIterObj>(self);
  Value v = call0(c->fun);
  if (equal(v, c->sentinel)) return kNull;
  return v;
}
const Type call_iter_type = {
    .type = &type_type, .name = Q_iterator, .flags = kTypeIterIsSelf, .iternext = call_iter_next};
Value b_iter(size_t n_args, const Value* a, const KwArgs*) {
  if (n_args == 2) {
    CallIterObj* c = gc_new<CallIterObj>(&call_iter_type);
    c->fun = a[0];
    c->sentinel = a[1];
    return val(c);
  }
  return getiter(a[0]);
}
Value b_next(size_t n_args, const Value* a, const KwArgs*) {
  if (n_args == 1) {
    // The value an iterator finishes with (a generator's return) travels in StopIteration.
    VmStatus s;
    Value r = iter_step(a[0], &s);
    if (s == kVmReturn) raise_stop_iteration(r);
    return r;
  }
  Value v = iternext(a[0]);
  return v == kNull ? a[1] : v;
}

Value min_max(size_t n_args, const Value* a, const KwArgs* kw, BinaryOp op) {
  Value key = kw_get(kw, Q_key, kNone);
  Value dflt = kw_get(kw, Q_default, kNull);
  Value it = getiter(n_args == 1 ? a[0] : tuple_new(n_args, a));
  Value best = kNull, best_key = kNull;
  for (Value v; (v = iternext(it)) != kNull;) {
    Value k = key == kNone ? v : call1(key, v);
    if (best == kNull || is_true(binary_op(op, k, best_key))) {
      best = v;
      best_key = k;
    }
  }
  if (best == kNull) {
    if (dflt != kNull) return dflt;
    raise_msg(&exc_ValueError, "arg is an empty sequence");
  }
  return best;
}
Value b_max(size_t n, const Value* a, const KwArgs* kw) {
  return min_max(n, a, kw, kBinMore);
}
Value b_min(size_t n, const Value* a, const KwArgs* kw) {
  return min_max(n, a, kw, kBinLess);
}

Value b_sum(size_t n_args, const Value* a, const KwArgs* kw) {
  Value total = n_args > 1 ? a[1] : kw_get(kw, Q_start, small_int(0));
  size_t n;
  Value* items;
  if (seq_get(a[0], &n, &items)) {
    for (size_t i = 0; i < n; i++)
      total = binary_op(kBinAdd, total, items[i]);
    return total;
  }
  Value it = getiter(a[0]);
  for (Value v; (v = iternext(it)) != kNull;)
    total = binary_op(kBinAdd, total, v);
  return total;
}

Value b_sorted(size_t n_args, const Value* a, const KwArgs* kw) {
  if (n_args != 1) raise_msg(&exc_TypeError, "must use keyword argument for key function");
  Value l = list_new(0, nullptr);
  list_extend(l, a[0]);
  list_sort(l, kw_get(kw, Q_key, kNone), is_true(kw_get(kw, Q_reverse, kFalse)));
  return l;
}

Value b_pow(size_t n_args, const Value* a, const KwArgs*) {
  if (n_args == 3) {
    Value b = native_value(a[0]), e = native_value(a[1]), m = native_value(a[2]);
    if (!is_int(b) || !is_int(e) || !is_int(m)) {
      raise_msg(&exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    }
    return int_pow3(b, e, m);
  }
  return binary_op(kBinPow, a[0], a[1]);
}

Value b_repr(size_t, const Value* a, const KwArgs*) {
  return repr_of(a[0]);
}

Value b_round(size_t n_args, const Value* a, const KwArgs*) {
  Value x = a[0];
  Value nd = n_args > 1 ? a[1] : kNone;
  if (is_obj(x) && (as_obj(x)->type->flags & kTypeUser)) {
    Value dest[2];
    load_method_maybe(x, Q___round__, dest);
    if (dest[0] != kNull) {
      Value buf[3] = {dest[0], dest[1], nd};
      return call_method_n(nd == kNone ? 0 : 1, 0, buf);
    }
  }
  if (is_int(x)) {
    if (nd == kNone) return x == kTrue ? small_int(1) : x == kFalse ? small_int(0) : x;
    Int d = int_get(nd);
    if (d >= 0) return x;
    // Round to a power of ten, half to even.
    Value p = binary_op(kBinPow, small_int(10), small_int(-d));
    Value q = binary_op(kBinFloorDiv, x, p);
    Value r = binary_op(kBinSub, x, binary_op(kBinMul, q, p));
    Value twice = binary_op(kBinMul, r, small_int(2));
    int c = int_compare(twice, p);
    if (c > 0 || (c == 0 && is_true(binary_op(kBinMod, q, small_int(2)))))
      q = binary_op(kBinAdd, q, small_int(1));
    return binary_op(kBinMul, q, p);
  }
  Float f = float_get(x);
  if (nd == kNone) {
    if (isnan(f)) raise_msg(&exc_ValueError, "cannot convert float NaN to integer");
    if (isinf(f)) raise_msg(&exc_OverflowError, "cannot convert float infinity to integer");
    Float r = nearbyint(f);  // the default rounding mode is half to even
    return int_from_float(r);
  }
  Int d = int_get(nd);
  if (!isfinite(f) || d > 300) return float_new(f);
  // Round through the decimal text, which gives the correctly rounded result.
  Vstr v;
  vstr_init(&v, 32);
  if (d >= 0) {
    float_format(&v, f, 'f', static_cast<int>(d), false);
    vstr_add_char(&v, 0);
    return float_new(static_cast<Float>(strtod(v.buf, nullptr)));
  }
  Float m = pow(10.0, static_cast<double>(-d));
  return float_new(nearbyint(f / m) * m);
}

Value b_input(size_t n_args, const Value* a, const KwArgs*) {
  if (n_args) print_value(&port_printer, a[0], kPrintStr);
  Vstr v;
  vstr_init(&v, 32);
  for (;;) {
    int c = port_read_char();
    if (c < 0) {
      if (v.len == 0) raise(val(&exc_EOFError));
      break;
    }
    if (c == '\n') break;
    if (c != '\r') vstr_add_char(&v, static_cast<char>(c));
  }
  return vstr_to_str(&v);
}

// Source code for exec/eval/compile: a str, or any bytes-like object.
const char* source_text(Value v, size_t* len) {
  Buffer b;
  if (!is_str(v) && is_obj(v) && type_of(v)->buffer && type_of(v)->buffer(v, &b, kBufferRead)) {
    *len = b.len;
    return static_cast<const char*>(b.data);
  }
  return str_data(v, len);
}

Value exec_eval(size_t n_args, const Value* a, CompileMode mode) {
  Value globals = n_args > 1 && a[1] != kNone ? a[1] : b_globals(0, nullptr, nullptr);
  Value locals = n_args > 2 && a[2] != kNone ? a[2] : kNull;
  // Name lookups treat both namespaces as dicts (a dict subclass: its dict), so anything else
  // must be refused here.
  if (as_native(globals, &dict_type) == kNull) {
    raise_fmt(&exc_TypeError, "globals must be a dict, not %s", type_name_of(globals));
  }
  globals = as_native(globals, &dict_type);
  if (locals != kNull) {
    if (as_native(locals, &dict_type) == kNull) {
      raise_fmt(&exc_TypeError, "locals must be a dict, not %s", type_name_of(locals));
    }
    locals = as_native(locals, &dict_type);
  }
  bool separate = locals != kNull && locals != globals;
  Value fun;
  if (is_type(a[0], &code_type) || is_type(a[0], &fun_type)) {
    // compile()'s result runs in the namespaces given now, not those it was made in.
    Value code = is_type(a[0], &fun_type) ? val(as<FunObj>(a[0])->code) : a[0];
    fun = fun_new(code, globals, kNull, kNull, kNull);
  } else {
    size_t len;
    const char* s = source_text(a[0], &len);
    fun = compile_source(s, len, Q__string_, mode, globals, !separate);
  }
  if (separate) {
    // Separate locals: run with NAME ops going to the locals dict.
    Frame* f = frame_push(fun, 0, 0, nullptr);
    f->names = locals;
    f->flags |= kFrameEntry;
    VmStatus st;
    Value r = vm_execute(f, kNull, &st);
    vm()->stack_top = reinterpret_cast<Value*>(f);
    return mode == kCompileEval ? r : kNone;
  }
  Value r = call0(fun);
  return mode == kCompileEval ? r : kNone;
}
Value b_exec(size_t n, const Value* a, const KwArgs*) {
  return exec_eval(n, a, kCompileFile);
}
Value b_eval(size_t n, const Value* a, const KwArgs*) {
  return exec_eval(n, a, kCompileEval);
}

Value b_compile(size_t, const Value* a, const KwArgs*) {
  size_t len;
  const char* s = source_text(a[0], &len);
  Qstr mode = str_to_qstr(a[2]);
  CompileMode m = kCompileFile;
  if (mode == Q_eval) {
    m = kCompileEval;
  } else if (mode == Q_single) {
    m = kCompileSingle;
  } else if (mode != Q_exec) {
    raise_msg(&exc_ValueError, "bad compile mode");
  }
  Frame* f = vm()->frame;
  Value globals = f ? f->globals : module_globals(vm()->main_module);
  // Top-level names go through the frame, so exec() may give the code separate locals.
  return compile_source(s, len, str_to_qstr(a[1]), m, globals, false);
}

Value b_dir(size_t n_args, const Value* a, const KwArgs*) {
  Value result = list_new(0, nullptr);
  if (n_args == 0) {
    Value g = b_locals(0, nullptr, nullptr);
    Map* m = dict_map(g);
    for (uint32_t i = 0; i < m->used; i++) {
      if (m->entries[i].key != kNull) list_append(result, m->entries[i].key);
    }
    list_sort(result, kNone, false);
    return result;
  }
  Value o = a[0];
  if (is_obj(o) && (type_of(o)->flags & kTypeUser)) {
    Value m = type_lookup(type_of(o), Q___dir__);  // a class's own __dir__ decides
    if (m != kNull) {
      list_extend(result, call1(m, o));
      list_sort(result, kNone, false);
      return result;
    }
  }
  Value seen = set_new(&set_type, kNull);
  auto add_map = [&](Map* m) {
    for (uint32_t i = 0; i < m->used; i++) {
      if (m->entries[i].key != kNull) set_add(seen, m->entries[i].key);
    }
  };
  auto add_type = [&](const Type* t) {
    for (; t; t = (t->flags & kTypeUser) ? nullptr : t->base) {
      if (t->flags & kTypeUser) {
        TupleObj* mro = as<TupleObj>(t->mro);
        for (size_t i = 0; i < mro->len; i++) {
          const Type* mt = as<Type>(mro->items[i]);
          if (mt->flags & kTypeUser) {
            add_map(dict_map(mt->dict));
          } else if (mt->methods) {
            for (size_t k = 0; k < mt->methods->n; k++)
              set_add(seen, qstr_value(mt->methods->entries[k].name));
          }
        }
        break;
      }
      if (t->methods) {
        for (size_t k = 0; k < t->methods->n; k++)
          set_add(seen, qstr_value(t->methods->entries[k].name));
      }
    }
  };
  if (is_type(o, &module_type)) {
    add_map(dict_map(module_globals(o)));
  } else if (is_type(o, &type_type)) {
    add_type(as<Type>(o));
  } else {
    Value d = instance_dict(o);
    if (d != kNull) add_map(dict_map(d));
    add_type(type_of(o));
  }
  set_add(seen, qstr_value(Q___class__));
  list_extend(result, seen);
  list_sort(result, kNone, false);
  return result;
}

Value b_vars(size_t n_args, const Value* a, const KwArgs*) {
  if (n_args == 0) return b_locals(0, nullptr, nullptr);
  return load_attr(a[0], Q___dict__);
}

Value b_format(size_t n_args, const Value* a, const KwArgs*) {
  return format_builtin(a[0], n_args > 1 ? a[1] : qstr_value(Q__empty_));
}

Value b_import(size_t n_args, const Value* a, const KwArgs*) {
  Value fromlist = n_args > 3 ? a[3] : kNone;
  Int level = n_args > 4 ? int_get(a[4]) : 0;
  return import_module(str_to_qstr(a[0]), fromlist, level);
}

const char kHelpText[] =
    "Welcome to vpy, a compact MicroPython-compatible interpreter.\n"
    "\n"
    "REPL keys:\n"
    "  CTRL-A  on a blank line: raw REPL mode      CTRL-B  on a blank line: normal REPL\n"
    "  CTRL-C  interrupt the running program      CTRL-D  on a blank line: exit / soft reset\n"
    "  CTRL-E  on a blank line: paste mode\n"
    "\n"
    "help(obj) lists what an object holds; help('modules') lists the modules built in.\n";

void help_list(const Printer* p, const Qstr* names, const Value* values, size_t n) {
  for (size_t i = 0; i < n; i++)
    print_fmt(p, "  %q -- %S\n", names[i], values[i]);
}

void help_map(const Printer* p, const Map* m) {
  for (uint32_t i = 0; i < m->used; i++) {
    Value k = m->entries[i].key;
    if (k == kNull) continue;
    print_fmt(p, "  %S -- %S\n", k, m->entries[i].value);
  }
}

// help(obj): what it is, then the names its module, class or type holds.
void help_object(const Printer* p, Value obj) {
  const Type* t = type_of(obj);
  print_fmt(p, "object %S is of type %s\n", obj, type_name(t));
  if (t == &module_type) {
    help_map(p, dict_map(module_globals(obj)));
    return;
  }
  if (t == &type_type) t = as<Type>(obj);
  if (t->flags & kTypeUser) {
    if (t->dict != kNull) help_map(p, dict_map(t->dict));
  } else if (t->methods) {
    for (size_t i = 0; i < t->methods->n; i++) {
      Value v = rom_entry_value(t->methods->entries[i]);
      help_list(p, &t->methods->entries[i].name, &v, 1);
    }
  }
}

Value b_help(size_t n_args, const Value* a, const KwArgs*) {
  const Printer* p = &port_printer;
  if (n_args == 0) {
    print_str(p, kHelpText);
  } else if (is_str(a[0]) && str_equal(a[0], qstr_value(Q_modules))) {
    print_str(p, "builtins");
    for (const BuiltinModule* b = builtin_modules; b->name; b++)
      print_fmt(p, " %q", b->name);
    for (const FrozenModule* f = frozen_modules; f->name; f++)
      print_fmt(p, " %s", f->name);
    print_str(p, "\nPlus any modules on the filesystem (sys.path).\n");
  } else {
    help_object(p, a[0]);
  }
  return kNone;
}

#define BF(name, fn, min, max, kw) \
  const NativeFunObj b_##name##_obj = {&native_fun_type, min, max, kw, Q_##name, fn};
BF(print, b_print, 0, 0xffff, 1)
BF(len, b_len, 1, 1, 0)
BF(abs, b_abs, 1, 1, 0)
BF(all, b_all, 1, 1, 0)
BF(any, b_any, 1, 1, 0)
BF(bin, b_bin, 1, 1, 0)
BF(oct, b_oct, 1, 1, 0)
BF(hex, b_hex, 1, 1, 0)
BF(callable, b_callable, 1, 1, 0)
BF(chr, b_chr, 1, 1, 0)
BF(ord, b_ord, 1, 1, 0)
BF(divmod, b_divmod, 2, 2, 0)
BF(getattr, b_getattr, 2, 3, 0)
BF(setattr, b_setattr, 3, 3, 0)
BF(delattr, b_delattr, 2, 2, 0)
BF(hasattr, b_hasattr, 2, 2, 0)
BF(globals, b_globals, 0, 0, 0)
BF(locals, b_locals, 0, 0, 0)
BF(hash, b_hash, 1, 1, 0)
BF(id, b_id, 1, 1, 0)
BF(isinstance, b_isinstance, 2, 2, 0)
BF(issubclass, b_issubclass, 2, 2, 0)
BF(iter, b_iter, 1, 2, 0)
BF(next, b_next, 1, 2, 0)
BF(max, b_max, 1, 0xffff, 1)
BF(min, b_min, 1, 0xffff, 1)
BF(sum, b_sum, 1, 2, 1)
BF(sorted, b_sorted, 1, 1, 1)
BF(pow, b_pow, 2, 3, 0)
BF(repr, b_repr, 1, 1, 0)
BF(round, b_round, 1, 2, 0)
BF(input, b_input, 0, 1, 0)
BF(exec, b_exec, 1, 3, 0)
BF(eval, b_eval, 1, 3, 0)
BF(compile, b_compile, 3, 6, 1)
BF(dir, b_dir, 0, 1, 0)
BF(vars, b_vars, 0, 1, 0)
BF(format, b_format, 1, 2, 0)
BF(help, b_help, 0, 1, 0)
#undef BF

}  // namespace

const NativeFunObj builtin_import_obj = {&native_fun_type, 1, 5, 1, Q___import__, b_import};
// The class-statement helper (vm.cpp), here so that programs can see and replace it.
Value build_class_call(size_t n_args, const Value* args, const KwArgs* kw);
const NativeFunObj builtin_build_class_obj = {&native_fun_type, 2, 0xffff, 1, Q___build_class__,
                                              build_class_call};

void builtins_init() {
  Value b = vm()->builtins;
  const NativeFunObj* funs[] = {
      &b_print_obj,      &b_len_obj,        &b_abs_obj,     &b_all_obj,      &b_any_obj,
      &b_bin_obj,        &b_oct_obj,        &b_hex_obj,     &b_callable_obj, &b_chr_obj,
      &b_ord_obj,        &b_divmod_obj,     &b_getattr_obj, &b_setattr_obj,  &b_delattr_obj,
      &b_hasattr_obj,    &b_globals_obj,    &b_locals_obj,  &b_hash_obj,     &b_id_obj,
      &b_isinstance_obj, &b_issubclass_obj, &b_iter_obj,    &b_next_obj,     &b_max_obj,
      &b_min_obj,        &b_sum_obj,        &b_sorted_obj,  &b_pow_obj,      &b_repr_obj,
      &b_round_obj,      &b_input_obj,      &b_exec_obj,    &b_eval_obj,     &b_compile_obj,
      &b_dir_obj,        &b_vars_obj,       &b_format_obj,  &b_help_obj,     &builtin_import_obj,
  };
  for (const NativeFunObj* f : funs)
    dict_store_qstr(b, f->name, val(f));
  dict_store_qstr(b, Q___build_class__, val(&builtin_build_class_obj));
  const Type* types[] = {
      &bool_type,
      &int_type,
      &float_type,
      &str_type,
      &bytes_type,
      &bytearray_type,
      &memoryview_type,
      &list_type,
      &tuple_type,
      &dict_type,
      &set_type,
      &frozenset_type,
      &range_type,
      &slice_type,
      &type_type,
      &object_type,
      &super_type,
      &property_type,
      &staticmethod_type,
      &classmethod_type,
      &enumerate_type,
      &zip_type,
      &map_type,
      &filter_type,
      &reversed_type,
      &exc_BaseException,
      &exc_SystemExit,
      &exc_KeyboardInterrupt,
      &exc_GeneratorExit,
      &exc_Exception,
      &exc_StopIteration,
      &exc_StopAsyncIteration,
      &exc_ArithmeticError,
      &exc_OverflowError,
      &exc_ZeroDivisionError,
      &exc_AssertionError,
      &exc_AttributeError,
      &exc_EOFError,
      &exc_ImportError,
      &exc_LookupError,
      &exc_IndexError,
      &exc_KeyError,
      &exc_MemoryError,
      &exc_NameError,
      &exc_UnboundLocalError,
      &exc_OSError,
      &exc_RuntimeError,
      &exc_NotImplementedError,
      &exc_RecursionError,
      &exc_SyntaxError,
      &exc_IndentationError,
      &exc_TypeError,
      &exc_ValueError,
      &exc_UnicodeError,
      &exc_TimeoutError,
  };
  for (const Type* t : types)
    dict_store_qstr(b, t->name, val(t));
  dict_store_qstr(b, Q_NotImplemented, notimpl_value());
  dict_store_qstr(b, Q_Ellipsis, ellipsis_value());
  dict_store_qstr(b, Q___name__, qstr_value(Q_builtins));
  dict_store_qstr(b, qstr_from_str("IOError"), val(&exc_OSError));
  dict_store_qstr(b, qstr_from_str("EnvironmentError"), val(&exc_OSError));
}

}  // namespace vpy
