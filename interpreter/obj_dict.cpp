// dict (insertion ordered) and its views.
#include "runtime.h"

namespace vpy {

namespace {

// A fixed dict (a builtin module's namespace, errno.errorcode) refuses changes from
// Python code, as MicroPython's ROM dicts do. The mark is the top bit of
// Map::str_keys: a non-zero count there only sends name lookups down the careful
// path, so the map itself keeps working and C code may still fill it in.
constexpr uint32_t kMapFixed = 0x80000000u;

void check_not_fixed(Value d) {
  if (dict_map(d)->str_keys & kMapFixed) raise_msg(&exc_TypeError, "dict is fixed");
}

enum ViewKind : uint8_t { kViewKeys, kViewValues, kViewItems };

struct DictViewObj {
  const Type* type;
  Value dict;
  ViewKind kind;
};

struct DictIterObj {
  const Type* type;
  Value dict;
  uint32_t pos;
  ViewKind kind;
};

Value pair(Value a, Value b) {
  Value t = tuple_new(2, nullptr);
  as<TupleObj>(t)->items[0] = a;
  as<TupleObj>(t)->items[1] = b;
  return t;
}

void dict_print_impl(const Printer* p, Value self, PrintKind) {
  Map* m = dict_map(self);
  print_str(p, "{");
  bool first = true;
  for (uint32_t i = 0; i < m->used; i++) {
    if (m->entries[i].key == kNull) continue;
    if (!first) print_str(p, ", ");
    first = false;
    print_value(p, m->entries[i].key, kPrintRepr);
    print_str(p, ": ");
    print_value(p, m->entries[i].value, kPrintRepr);
  }
  print_str(p, "}");
}

Value dict_make_new_impl(const Type* type, size_t n_args, size_t n_kw, const Value* args) {
  Value d = dict_new(0);
  as<DictObj>(d)->type = type;
  if (n_args > 0) dict_update(d, args[0]);
  for (size_t i = 0; i < n_kw; i++)
    dict_store(d, args[n_args + 2 * i], args[n_args + 2 * i + 1]);
  return d;
}

Value dict_unary_impl(UnaryOp op, Value self) {
  Map* m = dict_map(self);
  if (op == kUnaryBool) return bool_value(m->count != 0);
  if (op == kUnaryLen) return small_int(m->count);
  return kNull;
}

Value dict_binary_impl(BinaryOp op, Value lhs, Value rhs) {
  if (op == kBinIn) return bool_value(map_lookup(dict_map(lhs), rhs, kMapFind) != nullptr);
  if (!is_instance(rhs, &dict_type)) return kNull;
  if (op == kBinEqual || op == kBinNotEqual) {
    Map* a = dict_map(lhs);
    Map* b = dict_map(rhs);
    bool eq = a->count == b->count;
    for (uint32_t i = 0; eq && i < a->used; i++) {
      if (a->entries[i].key == kNull) continue;
      MapEntry* e = map_lookup(b, a->entries[i].key, kMapFind);
      eq = e && equal(e->value, a->entries[i].value);
    }
    return bool_value(op == kBinEqual ? eq : !eq);
  }
  if (op == kBinOr) {
    Value d = dict_new(0);
    dict_update(d, lhs);
    dict_update(d, rhs);
    return d;
  }
  if (op == kBinInplaceOr) {
    check_not_fixed(lhs);
    dict_update(lhs, rhs);
    return lhs;
  }
  return kNull;
}

Value dict_subscr_impl(Value self, Value index, Value value) {
  Map* m = dict_map(self);
  if (value == kSentinel) {
    MapEntry* e = map_lookup(m, index, kMapFind);
    if (e == nullptr) {
      // Subclasses may define __missing__ (defaultdict does).
      const Type* t = type_of(self);
      if (t != &dict_type) {
        Value missing = type_lookup(t, qstr_from_str("__missing__"));
        if (missing != kNull) return call2(missing, self, index);
      }
      raise(exception_new(&exc_KeyError, 1, &index));
    }
    return e->value;
  }
  check_not_fixed(self);
  if (value == kNull) {
    if (map_lookup(m, index, kMapRemove) == nullptr) raise(exception_new(&exc_KeyError, 1, &index));
    return kNone;
  }
  map_lookup(m, index, kMapAdd)->value = value;
  return kNone;
}

Value dict_iternext(Value self) {
  DictIterObj* it = as<DictIterObj>(self);
  Map* m = dict_map(it->dict);
  while (it->pos < m->used) {
    MapEntry* e = &m->entries[it->pos++];
    if (e->key == kNull) continue;
    if (it->kind == kViewKeys) return e->key;
    if (it->kind == kViewValues) return e->value;
    return pair(e->key, e->value);
  }
  return kNull;
}

const Type dict_iter_type = {
    .type = &type_type, .name = Q_iterator, .flags = kTypeIterIsSelf, .iternext = dict_iternext};

Value dict_iter_new(Value dict, ViewKind kind) {
  DictIterObj* it = gc_new<DictIterObj>(&dict_iter_type);
  it->dict = dict;
  it->pos = 0;
  it->kind = kind;
  return val(it);
}

Value dict_getiter_impl(Value self) {
  return dict_iter_new(self, kViewKeys);
}

// --- views -----------------------------------------------------------------------
void view_print(const Printer* p, Value self, PrintKind) {
  DictViewObj* v = as<DictViewObj>(self);
  static const char* const names[] = {"dict_keys", "dict_values", "dict_items"};
  print_fmt(p, "%s([", names[v->kind]);
  Value it = dict_iter_new(v->dict, v->kind);
  bool first = true;
  for (Value x; (x = iternext(it)) != kNull;) {
    if (!first) print_str(p, ", ");
    first = false;
    print_value(p, x, kPrintRepr);
  }
  print_str(p, "])");
}
Value view_getiter(Value self) {
  DictViewObj* v = as<DictViewObj>(self);
  return dict_iter_new(v->dict, v->kind);
}
Value view_unary(UnaryOp op, Value self) {
  DictViewObj* v = as<DictViewObj>(self);
  if (op == kUnaryLen) return small_int(dict_map(v->dict)->count);
  if (op == kUnaryBool) return bool_value(dict_map(v->dict)->count != 0);
  if (op == kUnaryHash && v->kind != kViewValues) {
    // keys and items views are set-like, so unhashable; a values view hashes by identity.
    raise_fmt(&exc_TypeError, "unhashable type: '%s'",
              v->kind == kViewKeys ? "dict_keys" : "dict_items");
  }
  return kNull;
}
Value view_binary(BinaryOp op, Value lhs, Value rhs) {
  DictViewObj* v = as<DictViewObj>(lhs);
  if (op == kBinIn) {
    if (v->kind == kViewKeys)
      return bool_value(map_lookup(dict_map(v->dict), rhs, kMapFind) != nullptr);
    if (v->kind == kViewItems) {
      size_t n;
      Value* items;
      if (!seq_get(rhs, &n, &items) || n != 2) return kFalse;
      MapEntry* e = map_lookup(dict_map(v->dict), items[0], kMapFind);
      return bool_value(e && equal(e->value, items[1]));
    }
    return kNull;
  }
  if (v->kind != kViewValues && (op == kBinAnd || op == kBinOr || op == kBinSub || op == kBinXor ||
                                 op == kBinEqual || op == kBinNotEqual)) {
    // Set operations through real sets.
    Value a = set_new(&set_type, lhs);
    Value b = set_new(&set_type, rhs);
    return binary_op(op, a, b);
  }
  return kNull;
}

Value view_new(Value dict, ViewKind kind) {
  DictViewObj* v = gc_new<DictViewObj>(&dict_view_type);
  v->dict = dict;
  v->kind = kind;
  return val(v);
}

// --- methods -------------------------------------------------------------------------
Value dict_keys_m(size_t, const Value* a, const KwArgs*) {
  return view_new(a[0], kViewKeys);
}
Value dict_values_m(size_t, const Value* a, const KwArgs*) {
  return view_new(a[0], kViewValues);
}
Value dict_items_m(size_t, const Value* a, const KwArgs*) {
  return view_new(a[0], kViewItems);
}
Value dict_get_m(size_t n_args, const Value* a, const KwArgs*) {
  MapEntry* e = map_lookup(dict_map(a[0]), a[1], kMapFind);
  return e ? e->value : n_args > 2 ? a[2] : kNone;
}
Value dict_pop_m(size_t n_args, const Value* a, const KwArgs*) {
  check_not_fixed(a[0]);
  MapEntry* e = map_lookup(dict_map(a[0]), a[1], kMapRemove);
  if (e) return e->value;
  if (n_args > 2) return a[2];
  raise(exception_new(&exc_KeyError, 1, &a[1]));
}
Value dict_popitem_m(size_t, const Value* a, const KwArgs*) {
  check_not_fixed(a[0]);
  Map* m = dict_map(a[0]);
  for (uint32_t i = m->used; i-- > 0;) {
    if (m->entries[i].key == kNull) continue;
    Value r = pair(m->entries[i].key, m->entries[i].value);
    map_lookup(m, m->entries[i].key, kMapRemove);
    m->used = i;  // the last entry is free again
    return r;
  }
  raise_msg(&exc_KeyError, "popitem(): dictionary is empty");
}
Value dict_setdefault_m(size_t n_args, const Value* a, const KwArgs*) {
  check_not_fixed(a[0]);
  MapEntry* e = map_lookup(dict_map(a[0]), a[1], kMapAdd);
  if (e->value == kNull) e->value = n_args > 2 ? a[2] : kNone;
  return e->value;
}
Value dict_update_m(size_t n_args, const Value* a, const KwArgs* kw) {
  check_not_fixed(a[0]);
  if (n_args > 1) dict_update(a[0], a[1]);
  for (size_t i = 0; i < kw->n; i++)
    dict_store(a[0], kw->pairs[2 * i], kw->pairs[2 * i + 1]);
  return kNone;
}
Value dict_clear_m(size_t, const Value* a, const KwArgs*) {
  check_not_fixed(a[0]);
  map_clear(dict_map(a[0]));
  return kNone;
}
Value dict_copy_m(size_t, const Value* a, const KwArgs*) {
  Value d = dict_new(0);
  map_copy(dict_map(d), dict_map(a[0]));
  as<DictObj>(d)->type = as<DictObj>(a[0])->type;
  return d;
}
Value dict_fromkeys_m(size_t n_args, const Value* a, const KwArgs*) {
  Value d = dict_new(0);
  if (is_type(a[0], &type_type)) as<DictObj>(d)->type = as<Type>(a[0]);
  Value it = getiter(a[1]);
  for (Value k; (k = iternext(it)) != kNull;)
    dict_store(d, k, n_args > 2 ? a[2] : kNone);
  return d;
}

Value dict_init_m(size_t n_args, const Value* a, const KwArgs* kw) {
  check_not_fixed(a[0]);
  map_clear(dict_map(a[0]));
  return dict_update_m(n_args, a, kw);
}
const NativeFunObj dict_init_obj = {&native_fun_type, 1, 2, 1, Q___init__, dict_init_m};
const NativeFunObj dict_keys_obj = {&native_fun_type, 1, 1, 0, Q_keys, dict_keys_m};
const NativeFunObj dict_values_obj = {&native_fun_type, 1, 1, 0, Q_values, dict_values_m};
const NativeFunObj dict_items_obj = {&native_fun_type, 1, 1, 0, Q_items, dict_items_m};
const NativeFunObj dict_get_obj = {&native_fun_type, 2, 3, 0, Q_get, dict_get_m};
const NativeFunObj dict_pop_obj = {&native_fun_type, 2, 3, 0, Q_pop, dict_pop_m};
const NativeFunObj dict_popitem_obj = {&native_fun_type, 1, 1, 0, Q_popitem, dict_popitem_m};
const NativeFunObj dict_setdefault_obj = {&native_fun_type, 2, 3, 0, Q_setdefault,
                                          dict_setdefault_m};
const NativeFunObj dict_update_obj = {&native_fun_type, 1, 2, 1, Q_update, dict_update_m};
const NativeFunObj dict_clear_obj = {&native_fun_type, 1, 1, 0, Q_clear, dict_clear_m};
const NativeFunObj dict_copy_obj = {&native_fun_type, 1, 1, 0, Q_copy, dict_copy_m};
const NativeFunObj dict_fromkeys_fun = {&native_fun_type, 2, 3, 0, Q_fromkeys, dict_fromkeys_m};
const StaticMethodObj dict_fromkeys_obj = {&classmethod_type,
                                           reinterpret_cast<const Obj*>(&dict_fromkeys_fun)};
const RomEntry dict_methods_table[] = {
    {Q_get, 0, &dict_get_obj},
    {Q_items, 0, &dict_items_obj},
    {Q_keys, 0, &dict_keys_obj},
    {Q_values, 0, &dict_values_obj},
    {Q_pop, 0, &dict_pop_obj},
    {Q_popitem, 0, &dict_popitem_obj},
    {Q_setdefault, 0, &dict_setdefault_obj},
    {Q_update, 0, &dict_update_obj},
    {Q_clear, 0, &dict_clear_obj},
    {Q_copy, 0, &dict_copy_obj},
    {Q_fromkeys, 0, &dict_fromkeys_obj},
    {Q___init__, 0, &dict_init_obj},
};
const RomMap dict_methods = {dict_methods_table, sizeof(dict_methods_table) / sizeof(RomEntry)};

}  // namespace

// The dict slots, for the dict-like types of the collections module.
void dict_slot_print(const Printer* p, Value self, PrintKind k) {
  dict_print_impl(p, self, k);
}
Value dict_slot_make_new(const Type* t, size_t n, size_t kw, const Value* a) {
  return dict_make_new_impl(t, n, kw, a);
}
Value dict_slot_unary(UnaryOp op, Value self) {
  return dict_unary_impl(op, self);
}
Value dict_slot_binary(BinaryOp op, Value a, Value b) {
  return dict_binary_impl(op, a, b);
}
Value dict_slot_subscr(Value self, Value i, Value v) {
  return dict_subscr_impl(self, i, v);
}
Value dict_slot_getiter(Value self) {
  return dict_getiter_impl(self);
}
extern const RomMap dict_methods_rom;
const RomMap dict_methods_rom = {dict_methods_table, sizeof(dict_methods_table) / sizeof(RomEntry)};

const Type dict_type = {.type = &type_type,
                        .name = Q_dict,
                        .flags = kTypeBaseable,
                        .print = dict_print_impl,
                        .make_new = dict_make_new_impl,
                        .unary_op = dict_unary_impl,
                        .binary_op = dict_binary_impl,
                        .subscr = dict_subscr_impl,
                        .getiter = dict_getiter_impl,
                        .methods = &dict_methods,
                        .base = &object_type};
const Type dict_view_type = {.type = &type_type,
                             .name = Q_dict_keys,
                             .print = view_print,
                             .unary_op = view_unary,
                             .binary_op = view_binary,
                             .getiter = view_getiter};

Map* dict_map(Value d) {
  return &as<DictObj>(d)->map;
}

void dict_set_fixed(Value d) {
  dict_map(d)->str_keys |= kMapFixed;
}

bool dict_is_fixed(Value d) {
  return (dict_map(d)->str_keys & kMapFixed) != 0;
}

Value dict_new(size_t n) {
  DictObj* d = gc_new<DictObj>(&dict_type);
  map_init(&d->map, n);
  return val(d);
}

Value dict_get(Value d, Value key) {
  MapEntry* e = map_lookup(dict_map(d), key, kMapFind);
  return e ? e->value : kNull;
}

Value dict_get_qstr(Value d, Qstr q) {
  MapEntry* e = map_lookup_qstr(dict_map(d), q);
  return e ? e->value : kNull;
}

void dict_store(Value d, Value key, Value value) {
  map_lookup(dict_map(d), key, kMapAdd)->value = value;
}

void dict_store_qstr(Value d, Qstr q, Value value) {
  MapEntry* e = map_lookup_qstr(dict_map(d), q);
  if (e) {
    e->value = value;
  } else {
    map_lookup(dict_map(d), qstr_value(q), kMapAdd)->value = value;
  }
}

bool dict_delete(Value d, Value key) {
  return map_lookup(dict_map(d), key, kMapRemove) != nullptr;
}

void dict_update(Value d, Value other) {
  if (is_instance(other, &dict_type)) {
    Map* m = dict_map(other);
    for (uint32_t i = 0; i < m->used; i++) {
      if (m->entries[i].key != kNull) dict_store(d, m->entries[i].key, m->entries[i].value);
    }
    return;
  }
  // A mapping with keys(), or an iterable of pairs.
  Value dest[2];
  load_method_maybe(other, Q_keys, dest);
  if (dest[0] != kNull && !is_type(other, &list_type) && !is_type(other, &tuple_type)) {
    Value keys = call_method_n(0, 0, dest);
    Value it = getiter(keys);
    for (Value k; (k = iternext(it)) != kNull;)
      dict_store(d, k, subscr_load(other, k));
    return;
  }
  Value it = getiter(other);
  for (Value item; (item = iternext(it)) != kNull;) {
    size_t n;
    Value* items;
    seq_items(item, &n, &items);
    if (n != 2) raise_msg(&exc_ValueError, "dict update sequence has wrong length");
    dict_store(d, items[0], items[1]);
  }
}

}  // namespace vpy
