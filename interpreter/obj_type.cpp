// Types and classes: `type`, `object`, classes made by `class` statements (their
// instances and special-method dispatch), super() and property.
#include "bytecode.h"
#include "obj_gen.h"
#include "runtime.h"

namespace vpy {

Value exception_make_new(const Type* type, size_t n_args, size_t n_kw, const Value* args);
// type_lookup that also tells which class of the MRO holds the name.
Value type_lookup_owner(const Type* t, Qstr name, const Type** owner);
namespace {
extern const NativeFunObj builtin_type_new_fun;  // int.__new__ and friends
}

namespace {

// --- lookup ------------------------------------------------------------------------------
Value lookup_in(const Type* t, Qstr name) {
  if (t->flags & kTypeUser) return dict_get_qstr(t->dict, name);
  if (t->methods) return rom_map_find(t->methods, name);
  return kNull;
}

// A builtin type's method read from the type itself (list.append): calling it checks that
// the first argument really is an instance of that type before the native code sees it.
struct CheckedFunObj {
  const Type* type;
  const Type* owner;
  Value fun;
};

void checked_fun_print(const Printer* p, Value self, PrintKind) {
  const CheckedFunObj* c = as<CheckedFunObj>(self);
  print_fmt(p, "<method '%q' of '%q' objects>", as<NativeFunObj>(c->fun)->name, c->owner->name);
}

Value checked_fun_call(Value self, size_t n_args, size_t n_kw, const Value* args) {
  const CheckedFunObj* c = as<CheckedFunObj>(self);
  Qstr name = as<NativeFunObj>(c->fun)->name;
  if (n_args == 0) {
    raise_fmt(&exc_TypeError, "unbound method '%q' of '%q' needs an argument", name,
              c->owner->name);
  }
  Value obj = as_native(args[0], c->owner);
  if (obj == kNull) {
    raise_fmt(&exc_TypeError, "descriptor '%q' for '%q' objects doesn't apply to a '%s' object",
              name, c->owner->name, type_name_of(args[0]));
  }
  if (obj == args[0]) return native_fun_call(c->fun, n_args, n_kw, args);
  // An instance of a class derived from the builtin: the method works on its builtin value.
  size_t total = n_args + 2 * n_kw;
  Value local[8];
  Value* buf = total <= 8 ? local : static_cast<Value*>(gc_alloc(total * sizeof(Value)));
  mem_copy(buf, args, total * sizeof(Value));
  buf[0] = obj;
  return native_fun_call(c->fun, n_args, n_kw, buf);
}

void checked_fun_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] == kNull && name == Q___name__) {
    dest[0] = qstr_value(as<NativeFunObj>(as<CheckedFunObj>(self)->fun)->name);
  }
}

const Type checked_fun_type = {.type = &type_type,
                               .name = Q_function,
                               .print = checked_fun_print,
                               .call = checked_fun_call,
                               .attr = checked_fun_attr};

// Calls a method found on the class of self: a function, a staticmethod or a classmethod.
Value call_found(Value m, Value self, size_t n, const Value* args) {
  Value buf[4];
  buf[0] = self;
  for (size_t i = 0; i < n; i++)
    buf[1 + i] = args[i];
  if (is_type(m, &staticmethod_type)) return call(val(as<StaticMethodObj>(m)->fun), n, 0, buf + 1);
  if (is_type(m, &classmethod_type)) {
    buf[0] = val(type_of(self));
    return call(val(as<StaticMethodObj>(m)->fun), n + 1, 0, buf);
  }
  return call(m, n + 1, 0, buf);
}

// Calls a special method found on the class of self; *found tells whether it exists.
Value call_special(Value self, Qstr name, size_t n, const Value* args, bool* found) {
  Value m = type_lookup(type_of(self), name);
  *found = m != kNull;
  return m == kNull ? kNull : call_found(m, self, n, args);
}

// A special method that a class of the MRO defines (in Python, or by assigning a callable);
// the builtin defaults (object.__eq__, list.__init__...) do not count: the slots of the
// builtin types give that behaviour.
Value user_special(const Type* t, Qstr name) {
  Value m = type_lookup(t, name);
  return m == kNull || is_type(m, &native_fun_type) ? kNull : m;
}

// --- classes derived from builtin types ---------------------------------------------------
// An instance of class S(str) is an InstanceObj (attributes work as for any class) whose
// `native` holds the builtin value; the class's slots hand each operation the class does
// not define itself to that value (MicroPython's subobj).
bool has_native_sub(const Type* t) {
  return (t->flags & kTypeUser) && t->native_base != &object_type &&
         !(t->flags & kTypeException);  // exceptions keep ExceptionObj's layout
}

// The builtin value of self (whose class has_native_sub). A builtin filled by its __init__
// (list, dict) is made empty here when the class's own __init__ has not made it yet.
Value instance_native(Value self) {
  InstanceObj* o = as<InstanceObj>(self);
  if (o->native == kNull) {
    const Type* nb = o->type->native_base;
    o->native = nb->make_new(nb, 0, 0, nullptr);
  }
  return o->native;
}

// The builtin value of self, or kNull when its class derives from no builtin type.
Value native_of(Value self) {
  return has_native_sub(type_of(self)) ? instance_native(self) : kNull;
}

// A new instance of type (has_native_sub); with make, its builtin value is made now from
// the arguments, else by __init__ or on first use.
Value native_instance_new(const Type* type, size_t n_args, size_t n_kw, const Value* args,
                          bool make) {
  const Type* nb = type->native_base;
  if (nb->make_new == nullptr) raise_fmt(&exc_TypeError, "can't create '%q' instances", nb->name);
  InstanceObj* o = gc_new<InstanceObj>(type);
  o->dict = dict_new(0);
  o->native = make ? nb->make_new(nb, n_args, n_kw, args) : kNull;
  return val(o);
}

// Whether builtin type t (or a builtin base of it) has an __init__ that fills the object.
bool native_has_init(const Type* t) {
  for (; t && t != &object_type; t = t->base) {
    if (t->methods && rom_map_find(t->methods, Q___init__) != kNull) return true;
  }
  return false;
}

// --- instances of user classes ------------------------------------------------------------
void instance_print(const Printer* p, Value self, PrintKind kind) {
  const Type* t = type_of(self);
  Value m = kind == kPrintStr ? user_special(t, Q___str__) : kNull;
  if (m == kNull) m = user_special(t, Q___repr__);
  if (m != kNull) {
    Value r = native_value(call_found(m, self, 0, nullptr));
    if (!is_str(r)) raise_msg(&exc_TypeError, "__str__ returned non-string");
    size_t n;
    const char* s = str_data(r, &n);
    print_strn(p, s, n);
    return;
  }
  if (has_native_sub(t)) {
    print_value(p, instance_native(self), kind);
    return;
  }
  if (t->native_base->print && t->native_base != &object_type) {  // exceptions
    t->native_base->print(p, self, kind);
    return;
  }
  print_fmt(p, "<%q object at %x>", t->name, static_cast<unsigned>(self));
}

