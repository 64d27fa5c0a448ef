// set and frozenset (a Map whose values are unused).
#include "runtime.h"

namespace vpy {

namespace {

struct SetIterObj {
  const Type* type;
  Value set;
  uint32_t pos;
};

bool is_set_like(Value v) {
  return is_instance(v, &set_type) || is_instance(v, &frozenset_type);
}
Map* set_map(Value s) {
  return &as<SetObj>(s)->map;
}

void set_print(const Printer* p, Value self, PrintKind) {
  Map* m = set_map(self);
  bool frozen = as_obj(self)->type == &frozenset_type;
  if (m->count == 0) {
    print_str(p, frozen ? "frozenset()" : "set()");
    return;
  }
  if (frozen) print_str(p, "frozenset(");
  print_str(p, "{");
  bool first = true;
  for (uint32_t i = 0; i < m->used; i++) {
    if (m->entries[i].key == kNull) continue;
    if (!first) print_str(p, ", ");
    first = false;
    print_value(p, m->entries[i].key, kPrintRepr);
  }
  print_str(p, "}");
  if (frozen) print_str(p, ")");
}

Value set_make_new(const Type* type, size_t n_args, size_t, const Value* args) {
  return set_new(type, n_args ? args[0] : kNull);
}

Value set_copy_as(Value s, const Type* type) {
  Value r = set_new(type, kNull);
  map_copy(set_map(r), set_map(s));
  return r;
}

bool is_subset(Value a, Value b) {
  Map* m = set_map(a);
  for (uint32_t i = 0; i < m->used; i++) {
    if (m->entries[i].key != kNull && !set_contains(b, m->entries[i].key)) return false;
  }
  return true;
}

Value set_op(int op, Value a, Value other, bool inplace) {
  Value b = is_set_like(other) ? other : set_new(&set_type, other);
  Value r = inplace ? a : set_copy_as(a, as_obj(a)->type);
  Map* rm = set_map(r);
  Map* bm = set_map(b);
  switch (op) {
    case kBinOr:
      for (uint32_t i = 0; i < bm->used; i++) {
        if (bm->entries[i].key != kNull) set_add(r, bm->entries[i].key);
      }
      break;
    case kBinAnd:
      for (uint32_t i = 0; i < rm->used; i++) {
        Value k = rm->entries[i].key;
        if (k != kNull && !set_contains(b, k)) map_lookup(rm, k, kMapRemove);
      }
      break;
    case kBinSub:
      for (uint32_t i = 0; i < bm->used; i++) {
        if (bm->entries[i].key != kNull) map_lookup(rm, bm->entries[i].key, kMapRemove);
      }
      break;
    case kBinXor:
      for (uint32_t i = 0; i < bm->used; i++) {
        Value k = bm->entries[i].key;
        if (k == kNull) continue;
        if (map_lookup(rm, k, kMapRemove) == nullptr) set_add(r, k);
      }
      break;
  }
  return r;
}

Value set_unary(UnaryOp op, Value self) {
  Map* m = set_map(self);
  if (op == kUnaryBool) return bool_value(m->count != 0);
  if (op == kUnaryLen) return small_int(m->count);
  if (op == kUnaryHash && as_obj(self)->type == &frozenset_type) {
    Uint h = 0;
    for (uint32_t i = 0; i < m->used; i++) {
      if (m->entries[i].key != kNull) h ^= hash_value(m->entries[i].key) * 2654435761u;
    }
    return small_int(static_cast<Int>(h & kSmallIntMax));
  }
  return kNull;
}

Value set_binary(BinaryOp op, Value lhs, Value rhs) {
  if (op == kBinIn) return bool_value(set_contains(lhs, rhs));
  if (!is_set_like(rhs)) return kNull;
  switch (op) {
    case kBinOr:
    case kBinAnd:
    case kBinSub:
    case kBinXor:
      return set_op(op, lhs, rhs, false);
    case kBinInplaceOr:
    case kBinInplaceAnd:
    case kBinInplaceSub:
    case kBinInplaceXor:
      if (as_obj(lhs)->type == &frozenset_type)
        return set_op(op - kBinInplaceOffset, lhs, rhs, false);
      return set_op(op - kBinInplaceOffset, lhs, rhs, true);
    case kBinEqual:
    case kBinNotEqual: {
      bool eq = set_map(lhs)->count == set_map(rhs)->count && is_subset(lhs, rhs);
      return bool_value(op == kBinEqual ? eq : !eq);
    }
    case kBinLessEqual:
      return bool_value(is_subset(lhs, rhs));
    case kBinLess:
      return bool_value(set_map(lhs)->count < set_map(rhs)->count && is_subset(lhs, rhs));
    case kBinMoreEqual:
      return bool_value(is_subset(rhs, lhs));
    case kBinMore:
      return bool_value(set_map(lhs)->count > set_map(rhs)->count && is_subset(rhs, lhs));
    default:
      return kNull;
  }
}

Value set_iternext(Value self) {
  SetIterObj* it = as<SetIterObj>(self);
  Map* m = set_map(it->set);
  while (it->pos < m->used) {
    Value k = m->entries[it->pos++].key;
    if (k != kNull) return k;
  }
  return kNull;
}

const Type set_iter_type = {
    .type = &type_type, .name = Q_iterator, .flags = kTypeIterIsSelf, .iternext = set_iternext};

Value set_getiter(Value self) {
  SetIterObj* it = gc_new<SetIterObj>(&set_iter_type);
  it->set = self;
  it->pos = 0;
  return val(it);
}

// --- methods ---------------------------------------------------------------------------
Value set_add_m(size_t, const Value* a, const KwArgs*) {
  set_add(a[0], a[1]);
  return kNone;
}
Value set_discard_m(size_t, const Value* a, const KwArgs*) {
  map_lookup(set_map(a[0]), a[1], kMapRemove);
  return kNone;
}
Value set_remove_m(size_t, const Value* a, const KwArgs*) {
  if (map_lookup(set_map(a[0]), a[1], kMapRemove) == nullptr)
    raise(exception_new(&exc_KeyError, 1, &a[1]));
  return kNone;
}
Value set_pop_m(size_t, const Value* a, const KwArgs*) {
  Map* m = set_map(a[0]);
  for (uint32_t i = 0; i < m->used; i++) {
    Value k = m->entries[i].key;
    if (k != kNull) {
      map_lookup(m, k, kMapRemove);
      return k;
    }
  }
  raise_msg(&exc_KeyError, "pop from an empty set");
}
Value set_clear_m(size_t, const Value* a, const KwArgs*) {
  map_clear(set_map(a[0]));
  return kNone;
}
Value set_copy_m(size_t, const Value* a, const KwArgs*) {
  return set_copy_as(a[0], as_obj(a[0])->type);
}

Value multi(size_t n_args, const Value* a, int op, bool inplace) {
  Value r = inplace ? a[0] : set_copy_as(a[0], as_obj(a[0])->type);
  for (size_t i = 1; i < n_args; i++)
    set_op(op, r, a[i], true);
  return inplace ? kNone : r;
}
Value set_union_m(size_t n, const Value* a, const KwArgs*) {
  return multi(n, a, kBinOr, false);
}
Value set_update_m(size_t n, const Value* a, const KwArgs*) {
  return multi(n, a, kBinOr, true);
}
// set.__init__(s[, iterable]) refills s (super().__init__(items) in a class derived from set).
Value set_init_m(size_t n, const Value* a, const KwArgs* kw) {
  map_clear(set_map(a[0]));
  return n > 1 ? set_update_m(n, a, kw) : kNone;
}
Value set_intersection_m(size_t n, const Value* a, const KwArgs*) {
  return multi(n, a, kBinAnd, false);
}
Value set_intersection_update_m(size_t n, const Value* a, const KwArgs*) {
  return multi(n, a, kBinAnd, true);
}
Value set_difference_m(size_t n, const Value* a, const KwArgs*) {
  return multi(n, a, kBinSub, false);
}
Value set_difference_update_m(size_t n, const Value* a, const KwArgs*) {
  return multi(n, a, kBinSub, true);
}
Value set_symdiff_m(size_t n, const Value* a, const KwArgs*) {
  return multi(n, a, kBinXor, false);
}
Value set_symdiff_update_m(size_t n, const Value* a, const KwArgs*) {
  return multi(n, a, kBinXor, true);
}
Value set_issubset_m(size_t, const Value* a, const KwArgs*) {
  Value b = is_set_like(a[1]) ? a[1] : set_new(&set_type, a[1]);
  return bool_value(is_subset(a[0], b));
}
Value set_issuperset_m(size_t, const Value* a, const KwArgs*) {
  Value b = is_set_like(a[1]) ? a[1] : set_new(&set_type, a[1]);
  return bool_value(is_subset(b, a[0]));
}
Value set_isdisjoint_m(size_t, const Value* a, const KwArgs*) {
  Value it = getiter(a[1]);
  for (Value x; (x = iternext(it)) != kNull;) {
    if (set_contains(a[0], x)) return kFalse;
  }
  return kTrue;
}

#define SM(name, fn, min, max) \
  const NativeFunObj set_##name##_obj = {&native_fun_type, min, max, 0, Q_##name, fn};
SM(add, set_add_m, 2, 2)
SM(discard, set_discard_m, 2, 2)
SM(remove, set_remove_m, 2, 2)
SM(pop, set_pop_m, 1, 1)
SM(clear, set_clear_m, 1, 1)
SM(copy, set_copy_m, 1, 1)
SM(union, set_union_m, 1, 0xffff)
SM(update, set_update_m, 1, 0xffff)
SM(intersection, set_intersection_m, 1, 0xffff)
SM(intersection_update, set_intersection_update_m, 1, 0xffff)
SM(difference, set_difference_m, 1, 0xffff)
SM(difference_update, set_difference_update_m, 1, 0xffff)
SM(symmetric_difference, set_symdiff_m, 2, 2)
SM(symmetric_difference_update, set_symdiff_update_m, 2, 2)
SM(issubset, set_issubset_m, 2, 2)
SM(issuperset, set_issuperset_m, 2, 2)
SM(isdisjoint, set_isdisjoint_m, 2, 2)
#undef SM
const NativeFunObj set_init_obj = {&native_fun_type, 1, 2, 0, Q___init__, set_init_m};
#define SE(name) \
  { Q_##name, 0, &set_##name##_obj }
const RomEntry set_methods_table[] = {
    SE(add),
    SE(discard),
    SE(remove),
    SE(pop),
    SE(clear),
    SE(copy),
    SE(union),
    SE(update),
    SE(intersection),
    SE(intersection_update),
    SE(difference),
    SE(difference_update),
    SE(symmetric_difference),
    SE(symmetric_difference_update),
    SE(issubset),
    SE(issuperset),
    SE(isdisjoint),
    {Q___init__, 0, &set_init_obj},
};
const RomEntry frozenset_methods_table[] = {
    SE(copy),     SE(union),      SE(intersection), SE(difference), SE(symmetric_difference),
    SE(issubset), SE(issuperset), SE(isdisjoint),
};
#undef SE
const RomMap set_methods = {set_methods_table, sizeof(set_methods_table) / sizeof(RomEntry)};
const RomMap frozenset_methods = {frozenset_methods_table,
                                  sizeof(frozenset_methods_table) / sizeof(RomEntry)};

}  // namespace

const Type set_type = {.type = &type_type,
                       .name = Q_set,
                       .flags = kTypeBaseable,
                       .print = set_print,
                       .make_new = set_make_new,
                       .unary_op = set_unary,
                       .binary_op = set_binary,
                       .getiter = set_getiter,
                       .methods = &set_methods,
                       .base = &object_type};
const Type frozenset_type = {.type = &type_type,
                             .name = Q_frozenset,
                             .print = set_print,
                             .make_new = set_make_new,
                             .unary_op = set_unary,
                             .binary_op = set_binary,
                             .getiter = set_getiter,
                             .methods = &frozenset_methods,
                             .base = &object_type};

Value set_new(const Type* type, Value iterable) {
  SetObj* s = gc_new<SetObj>(type);
  map_init(&s->map, 0);
  if (iterable != kNull) {
    Value it = getiter(iterable);
    for (Value v; (v = iternext(it)) != kNull;)
      set_add(val(s), v);
  }
  return val(s);
}

void set_add(Value set, Value item) {
  MapEntry* e = map_lookup(set_map(set), item, kMapAdd);
  e->value = kTrue;
}

bool set_contains(Value set, Value item) {
  return map_lookup(set_map(set), item, kMapFind) != nullptr;
}

}  // namespace vpy
