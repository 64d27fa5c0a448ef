// The bytecode interpreter loop.
//
// Calls from Python to Python functions do not recurse in C: the callee's frame is
// pushed on the VM stack and the same loop continues, so deep Python recursion
// costs VM stack (RuntimeError when it runs out), not C stack. ip, sp and the
// frame live in locals (registers); ip is stored back to the frame only before an
// operation that may raise or leave the frame, which keeps stores off the hot path.
#include "bytecode.h"
#include "obj_gen.h"
#include "port.h"
#include "runtime.h"

namespace vpy {

const char* const opcode_names[OP_COUNT] = {
#define X(name, arg, eff) #name,
    VPY_OPCODES(X)
#undef X
};
const uint8_t opcode_args[OP_COUNT] = {
#define X(name, arg, eff) arg,
    VPY_OPCODES(X)
#undef X
};

size_t code_line_of(const CodeObj* c, const uint8_t* ip) {
  if (c->lines == nullptr) return c->first_line;
  size_t target = static_cast<size_t>(ip - c->code);
  size_t pc = 0;
  Int line = c->first_line;
  for (uint32_t i = 0; i + 1 < c->lines_len; i += 2) {
    size_t npc = pc + c->lines[i];
    if (npc > target) break;
    pc = npc;
    line += static_cast<int8_t>(c->lines[i + 1]);
  }
  return static_cast<size_t>(line);
}

namespace {

// Finds the handler for the instruction before ip; returns false if none.
bool find_handler(const CodeObj* c, const uint8_t* ip, uint32_t* handler, uint32_t* depth) {
  uint32_t off = static_cast<uint32_t>(ip - c->code) - 1;
  for (uint32_t i = 0; i < c->n_exc; i++) {
    const uint16_t* e = c->exc + i * 4;
    if (off >= e[0] && off < e[1]) {
      *handler = e[2];
      *depth = e[3];
      return true;
    }
  }
  return false;
}

inline Value* frame_end(Frame* f) {
  return f->locals + f->code->n_locals + f->code->stack_size;
}

[[noreturn]] void raise_unbound_local(const CodeObj*, uint32_t) {
  raise_msg(&exc_UnboundLocalError, "local variable referenced before assignment");
}

[[noreturn]] void raise_name_error(Qstr q) {
  raise_fmt(&exc_NameError, "name '%q' isn't defined", q);
}

// An instance of a user class with an ordinary attribute dict and no data
// descriptors or __getattr__ magic: attribute access may bypass the protocol.
inline bool is_plain_instance(Value v) {
  if (!is_obj(v)) return false;
  const Type* t = as_obj(v)->type;
  return (t->flags & (kTypeUser | kTypeException | kTypeHasDescriptors | kTypeHasGetattr)) ==
             kTypeUser &&
         t->native_base == &object_type;
}

Value load_global(Value globals, Qstr q) {
  MapEntry* e = map_lookup_qstr(dict_map(globals), q);
  if (e) return e->value;
  e = map_lookup_qstr(dict_map(vm()->builtins), q);
  if (e) return e->value;
  raise_name_error(q);
}

// f(**a, **b): merges mapping m into the keyword dict d; a name given twice is an error.
void merge_kwargs(Value d, Value m) {
  Value keys = getiter(is_type(m, &dict_type) ? m : call_method(m, Q_keys, 0, nullptr));
  for (Value k; (k = iternext(keys)) != kNull;) {
    if (!is_str(k)) raise_msg(&exc_TypeError, "keywords must be strings");
    MapEntry* e = map_lookup(dict_map(d), k, kMapAdd);
    if (e->value != kNull) {
      raise_fmt(&exc_TypeError, "function got multiple values for argument '%S'", k);
    }
    e->value = subscr_load(m, k);
  }
}

}  // namespace

// Builds the class for `class` statements: __build_class__(body, name, *bases, **kw)
// (builtins.cpp shows it as builtins.__build_class__).
Value build_class_call(size_t n_args, const Value* args, const KwArgs* kw);

// The dispatch loop. It has no setjmp of its own (vm_execute has), so the
// compiler keeps ip, sp and the frame in registers. It starts at st->frame
// and returns when the entry frame returns or yields; raising unwinds to
// vm_execute, which finds the handler and calls the loop again.
__attribute__((noinline)) Value vm_loop(Frame* const entry, VmStatus* status) {
  VmState* const st = vm();
  Frame* frame = st->frame;
  const uint8_t* ip;
  Value* sp;
  Value* fast;
  const uint8_t* code_start;
  (void)entry;

#define LOAD_FRAME()                \
  do {                              \
    ip = frame->ip;                 \
    sp = frame->sp;                 \
    fast = frame->locals;           \
    code_start = frame->code->code; \
  } while (0)
#define SAVE_IP() (frame->ip = ip)

  LOAD_FRAME();
  (void)code_start;

#if VPY_COMPUTED_GOTO
  static const void* const dispatch_table[OP_COUNT] = {
#define X(name, arg, eff) &&L_##name,
      VPY_OPCODES(X)
#undef X
  };
#define DISPATCH() goto* dispatch_table[*ip++]
#define CASE(name) L_##name:
  DISPATCH();
#else
#define DISPATCH() goto dispatch
#define CASE(name) case OP_##name:
dispatch:
  switch (*ip++) {
#endif

  CASE(NOP) {
    DISPATCH();
  }
  CASE(POP_TOP) {
    sp--;
    DISPATCH();
  }
  CASE(ROT_TWO) {
    Value t = sp[0];
    sp[0] = sp[-1];
    sp[-1] = t;
    DISPATCH();
  }
  CASE(ROT_THREE) {
    Value t = sp[0];
    sp[0] = sp[-1];
    sp[-1] = sp[-2];
    sp[-2] = t;
    DISPATCH();
  }
  CASE(DUP_TOP) {
    sp[1] = sp[0];
    sp++;
    DISPATCH();
  }
  CASE(DUP_TOP_TWO) {
    sp[1] = sp[-1];
    sp[2] = sp[0];
    sp += 2;
    DISPATCH();
  }
  CASE(LOAD_CONST) {
    uint32_t i = bc_read_uint(ip);
    *++sp = as<TupleObj>(frame->code->consts)->items[i];
    DISPATCH();
  }
  CASE(LOAD_SMALL_INT) {
    Int i = bc_read_int(ip);
    *++sp = small_int(i);
    DISPATCH();
  }
  CASE(LOAD_QSTR) {
    uint32_t q = bc_read_uint(ip);
    *++sp = qstr_value(q);
    DISPATCH();
  }
  CASE(LOAD_NONE) {
    *++sp = kNone;
    DISPATCH();
  }
  CASE(LOAD_TRUE) {
    *++sp = kTrue;
    DISPATCH();
  }
  CASE(LOAD_FALSE) {
    *++sp = kFalse;
    DISPATCH();
  }
  CASE(LOAD_NULL) {
    *++sp = kNull;
    DISPATCH();
  }
  CASE(LOAD_FAST) {
    uint32_t i = bc_read_uint(ip);
    Value v = fast[i];
    if (v == kNull) {
      SAVE_IP();
      raise_unbound_local(frame->code, i);
    }
    *++sp = v;
    DISPATCH();
  }
  CASE(STORE_FAST) {
    uint32_t i = bc_read_uint(ip);
    fast[i] = *sp--;
    DISPATCH();
  }
  CASE(DELETE_FAST) {
    uint32_t i = bc_read_uint(ip);
    if (fast[i] == kNull) {
      SAVE_IP();
      raise_unbound_local(frame->code, i);
    }
    fast[i] = kNull;
    DISPATCH();
  }
  CASE(LOAD_DEREF) {
    uint32_t i = bc_read_uint(ip);
    Value v = as<CellObj>(fast[i])->value;
    if (v == kNull) {
      SAVE_IP();
      raise_fmt(&exc_NameError, "free variable '%q' referenced before assignment",
                frame->code->names[i]);
    }
    *++sp = v;
    DISPATCH();
  }
  CASE(STORE_DEREF) {
    uint32_t i = bc_read_uint(ip);
    as<CellObj>(fast[i])->value = *sp--;
    DISPATCH();
  }
  CASE(DELETE_DEREF) {
    uint32_t i = bc_read_uint(ip);
    as<CellObj>(fast[i])->value = kNull;
    DISPATCH();
  }
  CASE(LOAD_CLOSURE) {
    uint32_t i = bc_read_uint(ip);
    *++sp = fast[i];
    DISPATCH();
  }
  CASE(LOAD_NAME) {
    Qstr q = bc_read_uint(ip);
    SAVE_IP();
    MapEntry* e = nullptr;
    if (frame->names != kNull) e = map_lookup_qstr(dict_map(frame->names), q);
    *++sp = e ? e->value : load_global(frame->globals, q);
    DISPATCH();
  }
  CASE(STORE_NAME) {
    Qstr q = bc_read_uint(ip);
    SAVE_IP();
    Value v = *sp--;
    dict_store_qstr(frame->names != kNull ? frame->names : frame->globals, q, v);
    DISPATCH();
  }
  CASE(DELETE_NAME) {
    Qstr q = bc_read_uint(ip);
    SAVE_IP();
    if (!dict_delete(frame->names != kNull ? frame->names : frame->globals, qstr_value(q))) {
      raise_name_error(q);
    }
    DISPATCH();
  }
  CASE(LOAD_GLOBAL) {
    Qstr q = bc_read_uint(ip);
    uint8_t* cache = const_cast<uint8_t*>(ip);
    ip += 2;
    // The slot remembers the index of the global's entry; a hit is checked against
    // the map, so a stale slot only costs the ordinary lookup. Builtins are not
    // cached in the slot: a global defined later must shadow them.
    Map* m = dict_map(frame->globals);
    unsigned idx = cache[0] | (cache[1] << 8);
    if (idx < m->used && m->entries[idx].key == qstr_value(q)) {
      *++sp = m->entries[idx].value;
      DISPATCH();
    }
    MapEntry* e = map_lookup_qstr(m, q);
    if (e) {
      unsigned ei = static_cast<unsigned>(e - m->entries);
      cache[0] = static_cast<uint8_t>(ei);
      cache[1] = static_cast<uint8_t>(ei >> 8);
    } else {
      e = map_lookup_qstr(dict_map(st->builtins), q);
      if (e == nullptr) {
        SAVE_IP();
        raise_name_error(q);
      }
    }
    *++sp = e->value;
    DISPATCH();
  }
  CASE(STORE_GLOBAL) {
    Qstr q = bc_read_uint(ip);
    SAVE_IP();
    dict_store_qstr(frame->globals, q, *sp--);
    DISPATCH();
  }
  CASE(DELETE_GLOBAL) {
    Qstr q = bc_read_uint(ip);
    SAVE_IP();
    if (!dict_delete(frame->globals, qstr_value(q))) raise_name_error(q);
    DISPATCH();
  }
  CASE(LOAD_ATTR) {
    Qstr q = bc_read_uint(ip);
    uint8_t* cache = const_cast<uint8_t*>(ip);
    ip += 2;
    Value obj = *sp;
    if (is_plain_instance(obj) && !st->late_descriptors) {
      // Instance attribute of a class without descriptors: straight to its dict.
      // Instances of one class tend to keep attributes at the same index.
      Map* m = dict_map(as<InstanceObj>(obj)->dict);
      unsigned idx = cache[0] | (cache[1] << 8);
      if (idx < m->used && m->entries[idx].key == qstr_value(q)) {
        *sp = m->entries[idx].value;
        DISPATCH();
      }
      MapEntry* e = map_lookup_qstr(m, q);
      if (e) {
        unsigned ei = static_cast<unsigned>(e - m->entries);
        cache[0] = static_cast<uint8_t>(ei);
        cache[1] = static_cast<uint8_t>(ei >> 8);
        *sp = e->value;
        DISPATCH();
      }
    }
    SAVE_IP();
    *sp = load_attr(obj, q);
    DISPATCH();
  }
  CASE(STORE_ATTR) {
    Qstr q = bc_read_uint(ip);
    uint8_t* cache = const_cast<uint8_t*>(ip);
    ip += 2;
    Value obj = sp[0];
    if (is_plain_instance(obj) && !(as_obj(obj)->type->flags & kTypeHasSetattr) &&
        !st->late_descriptors) {
      Map* m = dict_map(as<InstanceObj>(obj)->dict);
      unsigned idx = cache[0] | (cache[1] << 8);
      if (idx < m->used && m->entries[idx].key == qstr_value(q)) {
        m->entries[idx].value = sp[-1];
        sp -= 2;
        DISPATCH();
      }
      SAVE_IP();
      MapEntry* e = map_lookup_qstr(m, q);
      if (e == nullptr) e = map_lookup(m, qstr_value(q), kMapAdd);
      unsigned ei = static_cast<unsigned>(e - m->entries);
      cache[0] = static_cast<uint8_t>(ei);
      cache[1] = static_cast<uint8_t>(ei >> 8);
      e->value = sp[-1];
      sp -= 2;
      DISPATCH();
    }
    SAVE_IP();
    store_attr(obj, q, sp[-1]);
    sp -= 2;
    DISPATCH();
  }
  CASE(DELETE_ATTR) {
    Qstr q = bc_read_uint(ip);
    SAVE_IP();
    delete_attr(*sp--, q);
    DISPATCH();
  }
  CASE(LOAD_METHOD) {
    Qstr q = bc_read_uint(ip);
    SAVE_IP();
    Value obj = *sp;
    if (is_plain_instance(obj) && !st->late_descriptors) {
      // A method defined in the class (not shadowed by the instance): no bound
      // method object is made; the call passes self directly.
      Value m = type_lookup(as_obj(obj)->type, q);
      if (m != kNull && is_type(m, &fun_type) &&
          map_lookup_qstr(dict_map(as<InstanceObj>(obj)->dict), q) == nullptr) {
        sp[0] = m;
        sp[1] = obj;
        sp++;
        DISPATCH();
      }
    }
    load_method(obj, q, sp);
    sp++;
    DISPATCH();
  }
  CASE(LOAD_BUILD_CLASS) {
    static const NativeFunObj build_class_fun = {&native_fun_type, 2, 0xffff, 1, Q___build_class__,
                                                 build_class_call};
    // builtins.__build_class__ may have been replaced.
    MapEntry* e = map_lookup_qstr(dict_map(st->builtins), Q___build_class__);
    *++sp = e ? e->value : val(&build_class_fun);
    DISPATCH();
  }
  CASE(LOAD_SUBSCR) {
    Value idx = *sp--;
    Value obj = *sp;
    if (is_small_int(idx) && is_obj(obj) && as_obj(obj)->type == &list_type) {
      ListObj* l = as<ListObj>(obj);
      Int i = small_int_value(idx);
      if (i < 0) i += static_cast<Int>(l->len);
      if (i >= 0 && static_cast<size_t>(i) < l->len) {
        *sp = l->items[i];
        DISPATCH();
      }
    }
    SAVE_IP();
    *sp = subscr_load(obj, idx);
    DISPATCH();
  }
  CASE(STORE_SUBSCR) {
    Value idx = sp[0];
    Value obj = sp[-1];
    Value v = sp[-2];
    sp -= 3;
    if (is_small_int(idx) && is_obj(obj) && as_obj(obj)->type == &list_type) {
      ListObj* l = as<ListObj>(obj);
      Int i = small_int_value(idx);
      if (i < 0) i += static_cast<Int>(l->len);
      if (i >= 0 && static_cast<size_t>(i) < l->len) {
        l->items[i] = v;
        DISPATCH();
      }
    }
    SAVE_IP();
    subscr_store(obj, idx, v);
    DISPATCH();
  }
  CASE(DELETE_SUBSCR) {
    SAVE_IP();
    subscr_delete(sp[-1], sp[0]);
    sp -= 2;
    DISPATCH();
  }
  CASE(UNARY_OP) {
    uint8_t op = *ip++;
    SAVE_IP();
    *sp = unary_op(static_cast<UnaryOp>(op), *sp);
    DISPATCH();
  }
  CASE(NOT) {
    Value v = *sp;
    if (v == kTrue || v == kFalse || v == kNone) {
      *sp = bool_value(v != kTrue);
    } else {
      SAVE_IP();
      *sp = bool_value(!is_true(v));
    }
    DISPATCH();
  }
  CASE(BINARY_OP) {
    uint8_t op = *ip++;
    Value r = sp[0];
    Value l = sp[-1];
    if (is_small_int(l) && is_small_int(r)) {
      Int a = small_int_value(l);
      Int b = small_int_value(r);
      switch (op) {
        case kBinAdd:
        case kBinInplaceAdd: {
          Int c = a + b;
          if (small_int_fits(c)) {
            *--sp = small_int(c);
            DISPATCH();
          }
          break;
        }
        case kBinSub:
        case kBinInplaceSub: {
          Int c = a - b;
          if (small_int_fits(c)) {
            *--sp = small_int(c);
            DISPATCH();
          }
          break;
        }
        case kBinMul:
        case kBinInplaceMul: {
          Int c;
          if (!__builtin_mul_overflow(a, b, &c) && small_int_fits(c)) {
            *--sp = small_int(c);
            DISPATCH();
          }
          break;
        }
        case kBinLess:
          *--sp = bool_value(a < b);
          DISPATCH();
        case kBinMore:
          *--sp = bool_value(a > b);
          DISPATCH();
        case kBinLessEqual:
          *--sp = bool_value(a <= b);
          DISPATCH();
        case kBinMoreEqual:
          *--sp = bool_value(a >= b);
          DISPATCH();
        case kBinEqual:
          *--sp = bool_value(a == b);
          DISPATCH();
        case kBinNotEqual:
          *--sp = bool_value(a != b);
          DISPATCH();
        case kBinAnd:
        case kBinInplaceAnd:
          *--sp = small_int(a & b);
          DISPATCH();
        case kBinOr:
        case kBinInplaceOr:
          *--sp = small_int(a | b);
          DISPATCH();
        case kBinXor:
        case kBinInplaceXor:
          *--sp = small_int(a ^ b);
          DISPATCH();
        case kBinFloorDiv:
        case kBinInplaceFloorDiv:
          if (b > 0 || (b < 0 && a != kSmallIntMin)) {
            Int q = a / b;
            if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
            *--sp = small_int(q);
            DISPATCH();
          }
          break;
        case kBinMod:
        case kBinInplaceMod:
          if (b != 0) {
            Int m = a % b;
            if (m != 0 && ((m < 0) != (b < 0))) m += b;
            *--sp = small_int(m);
            DISPATCH();
          }
          break;
        default:
          break;
      }
    } else if (is_obj(l) && as_obj(l)->type == &float_type &&
               ((is_obj(r) && as_obj(r)->type == &float_type) || is_small_int(r))) {
      // Float arithmetic without the generic dispatch.
      Float a = as<FloatObj>(l)->value;
      Float b = is_small_int(r) ? static_cast<Float>(small_int_value(r)) : as<FloatObj>(r)->value;
      int o = op >= kBinInplaceOr && op <= kBinInplacePow ? op - kBinInplaceOffset : op;
      switch (o) {
        case kBinAdd:
          SAVE_IP();
          *--sp = float_new(a + b);
          DISPATCH();
        case kBinSub:
          SAVE_IP();
          *--sp = float_new(a - b);
          DISPATCH();
        case kBinMul:
          SAVE_IP();
          *--sp = float_new(a * b);
          DISPATCH();
        case kBinTrueDiv:
          if (b == 0) break;
          SAVE_IP();
          *--sp = float_new(a / b);
          DISPATCH();
        case kBinLess:
          *--sp = bool_value(a < b);
          DISPATCH();
        case kBinMore:
          *--sp = bool_value(a > b);
          DISPATCH();
        case kBinLessEqual:
          *--sp = bool_value(a <= b);
          DISPATCH();
        case kBinMoreEqual:
          *--sp = bool_value(a >= b);
          DISPATCH();
        default:
          break;
      }
    } else if (is_small_int(l) && is_obj(r) && as_obj(r)->type == &float_type) {
      Float a = static_cast<Float>(small_int_value(l));
      Float b = as<FloatObj>(r)->value;
      int o = op >= kBinInplaceOr && op <= kBinInplacePow ? op - kBinInplaceOffset : op;
      if (o == kBinMul || o == kBinAdd || o == kBinSub) {
        SAVE_IP();
        *--sp = float_new(o == kBinMul ? a * b : o == kBinAdd ? a + b : a - b);
        DISPATCH();
      }
    } else if (op == kBinIs) {
      *--sp = bool_value(l == r);
      DISPATCH();
    } else if (op == kBinIsNot) {
      *--sp = bool_value(l != r);
      DISPATCH();
    }
    SAVE_IP();
    Value res = binary_op(static_cast<BinaryOp>(op), l, r);
    *--sp = res;
    DISPATCH();
  }
  CASE(JUMP) {
    int off = bc_read_jump(ip);
    // Poll before jumping back: the handler search and the traceback look at the instruction
    // before the saved position, which must still be inside the loop (and its try).
    if (off < 0 && VPY_INTERRUPT_DUE()) {
      SAVE_IP();
      runtime_poll_interrupt();
    }
    ip += off;
    DISPATCH();
  }
  CASE(POP_JUMP_IF_FALSE) {
    int off = bc_read_jump(ip);
    Value v = *sp--;
    if (v == kFalse) {
      ip += off;
    } else if (v != kTrue) {
      SAVE_IP();
      if (!is_true(v)) ip += off;
    }
    DISPATCH();
  }
  CASE(POP_JUMP_IF_TRUE) {
    int off = bc_read_jump(ip);
    Value v = *sp--;
    if (v == kTrue) {
      ip += off;
    } else if (v != kFalse) {
      SAVE_IP();
      if (is_true(v)) ip += off;
    }
    DISPATCH();
  }
  CASE(JUMP_IF_FALSE_OR_POP) {
    int off = bc_read_jump(ip);
    SAVE_IP();
    if (!is_true(*sp)) {
      ip += off;
    } else {
      sp--;
    }
    DISPATCH();
  }
  CASE(JUMP_IF_TRUE_OR_POP) {
    int off = bc_read_jump(ip);
    SAVE_IP();
    if (is_true(*sp)) {
      ip += off;
    } else {
      sp--;
    }
    DISPATCH();
  }
  CASE(GET_ITER) {
    SAVE_IP();
    *sp = getiter(*sp);
    DISPATCH();
  }
  CASE(FOR_ITER) {
    int off = bc_read_jump(ip);
    Value it = *sp;
    if (as_obj(it)->type == &range_iter_type) {
      RangeIterObj* r = as<RangeIterObj>(it);
      Int cur = r->cur;
      if ((r->step > 0 ? cur < r->stop : cur > r->stop) && small_int_fits(cur)) {
        r->cur = cur + r->step;
        *++sp = small_int(cur);
        DISPATCH();
      }
    }
    SAVE_IP();
    Value v = iternext(it);
    if (v == kNull) {
      if (VPY_INTERRUPT_DUE()) {  // reported on the `for` line, inside its try
        SAVE_IP();
        runtime_poll_interrupt();
      }
      sp--;
      ip += off;
    } else {
      *++sp = v;
    }
    DISPATCH();
  }
  CASE(FOR_RANGE_SETUP) {
    // [callee, args...] -> [stop, step, current] when the callee is the builtin range and the
    // arguments are small ints whose steps cannot overflow; else [iterator, null, null].
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    Value* base = sp - n;
    bool fast = base[0] == val(&range_type);
    for (uint32_t i = 1; i <= n && fast; i++)
      fast = is_small_int(base[i]);
    if (fast) {
      Int start = n > 1 ? small_int_value(base[1]) : 0;
      Int stop = small_int_value(base[n > 1 ? 2 : 1]);
      Int step = n > 2 ? small_int_value(base[3]) : 1;
      if (step != 0 && small_int_fits(stop + step)) {
        base[0] = small_int(stop);
        base[1] = small_int(step);
        base[2] = small_int(start);
        sp = base + 2;
        DISPATCH();
      }
    }
    Value it = getiter(call(base[0], n, 0, base + 1));
    base[0] = it;
    base[1] = kNull;
    base[2] = kNull;
    sp = base + 2;
    DISPATCH();
  }
  CASE(FOR_RANGE) {
    int off = bc_read_jump(ip);
    Value cur = sp[0];
    if (cur != kNull) {
      Int c = small_int_value(cur);
      Int step = small_int_value(sp[-1]);
      if (step > 0 ? c < small_int_value(sp[-2]) : c > small_int_value(sp[-2])) {
        sp[0] = small_int(c + step);
        *++sp = cur;
        DISPATCH();
      }
    } else {
      SAVE_IP();
      Value v = iternext(sp[-2]);
      if (v != kNull) {
        *++sp = v;
        DISPATCH();
      }
    }
    if (VPY_INTERRUPT_DUE()) {  // reported on the `for` line, inside its try
      SAVE_IP();
      runtime_poll_interrupt();
    }
    sp -= 3;
    ip += off;
    DISPATCH();
  }
  CASE(BUILD_TUPLE) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    sp -= n;
    Value t = n ? tuple_new(n, sp + 1) : empty_tuple_value();
    *++sp = t;
    DISPATCH();
  }
  CASE(BUILD_LIST) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    sp -= n;
    Value l = list_new(n, sp + 1);
    *++sp = l;
    DISPATCH();
  }
  CASE(BUILD_MAP) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    sp -= 2 * n;
    Value d = dict_new(n);
    for (uint32_t i = 0; i < n; i++)
      dict_store(d, sp[1 + 2 * i], sp[2 + 2 * i]);
    *++sp = d;
    DISPATCH();
  }
  CASE(BUILD_SET) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    sp -= n;
    Value s = set_new(&set_type, kNull);
    for (uint32_t i = 0; i < n; i++)
      set_add(s, sp[1 + i]);
    *++sp = s;
    DISPATCH();
  }
  CASE(BUILD_SLICE) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    Value step = n == 3 ? *sp-- : kNone;
    Value stop = *sp--;
    *sp = slice_new(*sp, stop, step);
    DISPATCH();
  }
  CASE(BUILD_STRING) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    sp -= n;
    Vstr v;
    vstr_init(&v, 32);
    for (uint32_t i = 1; i <= n; i++) {
      size_t len;
      const char* s = str_data(sp[i], &len);
      vstr_add_strn(&v, s, len);
    }
    *++sp = vstr_to_str(&v);
    DISPATCH();
  }
  CASE(LIST_APPEND) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    Value v = *sp--;
    list_append(sp[-static_cast<int>(n)], v);
    DISPATCH();
  }
  CASE(SET_ADD) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    Value v = *sp--;
    set_add(sp[-static_cast<int>(n)], v);
    DISPATCH();
  }
  CASE(MAP_ADD) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    Value v = *sp--;
    Value k = *sp--;
    dict_store(sp[-static_cast<int>(n)], k, v);
    DISPATCH();
  }
  CASE(LIST_EXTEND) {
    bc_read_uint(ip);
    SAVE_IP();
    Value v = *sp--;
    list_extend(*sp, v);
    DISPATCH();
  }
  CASE(SET_UPDATE) {
    bc_read_uint(ip);
    SAVE_IP();
    Value v = *sp--;
    Value it = getiter(v);
    for (Value x; (x = iternext(it)) != kNull;)
      set_add(*sp, x);
    DISPATCH();
  }
  CASE(DICT_UPDATE) {
    uint32_t kind = bc_read_uint(ip);
    SAVE_IP();
    Value v = *sp--;
    if (kind == kDictMergeKwargs) {
      merge_kwargs(*sp, v);
    } else {
      dict_update(*sp, v);
    }
    DISPATCH();
  }
  CASE(LIST_TO_TUPLE) {
    SAVE_IP();
    ListObj* l = as<ListObj>(*sp);
    *sp = tuple_new(l->len, l->items);
    DISPATCH();
  }
  CASE(UNPACK_SEQUENCE) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    Value seq = *sp;
    if (is_obj(seq) && (as_obj(seq)->type == &tuple_type || as_obj(seq)->type == &list_type)) {
      size_t len;
      Value* items;
      seq_get(seq, &len, &items);
      if (len == n) {
        for (uint32_t i = 0; i < n; i++)
          sp[i] = items[n - 1 - i];
        sp = sp + n - 1;  // not sp += n - 1: n is unsigned and may be 0 ([] = [])
        DISPATCH();
      }
    }
    unpack_sequence(seq, n, sp);
    sp = sp + n - 1;
    DISPATCH();
  }
  CASE(UNPACK_EX) {
    uint32_t arg = bc_read_uint(ip);
    SAVE_IP();
    size_t before = arg & 0xff, after = arg >> 8;
    unpack_ex(*sp, before, after, sp);
    sp += before + after;
    DISPATCH();
  }
  CASE(CALL) {
    uint32_t n = bc_read_uint(ip);
    Value* args = sp - n + 1;
    Value f = args[-1];
    SAVE_IP();
    if (is_obj(f) && as_obj(f)->type == &fun_type &&
        !(as<FunObj>(f)->code->flags & (kCodeGenerator | kCodeCoroutine))) {
      frame->sp = args - 2;
      Frame* nf = frame_push(f, n, 0, args);
      frame = nf;
      st->frame = nf;
      LOAD_FRAME();
      DISPATCH();
    }
    Value r = call(f, n, 0, args);
    sp = args - 1;
    *sp = r;
    DISPATCH();
  }
  CASE(CALL_KW) {
    uint32_t n_pos = bc_read_uint(ip);
    uint32_t n_kw = bc_read_uint(ip);
    Value* args = sp - n_pos - 2 * n_kw + 1;
    Value f = args[-1];
    SAVE_IP();
    if (is_obj(f) && as_obj(f)->type == &fun_type &&
        !(as<FunObj>(f)->code->flags & (kCodeGenerator | kCodeCoroutine))) {
      frame->sp = args - 2;
      Frame* nf = frame_push(f, n_pos, n_kw, args);
      frame = nf;
      st->frame = nf;
      LOAD_FRAME();
      DISPATCH();
    }
    Value r = call(f, n_pos, n_kw, args);
    sp = args - 1;
    *sp = r;
    DISPATCH();
  }
  CASE(CALL_METHOD) {
    uint32_t n = bc_read_uint(ip);
    Value* args = sp - n + 1;  // args[-1] is self or null, args[-2] the function
    Value* slot = args - 2;    // where the result goes
    Value f = *slot;
    SAVE_IP();
    if (args[-1] != kNull) {
      args--;
      n++;
    }
    if (is_obj(f) && as_obj(f)->type == &fun_type &&
        !(as<FunObj>(f)->code->flags & (kCodeGenerator | kCodeCoroutine))) {
      frame->sp = slot - 1;
      Frame* nf = frame_push(f, n, 0, args);
      frame = nf;
      st->frame = nf;
      LOAD_FRAME();
      DISPATCH();
    }
    Value r = call(f, n, 0, args);
    sp = slot;
    *sp = r;
    DISPATCH();
  }
  CASE(CALL_METHOD_KW) {
    uint32_t n_pos = bc_read_uint(ip);
    uint32_t n_kw = bc_read_uint(ip);
    Value* args = sp - n_pos - 2 * n_kw + 1;
    Value* slot = args - 2;  // where the result goes
    Value f = args[-2];
    SAVE_IP();
    if (args[-1] != kNull) {
      args--;
      n_pos++;
    }
    if (is_obj(f) && as_obj(f)->type == &fun_type &&
        !(as<FunObj>(f)->code->flags & (kCodeGenerator | kCodeCoroutine))) {
      frame->sp = slot - 1;
      Frame* nf = frame_push(f, n_pos, n_kw, args);
      frame = nf;
      st->frame = nf;
      LOAD_FRAME();
      DISPATCH();
    }
    Value r = call(f, n_pos, n_kw, args);
    sp = slot;
    *sp = r;
    DISPATCH();
  }
  CASE(CALL_EX) {
    uint32_t flags = bc_read_uint(ip);
    SAVE_IP();
    Value kwargs = (flags & 1) ? *sp-- : kNull;
    Value args = *sp--;  // a list
    Value f;
    if (flags & 2) {
      Value self = *sp--;
      f = *sp;
      if (self != kNull) {
        ListObj* l = as<ListObj>(args);
        list_append(args, kNone);
        mem_move(l->items + 1, l->items, (l->len - 1) * sizeof(Value));
        l->items[0] = self;
      }
    } else {
      f = *sp;
    }
    *sp = call_ex(f, args, kwargs);
    DISPATCH();
  }
  CASE(MAKE_FUNCTION) {
    uint32_t flags = bc_read_uint(ip);
    uint32_t ci = bc_read_uint(ip);
    SAVE_IP();
    Value closure = (flags & 4) ? *sp-- : kNull;
    Value kwdefaults = (flags & 2) ? *sp-- : kNull;
    Value defaults = (flags & 1) ? *sp-- : kNull;
    Value code = as<TupleObj>(frame->code->consts)->items[ci];
    *++sp = fun_new(code, frame->globals, defaults, kwdefaults, closure);
    DISPATCH();
  }
  CASE(RETURN_VALUE) {
    Value r = *sp;
    if (frame->flags & kFrameEntry) {
      SAVE_IP();
      frame->sp = sp - 1;
      st->frame = frame->prev;
      *status = kVmReturn;
      return r;
    }
    Frame* caller = frame->prev;
    st->stack_top = reinterpret_cast<Value*>(frame);
    frame = caller;
    st->frame = caller;
    LOAD_FRAME();
    *++sp = r;
    DISPATCH();
  }
  CASE(RAISE) {
    uint32_t n = bc_read_uint(ip);
    SAVE_IP();
    if (n == 0) {
      if (st->exc_current == kNull || st->exc_current == kNone) {
        raise_msg(&exc_RuntimeError, "no active exception to reraise");
      }
      st->reraise_frame = frame;
      raise(st->exc_current);
    }
    Value cause = n == 2 ? *sp-- : kNull;
    Value exc = exception_make(*sp--);
    if (n == 2) {
      as<ExceptionObj>(exc)->cause = cause == kNone ? kNone : exception_make(cause);
    }
    raise(exc);
  }
  CASE(RERAISE) {
    Value exc = *sp--;
    st->exc_current = *sp--;
    SAVE_IP();
    st->reraise_frame = frame;
    raise(exc);
  }
  CASE(PUSH_EXC_INFO) {
    Value exc = *sp;
    *sp = st->exc_current == kNull ? kNone : st->exc_current;
    *++sp = exc;
    st->exc_current = exc;
    DISPATCH();
  }
  CASE(POP_EXCEPT) {
    st->exc_current = *sp--;
    DISPATCH();
  }
  CASE(CHECK_EXC_MATCH) {
    SAVE_IP();
    Value type = *sp;
    *sp = bool_value(exception_match(sp[-1], type));
    DISPATCH();
  }
  CASE(LOAD_ASSERTION_ERROR) {
    *++sp = val(&exc_AssertionError);
    DISPATCH();
  }
  CASE(BEFORE_WITH) {
    SAVE_IP();
    Value mgr = *sp;
    Value exit_fn = load_attr(mgr, Q___exit__);
    Value dest[2];
    load_method(mgr, Q___enter__, dest);
    *sp = exit_fn;
    Value r = call_method_n(0, 0, dest);
    *++sp = r;
    DISPATCH();
  }
  CASE(WITH_EXCEPT_START) {
    SAVE_IP();
    Value exc = sp[0];
    Value exit_fn = sp[-2];
    Value args[3] = {val(type_of(exc)), exc, kNone};
    Value r = call(exit_fn, 3, 0, args);
    *++sp = r;
    DISPATCH();
  }
  CASE(YIELD_VALUE) {
    Value v = *sp--;
    SAVE_IP();
    frame->sp = sp;
    st->frame = frame->prev;
    *status = kVmYield;
    return v;
  }
  CASE(GET_YIELD_FROM_ITER) {
    SAVE_IP();
    Value v = *sp;
    if (!is_obj(v) || (as_obj(v)->type != &gen_type && as_obj(v)->type != &coro_type)) {
      *sp = getiter(v);
    }
    DISPATCH();
  }
  CASE(YIELD_FROM) {
    Value send = *sp--;
    Value it = *sp;
    SAVE_IP();
    Value r;
    VmStatus s;
    if (is_obj(it) && (as_obj(it)->type == &gen_type || as_obj(it)->type == &coro_type)) {
      r = gen_resume(it, send, kNull, &s);
    } else {
      // Any other iterator (obj_gen.cpp): next() or send(), and the value it ends with.
      r = yield_from_step(it, send, &s);
    }
    if (s == kVmYield) {
      // Suspend here; on resume the sent value is pushed and YIELD_FROM runs again.
      frame->ip = ip - 1;
      frame->sp = sp;
      st->frame = frame->prev;
      *status = kVmYield;
      return r;
    }
    *sp = r;
    DISPATCH();
  }
  CASE(GET_AWAITABLE) {
    SAVE_IP();
    Value v = *sp;
    if (!is_obj(v) || (as_obj(v)->type != &coro_type && as_obj(v)->type != &gen_type)) {
      Value dest[2];
      load_method_maybe(v, Q___await__, dest);
      if (dest[0] == kNull) {
        raise_fmt(&exc_TypeError, "'%s' object can't be awaited", type_name_of(v));
      }
      *sp = getiter(call_method_n(0, 0, dest));
    }
    DISPATCH();
  }
  CASE(IMPORT_NAME) {
    Qstr q = bc_read_uint(ip);
    SAVE_IP();
    Value fromlist = *sp--;
    Value level = *sp;
    frame->sp = sp;
    *sp = import_name(q, fromlist, small_int_value(level));
    DISPATCH();
  }
  CASE(IMPORT_FROM) {
    Qstr q = bc_read_uint(ip);
    SAVE_IP();
    Value v = import_from(*sp, q);
    *++sp = v;
    DISPATCH();
  }
  CASE(IMPORT_STAR) {
    SAVE_IP();
    import_all(*sp--, frame->names != kNull ? frame->names : frame->globals);
    DISPATCH();
  }
  CASE(FORMAT_VALUE) {
    uint8_t flags = *ip++;
    SAVE_IP();
    Value spec = (flags & 4) ? *sp-- : kNull;
    Value v = *sp;
    int conv = flags & 3;
    if (conv == 1) v = str_of(v);
    if (conv == 2 || conv == 3) v = repr_of(v);
    if (spec == kNull && is_str(v)) {
      *sp = v;
    } else {
      *sp = format_builtin(v, spec == kNull ? qstr_value(Q__empty_) : spec);
    }
    DISPATCH();
  }
  CASE(PRINT_EXPR) {
    SAVE_IP();
    Value v = *sp--;
    if (v != kNone) {
      print_value(&port_printer, v, kPrintRepr);
      print_str(&port_printer, "\n");
      dict_store_qstr(st->builtins, qstr_from_str("_"), v);
    }
    DISPATCH();
  }