Value instance_make_new(const Type* type, size_t n_args, size_t n_kw, const Value* args) {
  Value obj = kNull;
  Value new_fn = type_lookup(type, Q___new__);
  if (new_fn != kNull && is_type(new_fn, &staticmethod_type))
    new_fn = val(as<StaticMethodObj>(new_fn)->fun);
  Value init = type_lookup(type, Q___init__);
  bool native_sub = has_native_sub(type);
  if (new_fn != kNull && (is_type(new_fn, &fun_type) || is_type(new_fn, &bound_meth_type))) {
    // A user __new__(cls, *args).
    size_t total = 1 + n_args + 2 * n_kw;
    Value* buf = static_cast<Value*>(gc_alloc(total * sizeof(Value)));
    buf[0] = val(type);
    if (total > 1) mem_copy(buf + 1, args, (total - 1) * sizeof(Value));
    obj = call(new_fn, n_args + 1, n_kw, buf);
    if (!is_instance(obj, type)) return obj;
  } else if (type->flags & kTypeException) {
    obj = exception_make_new(type, n_args, 0, args);
  } else if (native_sub) {
    // The arguments make the builtin value, except for builtins that their __init__ fills
    // (list, dict) when the class has its own __init__: that one calls super().__init__().
    bool later = is_type(init, &fun_type) && native_has_init(type->native_base);
    obj = native_instance_new(type, n_args, n_kw, args, !later);
  } else {
    InstanceObj* o = gc_new<InstanceObj>(type);
    o->dict = dict_new(0);
    o->native = kNull;
    obj = val(o);
  }
  // A builtin __init__ (list's) already had its say through the builtin's constructor.
  bool call_init = is_type(init, &fun_type) || (is_type(init, &native_fun_type) && !native_sub);
  if (call_init) {
    size_t total = 1 + n_args + 2 * n_kw;
    Value local[8];
    Value* buf = total <= 8 ? local : static_cast<Value*>(gc_alloc(total * sizeof(Value)));
    buf[0] = obj;
    if (total > 1) mem_copy(buf + 1, args, (total - 1) * sizeof(Value));
    Value r = call(init, n_args + 1, n_kw, buf);
    if (r != kNone) raise_msg(&exc_TypeError, "__init__() should return None");
  } else if (n_args || n_kw) {
    if (!(type->flags & kTypeException) && init == kNull) {
      raise_msg(&exc_TypeError, "function takes 0 positional arguments but more were given");
    }
  }
  return obj;
}

Value instance_call(Value self, size_t n_args, size_t n_kw, const Value* args) {
  Value m = type_lookup(type_of(self), Q___call__);
  if (m == kNull) {
    Value nat = native_of(self);
    if (nat != kNull && type_of(nat)->call) return call(nat, n_args, n_kw, args);
    raise_fmt(&exc_TypeError, "'%s' object isn't callable", type_name_of(self));
  }
  size_t total = 1 + n_args + 2 * n_kw;
  Value local[8];
  Value* buf = total <= 8 ? local : static_cast<Value*>(gc_alloc(total * sizeof(Value)));
  buf[0] = self;
  if (total > 1) mem_copy(buf + 1, args, (total - 1) * sizeof(Value));
  return call(m, n_args + 1, n_kw, buf);
}

Value instance_unary(UnaryOp op, Value self) {
  static const uint16_t names[] = {Q___bool__, Q___len__,    Q___hash__, Q___pos__,
                                   Q___neg__,  Q___invert__, Q___abs__};
  if (op >= kUnaryNot) return kNull;
  const Type* t = type_of(self);
  Value m = user_special(t, names[op]);
  if (op == kUnaryHash && m == kNone) {  // __hash__ = None
    raise_fmt(&exc_TypeError, "unhashable type: '%s'", type_name(t));
  }
  if (m == kNull) {
    Value nat = native_of(self);
    if (op == kUnaryHash) {
      // The default hash: identity, or the builtin value's; a class that defines __eq__
      // alone is unhashable.
      if (user_special(t, Q___eq__) != kNull) {
        raise_fmt(&exc_TypeError, "unsupported type for __hash__: '%s'", type_name(t));
      }
      if (nat != kNull) return small_int(static_cast<Int>(hash_value(nat)) & kSmallIntMax);
      return small_int(static_cast<Int>(self >> 3));
    }
    if (nat == kNull) return kNull;
    if (op == kUnaryBool) return bool_value(is_true(nat));
    if (op == kUnaryLen) return len_maybe(nat);
    return unary_op(op, nat);
  }
  Value r = call_found(m, self, 0, nullptr);
  if (op == kUnaryBool) {
    if (r != kTrue && r != kFalse) raise_msg(&exc_TypeError, "__bool__ should return bool");
    return r;
  }
  if (op == kUnaryLen) {
    Int n;
    if (!int_get_maybe(native_value(r), &n))
      raise_msg(&exc_TypeError, "object cannot be interpreted as an integer");
    if (n < 0) raise_msg(&exc_ValueError, "__len__() should return >= 0");
    return small_int(n);
  }
  if (op == kUnaryHash) {
    r = native_value(r);
    Int h;
    if (!int_get_maybe(r, &h)) {
      if (!is_int(r)) raise_msg(&exc_TypeError, "__hash__ method should return an integer");
      h = static_cast<Int>(int_hash(r));
    }
    return small_int(h & kSmallIntMax);
  }
  return r;
}

// == and != of an instance: its class's __eq__/__ne__ (whose result may be any value),
// __ne__ by default the inverse of a user __eq__, else the builtin value's equality.
// kNull: undecided (the runtime asks the other operand, then compares identities).
Value instance_equality(BinaryOp op, Value self, Value other) {
  const Type* t = type_of(self);
  Value m = user_special(t, op == kBinEqual ? Q___eq__ : Q___ne__);
  bool invert = false;
  if (m == kNull && op == kBinNotEqual) {
    m = user_special(t, Q___eq__);
    invert = true;
  }
  if (m != kNull) {
    Value r = call_found(m, self, 1, &other);
    if (r == notimpl_value()) return kNull;
    return invert ? bool_value(!is_true(r)) : r;
  }
  Value nat = native_of(self);
  if (nat == kNull) return kNull;
  return bool_value(equal(nat, other) != (op == kBinNotEqual));
}

