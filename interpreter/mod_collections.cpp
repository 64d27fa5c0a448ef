// The collections module: namedtuple, deque, OrderedDict, defaultdict.
#include "runtime.h"

namespace vpy {

namespace {

// --- namedtuple ------------------------------------------------------------------------
// A namedtuple class is a heap Type whose instances are tuples; field names live
// in the type's dict under _fields.
Value nt_fields(const Type* t) {
  for (; t; t = t->base) {
    if (!(t->flags & kTypeUser) && t->dict != kNull) return dict_get_qstr(t->dict, Q__fields);
    if ((t->flags & kTypeUser) && t->native_base && t->native_base->dict != kNull) {
      return dict_get_qstr(t->native_base->dict, Q__fields);
    }
  }
  return kNull;
}

void nt_print(const Printer* p, Value self, PrintKind) {
  TupleObj* t = as<TupleObj>(self);
  TupleObj* f = as<TupleObj>(nt_fields(t->type));
  print_fmt(p, "%q(", t->type->name);
  for (size_t i = 0; i < t->len; i++) {
    if (i) print_str(p, ", ");
    print_fmt(p, "%S=%R", f->items[i], t->items[i]);
  }
  print_str(p, ")");
}

Value nt_make_new(const Type* type, size_t n_args, size_t n_kw, const Value* args) {
  TupleObj* f = as<TupleObj>(nt_fields(type));
  size_t n = f->len;
  if (n_args > n)
    raise_fmt(&exc_TypeError, "function takes %u positional arguments but %u were given",
              static_cast<unsigned>(n), static_cast<unsigned>(n_args));
  Value t = tuple_new(n, nullptr);
  Value* items = as<TupleObj>(t)->items;
  mem_copy(items, args, n_args * sizeof(Value));
  for (size_t k = 0; k < n_kw; k++) {
    Value name = args[n_args + 2 * k];
    size_t i = 0;
    while (i < n && !str_equal(f->items[i], name))
      i++;
    if (i == n) raise_fmt(&exc_TypeError, "unexpected keyword argument '%S'", name);
    items[i] = args[n_args + 2 * k + 1];
  }
  Value defaults = dict_get_qstr(type->dict, qstr_from_str("_field_defaults"));
  for (size_t i = 0; i < n; i++) {
    if (items[i] != kNull) continue;
    Value d = defaults != kNull ? dict_get(defaults, f->items[i]) : kNull;
    if (d == kNull) raise_msg(&exc_TypeError, "function missing required positional argument");
    items[i] = d;
  }
  as<TupleObj>(t)->type = type;
  return t;
}

Value nt_asdict(size_t, const Value* a, const KwArgs*) {
  TupleObj* t = as<TupleObj>(a[0]);
  TupleObj* f = as<TupleObj>(nt_fields(t->type));
  Value d = dict_new(f->len);
  for (size_t i = 0; i < t->len; i++)
    dict_store(d, f->items[i], t->items[i]);
  return d;
}
Value nt_replace(size_t, const Value* a, const KwArgs* kw) {
  TupleObj* t = as<TupleObj>(a[0]);
  TupleObj* f = as<TupleObj>(nt_fields(t->type));
  Value r = tuple_new(t->len, t->items);
  as<TupleObj>(r)->type = t->type;
  for (size_t k = 0; k < kw->n; k++) {
    size_t i = 0;
    while (i < f->len && !str_equal(f->items[i], kw->pairs[2 * k]))
      i++;
    if (i == f->len) raise_msg(&exc_ValueError, "unexpected field name");
    as<TupleObj>(r)->items[i] = kw->pairs[2 * k + 1];
  }
  return r;
}
const NativeFunObj nt_asdict_obj = {&native_fun_type, 1, 1, 0, Q__asdict, nt_asdict};
const NativeFunObj nt_replace_obj = {&native_fun_type, 1, 1, 1, Q__replace, nt_replace};

void nt_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  TupleObj* t = as<TupleObj>(self);
  Value fields = nt_fields(t->type);
  if (name == Q__fields) {
    dest[0] = fields;
    return;
  }
  if (name == Q__asdict || name == Q__replace) {
    dest[0] = val(name == Q__asdict ? &nt_asdict_obj : &nt_replace_obj);
    dest[1] = self;
    return;
  }
  TupleObj* f = as<TupleObj>(fields);
  for (size_t i = 0; i < f->len; i++) {
    if (str_to_qstr(f->items[i]) == name) {
      dest[0] = t->items[i];
      return;
    }
  }
}

Value c_namedtuple(size_t, const Value* a, const KwArgs* kw) {
  Value names = a[1];
  Value fields;
  if (is_str(names)) {
    // "x y" or "x, y"
    size_t n;
    const char* s = str_data(names, &n);
    Vstr v;
    vstr_init(&v, n + 1);
    for (size_t i = 0; i < n; i++)
      vstr_add_char(&v, s[i] == ',' ? ' ' : s[i]);
    Value str = str_new(v.buf, v.len);
    fields = call_method(str, Q_split, 0, nullptr);
  } else {
    fields = list_new(0, nullptr);
    list_extend(fields, names);
  }
  ListObj* fl = as<ListObj>(fields);
  for (size_t i = 0; i < fl->len; i++)
    fl->items[i] = str_intern(fl->items[i]);
  Type* t = static_cast<Type*>(gc_alloc(sizeof(Type)));
  t->type = &type_type;
  t->name = str_to_qstr(a[0]);
  t->flags = kTypeBaseable;
  t->print = nt_print;
  t->make_new = nt_make_new;
  t->unary_op = tuple_type.unary_op;
  t->binary_op = tuple_type.binary_op;
  t->subscr = tuple_type.subscr;
  t->getiter = tuple_type.getiter;
  t->attr = nt_attr;
  t->methods = tuple_type.methods;
  t->base = &tuple_type;
  t->dict = dict_new(0);
  dict_store_qstr(t->dict, Q__fields, tuple_new(fl->len, fl->items));
  Value defaults = kw_get(kw, Q_defaults, kNone);
  if (defaults != kNone) {
    size_t nd;
    Value* dv;
    seq_items(defaults, &nd, &dv);
    Value dd = dict_new(0);
    for (size_t i = 0; i < nd && i < fl->len; i++)
      dict_store(dd, fl->items[fl->len - nd + i], dv[i]);
    dict_store_qstr(t->dict, qstr_from_str("_field_defaults"), dd);
  }
  return val(t);
}

// --- deque ------------------------------------------------------------------------------
struct DequeObj {
  const Type* type;
  Value* items;
  size_t alloc;
  size_t head;
  size_t len;
  Int maxlen;   // -1: unbounded
  bool strict;  // MicroPython's deque(it, maxlen, True): a full deque refuses new items
};

DequeObj* dq(Value v) {
  return as<DequeObj>(v);
}

Value& dq_at(DequeObj* d, size_t i) {
  return d->items[(d->head + i) % d->alloc];
}

void dq_grow(DequeObj* d) {
  if (d->len < d->alloc) return;
  size_t n = d->alloc ? d->alloc * 2 : 8;
  Value* items = static_cast<Value*>(gc_alloc(n * sizeof(Value)));
  for (size_t i = 0; i < d->len; i++)
    items[i] = dq_at(d, i);
  d->items = items;
  d->alloc = n;
  d->head = 0;
}

void dq_push(DequeObj* d, Value v, bool left) {
  if (d->maxlen >= 0 && static_cast<Int>(d->len) == d->maxlen) {
    if (d->strict) raise_msg(&exc_IndexError, "full");
    if (d->maxlen == 0) return;
    // Full: drop from the other end.
    if (left) {
      d->len--;
    } else {
      d->head = (d->head + 1) % d->alloc;
      d->len--;
    }
  }
  dq_grow(d);
  if (left) {
    d->head = (d->head + d->alloc - 1) % d->alloc;
    d->items[d->head] = v;
  } else {
    dq_at(d, d->len) = v;
  }
  d->len++;
}

Value dq_make_new(const Type* type, size_t n_args, size_t n_kw, const Value* args) {
  KwArgs kw{n_kw, args + n_args};
  DequeObj* d = gc_new<DequeObj>(type);
  d->items = nullptr;
  d->alloc = d->head = d->len = 0;
  Value ml = n_args > 1 ? args[1] : kw_get(&kw, Q_maxlen, kNone);
  d->maxlen = ml == kNone ? -1 : int_get(ml);
  if (ml != kNone && d->maxlen < 0) raise_msg(&exc_ValueError, "maxlen must be non-negative");
  d->strict = n_args > 2 && is_true(args[2]);
  if (n_args > 0) {
    Value it = getiter(args[0]);
    for (Value v; (v = iternext(it)) != kNull;)
      dq_push(d, v, false);
  }
  return val(d);
}

void dq_print(const Printer* p, Value self, PrintKind) {
  DequeObj* d = dq(self);
  print_str(p, "deque([");
  for (size_t i = 0; i < d->len; i++) {
    if (i) print_str(p, ", ");
    print_value(p, dq_at(d, i), kPrintRepr);
  }
  print_str(p, "]");
  if (d->maxlen >= 0) print_fmt(p, ", maxlen=%D", d->maxlen);
  print_str(p, ")");
}

Value dq_unary(UnaryOp op, Value self) {
  if (op == kUnaryLen) return small_int(static_cast<Int>(dq(self)->len));
  if (op == kUnaryBool) return bool_value(dq(self)->len != 0);
  return kNull;
}

Value dq_subscr(Value self, Value index, Value value) {
  DequeObj* d = dq(self);
  if (value == kNull) return kNull;  // no item deletion (as MicroPython)
  size_t i = seq_index(d->type, d->len, index, false);
  if (value == kSentinel) return dq_at(d, i);
  dq_at(d, i) = value;
  return kNone;
}

Value dq_binary(BinaryOp op, Value lhs, Value rhs) {
  if (op != kBinIn) return kNull;
  DequeObj* d = dq(lhs);
  for (size_t i = 0; i < d->len; i++) {
    if (equal(dq_at(d, i), rhs)) return kTrue;
  }
  return kFalse;
}

struct DequeIterObj {
  const Type* type;
  Value d;
  size_t i;
};
Value dq_iternext(Value self) {
  DequeIterObj* it = as<DequeIterObj>(self);
  DequeObj* d = dq(it->d);
  if (it->i >= d->len) return kNull;
  return dq_at(d, it->i++);
}
const Type dq_iter_type = {
    .type = &type_type, .name = Q_iterator, .flags = kTypeIterIsSelf, .iternext = dq_iternext};
Value dq_getiter(Value self) {
  DequeIterObj* it = gc_new<DequeIterObj>(&dq_iter_type);
  it->d = self;
  it->i = 0;
  return val(it);
}

Value dq_append(size_t, const Value* a, const KwArgs*) {
  dq_push(dq(a[0]), a[1], false);
  return kNone;
}
Value dq_appendleft(size_t, const Value* a, const KwArgs*) {
  dq_push(dq(a[0]), a[1], true);
  return kNone;
}
void dq_check_not_empty(DequeObj* d) {
  if (d->len == 0) raise_msg(&exc_IndexError, d->strict ? "empty" : "pop from an empty deque");
}
Value dq_pop(size_t, const Value* a, const KwArgs*) {
  DequeObj* d = dq(a[0]);
  dq_check_not_empty(d);
  Value v = dq_at(d, d->len - 1);
  dq_at(d, d->len - 1) = kNull;
  d->len--;
  return v;
}
Value dq_popleft(size_t, const Value* a, const KwArgs*) {
  DequeObj* d = dq(a[0]);
  dq_check_not_empty(d);
  Value v = d->items[d->head];
  d->items[d->head] = kNull;
  d->head = (d->head + 1) % d->alloc;
  d->len--;
  return v;
}
// d.extend(d) would never end: extending from the deque itself copies it first.
Value dq_source(const Value* a) {
  if (a[1] != a[0]) return a[1];
  Value copy = list_new(0, nullptr);
  list_extend(copy, a[1]);
  return copy;
}
Value dq_extend(size_t, const Value* a, const KwArgs*) {
  Value it = getiter(dq_source(a));
  for (Value v; (v = iternext(it)) != kNull;)
    dq_push(dq(a[0]), v, false);
  return kNone;
}
Value dq_extendleft(size_t, const Value* a, const KwArgs*) {
  Value it = getiter(dq_source(a));
  for (Value v; (v = iternext(it)) != kNull;)
    dq_push(dq(a[0]), v, true);
  return kNone;
}
Value dq_clear(size_t, const Value* a, const KwArgs*) {
  DequeObj* d = dq(a[0]);
  d->items = nullptr;
  d->alloc = d->head = d->len = 0;
  return kNone;
}
const NativeFunObj dq_append_obj = {&native_fun_type, 2, 2, 0, Q_append, dq_append};
const NativeFunObj dq_appendleft_obj = {&native_fun_type, 2, 2, 0, Q_appendleft, dq_appendleft};
const NativeFunObj dq_pop_obj = {&native_fun_type, 1, 1, 0, Q_pop, dq_pop};
const NativeFunObj dq_popleft_obj = {&native_fun_type, 1, 1, 0, Q_popleft, dq_popleft};
const NativeFunObj dq_extend_obj = {&native_fun_type, 2, 2, 0, Q_extend, dq_extend};
const NativeFunObj dq_extendleft_obj = {&native_fun_type, 2, 2, 0, Q_extendleft, dq_extendleft};
const NativeFunObj dq_clear_obj = {&native_fun_type, 1, 1, 0, Q_clear, dq_clear};
const RomEntry dq_methods_table[] = {
    {Q_append, 0, &dq_append_obj}, {Q_appendleft, 0, &dq_appendleft_obj},
    {Q_pop, 0, &dq_pop_obj},       {Q_popleft, 0, &dq_popleft_obj},
    {Q_extend, 0, &dq_extend_obj}, {Q_extendleft, 0, &dq_extendleft_obj},
    {Q_clear, 0, &dq_clear_obj},
};
const RomMap dq_methods = {dq_methods_table, sizeof(dq_methods_table) / sizeof(RomEntry)};

void dq_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] == kNull && name == Q_maxlen) {
    Int m = dq(self)->maxlen;
    dest[0] = m < 0 ? kNone : small_int(m);
  }
}

