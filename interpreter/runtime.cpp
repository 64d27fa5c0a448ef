// Generic operations on values: operators, truth, hashing, attributes, subscripts,
// iteration; raising; initialisation of the interpreter and running source.
#include "runtime.h"

#include "bytecode.h"
#include "port.h"

namespace vpy {

VmState vm_state;

// --- raising --------------------------------------------------------------------------
void nlr_jump(Value exc) {
  VmState* s = vm();
  NlrBuf* b = s->nlr_top;
  if (b == nullptr) {
    // No handler at all: the port's main always installs one, so this is a bug.
    // Report on stderr: a port flushes stdout before writing there, so nothing
    // already printed is lost even though this never returns.
    print_str(&port_err_printer, "FATAL: uncaught exception\n");
    exception_print(&port_err_printer, exc);
    for (;;) {
    }
  }
  s->nlr_top = b->prev;
  b->exc = exc;
  b->raise_frame = s->frame;
  s->frame = b->frame;
  s->stack_top = b->stack_top;
  longjmp(b->jb, 1);
}

void raise(Value exc) {
  nlr_jump(exception_make(exc));
}

void raise_msg(const Type* type, const char* msg) {
  raise(exception_new_msg(type, msg));
}

void raise_fmt(const Type* type, const char* fmt, ...) {
  Vstr v;
  vstr_init(&v, 64);
  Printer p = vstr_printer(&v);
  va_list ap;
  va_start(ap, fmt);
  print_vfmt(&p, fmt, ap);
  va_end(ap);
  Value msg = vstr_to_str(&v);
  raise(exception_new(type, 1, &msg));
}

void raise_memory_error(size_t) {
  Value e = vm()->memory_error;
  if (e == kNull) {
    print_str(&port_err_printer, "FATAL: out of memory during start-up\n");
    for (;;) {
    }
  }
  nlr_jump(e);
}

// Raised without allocating: running out of stack often comes with a full heap.
void raise_recursion() {
  Value e = vm()->recursion_error;
  exception_clear_traceback(e);
  nlr_jump(e);
}

void raise_stop_iteration(Value value) {
  if (value == kNone) raise(val(&exc_StopIteration));
  raise(exception_new(&exc_StopIteration, 1, &value));
}

bool protected_call(Value (*fn)(void* ctx), void* ctx, Value* result, Value* exc) {
  NlrBuf nlr;
  nlr_push(&nlr);
  if (setjmp(nlr.jb) == 0) {
    *result = fn(ctx);
    nlr_pop(&nlr);
    return true;
  }
  *exc = nlr.exc;
  return false;
}

void c_stack_check() {
  char here;
  uintptr_t base = reinterpret_cast<uintptr_t>(vm()->c_stack_base);
  uintptr_t cur = reinterpret_cast<uintptr_t>(&here);
  if (base > cur && base - cur > vm()->c_stack_limit) raise_recursion();
}

#if VPY_STEP_BUDGET
uint32_t step_budget_left = 0;
#endif

// Pending events: the port's first (its IRQs came first), then the scheduled callbacks, each
// queued callback once, in order. Callbacks scheduled meanwhile run in the same pass, after the
// running one returns: events never nest.
namespace {
Value run_events(void*) {
  VmState* s = vm();
  port_run_events();
  while (s->sched_len) {
    Value fun = s->sched_fun[0], arg = s->sched_arg[0];
    --s->sched_len;
    for (uint32_t i = 0; i < s->sched_len; i++) {
      s->sched_fun[i] = s->sched_fun[i + 1];
      s->sched_arg[i] = s->sched_arg[i + 1];
    }
    s->sched_fun[s->sched_len] = s->sched_arg[s->sched_len] = kNull;
    call1(fun, arg);
  }
  return kNone;
}

// Runs the pending events unless they are running already; false and *exc if one raised.
bool run_pending_events(Value* exc) {
  VmState* s = vm();
  if (s->in_events || !port_events_pending) return true;
  port_events_pending = 0;
  s->in_events = true;
  Value result;
  const bool ok = protected_call(run_events, nullptr, &result, exc);
  s->in_events = false;
  if (s->sched_len) port_events_pending = 1;  // what a raising callback left in the queue
  return ok;
}
}  // namespace

void runtime_poll_interrupt() {
#if VPY_STEP_BUDGET
  if (step_budget_left == 0) raise(val(&exc_KeyboardInterrupt));
#endif
  if (port_interrupt_pending) {
    port_interrupt_pending = 0;
    raise(val(&exc_KeyboardInterrupt));
  }
  Value exc;
  if (!run_pending_events(&exc)) raise(exc);
}

void runtime_schedule(Value fun, Value arg) {
  VmState* s = vm();
  if (s->sched_len >= kSchedDepth) raise_msg(&exc_RuntimeError, "schedule queue full");
  s->sched_fun[s->sched_len] = fun;
  s->sched_arg[s->sched_len] = arg;
  ++s->sched_len;
  port_events_pending = 1;
}

void runtime_run_events_idle() {
  Value exc;
  if (!run_pending_events(&exc)) exception_print(&port_err_printer, exc);
}

// --- names of operators for messages ----------------------------------------------------
namespace {
Qstr binary_op_qstr(BinaryOp op) {
  static const uint16_t names[] = {
      Q___lt__,       Q___gt__,        Q___eq__,       Q___le__,   Q___ge__,   Q___ne__,
      Q___contains__, Q___dummy__,     Q___dummy__,    Q___or__,   Q___xor__,  Q___and__,
      Q___lshift__,   Q___rshift__,    Q___add__,      Q___sub__,  Q___mul__,  Q___matmul__,
      Q___floordiv__, Q___truediv__,   Q___mod__,      Q___pow__,  Q___ior__,  Q___ixor__,
      Q___iand__,     Q___ilshift__,   Q___irshift__,  Q___iadd__, Q___isub__, Q___imul__,
      Q___imatmul__,  Q___ifloordiv__, Q___itruediv__, Q___imod__, Q___ipow__, Q___contains__,
      Q___dummy__,    Q___divmod__,
  };
  return op < kBinCount ? static_cast<Qstr>(names[op]) : static_cast<Qstr>(Q___dummy__);
}

BinaryOp reflect_compare(BinaryOp op) {
  switch (op) {
    case kBinLess:
      return kBinMore;
    case kBinMore:
      return kBinLess;
    case kBinLessEqual:
      return kBinMoreEqual;
    case kBinMoreEqual:
      return kBinLessEqual;
    default:
      return op;
  }
}
}  // namespace

constexpr uint8_t kBinReflected = 0x80;  // user classes: try __radd__ & co

// --- operators ---------------------------------------------------------------------------
Value unary_op(UnaryOp op, Value v) {
  if (op == kUnaryNot) return bool_value(!is_true(v));
  const Type* t = type_of(v);
  if (t->unary_op) {
    Value r = t->unary_op(op, v);
    if (r != kNull) return r;
  }
  if (op == kUnaryLen) {
    raise_fmt(&exc_TypeError, "object of type '%s' has no len()", type_name(t));
  }
  if (op == kUnaryHash) return small_int(static_cast<Int>(hash_value(v)));
  static const uint16_t names[] = {Q___bool__, Q___len__,    Q___hash__, Q___pos__,
                                   Q___neg__,  Q___invert__, Q___abs__};
  raise_fmt(&exc_TypeError, "unsupported type for %q: '%s'", static_cast<Qstr>(names[op]),
            type_name(t));
}

namespace {
bool is_user_obj(Value v) {
  return is_obj(v) && (as_obj(v)->type->flags & kTypeUser);
}

// == and != when an operand is an instance of a user class: the classes' __eq__/__ne__ may
// return any value. The right operand goes first when its class derives from the left's
// (it refines it) or the left one is builtin (its equality knows no user class).
Value user_equality(BinaryOp op, Value l, Value r) {
  const Type* lt = type_of(l);
  const Type* rt = type_of(r);
  bool l_user = (lt->flags & kTypeUser) != 0;
  bool r_user = (rt->flags & kTypeUser) != 0;
  bool right_first = r_user && (!l_user || (rt != lt && type_is_subclass(rt, lt)));
  Value res;
  if (right_first && (res = rt->binary_op(op, r, l)) != kNull) return res;
  if (l_user && (res = lt->binary_op(op, l, r)) != kNull) return res;
  if (!right_first && r_user && (res = rt->binary_op(op, r, l)) != kNull) return res;
  return bool_value((l == r) != (op == kBinNotEqual));
}

// A binary operator with a builtin left operand and an instance of a user class on the right:
// the class's reflected method first (the builtin knows no user class), which also hands
// the builtin value of a class derived from a builtin type to the operator ([1] + L([2])).
Value binary_op_user_rhs(BinaryOp op, Value l, Value r) {
  const Type* lt = type_of(l);
  const Type* rt = type_of(r);
  if (op <= kBinMoreEqual) {
    Value res = rt->binary_op(reflect_compare(op), r, l);
    if (res != kNull && res != notimpl_value()) return res;
  } else {
    if (op >= kBinInplaceOr && op <= kBinInplacePow) {
      Value n = native_value(r);
      if (n != r && lt->binary_op) {  // l += L([1]) extends l in place
        Value res = lt->binary_op(op, l, n);
        if (res != kNull && res != notimpl_value()) return res;
      }
      op = static_cast<BinaryOp>(op - kBinInplaceOffset);
    }
    Value res = rt->binary_op(static_cast<BinaryOp>(op | kBinReflected), r, l);
    if (res != kNull && res != notimpl_value()) return res;
    if (lt->binary_op) {
      res = lt->binary_op(op, l, r);
      if (res != kNull && res != notimpl_value()) return res;
    }
    if (op == kBinDivMod) {
      raise_fmt(&exc_TypeError, "unsupported types for %q: '%s', '%s'", static_cast<Qstr>(Q_divmod),
                type_name(lt), type_name(rt));
    }
  }
  raise_fmt(&exc_TypeError, "unsupported types for %q: '%s', '%s'", binary_op_qstr(op),
            type_name(lt), type_name(rt));
}
}  // namespace

Value binary_op(BinaryOp op, Value l, Value r) {
  switch (op) {
    case kBinIs:
      return bool_value(l == r);
    case kBinIsNot:
      return bool_value(l != r);
    case kBinIn:
      return bool_value(contains(r, l));
    case kBinNotIn:
      return bool_value(!contains(r, l));
    case kBinExcMatch:
      return bool_value(exception_match(l, r));
    case kBinEqual:
    case kBinNotEqual:
      if (is_user_obj(l) || is_user_obj(r)) return user_equality(op, l, r);
      return bool_value(equal(l, r) != (op == kBinNotEqual));
    default:
      break;
  }
  const Type* lt = type_of(l);
  if (is_user_obj(r) && !(lt->flags & kTypeUser)) return binary_op_user_rhs(op, l, r);
  if (lt->binary_op) {
    Value res = lt->binary_op(op, l, r);
    if (res != kNull && res != notimpl_value()) return res;
  }
  const Type* rt = type_of(r);
  if (op <= kBinMoreEqual) {
    if ((rt != lt || (rt->flags & kTypeUser)) && rt->binary_op) {
      Value res = rt->binary_op(reflect_compare(op), r, l);
      if (res != kNull && res != notimpl_value()) return res;
    }
    raise_fmt(&exc_TypeError, "unsupported types for %q: '%s', '%s'", binary_op_qstr(op),
              type_name(lt), type_name(rt));
  }
  if (op >= kBinInplaceOr && op <= kBinInplacePow) {
    // No in-place form: fall back to the plain operator.
    return binary_op(static_cast<BinaryOp>(op - kBinInplaceOffset), l, r);
  }
  if ((rt->flags & kTypeUser) && rt->binary_op) {
    Value res = rt->binary_op(static_cast<BinaryOp>(op | kBinReflected), r, l);
    if (res != kNull && res != notimpl_value()) return res;
  }
  if (op == kBinDivMod) {
    raise_fmt(&exc_TypeError, "unsupported types for %q: '%s', '%s'", static_cast<Qstr>(Q_divmod),
              type_name(lt), type_name(rt));
  }
  raise_fmt(&exc_TypeError, "unsupported types for %q: '%s', '%s'", binary_op_qstr(op),
            type_name(lt), type_name(rt));
}

bool is_true(Value v) {
  if (v == kTrue) return true;
  if (v == kFalse || v == kNone) return false;
  if (is_small_int(v)) return v != small_int(0);
  if (is_qstr(v)) return qstr_of(v) != Q__empty_;
  const Type* t = as_obj(v)->type;
  if (t->unary_op) {
    Value r = t->unary_op(kUnaryBool, v);
    if (r != kNull) return r == kTrue;
    r = t->unary_op(kUnaryLen, v);
    if (r != kNull) return r != small_int(0);
  }
  return true;
}

bool equal(Value a, Value b) {
  if (a == b) {
    // NaN is the one value not equal to itself.
    if (!is_obj(a) || as_obj(a)->type != &float_type) return true;
  }
  if (is_small_int(a) && is_small_int(b)) return false;
  if (is_str(a) && is_str(b)) return str_equal(a, b);
  if (is_user_obj(a) || is_user_obj(b)) return is_true(user_equality(kBinEqual, a, b));
  const Type* ta = type_of(a);
  if (ta->binary_op) {
    Value r = ta->binary_op(kBinEqual, a, b);
    if (r != kNull && r != notimpl_value()) return r == kTrue;
  }
  const Type* tb = type_of(b);
  if (tb != ta && tb->binary_op) {
    Value r = tb->binary_op(kBinEqual, b, a);
    if (r != kNull && r != notimpl_value()) return r == kTrue;
  }
  return a == b;
}

Uint hash_value(Value v) {
  if (is_small_int(v)) return static_cast<Uint>(small_int_value(v));
  if (is_qstr(v)) return qstr_hash(qstr_of(v));
  if (v == kNone || v == kTrue || v == kFalse) return v == kTrue ? 1 : v == kFalse ? 0 : 0x1234567;
  const Type* t = as_obj(v)->type;
  if (t == &str_type || t == &bytes_type) return str_hash(v);
  if (t->unary_op) {
    Value h = t->unary_op(kUnaryHash, v);
    if (h != kNull) return is_small_int(h) ? static_cast<Uint>(small_int_value(h)) : int_hash(h);
  }
  if (t == &list_type || t == &dict_type || t == &set_type || t == &bytearray_type ||
      t == &slice_type) {
    raise_fmt(&exc_TypeError, "unsupported type for __hash__: '%s'", type_name(t));
  }
  // Identity hash: the address without its always-zero low bits.
  return static_cast<Uint>(v >> 3);
}

size_t len_of(Value v) {
  Value n = len_maybe(v);
  if (n == kNull) raise_fmt(&exc_TypeError, "object of type '%s' has no len()", type_name_of(v));
  // A len beyond the small ints (range(maxsize)) is a big int: OverflowError past Int.
  return static_cast<size_t>(is_small_int(n) ? small_int_value(n) : int_get(n));
}

Value len_maybe(Value v) {
  if (is_qstr(v)) return small_int(static_cast<Int>(str_char_len(v)));
  const Type* t = type_of(v);
  if (t->unary_op) return t->unary_op(kUnaryLen, v);
  return kNull;
}

Value subscr_load(Value obj, Value index) {
  const Type* t = type_of(obj);
  if (t->subscr) {
    Value r = t->subscr(obj, index, kSentinel);
    if (r != kNull) return r;
  }
  if (t == &type_type) {
    // Generic aliases such as list[int] in annotations: the class itself.
    Value dest[2];
    load_method_maybe(obj, Q___class_getitem__, dest);
    if (dest[0] != kNull) {
      dest[dest[1] == kNull ? 1 : 2] = index;
      return dest[1] == kNull ? call1(dest[0], index) : call_method_n(1, 0, dest);
    }
    return obj;
  }
  raise_fmt(&exc_TypeError, "'%s' object isn't subscriptable", type_name(t));
}

void subscr_store(Value obj, Value index, Value value) {
  const Type* t = type_of(obj);
  if (t->subscr && t->subscr(obj, index, value) != kNull) return;
  raise_fmt(&exc_TypeError, "'%s' object doesn't support item assignment", type_name(t));
}

void subscr_delete(Value obj, Value index) {
  const Type* t = type_of(obj);
  if (t->subscr && t->subscr(obj, index, kNull) != kNull) return;
  raise_fmt(&exc_TypeError, "'%s' object doesn't support item deletion", type_name(t));
}

Value getiter(Value obj) {
  const Type* t = type_of(obj);
  if (t->getiter) {
    Value r = t->getiter(obj);
    if (r != kNull) return r;
  }
  if (t->flags & kTypeIterIsSelf) return obj;
  raise_fmt(&exc_TypeError, "'%s' object isn't iterable", type_name(t));
}

Value iternext(Value it) {
#if VPY_STEP_BUDGET
  if (step_budget_spent()) runtime_poll_interrupt();  // C loops over iterators end too
#endif
  const Type* t = type_of(it);
  if (t->iternext) return t->iternext(it);
  raise_fmt(&exc_TypeError, "'%s' object isn't an iterator", type_name(t));
}

Value iternext_raise(Value it) {
  Value v = iternext(it);
  if (v == kNull) raise(val(&exc_StopIteration));
  return v;
}

bool contains(Value container, Value item) {
  const Type* t = type_of(container);
  if (t->binary_op) {
    Value r = t->binary_op(kBinIn, container, item);
    if (r != kNull) return r == kTrue;
  }
  // Any iterable: compare each item.
  Value it = getiter(container);
  for (Value v; (v = iternext(it)) != kNull;) {
    if (equal(v, item)) return true;
  }
  return false;
}

Value repr_of(Value v) {
  Vstr s;
  vstr_init(&s, 16);
  Printer p = vstr_printer(&s);
  print_value(&p, v, kPrintRepr);
  return vstr_to_str(&s);
}

Value str_of(Value v) {
  if (is_str(v)) return v;
  Vstr s;
  vstr_init(&s, 16);
  Printer p = vstr_printer(&s);
  print_value(&p, v, kPrintStr);
  return vstr_to_str(&s);
}

Value value_index(Value v) {
  if (is_int(v)) return v == kTrue ? small_int(1) : v == kFalse ? small_int(0) : v;
  Value n = native_value(v);  // class I(int)
  if (n != v && is_int(n)) return n;
  Value dest[2];
  load_method_maybe(v, Q___index__, dest);
  if (dest[0] != kNull) {
    Value r = call_method_n(0, 0, dest);
    if (is_int(r)) return r == kTrue ? small_int(1) : r == kFalse ? small_int(0) : r;
    raise_fmt(&exc_TypeError, "__index__ returned non-int (type %s)", type_name_of(r));
  }
  raise_fmt(&exc_TypeError, "'%s' object cannot be interpreted as an integer", type_name_of(v));
}

void unpack_sequence(Value seq, size_t n, Value* out) {
  size_t len;
  Value* items;
  if (seq_get(seq, &len, &items)) {
    if (len < n)
      raise_fmt(&exc_ValueError, "need more than %u values to unpack", static_cast<unsigned>(len));
    if (len > n)
      raise_fmt(&exc_ValueError, "too many values to unpack (expected %u)",
                static_cast<unsigned>(n));
    for (size_t i = 0; i < n; i++)
      out[i] = items[n - 1 - i];
    return;
  }
  Value it = getiter(seq);
  // Collect first (out overlaps the stack slot of seq).
  Value tmp[16];
  Value* buf = n <= 16 ? tmp : static_cast<Value*>(gc_alloc(n * sizeof(Value)));
  for (size_t i = 0; i < n; i++) {
    Value v = iternext(it);
    if (v == kNull)
      raise_fmt(&exc_ValueError, "need more than %u values to unpack", static_cast<unsigned>(i));
    buf[i] = v;
  }
  if (iternext(it) != kNull)
    raise_fmt(&exc_ValueError, "too many values to unpack (expected %u)", static_cast<unsigned>(n));
  for (size_t i = 0; i < n; i++)
    out[i] = buf[n - 1 - i];
}

void unpack_ex(Value seq, size_t before, size_t after, Value* out) {
  size_t len;
  Value* items;
  seq_items(seq, &len, &items);
  if (len < before + after) {
    raise_fmt(&exc_ValueError, "need more than %u values to unpack", static_cast<unsigned>(len));
  }
  // Stack order: the first target's value ends on top.
  size_t k = 0;
  for (size_t i = 0; i < after; i++)
    out[k++] = items[len - 1 - i];
  Value mid = list_new(len - before - after, items + before);
  out[k++] = mid;
  for (size_t i = 0; i < before; i++)
    out[k++] = items[before - 1 - i];
}

// --- attributes -------------------------------------------------------------------------
namespace {
// Special methods of builtin types, reached through their slots (e.g. it.__next__(),
// list.__len__(x), super().__getitem__(k) in a subclass of dict).
Value slot_next(size_t, const Value* a, const KwArgs*) {
  return iternext_raise(a[0]);
}
Value slot_iter(size_t, const Value* a, const KwArgs*) {
  return getiter(a[0]);
}
Value slot_len(size_t, const Value* a, const KwArgs*) {
  return small_int(static_cast<Int>(len_of(a[0])));
}
Value slot_getitem(size_t, const Value* a, const KwArgs*) {
  return subscr_load(a[0], a[1]);
}
Value slot_setitem(size_t, const Value* a, const KwArgs*) {
  subscr_store(a[0], a[1], a[2]);
  return kNone;
}
Value slot_delitem(size_t, const Value* a, const KwArgs*) {
  subscr_delete(a[0], a[1]);
  return kNone;
}
Value slot_contains(size_t, const Value* a, const KwArgs*) {
  return bool_value(contains(a[0], a[1]));
}
Value slot_eq(size_t, const Value* a, const KwArgs*) {
  return bool_value(equal(a[0], a[1]));
}
Value slot_add(size_t, const Value* a, const KwArgs*) {
  return binary_op(kBinAdd, a[0], a[1]);
}
const NativeFunObj slot_next_obj = {&native_fun_type, 1, 1, 0, Q___next__, slot_next};
const NativeFunObj slot_iter_obj = {&native_fun_type, 1, 1, 0, Q___iter__, slot_iter};
const NativeFunObj slot_len_obj = {&native_fun_type, 1, 1, 0, Q___len__, slot_len};
const NativeFunObj slot_getitem_obj = {&native_fun_type, 2, 2, 0, Q___getitem__, slot_getitem};
const NativeFunObj slot_setitem_obj = {&native_fun_type, 3, 3, 0, Q___setitem__, slot_setitem};
const NativeFunObj slot_delitem_obj = {&native_fun_type, 2, 2, 0, Q___delitem__, slot_delitem};
const NativeFunObj slot_contains_obj = {&native_fun_type, 2, 2, 0, Q___contains__, slot_contains};
const NativeFunObj slot_eq_obj = {&native_fun_type, 2, 2, 0, Q___eq__, slot_eq};
const NativeFunObj slot_add_obj = {&native_fun_type, 2, 2, 0, Q___add__, slot_add};

const NativeFunObj* slot_method(const Type* t, Qstr name) {
  switch (name) {
    case Q___next__:
      return t->iternext ? &slot_next_obj : nullptr;
    case Q___iter__:
      return t->getiter || (t->flags & kTypeIterIsSelf) ? &slot_iter_obj : nullptr;
    case Q___len__:
      return t->unary_op ? &slot_len_obj : nullptr;
    case Q___getitem__:
      return t->subscr ? &slot_getitem_obj : nullptr;
    case Q___setitem__:
      return t->subscr ? &slot_setitem_obj : nullptr;
    case Q___delitem__:
      return t->subscr ? &slot_delitem_obj : nullptr;
    case Q___contains__:
      return t->binary_op ? &slot_contains_obj : nullptr;
    case Q___eq__:
      return &slot_eq_obj;
    case Q___add__:
      return t->binary_op ? &slot_add_obj : nullptr;
    default:
      return nullptr;
  }
}
}  // namespace

void load_method_maybe(Value obj, Qstr name, Value* dest) {
  dest[0] = kNull;
  dest[1] = kNull;
  const Type* t = type_of(obj);
  if (t->attr) {
    t->attr(obj, name, dest);
    if (dest[0] != kNull) return;
    if (t->flags & kTypeUser) return;  // instance_attr did the full lookup
  }
  generic_attr(obj, name, dest);
  if (dest[0] == kNull) {
    if (name == Q___class__) {
      dest[0] = val(t);
    } else if (t != &type_type) {
      const NativeFunObj* m = slot_method(t, name);
      if (m) {
        dest[0] = val(m);
        dest[1] = obj;
      }
    }
  }
}

void load_method(Value obj, Qstr name, Value* dest) {
  load_method_maybe(obj, name, dest);
  if (dest[0] != kNull) return;
  if (is_type(obj, &type_type)) {
    raise_fmt(&exc_AttributeError, "type object '%q' has no attribute '%q'", as<Type>(obj)->name,
              name);
  }
  if (is_type(obj, &module_type)) {
    raise_fmt(&exc_AttributeError, "module '%q' has no attribute '%q'", as<ModuleObj>(obj)->name,
              name);
  }
  raise_fmt(&exc_AttributeError, "'%s' object has no attribute '%q'", type_name_of(obj), name);
}

Value load_attr_maybe(Value obj, Qstr name) {
  Value dest[2];
  load_method_maybe(obj, name, dest);
  if (dest[0] == kNull) return kNull;
  if (dest[1] != kNull) return bound_meth_new(dest[1], dest[0]);
  return dest[0];
}

Value load_attr(Value obj, Qstr name) {
  Value dest[2];
  load_method(obj, name, dest);
  if (dest[1] != kNull) return bound_meth_new(dest[1], dest[0]);
  return dest[0];
}

void store_attr(Value obj, Qstr name, Value value) {
  const Type* t = type_of(obj);
  Value dest[2] = {kSentinel, value};
  if (t->attr) t->attr(obj, name, dest);
  if (dest[0] == kNull) return;
  raise_fmt(&exc_AttributeError, "'%s' object has no attribute '%q'", type_name(t), name);
}

void delete_attr(Value obj, Qstr name) {
  const Type* t = type_of(obj);
  Value dest[2] = {kSentinel, kNull};
  if (t->attr) t->attr(obj, name, dest);
  if (dest[0] == kNull) return;
  raise_fmt(&exc_AttributeError, "'%s' object has no attribute '%q'", type_name(t), name);
}

Value rom_map_find(const RomMap* m, Qstr q) {
  for (size_t i = 0; i < m->n; i++) {
    if (m->entries[i].name == q) return rom_entry_value(m->entries[i]);
  }
  return kNull;
}

// Methods and class attributes of builtin types, through the chain of bases.
void generic_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  for (const Type* t = type_of(self); t; t = t->base) {
    if (t->flags & kTypeUser) {
      Value v = type_lookup(t, name);
      if (v == kNull) continue;
      dest[0] = v;
      return;
    }
    if (t->methods == nullptr) continue;
    Value v = rom_map_find(t->methods, name);
    if (v == kNull) continue;
    if (is_type(v, &staticmethod_type)) {
      dest[0] = val(as<StaticMethodObj>(v)->fun);
    } else if (is_type(v, &classmethod_type)) {
      dest[0] = val(as<StaticMethodObj>(v)->fun);
      dest[1] = val(type_of(self));
    } else if (is_type(v, &native_fun_type) || is_type(v, &fun_type)) {
      dest[0] = v;
      dest[1] = self;
    } else {
      dest[0] = v;
    }
    return;
  }
}