Value instance_binary(BinaryOp op_in, Value self, Value other) {
  static const uint16_t names[] = {
      Q___lt__,       Q___gt__,        Q___eq__,       Q___le__,   Q___ge__,   Q___ne__,
      Q___contains__, Q___dummy__,     Q___dummy__,    Q___or__,   Q___xor__,  Q___and__,
      Q___lshift__,   Q___rshift__,    Q___add__,      Q___sub__,  Q___mul__,  Q___matmul__,
      Q___floordiv__, Q___truediv__,   Q___mod__,      Q___pow__,  Q___ior__,  Q___ixor__,
      Q___iand__,     Q___ilshift__,   Q___irshift__,  Q___iadd__, Q___isub__, Q___imul__,
      Q___imatmul__,  Q___ifloordiv__, Q___itruediv__, Q___imod__, Q___ipow__, Q___dummy__,
      Q___dummy__,    Q___divmod__,
  };
  static const uint16_t rnames[] = {
      Q___ror__,      Q___rxor__, Q___rand__, Q___rlshift__, Q___rrshift__,
      Q___radd__,     Q___rsub__, Q___rmul__, Q___rmatmul__, Q___rfloordiv__,
      Q___rtruediv__, Q___rmod__, Q___rpow__,
  };
  bool reflected = (op_in & 0x80) != 0;
  BinaryOp op = static_cast<BinaryOp>(op_in & 0x7f);
  Qstr name;
  if (reflected) {
    if (op >= kBinCount) return kNull;
    // divmod has no reflected name here: only the builtin value can answer it.
    name = op >= kBinOr && op <= kBinPow ? static_cast<Qstr>(rnames[op - kBinOr])
                                         : static_cast<Qstr>(Q___dummy__);
  } else {
    if (op >= kBinCount) return kNull;
    if (op == kBinEqual || op == kBinNotEqual) return instance_equality(op, self, other);
    name = names[op];
    if (name == Q___dummy__) return kNull;
  }
  Value m = name == Q___dummy__ ? kNull : user_special(type_of(self), name);
  if (m != kNull) {
    Value r = call_found(m, self, 1, &other);
    if (r == notimpl_value()) return kNull;
    return op == kBinIn ? bool_value(is_true(r)) : r;
  }
  Value nat = native_of(self);
  if (nat == kNull) return kNull;  // (no __contains__: the runtime iterates)
  if (op == kBinIn) return bool_value(contains(nat, other));
  if (reflected) return binary_op(op, other, nat);
  Value r = binary_op(op, nat, other);
  // An in-place operator that changed the builtin value keeps the instance (l += [1]).
  return r == nat && op >= kBinInplaceOr && op <= kBinInplacePow ? self : r;
}

Value instance_subscr(Value self, Value index, Value value) {
  const Type* t = type_of(self);
  Value m = user_special(t, value == kSentinel ? Q___getitem__
                            : value == kNull   ? Q___delitem__
                                               : Q___setitem__);
  if (m != kNull) {
    if (value == kSentinel) return call_found(m, self, 1, &index);
    Value args[2] = {index, value};
    call_found(m, self, value == kNull ? 1 : 2, args);
    return kNone;
  }
  Value nat = native_of(self);
  if (nat == kNull) return kNull;
  if (value == kSentinel) {
    Value missing;
    if (is_instance(nat, &dict_type) && (missing = user_special(t, Q___missing__)) != kNull) {
      Value v = dict_get(nat, index);
      return v != kNull ? v : call_found(missing, self, 1, &index);
    }
    return subscr_load(nat, index);
  }
  if (value == kNull) {
    subscr_delete(nat, index);
  } else {
    subscr_store(nat, index, value);
  }
  return kNone;
}

// Iteration over objects with only __getitem__: indexes until IndexError.
struct SeqIterObj {
  const Type* type;
  Value obj;
  Int index;
};
Value seq_iter_next(Value self) {
  SeqIterObj* it = as<SeqIterObj>(self);
  NlrBuf nlr;
  nlr_push(&nlr);
  if (setjmp(nlr.jb) == 0) {
    Value v = subscr_load(it->obj, small_int(it->index));
    nlr_pop(&nlr);
    it->index++;
    return v;
  }
  if (is_instance(nlr.exc, &exc_IndexError) || is_instance(nlr.exc, &exc_StopIteration))
    return kNull;
  raise(nlr.exc);
}
const Type seq_iter_type = {
    .type = &type_type, .name = Q_iterator, .flags = kTypeIterIsSelf, .iternext = seq_iter_next};

Value instance_getiter(Value self) {
  const Type* t = type_of(self);
  Value m = user_special(t, Q___iter__);
  if (m != kNull) return call_found(m, self, 0, nullptr);
  Value nat = native_of(self);
  if (nat != kNull) return getiter(nat);
  if (user_special(t, Q___getitem__) != kNull) {
    SeqIterObj* it = gc_new<SeqIterObj>(&seq_iter_type);
    it->obj = self;
    it->index = 0;
    return val(it);
  }
  raise_fmt(&exc_TypeError, "'%s' object isn't iterable", type_name(t));
}

Value instance_iternext(Value self) {
  Value m = user_special(type_of(self), Q___next__);
  if (m == kNull) {
    Value nat = native_of(self);
    if (nat != kNull && type_of(nat)->iternext) return iternext(nat);
    raise_fmt(&exc_TypeError, "'%s' object isn't an iterator", type_name_of(self));
  }
  NlrBuf nlr;
  nlr_push(&nlr);
  if (setjmp(nlr.jb) == 0) {
    Value v = call_found(m, self, 0, nullptr);
    nlr_pop(&nlr);
    return v;
  }
  if (is_instance(nlr.exc, &exc_StopIteration)) {
    iter_stop_value_set(exception_first_arg(nlr.exc));  // next(enumerate(it)) raises it again
    return kNull;
  }
  raise(nlr.exc);
}

bool instance_buffer(Value self, Buffer* buf, int flags) {
  Value nat = native_of(self);
  if (nat == kNull) return false;
  const Type* nt = type_of(nat);
  return nt->buffer && nt->buffer(nat, buf, flags);
}

// A property, or an instance of a class derived from property (its builtin value is one).
bool is_property_like(Value v) {
  return is_type(v, &property_type) || is_type(native_value(v), &property_type);
}

// An instance of a class with __get__, __set__ or __delete__.
bool is_user_descriptor(Value v) {
  if (!is_obj(v) || !(as_obj(v)->type->flags & kTypeUser)) return false;
  const Type* t = as_obj(v)->type;
  return type_lookup(t, Q___get__) != kNull || type_lookup(t, Q___set__) != kNull ||
         type_lookup(t, Q___delete__) != kNull;
}