const Type deque_type = {.type = &type_type,
                         .name = Q_deque,
                         .flags = kTypeBaseable,
                         .print = dq_print,
                         .make_new = dq_make_new,
                         .unary_op = dq_unary,
                         .binary_op = dq_binary,
                         .attr = dq_attr,
                         .subscr = dq_subscr,
                         .getiter = dq_getiter,
                         .methods = &dq_methods,
                         .base = &object_type};

extern const Type ordereddict_type;

// --- OrderedDict and defaultdict ----------------------------------------------------------
// OrderedDict({'a': 1}), as MicroPython and CPython 3.12.
void od_print(const Printer* p, Value self, PrintKind kind) {
  print_fmt(p, "%q(", as_obj(self)->type->name);
  dict_slot_print(p, self, kind);
  print_str(p, ")");
}

// Two OrderedDicts are equal only with their items in the same order; against a
// plain dict order does not count.
Value od_binary(BinaryOp op, Value lhs, Value rhs) {
  if ((op == kBinEqual || op == kBinNotEqual) && is_instance(rhs, &ordereddict_type)) {
    Map* a = dict_map(lhs);
    Map* b = dict_map(rhs);
    bool eq = a->count == b->count;
    for (uint32_t i = 0, j = 0; eq && i < a->used; i++) {
      if (a->entries[i].key == kNull) continue;
      while (b->entries[j].key == kNull)
        j++;
      eq = equal(a->entries[i].key, b->entries[j].key) &&
           equal(a->entries[i].value, b->entries[j].value);
      j++;
    }
    return bool_value(eq == (op == kBinEqual));
  }
  return dict_slot_binary(op, lhs, rhs);
}