#if !VPY_COMPUTED_GOTO
  default:
    raise_msg(&exc_RuntimeError, "bad opcode");
}
#endif

#undef DISPATCH
#undef CASE
#undef LOAD_FRAME
#undef SAVE_IP
}

Value vm_execute(Frame* entry, Value inject_in, VmStatus* status) {
  vm()->frame = entry;
  c_stack_check();
  Value* const entry_top = vm()->stack_top;
  // Changed after setjmp and read after longjmp: kept in memory.
  volatile Value inject = inject_in;
  for (;;) {
    NlrBuf nlr;
    nlr_push(&nlr);
    if (setjmp(nlr.jb) == 0) {
      if (inject != kNull) {
        Value e = inject;
        inject = kNull;
        raise(e);
      }
      Value r = vm_loop(entry, status);
      nlr_pop(&nlr);
      return r;
    }
    inject = kNull;
    // The exception unwinds frame by frame: each adds its traceback line, and the
    // first with a covering handler resumes there.
    VmState* st = vm();
    Value exc = nlr.exc;
    Frame* f = nlr.raise_frame;
    // A raise before any of our frames ran counts as the entry frame's.
    if (f == nullptr) f = entry;
    for (;;) {
      const CodeObj* c = f->code;
      if (st->reraise_frame != f) {
        if (is_exception(exc) && exc != st->memory_error) {
          exception_add_traceback(exc, c->file, code_line_of(c, f->ip - 1), c->name);
        }
      }
      st->reraise_frame = nullptr;
      uint32_t handler, depth;
      if (find_handler(c, f->ip, &handler, &depth)) {
        st->frame = f;
        st->stack_top = f == entry ? entry_top : frame_end(f);
        Value* s = f->locals + c->n_locals + depth;
        *s = exc;
        f->sp = s;
        f->ip = c->code + handler;
        break;  // run the handler
      }
      if (f == entry) {
        st->frame = entry->prev;
        raise(exc);
      }
      f = f->prev;
    }
  }
}

Value build_class_call(size_t n_args, const Value* args, const KwArgs* kw) {
  Value body = args[0];
  Qstr name = str_to_qstr(args[1]);
  Value bases = tuple_new(n_args - 2, args + 2);
  (void)kw;  // metaclass= and other class keywords are not supported
  Value ns = dict_new(0);
  // Run the class body with the namespace as its names dict.
  FunObj* f = as<FunObj>(body);
  Frame* fr = frame_push(body, 0, 0, nullptr);
  fr->names = ns;
  fr->flags |= kFrameEntry;
  VmStatus status;
  Value cell = vm_execute(fr, kNull, &status);
  vm()->stack_top = reinterpret_cast<Value*>(fr);
  (void)f;
  Value cls = type_new_class(name, bases, ns);
  if (is_type(cell, &cell_type)) as<CellObj>(cell)->value = cls;
  return cls;
}

}  // namespace vpy