Value user_descriptor_get(Value desc, Value self, const Type* owner) {
  Value get = type_lookup(type_of(desc), Q___get__);
  if (get == kNull) return kNull;
  Value args[3] = {desc, self, val(owner)};
  return call(get, 3, 0, args);
}

}  // namespace

Value instance_dict(Value self) {
  if (!is_obj(self)) return kNull;
  const Type* t = as_obj(self)->type;
  if (!(t->flags & kTypeUser)) return kNull;
  if (t->flags & kTypeException) {
    ExceptionObj* e = as<ExceptionObj>(self);
    if (e->dict == kNull) e->dict = dict_new(0);
    return e->dict;
  }
  return as<InstanceObj>(self)->dict;
}

void instance_attr(Value self, Qstr name, Value* dest) {
  const Type* t = type_of(self);
  if (dest[0] == kNull && !(t->flags & kTypeHasDescriptors) && !vm()->late_descriptors) {
    // No class in the MRO defines a data descriptor, so an instance attribute
    // wins: look there first and skip the MRO walk for plain data attributes.
    Value d = instance_dict(self);
    if (d != kNull) {
      MapEntry* e = map_lookup_qstr(dict_map(d), name);
      if (e) {
        dest[0] = e->value;
        return;
      }
    }
  }
  const Type* owner = nullptr;
  Value cls_attr = type_lookup_owner(t, name, &owner);
  if (dest[0] == kNull) {
    if (cls_attr != kNull && is_property_like(cls_attr)) {
      PropertyObj* p = as<PropertyObj>(native_value(cls_attr));
      if (p->fget == kNone || p->fget == kNull)
        raise_msg(&exc_AttributeError, "unreadable attribute");
      dest[0] = call1(p->fget, self);
      return;
    }
    Value d = instance_dict(self);
    if (d != kNull) {
      MapEntry* e = map_lookup_qstr(dict_map(d), name);
      if (e) {
        dest[0] = e->value;
        return;
      }
    }
    if (cls_attr != kNull) {
      if (!(owner->flags & kTypeUser) && owner != &object_type && has_native_sub(t)) {
        // An attribute of the builtin base: its methods work on the builtin value.
        load_method_maybe(instance_native(self), name, dest);
        return;
      }
      // A builtin function stored in a class (f = abs) binds no self; a builtin type's
      // method (push = list.append in a class body) does.
      if (is_type(cls_attr, &fun_type) || is_type(cls_attr, &checked_fun_type) ||
          (is_type(cls_attr, &native_fun_type) && !(owner->flags & kTypeUser))) {
        dest[0] = cls_attr;
        dest[1] = self;
      } else if (is_type(cls_attr, &staticmethod_type)) {
        dest[0] = val(as<StaticMethodObj>(cls_attr)->fun);
      } else if (is_type(cls_attr, &classmethod_type)) {
        dest[0] = val(as<StaticMethodObj>(cls_attr)->fun);
        dest[1] = val(t);
      } else if (is_obj(cls_attr) && (as_obj(cls_attr)->type->flags & kTypeUser)) {
        Value r = user_descriptor_get(cls_attr, self, t);
        dest[0] = r != kNull ? r : cls_attr;
      } else {
        dest[0] = cls_attr;
      }
      return;
    }
    if (name == Q___class__) {
      dest[0] = val(t);
      return;
    }
    if (name == Q___dict__ && d != kNull) {
      dest[0] = d;
      return;
    }
    if (t->flags & kTypeException) {
      exception_attr(self, name, dest);
      if (dest[0] != kNull) return;
    } else if (has_native_sub(t)) {  // the builtin value's attributes and slot methods
      load_method_maybe(instance_native(self), name, dest);
      if (dest[0] != kNull) return;
    }
    if (t->flags & kTypeHasGetattr) {
      Value ga = type_lookup(t, Q___getattr__);
      Value args[2] = {self, qstr_value(name)};
      dest[0] = call(ga, 2, 0, args);
    }
    return;
  }
  // Store or delete.
  if (cls_attr != kNull && is_property_like(cls_attr)) {
    PropertyObj* p = as<PropertyObj>(native_value(cls_attr));
    if (dest[1] == kNull) {
      if (p->fdel == kNone || p->fdel == kNull)
        raise_msg(&exc_AttributeError, "can't delete attribute");
      call1(p->fdel, self);
    } else {
      if (p->fset == kNone || p->fset == kNull)
        raise_msg(&exc_AttributeError, "can't set attribute");
      call2(p->fset, self, dest[1]);
    }
    dest[0] = kNull;
    return;
  }
  if (t->flags & kTypeHasSetattr) {
    Value m = type_lookup(t, dest[1] == kNull ? Q___delattr__ : Q___setattr__);
    if (m != kNull && is_type(m, &fun_type)) {
      Value args[3] = {self, qstr_value(name), dest[1]};
      call(m, dest[1] == kNull ? 2 : 3, 0, args);
      dest[0] = kNull;
      return;
    }
  }
  if (cls_attr != kNull && is_obj(cls_attr) && (as_obj(cls_attr)->type->flags & kTypeUser)) {
    // A data descriptor: __set__ stores, __delete__ deletes.
    Value m = type_lookup(type_of(cls_attr), dest[1] == kNull ? Q___delete__ : Q___set__);
    if (m != kNull) {
      Value args[3] = {cls_attr, self, dest[1]};
      call(m, dest[1] == kNull ? 2 : 3, 0, args);
      dest[0] = kNull;
      return;
    }
  }
  Value d = instance_dict(self);
  if (d == kNull) return;
  if (dest[1] == kNull) {
    if (!dict_delete(d, qstr_value(name))) {
      raise_fmt(&exc_AttributeError, "'%s' object has no attribute '%q'", type_name(t), name);
    }
  } else {
    dict_store_qstr(d, name, dest[1]);
  }
  dest[0] = kNull;
}

bool type_is_subclass(const Type* t, const Type* base) {
  if (t == base) return true;
  if (t->flags & kTypeUser) {
    TupleObj* mro = as<TupleObj>(t->mro);
    for (size_t i = 0; i < mro->len; i++) {
      if (as<Type>(mro->items[i]) == base) return true;
    }
    return false;
  }
  for (const Type* b = t->base; b; b = b->base) {
    if (b == base) return true;
  }
  return base == &object_type;
}

bool type_shares_layout(const Type* t, const Type* base) {
  // A class derived from list is laid out as any class (the list is a sub-object).
  if ((t->flags & kTypeUser) && !(base->flags & (kTypeUser | kTypeException)) &&
      base != &object_type) {
    return false;
  }
  return type_is_subclass(t, base);
}