Value od_make_new(const Type* type, size_t n_args, size_t n_kw, const Value* args) {
  Value d = dict_slot_make_new(&dict_type, n_args, n_kw, args);
  as<DictObj>(d)->type = type;
  return d;
}

Value od_move_to_end(size_t n_args, const Value* a, const KwArgs* kw) {
  bool last = is_true(n_args > 2 ? a[2] : kw_get(kw, qstr_from_str("last"), kTrue));
  Map* m = dict_map(a[0]);
  MapEntry* e = map_lookup(m, a[1], kMapFind);
  if (e == nullptr) raise(exception_new(&exc_KeyError, 1, &a[1]));
  Value k = e->key, v = e->value;
  map_lookup(m, k, kMapRemove);
  if (last) {
    map_lookup(m, k, kMapAdd)->value = v;
  } else {
    // Rebuild with k first.
    Value copy = dict_new(0);
    dict_store(copy, k, v);
    for (uint32_t i = 0; i < m->used; i++) {
      if (m->entries[i].key != kNull) dict_store(copy, m->entries[i].key, m->entries[i].value);
    }
    map_copy(m, dict_map(copy));
  }
  return kNone;
}
const NativeFunObj od_move_to_end_obj = {&native_fun_type, 2, 3, 1, Q___dummy__, od_move_to_end};