const char* type_name(const Type* t) {
  return qstr_str(t->name);
}

// --- initialisation ----------------------------------------------------------------------
void builtins_init();  // builtins.cpp
void modules_init();   // modules.cpp

void runtime_init(const InitConfig* cfg) {
  VmState* s = vm();
  mem_set(s, 0, sizeof(*s));
  s->c_stack_base = cfg->c_stack_base;
  s->c_stack_limit = cfg->c_stack_limit ? cfg->c_stack_limit : VPY_DEFAULT_C_STACK_LIMIT;
  // The VM stack comes from the top of the region; the collector scans only its
  // used part, precisely.
  size_t words = cfg->vm_stack_words ? cfg->vm_stack_words : VPY_DEFAULT_VM_STACK_WORDS;
  size_t stack_bytes = words * sizeof(Value);
  // The port sized the region for heap + stack; only shrink the stack when the
  // heap would be left with almost nothing.
  if (stack_bytes + 16 * 1024 > cfg->heap_size)
    stack_bytes = (cfg->heap_size / 4) & ~(sizeof(Value) - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(cfg->heap) + cfg->heap_size) &
                  ~(uintptr_t)(sizeof(Value) * 2 - 1);
  s->stack_start = reinterpret_cast<Value*>(end - stack_bytes);
  s->stack_end = reinterpret_cast<Value*>(end);
  s->stack_top = s->stack_start;
  gc_init(cfg->heap,
          static_cast<size_t>(reinterpret_cast<uintptr_t>(s->stack_start) -
                              reinterpret_cast<uintptr_t>(cfg->heap)),
          cfg->heap_zeroed);
  s->gc_enabled = true;
  qstr_init();
  s->memory_error = exception_new(&exc_MemoryError, 0, nullptr);
  s->recursion_error = exception_new_msg(&exc_RuntimeError, "maximum recursion depth exceeded");
  s->exc_current = kNone;
  s->modules = dict_new(8);
  s->builtins = dict_new(128);
  builtins_init();
  modules_init();
}