Value type_lookup_owner(const Type* t, Qstr name, const Type** owner) {
  if (t->flags & kTypeUser) {
    TupleObj* mro = as<TupleObj>(t->mro);
    // object only has dunder methods: plain names need not search its table.
    bool dunder = qstr_str(name)[0] == '_';
    for (size_t i = 0; i < mro->len; i++) {
      const Type* mt = as<Type>(mro->items[i]);
      if (mt == &object_type && !dunder) break;
      Value v = lookup_in(mt, name);
      if (v != kNull) {
        *owner = mt;
        return v;
      }
    }
    return kNull;
  }
  for (const Type* b = t; b; b = b->base) {
    Value v = lookup_in(b, name);
    if (v != kNull) {
      *owner = b;
      return v;
    }
  }
  return kNull;
}

Value type_lookup(const Type* t, Qstr name) {
  const Type* owner;
  return type_lookup_owner(t, name, &owner);
}

Value native_value(Value v) {
  return is_obj(v) && has_native_sub(as_obj(v)->type) ? instance_native(v) : v;
}

Value as_native(Value v, const Type* t) {
  if (is_instance(v, t)) return v;
  Value n = native_value(v);
  return n != v && is_instance(n, t) ? n : kNull;
}

// --- type -------------------------------------------------------------------------------
namespace {

void type_print(const Printer* p, Value self, PrintKind) {
  const Type* t = as<Type>(self);
  if (t->flags & kTypeUser) {
    Value mod = dict_get_qstr(t->dict, Q___module__);
    if (mod != kNull && is_str(mod) && !str_equal(mod, qstr_value(Q_builtins))) {
      print_fmt(p, "<class '%S.%q'>", mod, t->name);
      return;
    }
  }
  print_fmt(p, "<class '%q'>", t->name);
}

// The C3 linearisation of a class from its bases' MROs.
Value compute_mro(Value self, Value bases) {
  TupleObj* b = as<TupleObj>(bases);
  size_t nseq = b->len + 1;
  // Each sequence: a list of types.
  Value seqs = list_new(0, nullptr);
  for (size_t i = 0; i < b->len; i++) {
    const Type* bt = as<Type>(b->items[i]);
    Value l = list_new(0, nullptr);
    if (bt->flags & kTypeUser) {
      list_extend(l, bt->mro);
    } else {
      for (const Type* x = bt; x; x = x->base)
        list_append(l, val(x));
      if (as<ListObj>(l)->items[as<ListObj>(l)->len - 1] != val(&object_type))
        list_append(l, val(&object_type));
    }
    list_append(seqs, l);
  }
  list_append(seqs, list_new(b->len, b->items));
  Value result = list_new(1, &self);
  size_t* heads = static_cast<size_t*>(gc_alloc(nseq * sizeof(size_t)));
  for (;;) {
    bool all_done = true;
    Value candidate = kNull;
    for (size_t i = 0; i < nseq; i++) {
      ListObj* s = as<ListObj>(as<ListObj>(seqs)->items[i]);
      if (heads[i] >= s->len) continue;
      all_done = false;
      Value c = s->items[heads[i]];
      // c must not appear in the tail of any sequence.
      bool in_tail = false;
      for (size_t j = 0; j < nseq && !in_tail; j++) {
        ListObj* t = as<ListObj>(as<ListObj>(seqs)->items[j]);
        for (size_t k = heads[j] + 1; k < t->len; k++) {
          if (t->items[k] == c) {
            in_tail = true;
            break;
          }
        }
      }
      if (!in_tail) {
        candidate = c;
        break;
      }
    }
    if (all_done) break;
    if (candidate == kNull) {
      raise_msg(&exc_TypeError, "Cannot create a consistent method resolution order (MRO)");
    }
    list_append(result, candidate);
    for (size_t i = 0; i < nseq; i++) {
      ListObj* s = as<ListObj>(as<ListObj>(seqs)->items[i]);
      if (heads[i] < s->len && s->items[heads[i]] == candidate) heads[i]++;
    }
  }
  ListObj* r = as<ListObj>(result);
  return tuple_new(r->len, r->items);
}

Value type_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  (void)n_kw;
  if (n_args == 1) return val(type_of(args[0]));
  if (n_args == 3) {
    if (!is_str(args[0])) raise_msg(&exc_TypeError, "type() argument 1 must be str");
    if (!is_instance(args[2], &dict_type))
      raise_msg(&exc_TypeError, "type() argument 3 must be dict");
    return type_new_class(str_to_qstr(args[0]), args[1], args[2]);
  }
  raise_msg(&exc_TypeError, "type takes 1 or 3 arguments");
}

Value type_call(Value self, size_t n_args, size_t n_kw, const Value* args) {
  const Type* t = as<Type>(self);
  if (t->make_new == nullptr) raise_fmt(&exc_TypeError, "can't create '%q' instances", t->name);
  return t->make_new(t, n_args, n_kw, args);
}

void type_attr(Value self, Qstr name, Value* dest) {
  Type* t = as<Type>(self);
  if (dest[0] == kNull) {
    if (name == Q___name__ || name == Q___qualname__) {
      dest[0] = qstr_value(t->name);
      return;
    }
    if (name == Q___bases__) {
      if (t->flags & kTypeUser) {
        dest[0] = t->bases;
      } else {
        dest[0] = t->base ? tuple_new(1, reinterpret_cast<const Value*>(&t->base))
                          : tuple_new(0, nullptr);
      }
      return;
    }
    if (name == Q___mro__ && (t->flags & kTypeUser)) {
      dest[0] = t->mro;
      return;
    }
    if (name == Q___dict__) {
      if (t->flags & kTypeUser) {
        dest[0] = t->dict;
      } else {  // a builtin type's own table, copied into a dict
        size_t n = t->methods ? t->methods->n : 0;
        dest[0] = dict_new(n);
        for (size_t i = 0; i < n; i++) {
          dict_store_qstr(dest[0], t->methods->entries[i].name,
                          rom_entry_value(t->methods->entries[i]));
        }
      }
      return;
    }
    const Type* owner = nullptr;
    Value v = type_lookup_owner(t, name, &owner);
    if (v == kNull) {
      if (name == Q___class__) dest[0] = val(&type_type);
      return;
    }
    if (name == Q___new__ && owner == &object_type && !(t->flags & kTypeUser) &&
        t != &object_type) {
      dest[0] = val(&builtin_type_new_fun);  // int.__new__
    } else if (is_type(v, &native_fun_type) && !(owner->flags & kTypeUser) &&
               owner != &object_type && name != Q___new__) {
      CheckedFunObj* c = gc_new<CheckedFunObj>(&checked_fun_type);
      c->owner = owner;
      c->fun = v;
      dest[0] = val(c);
    } else if (is_type(v, &staticmethod_type)) {
      dest[0] = val(as<StaticMethodObj>(v)->fun);
    } else if (is_type(v, &classmethod_type)) {
      dest[0] = val(as<StaticMethodObj>(v)->fun);
      dest[1] = self;
    } else if (is_obj(v) && (as_obj(v)->type->flags & kTypeUser)) {
      Value r = user_descriptor_get(v, kNone, t);
      dest[0] = r != kNull ? r : v;
    } else {
      dest[0] = v;
    }
    return;
  }
  if (!(t->flags & kTypeUser)) return;  // builtin types are read-only
  if (dest[1] == kNull) {
    if (!dict_delete(t->dict, qstr_value(name))) return;
  } else {
    dict_store_qstr(t->dict, name, dest[1]);
    if (is_property_like(dest[1]) || is_user_descriptor(dest[1])) {
      // Subclasses made earlier cannot see this flag: turn the fast path off.
      t->flags |= kTypeHasDescriptors;
      vm()->late_descriptors = true;
    }
    if (name == Q___getattr__) t->flags |= kTypeHasGetattr;
    if (name == Q___setattr__ || name == Q___delattr__) t->flags |= kTypeHasSetattr;
  }
  dest[0] = kNull;
}