void od_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  if (strcmp(qstr_str(name), "move_to_end") == 0) {
    dest[0] = val(&od_move_to_end_obj);
    dest[1] = self;
  }
}

const Type ordereddict_type = {.type = &type_type,
                               .name = Q_OrderedDict,
                               .flags = kTypeBaseable,
                               .print = od_print,
                               .make_new = od_make_new,
                               .unary_op = dict_slot_unary,
                               .binary_op = od_binary,
                               .attr = od_attr,
                               .subscr = dict_slot_subscr,
                               .getiter = dict_slot_getiter,
                               .methods = &dict_methods_rom,
                               .base = &dict_type};

struct DefaultDictObj {
  const Type* type;
  Map map;
  Value factory;
};

Value dd_make_new(const Type* type, size_t n_args, size_t n_kw, const Value* args) {
  DefaultDictObj* d = static_cast<DefaultDictObj*>(gc_alloc(sizeof(DefaultDictObj)));
  d->type = type;
  map_init(&d->map, 0);
  d->factory = n_args > 0 ? args[0] : kNone;
  if (n_args > 1) dict_update(val(d), args[1]);
  for (size_t i = 0; i < n_kw; i++)
    dict_store(val(d), args[n_args + 2 * i], args[n_args + 2 * i + 1]);
  return val(d);
}