void runtime_mark_roots() {
  VmState* s = vm();
  gc_mark_range(s, sizeof(*s) / sizeof(Value));
  gc_mark_range(s->stack_start, static_cast<size_t>(s->stack_top - s->stack_start));
}

// --- running source -------------------------------------------------------------------------
Value exec_source(const char* src, size_t len, Qstr filename, CompileMode mode, Value globals) {
  Value fun = compile_source(src, len, filename, mode, globals);
  return call(fun, 0, 0, nullptr);
}

int exec_toplevel(const char* src, size_t len, Qstr filename, CompileMode mode, Value globals) {
  NlrBuf nlr;
  nlr_push(&nlr);
  if (setjmp(nlr.jb) == 0) {
    exec_source(src, len, filename, mode, globals);
    nlr_pop(&nlr);
    return -1;
  }
  Value exc = nlr.exc;
  vm()->exc_current = kNone;
  if (is_instance(exc, &exc_SystemExit)) {
    Value code = exception_first_arg(exc);
    if (code == kNone) return 0;
    if (is_int(code)) return static_cast<int>(int_get(code)) & 0xff;
    print_value(&port_err_printer, code, kPrintStr);
    print_str(&port_err_printer, "\n");
    return 1;
  }
  exception_print(&port_err_printer, exc);
  return kExitUncaught;
}

}  // namespace vpy