Value type_binary(BinaryOp op, Value a, Value b) {
  if (op == kBinOr) {
    Value items[2] = {a, b};
    return tuple_new(2, items);  // X | Y in isinstance
  }
  return kNull;
}

// object: the root; object() makes a featureless instance.
Value object_make_new(const Type* type, size_t n_args, size_t, const Value*) {
  if (n_args) raise_msg(&exc_TypeError, "object() takes no arguments");
  Obj* o = gc_new<Obj>(type);
  return val(o);
}
void object_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<object object at %x>", static_cast<unsigned>(self));
}
Value object_init(size_t, const Value*, const KwArgs*) {
  return kNone;
}
// X.__new__(X, ...): a new X. object.__new__ makes instances of classes (and of object);
// a builtin type's own __new__ (int.__new__, reached through object's) makes that type's.
Value new_instance(size_t n_args, const Value* args, bool builtin) {
  if (!is_type(args[0], &type_type))
    raise_msg(&exc_TypeError, "object.__new__(X): X is not a type");
  const Type* t = as<Type>(args[0]);
  if (!builtin && !(t->flags & (kTypeUser | kTypeException)) && t != &object_type) {
    raise_fmt(&exc_TypeError, "object.__new__(%q) isn't safe, use %q.__new__()", t->name, t->name);
  }
  if (t->flags & kTypeException) return exception_make_new(t, n_args - 1, 0, args + 1);
  // Builtin values (int.__new__(int, 5), super().__new__(cls) in a list subclass) are made
  // by the builtin type: a bare object of that type would be read past its end.
  if (has_native_sub(t)) return native_instance_new(t, n_args - 1, 0, args + 1, true);
  if (!(t->flags & kTypeUser)) {
    if (t == &object_type) return val(gc_new<Obj>(t));
    if (t->make_new == nullptr) raise_fmt(&exc_TypeError, "can't create '%q' instances", t->name);
    return t->make_new(t, n_args - 1, 0, args + 1);
  }
  InstanceObj* o = gc_new<InstanceObj>(t);
  o->dict = dict_new(0);
  o->native = kNull;
  return val(o);
}
Value object_new(size_t n_args, const Value* args, const KwArgs*) {
  return new_instance(n_args, args, false);
}
Value builtin_type_new(size_t n_args, const Value* args, const KwArgs*) {
  return new_instance(n_args, args, true);
}
const NativeFunObj builtin_type_new_fun = {&native_fun_type, 1, 0xffff, 1, Q___new__,
                                           builtin_type_new};
Value object_repr(size_t, const Value* args, const KwArgs*) {
  Vstr v;
  vstr_init(&v, 32);
  Printer p = vstr_printer(&v);
  print_fmt(&p, "<%q object at %x>", type_of(args[0])->name, static_cast<unsigned>(args[0]));
  return vstr_to_str(&v);
}
Value object_eq(size_t, const Value* args, const KwArgs*) {
  return args[0] == args[1] ? kTrue : notimpl_value();
}
Value object_ne(size_t, const Value* args, const KwArgs*) {
  return args[0] != args[1] ? kTrue : kFalse;
}
Value object_hash(size_t, const Value* args, const KwArgs*) {
  return small_int(static_cast<Int>(args[0] >> 3));
}
Value object_setattr(size_t, const Value* args, const KwArgs*) {
  if (!is_str(args[1])) raise_msg(&exc_TypeError, "attribute name must be string");
  Value d = instance_dict(args[0]);
  if (d == kNull) raise_msg(&exc_AttributeError, "can't set attribute");
  dict_store(d, args[1], args[2]);
  return kNone;
}
Value object_delattr(size_t, const Value* args, const KwArgs*) {
  Value d = instance_dict(args[0]);
  if (d == kNull || !dict_delete(d, args[1])) raise_msg(&exc_AttributeError, "no such attribute");
  return kNone;
}
Value object_getattribute(size_t, const Value* args, const KwArgs*) {
  Qstr q = str_to_qstr(args[1]);
  Value dest[2] = {kNull, kNull};
  instance_attr(args[0], q, dest);
  if (dest[0] == kNull) {
    raise_fmt(&exc_AttributeError, "'%s' object has no attribute '%q'", type_name_of(args[0]), q);
  }
  return dest[1] != kNull ? bound_meth_new(dest[1], dest[0]) : dest[0];
}
Value object_init_subclass(size_t, const Value*, const KwArgs*) {
  return kNone;
}

const NativeFunObj object_init_obj = {&native_fun_type, 1, 0xffff, 1, Q___init__, object_init};
const NativeFunObj object_new_fun = {&native_fun_type, 1, 0xffff, 1, Q___new__, object_new};
const StaticMethodObj object_new_obj = {&staticmethod_type,
                                        reinterpret_cast<const Obj*>(&object_new_fun)};
const NativeFunObj object_repr_obj = {&native_fun_type, 1, 1, 0, Q___repr__, object_repr};
const NativeFunObj object_eq_obj = {&native_fun_type, 2, 2, 0, Q___eq__, object_eq};
const NativeFunObj object_ne_obj = {&native_fun_type, 2, 2, 0, Q___ne__, object_ne};
const NativeFunObj object_hash_obj = {&native_fun_type, 1, 1, 0, Q___hash__, object_hash};
const NativeFunObj object_setattr_obj = {&native_fun_type, 3, 3, 0, Q___setattr__, object_setattr};
const NativeFunObj object_delattr_obj = {&native_fun_type, 2, 2, 0, Q___delattr__, object_delattr};
const NativeFunObj object_getattribute_obj = {&native_fun_type,   2, 2, 0, Q___getattribute__,
                                              object_getattribute};