Value dd_subscr(Value self, Value index, Value value) {
  if (value == kSentinel) {
    MapEntry* e = map_lookup(dict_map(self), index, kMapFind);
    if (e) return e->value;
    DefaultDictObj* d = as<DefaultDictObj>(self);
    if (d->factory == kNone) raise(exception_new(&exc_KeyError, 1, &index));
    Value v = call0(d->factory);
    dict_store(self, index, v);
    return v;
  }
  return dict_slot_subscr(self, index, value);
}

void dd_print(const Printer* p, Value self, PrintKind) {
  DefaultDictObj* d = as<DefaultDictObj>(self);
  print_fmt(p, "defaultdict(%R, ", d->factory);
  dict_slot_print(p, self, kPrintRepr);
  print_str(p, ")");
}

void dd_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] == kNull && name == Q_default_factory) dest[0] = as<DefaultDictObj>(self)->factory;
}

const Type defaultdict_type = {.type = &type_type,
                               .name = Q_defaultdict,
                               .print = dd_print,
                               .make_new = dd_make_new,
                               .unary_op = dict_slot_unary,
                               .binary_op = dict_slot_binary,
                               .attr = dd_attr,
                               .subscr = dd_subscr,
                               .getiter = dict_slot_getiter,
                               .methods = &dict_methods_rom,
                               .base = &dict_type};

const NativeFunObj c_namedtuple_obj = {&native_fun_type, 2, 2, 1, Q_namedtuple, c_namedtuple};

}  // namespace

const RomEntry collections_members_table[] = {
    {Q_namedtuple, 0, &c_namedtuple_obj},
    {Q_deque, 0, &deque_type},
    {Q_OrderedDict, 0, &ordereddict_type},
    {Q_defaultdict, 0, &defaultdict_type},
};
extern const RomMap collections_members;
const RomMap collections_members = {collections_members_table, 4};

}  // namespace vpy
