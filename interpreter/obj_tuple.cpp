// tuple: an immutable array of values, allocated in one block with its items.
#include "runtime.h"

namespace vpy {

namespace {

struct SeqIterObj {
  const Type* type;
  Value seq;
  size_t index;
};

void tuple_print(const Printer* p, Value self, PrintKind) {
  TupleObj* t = as<TupleObj>(self);
  seq_print(p, "(", t->len == 1 ? ",)" : ")", t->len, t->items);
}

Value tuple_make_new(const Type* type, size_t n_args, size_t, const Value* args) {
  if (n_args == 0) return type == &tuple_type ? empty_tuple_value() : tuple_new(0, nullptr);
  if (is_type(args[0], &tuple_type) && type == &tuple_type) return args[0];
  size_t n;
  Value* items;
  seq_items(args[0], &n, &items);
  Value t = tuple_new(n, items);
  as<TupleObj>(t)->type = type;
  return t;
}

Value tuple_unary(UnaryOp op, Value self) {
  TupleObj* t = as<TupleObj>(self);
  switch (op) {
    case kUnaryBool:
      return bool_value(t->len != 0);
    case kUnaryLen:
      return small_int(static_cast<Int>(t->len));
    case kUnaryHash: {
      Uint h = 0x345678;
      for (size_t i = 0; i < t->len; i++)
        h = (h ^ hash_value(t->items[i])) * 1000003;
      return small_int(static_cast<Int>(h & kSmallIntMax));
    }
    default:
      return kNull;
  }
}

Value tuple_binary(BinaryOp op, Value lhs, Value rhs) {
  TupleObj* a = as<TupleObj>(lhs);
  int o = op;
  if (o >= kBinInplaceOr && o <= kBinInplacePow) o -= kBinInplaceOffset;
  if (o == kBinMul) {
    Int n;
    if (!int_get_maybe(rhs, &n)) return kNull;
    if (n < 0 || a->len == 0) n = 0;  // () * 10**18 is () at once
    Value r = tuple_new(seq_repeat_len(a->len, n, sizeof(Value)), nullptr);
    for (Int i = 0; i < n; i++)
      mem_copy(as<TupleObj>(r)->items + i * a->len, a->items, a->len * sizeof(Value));
    return r;
  }
  if (o == kBinIn) {
    for (size_t i = 0; i < a->len; i++) {
      if (equal(a->items[i], rhs)) return kTrue;
    }
    return kFalse;
  }
  if (!is_instance(rhs, &tuple_type)) return kNull;
  TupleObj* b = as<TupleObj>(rhs);
  if (o == kBinAdd) {
    Value r = tuple_new(a->len + b->len, nullptr);
    mem_copy(as<TupleObj>(r)->items, a->items, a->len * sizeof(Value));
    mem_copy(as<TupleObj>(r)->items + a->len, b->items, b->len * sizeof(Value));
    return r;
  }
  if (o == kBinEqual) return bool_value(seq_equal_items(a->len, a->items, b->len, b->items));
  if (o == kBinNotEqual) return bool_value(!seq_equal_items(a->len, a->items, b->len, b->items));
  bool result;
  if (seq_compare_items(a->len, a->items, b->len, b->items, static_cast<BinaryOp>(o), &result)) {
    return bool_value(result);
  }
  return kNull;
}

Value tuple_subscr(Value self, Value index, Value value) {
  if (value != kSentinel) return kNull;
  TupleObj* t = as<TupleObj>(self);
  if (is_type(index, &slice_type)) {
    SliceRange r;
    slice_indices(index, t->len, &r);
    Value res = tuple_new(r.len, nullptr);
    for (size_t i = 0; i < r.len; i++)
      as<TupleObj>(res)->items[i] = t->items[r.start + static_cast<Int>(i) * r.step];
    return res;
  }
  return t->items[seq_index(&tuple_type, t->len, index, false)];
}

Value tuple_iternext(Value self) {
  SeqIterObj* it = as<SeqIterObj>(self);
  TupleObj* t = as<TupleObj>(it->seq);
  if (it->index >= t->len) return kNull;
  return t->items[it->index++];
}

const Type tuple_iter_type = {
    .type = &type_type, .name = Q_iterator, .flags = kTypeIterIsSelf, .iternext = tuple_iternext};

Value tuple_getiter(Value self) {
  SeqIterObj* it = gc_new<SeqIterObj>(&tuple_iter_type);
  it->seq = self;
  it->index = 0;
  return val(it);
}

Value tuple_count(size_t, const Value* args, const KwArgs*) {
  TupleObj* t = as<TupleObj>(args[0]);
  Int n = 0;
  for (size_t i = 0; i < t->len; i++)
    n += equal(t->items[i], args[1]);
  return small_int(n);
}

Value tuple_index(size_t n_args, const Value* args, const KwArgs*) {
  TupleObj* t = as<TupleObj>(args[0]);
  size_t start = n_args > 2 ? seq_index(&tuple_type, t->len, args[2], true) : 0;
  size_t stop = n_args > 3 ? seq_index(&tuple_type, t->len, args[3], true) : t->len;
  for (size_t i = start; i < stop; i++) {
    if (equal(t->items[i], args[1])) return small_int(static_cast<Int>(i));
  }
  raise_msg(&exc_ValueError, "object not in sequence");
}

const NativeFunObj tuple_count_obj = {&native_fun_type, 2, 2, 0, Q_count, tuple_count};
const NativeFunObj tuple_index_obj = {&native_fun_type, 2, 4, 0, Q_index, tuple_index};
const RomEntry tuple_methods_table[] = {
    {Q_count, 0, &tuple_count_obj},
    {Q_index, 0, &tuple_index_obj},
};
const RomMap tuple_methods = {tuple_methods_table, 2};

}  // namespace

const Type tuple_type = {.type = &type_type,
                         .name = Q_tuple,
                         .flags = kTypeBaseable,
                         .print = tuple_print,
                         .make_new = tuple_make_new,
                         .unary_op = tuple_unary,
                         .binary_op = tuple_binary,
                         .subscr = tuple_subscr,
                         .getiter = tuple_getiter,
                         .methods = &tuple_methods,
                         .base = &object_type};

// () is one object, as in CPython and MicroPython.
const TupleObj empty_tuple = {&tuple_type, 0};
Value empty_tuple_value() {
  return val(&empty_tuple);
}

Value tuple_new(size_t n, const Value* items) {
  TupleObj* t = static_cast<TupleObj*>(gc_alloc(sizeof(TupleObj) + n * sizeof(Value)));
  t->type = &tuple_type;
  t->len = n;
  if (items && n) mem_copy(t->items, items, n * sizeof(Value));
  return val(t);
}

}  // namespace vpy