const NativeFunObj object_init_subclass_fun = {
    &native_fun_type, 1, 0xffff, 1, Q___init_subclass__, object_init_subclass};
const StaticMethodObj object_init_subclass_obj = {
    &classmethod_type, reinterpret_cast<const Obj*>(&object_init_subclass_fun)};
const RomEntry object_methods_table[] = {
    {Q___init__, 0, &object_init_obj},
    {Q___new__, 0, &object_new_obj},
    {Q___repr__, 0, &object_repr_obj},
    {Q___str__, 0, &object_repr_obj},
    {Q___eq__, 0, &object_eq_obj},
    {Q___ne__, 0, &object_ne_obj},
    {Q___hash__, 0, &object_hash_obj},
    {Q___setattr__, 0, &object_setattr_obj},
    {Q___delattr__, 0, &object_delattr_obj},
    {Q___getattribute__, 0, &object_getattribute_obj},
    {Q___init_subclass__, 0, &object_init_subclass_obj},
};
const RomMap object_methods = {object_methods_table,
                               sizeof(object_methods_table) / sizeof(RomEntry)};

}  // namespace

const Type type_type = {.type = &type_type,
                        .name = Q_type,
                        .flags = kTypeEqByIdentity,
                        .print = type_print,
                        .make_new = type_make_new,
                        .call = type_call,
                        .binary_op = type_binary,
                        .attr = type_attr};
const Type object_type = {.type = &type_type,
                          .name = Q_object,
                          .flags = kTypeBaseable | kTypeEqByIdentity,
                          .print = object_print,
                          .make_new = object_make_new,
                          .methods = &object_methods};

// Slots shared by every user class; special methods are looked up per call.
Value type_new_class(Qstr name, Value bases, Value ns) {
  if (!is_type(bases, &tuple_type)) raise_msg(&exc_TypeError, "bases must be a tuple");
  if (as<TupleObj>(bases)->len == 0) {
    Value o = val(&object_type);
    bases = tuple_new(1, &o);
  }
  TupleObj* b = as<TupleObj>(bases);
  uint16_t flags = kTypeUser | kTypeBaseable | kTypeInstanceDict;
  const Type* native = &object_type;
  for (size_t i = 0; i < b->len; i++) {
    if (!is_type(b->items[i], &type_type)) raise_msg(&exc_TypeError, "bases must be types");
    const Type* bt = as<Type>(b->items[i]);
    // Any builtin type that can make instances may be a base (as in MicroPython), bool
    // excepted (as in CPython).
    if (!(bt->flags & kTypeBaseable) && (bt->make_new == nullptr || bt == &bool_type)) {
      raise_fmt(&exc_TypeError, "type '%q' isn't an acceptable base type", bt->name);
    }
    const Type* bn = (bt->flags & kTypeUser) ? bt->native_base : bt;
    if (bn != &object_type) {
      if (native != &object_type && native != bn && !type_is_subclass(bn, native) &&
          !type_is_subclass(native, bn)) {
        raise_msg(&exc_TypeError, "multiple bases have instance lay-out conflict");
      }
      if (native == &object_type || type_is_subclass(bn, native)) native = bn;
    }
    flags |= bt->flags & (kTypeException | kTypeHasGetattr | kTypeHasSetattr);
  }
  Type* t = static_cast<Type*>(gc_alloc(sizeof(Type)));
  t->type = &type_type;
  t->name = name;
  t->print = instance_print;
  t->make_new = instance_make_new;
  t->call = instance_call;
  t->unary_op = instance_unary;
  t->binary_op = instance_binary;
  t->attr = instance_attr;
  t->subscr = instance_subscr;
  t->getiter = instance_getiter;
  t->iternext = instance_iternext;
  if (native->buffer && native != &object_type) t->buffer = instance_buffer;
  t->base = as<Type>(b->items[0]);
  t->dict = ns;
  t->bases = bases;
  t->native_base = native;
  // __new__ is implicitly a static method.
  Value nw = dict_get_qstr(ns, Q___new__);
  if (nw != kNull && is_type(nw, &fun_type)) {
    StaticMethodObj* sm = gc_new<StaticMethodObj>(&staticmethod_type);
    sm->fun = as_obj(nw);
    dict_store_qstr(ns, Q___new__, val(sm));
  }
  if (dict_get_qstr(ns, Q___getattr__) != kNull) flags |= kTypeHasGetattr;
  if (dict_get_qstr(ns, Q___setattr__) != kNull || dict_get_qstr(ns, Q___delattr__) != kNull) {
    flags |= kTypeHasSetattr;
  }
  t->mro = compute_mro(val(t), bases);
  // Data descriptors (properties, objects with __get__/__set__) anywhere in the
  // MRO disable the instance-dict-first fast path.
  TupleObj* mro_t = as<TupleObj>(t->mro);
  for (size_t i = 0; i < mro_t->len; i++) {
    const Type* mt = as<Type>(mro_t->items[i]);
    if (mt == t) {
      Map* dm = dict_map(ns);
      for (uint32_t k = 0; k < dm->used; k++) {
        Value v = dm->entries[k].value;
        if (dm->entries[k].key == kNull) continue;
        if (is_property_like(v) || is_user_descriptor(v)) flags |= kTypeHasDescriptors;
      }
    } else if (mt->flags & kTypeHasDescriptors) {
      flags |= kTypeHasDescriptors;
    }
  }
  t->flags = flags;
  // __set_name__ on descriptors, then __init_subclass__ of the parent. The calls may change
  // the namespace: they see the attributes as the class body left them (a copy).
  Map* m = dict_map(ns);
  MapEntry* named = nullptr;
  size_t n_named = 0;
  for (uint32_t i = 0; i < m->used; i++) {
    Value v = m->entries[i].value;
    if (m->entries[i].key == kNull || !is_obj(v) || !(as_obj(v)->type->flags & kTypeUser)) continue;
    if (type_lookup(as_obj(v)->type, Q___set_name__) == kNull) continue;
    if (named == nullptr) named = static_cast<MapEntry*>(gc_alloc(m->used * sizeof(MapEntry)));
    named[n_named++] = m->entries[i];
  }
  for (size_t i = 0; i < n_named; i++) {
    Value v = named[i].value;
    Value args[3] = {v, val(t), named[i].key};
    call(type_lookup(as_obj(v)->type, Q___set_name__), 3, 0, args);
  }
  // The collector only sees pointers to a block's start; the optimiser may keep only
  // named + i in the loop above: this keeps named itself in a register or on the stack.
  asm volatile("" : : "r"(named) : "memory");
  // super(t, t).__init_subclass__() when a base defines it.
  TupleObj* mro = as<TupleObj>(t->mro);
  for (size_t i = 1; i < mro->len; i++) {
    const Type* mt = as<Type>(mro->items[i]);
    if (!(mt->flags & kTypeUser)) break;
    Value isc = dict_get_qstr(mt->dict, Q___init_subclass__);
    if (isc != kNull) {
      Value f = is_type(isc, &classmethod_type) ? val(as<StaticMethodObj>(isc)->fun) : isc;
      call1(f, val(t));
      break;
    }
  }
  return val(t);
}

// --- super ---------------------------------------------------------------------------------
namespace {

Value super_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args != 2) raise_msg(&exc_RuntimeError, "super() can't find self");
  if (!is_type(args[0], &type_type)) raise_msg(&exc_TypeError, "super() argument 1 must be type");
  const Type* cls = as<Type>(args[0]);
  Value obj = args[1];
  if (!type_is_subclass(type_of(obj), cls) &&
      !(is_type(obj, &type_type) && type_is_subclass(as<Type>(obj), cls))) {
    raise_msg(&exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
  }
  SuperObj* s = gc_new<SuperObj>(&super_type);
  s->cls = as<Type>(args[0]);
  s->obj = args[1];
  return val(s);
}

void super_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  SuperObj* s = as<SuperObj>(self);
  bool obj_is_type = is_type(s->obj, &type_type) && type_is_subclass(as<Type>(s->obj), s->cls);
  const Type* t = obj_is_type ? as<Type>(s->obj) : type_of(s->obj);
  // Search the MRO of the object's type, after cls.
  Value v = kNull;
  const Type* owner = nullptr;
  if (t->flags & kTypeUser) {
    TupleObj* mro = as<TupleObj>(t->mro);
    size_t i = 0;
    while (i < mro->len && as<Type>(mro->items[i]) != s->cls)
      i++;
    for (i++; i < mro->len && v == kNull; i++) {
      owner = as<Type>(mro->items[i]);
      v = lookup_in(owner, name);
    }
  } else {
    for (const Type* b = s->cls->base; b && v == kNull; b = b->base) {
      owner = b;
      v = lookup_in(b, name);
    }
  }
  // The builtin base of a class derived from one (super().append(x) in a list subclass)
  // works on the instance's builtin value, slot methods (__getitem__) included.
  if (!obj_is_type && has_native_sub(t) &&
      (v == kNull || (!(owner->flags & kTypeUser) && owner != &object_type))) {
    load_method_maybe(instance_native(s->obj), name, dest);
    if (dest[0] != kNull) return;
  }
  if (v == kNull) {
    v = lookup_in(&object_type, name);
    if (v == kNull) return;
  }
  if (is_type(v, &staticmethod_type)) {
    dest[0] = val(as<StaticMethodObj>(v)->fun);
  } else if (is_type(v, &classmethod_type)) {
    dest[0] = val(as<StaticMethodObj>(v)->fun);
    dest[1] = obj_is_type ? s->obj : val(t);
  } else if (is_type(v, &fun_type) || is_type(v, &native_fun_type) ||
             is_type(v, &checked_fun_type)) {
    dest[0] = v;
    if (!obj_is_type) dest[1] = s->obj;
  } else if (is_type(v, &property_type)) {
    dest[0] = call1(as<PropertyObj>(v)->fget, s->obj);
  } else {
    dest[0] = v;
  }
}

void super_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<super: <class '%q'>, <%s object>>", as<SuperObj>(self)->cls->name,
            type_name_of(as<SuperObj>(self)->obj));
}

// --- property ----------------------------------------------------------------------------
Value property_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  PropertyObj* p = gc_new<PropertyObj>(&property_type);
  p->fget = n_args > 0 ? args[0] : kNone;
  p->fset = n_args > 1 ? args[1] : kNone;
  p->fdel = n_args > 2 ? args[2] : kNone;
  KwArgs kw{n_kw, args + n_args};
  p->fget = kw_get(&kw, Q_fget, p->fget);
  p->fset = kw_get(&kw, Q_fset, p->fset);
  p->fdel = kw_get(&kw, Q_fdel, p->fdel);
  return val(p);
}

Value property_copy_with(Value self, int which, Value f) {
  PropertyObj* o = as<PropertyObj>(self);
  PropertyObj* p = gc_new<PropertyObj>(&property_type);
  p->fget = which == 0 ? f : o->fget;
  p->fset = which == 1 ? f : o->fset;
  p->fdel = which == 2 ? f : o->fdel;
  return val(p);
}
Value property_getter(size_t, const Value* a, const KwArgs*) {
  return property_copy_with(a[0], 0, a[1]);
}
Value property_setter(size_t, const Value* a, const KwArgs*) {
  return property_copy_with(a[0], 1, a[1]);
}
Value property_deleter(size_t, const Value* a, const KwArgs*) {
  return property_copy_with(a[0], 2, a[1]);
}
const NativeFunObj property_getter_obj = {&native_fun_type, 2, 2, 0, Q_getter, property_getter};
const NativeFunObj property_setter_obj = {&native_fun_type, 2, 2, 0, Q_setter, property_setter};
const NativeFunObj property_deleter_obj = {&native_fun_type, 2, 2, 0, Q_deleter, property_deleter};
const RomEntry property_methods_table[] = {
    {Q_getter, 0, &property_getter_obj},
    {Q_setter, 0, &property_setter_obj},
    {Q_deleter, 0, &property_deleter_obj},
};
const RomMap property_methods = {property_methods_table, 3};

void property_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  PropertyObj* p = as<PropertyObj>(self);
  if (name == Q_fget) dest[0] = p->fget;
  if (name == Q_fset) dest[0] = p->fset;
  if (name == Q_fdel) dest[0] = p->fdel;
}

}  // namespace

const Type super_type = {.type = &type_type,
                         .name = Q_super,
                         .print = super_print,
                         .make_new = super_make_new,
                         .attr = super_attr};
const Type property_type = {.type = &type_type,
                            .name = Q_property,
                            .flags = kTypeBaseable,
                            .make_new = property_make_new,
                            .attr = property_attr,
                            .methods = &property_methods};

Value type_call_special(Value self, Qstr method, size_t n, const Value* args, bool* found) {
  return call_special(self, method, n, args, found);
}

}  // namespace vpy
