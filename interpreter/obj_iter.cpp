// range and the builtin iterator types: enumerate, zip, map, filter, reversed.
#include "runtime.h"

namespace vpy {

namespace {

// --- range ---------------------------------------------------------------------------
// In unsigned arithmetic: the span of range(-maxsize, maxsize) does not fit an Int.
Uint range_len(const RangeObj* r) {
  if (r->step > 0) {
    if (r->stop <= r->start) return 0;
    return (static_cast<Uint>(r->stop) - static_cast<Uint>(r->start) - 1) /
               static_cast<Uint>(r->step) +
           1;
  }
  if (r->start <= r->stop) return 0;
  return (static_cast<Uint>(r->start) - static_cast<Uint>(r->stop) - 1) /
             (0 - static_cast<Uint>(r->step)) +
         1;
}

void range_print(const Printer* p, Value self, PrintKind) {
  RangeObj* r = as<RangeObj>(self);
  if (r->step == 1) {
    print_fmt(p, "range(%D, %D)", r->start, r->stop);
  } else {
    print_fmt(p, "range(%D, %D, %D)", r->start, r->stop, r->step);
  }
}

Value range_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  if (n_kw) raise_msg(&exc_TypeError, "range() takes no keyword arguments");
  if (n_args < 1 || n_args > 3) raise_msg(&exc_TypeError, "range expected at most 3 arguments");
  Int start = 0, stop, step = 1;
  if (n_args == 1) {
    stop = int_get(value_index(args[0]));
  } else {
    start = int_get(value_index(args[0]));
    stop = int_get(value_index(args[1]));
    if (n_args == 3) {
      step = int_get(value_index(args[2]));
      if (step == 0) raise_msg(&exc_ValueError, "zero step");
    }
  }
  return range_new(start, stop, step);
}

Value range_unary(UnaryOp op, Value self) {
  RangeObj* r = as<RangeObj>(self);
  if (op == kUnaryLen) return int_from_u64(range_len(r));
  if (op == kUnaryBool) return bool_value(range_len(r) != 0);
  return kNull;
}

Value range_binary(BinaryOp op, Value lhs, Value rhs) {
  RangeObj* r = as<RangeObj>(lhs);
  if (op == kBinIn) {
    Int x;
    if (!is_int(rhs) || !int_get_maybe(rhs, &x)) return kNull;
    if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop))
      return kFalse;
    return bool_value((x - r->start) % r->step == 0);
  }
  if (op == kBinEqual && is_type(rhs, &range_type)) {
    RangeObj* o = as<RangeObj>(rhs);
    Uint la = range_len(r), lb = range_len(o);
    if (la != lb) return kFalse;
    if (la == 0) return kTrue;
    if (r->start != o->start) return kFalse;
    return bool_value(la == 1 || r->step == o->step);
  }
  return kNull;
}

Value range_subscr(Value self, Value index, Value value) {
  if (value != kSentinel) return kNull;
  RangeObj* r = as<RangeObj>(self);
  Uint len = range_len(r);
  if (is_type(index, &slice_type)) {
    SliceRange s;
    slice_indices(index, static_cast<size_t>(len), &s);
    // As CPython: the slice's own (clamped) stop maps through the range too, so
    // range(10)[::3] is range(0, 10, 3), not range(0, 12, 3).
    Int start = r->start + s.start * r->step;
    Int stop = r->start + s.stop * r->step;
    return range_new(start, stop, r->step * s.step);
  }
  size_t i = seq_index(&range_type, static_cast<size_t>(len), index, false);
  return int_from(r->start + static_cast<Int>(i) * r->step);
}

Value range_iternext(Value self) {
  RangeIterObj* it = as<RangeIterObj>(self);
  if (it->step > 0 ? it->cur >= it->stop : it->cur <= it->stop) return kNull;
  Int v = it->cur;
  if (__builtin_add_overflow(v, it->step, &it->cur)) it->cur = it->stop;  // past the end
  return int_from(v);
}

}  // namespace
const Type range_iter_type = {
    .type = &type_type, .name = Q_iterator, .flags = kTypeIterIsSelf, .iternext = range_iternext};
namespace {

Value range_getiter(Value self) {
  RangeObj* r = as<RangeObj>(self);
  RangeIterObj* it = gc_new<RangeIterObj>(&range_iter_type);
  it->cur = r->start;
  it->stop = r->stop;
  it->step = r->step;
  return val(it);
}

void range_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  RangeObj* r = as<RangeObj>(self);
  if (name == Q_start) dest[0] = int_from(r->start);
  if (name == Q_stop) dest[0] = int_from(r->stop);
  if (name == Q_step) dest[0] = int_from(r->step);
}

Value range_index(size_t, const Value* a, const KwArgs*) {
  RangeObj* r = as<RangeObj>(a[0]);
  if (range_binary(kBinIn, a[0], a[1]) != kTrue)
    raise_msg(&exc_ValueError, "object not in sequence");
  return int_from((int_get(a[1]) - r->start) / r->step);
}
Value range_count(size_t, const Value* a, const KwArgs*) {
  return small_int(range_binary(kBinIn, a[0], a[1]) == kTrue ? 1 : 0);
}
const NativeFunObj range_index_obj = {&native_fun_type, 2, 2, 0, Q_index, range_index};
const NativeFunObj range_count_obj = {&native_fun_type, 2, 2, 0, Q_count, range_count};
const RomEntry range_methods_table[] = {
    {Q_index, 0, &range_index_obj},
    {Q_count, 0, &range_count_obj},
};
const RomMap range_methods = {range_methods_table, 2};

// --- enumerate -------------------------------------------------------------------------
struct EnumerateObj {
  const Type* type;
  Value it;
  Value index;
};

Value enumerate_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  KwArgs kw{n_kw, args + n_args};
  if (n_args > 2) raise_msg(&exc_TypeError, "enumerate() takes at most 2 arguments");
  Value start = n_args > 1 ? args[1] : kw_get(&kw, Q_start, small_int(0));
  Value iterable = n_args > 0 ? args[0] : kw_get(&kw, Q_iterable, kNull);
  if (iterable == kNull) raise_msg(&exc_TypeError, "enumerate() missing required argument");
  EnumerateObj* e = gc_new<EnumerateObj>(&enumerate_type);
  e->it = getiter(iterable);
  e->index = start;
  return val(e);
}

Value enumerate_iternext(Value self) {
  EnumerateObj* e = as<EnumerateObj>(self);
  Value v = iternext(e->it);
  if (v == kNull) return kNull;
  Value t = tuple_new(2, nullptr);
  as<TupleObj>(t)->items[0] = e->index;
  as<TupleObj>(t)->items[1] = v;
  e->index = binary_op(kBinAdd, e->index, small_int(1));
  return t;
}

// --- zip ---------------------------------------------------------------------------------
struct ZipObj {
  const Type* type;
  Value iters;  // tuple
};

Value zip_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  ZipObj* z = gc_new<ZipObj>(&zip_type);
  z->iters = tuple_new(n_args, nullptr);
  for (size_t i = 0; i < n_args; i++)
    as<TupleObj>(z->iters)->items[i] = getiter(args[i]);
  return val(z);
}

Value zip_iternext(Value self) {
  ZipObj* z = as<ZipObj>(self);
  TupleObj* its = as<TupleObj>(z->iters);
  if (its->len == 0) return kNull;
  Value t = tuple_new(its->len, nullptr);
  for (size_t i = 0; i < its->len; i++) {
    Value v = iternext(its->items[i]);
    if (v == kNull) return kNull;
    as<TupleObj>(t)->items[i] = v;
  }
  return t;
}

// --- map -----------------------------------------------------------------------------------
struct MapObj {
  const Type* type;
  Value fun;
  Value iters;
};

Value map_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args < 2) raise_msg(&exc_TypeError, "map() must have at least two arguments");
  MapObj* m = gc_new<MapObj>(&map_type);
  m->fun = args[0];
  m->iters = tuple_new(n_args - 1, nullptr);
  for (size_t i = 1; i < n_args; i++)
    as<TupleObj>(m->iters)->items[i - 1] = getiter(args[i]);
  return val(m);
}

Value map_iternext(Value self) {
  MapObj* m = as<MapObj>(self);
  TupleObj* its = as<TupleObj>(m->iters);
  Value buf[8];
  Value* args = its->len <= 8 ? buf : static_cast<Value*>(gc_alloc(its->len * sizeof(Value)));
  for (size_t i = 0; i < its->len; i++) {
    Value v = iternext(its->items[i]);
    if (v == kNull) return kNull;
    args[i] = v;
  }
  return call(m->fun, its->len, 0, args);
}

// --- filter ------------------------------------------------------------------------------
struct FilterObj {
  const Type* type;
  Value fun;
  Value it;
};

Value filter_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args != 2) raise_msg(&exc_TypeError, "filter expected 2 arguments");
  FilterObj* f = gc_new<FilterObj>(&filter_type);
  f->fun = args[0];
  f->it = getiter(args[1]);
  return val(f);
}

Value filter_iternext(Value self) {
  FilterObj* f = as<FilterObj>(self);
  for (;;) {
    Value v = iternext(f->it);
    if (v == kNull) return kNull;
    bool keep = f->fun == kNone ? is_true(v) : is_true(call1(f->fun, v));
    if (keep) return v;
  }
}

// --- reversed ------------------------------------------------------------------------------
struct ReversedObj {
  const Type* type;
  Value seq;
  size_t remaining;
};

Value reversed_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args != 1) raise_msg(&exc_TypeError, "reversed expected 1 argument");
  Value seq = args[0];
  Value dest[2];
  load_method_maybe(seq, Q___reversed__, dest);
  if (dest[0] != kNull && !is_type(seq, &list_type) && !is_type(seq, &tuple_type)) {
    return call_method_n(0, 0, dest);
  }
  if (is_type(seq, &range_type)) {
    RangeObj* r = as<RangeObj>(seq);
    Int len = static_cast<Int>(range_len(r));
    Int last = r->start + (len - 1) * r->step;
    return range_getiter(range_new(last, last - len * r->step, -r->step));
  }
  ReversedObj* o = gc_new<ReversedObj>(&reversed_type);
  o->seq = seq;
  o->remaining = len_of(seq);
  return val(o);
}

Value reversed_iternext(Value self) {
  ReversedObj* o = as<ReversedObj>(self);
  if (o->remaining == 0) return kNull;
  o->remaining--;
  size_t n;
  Value* items;
  if (seq_get(o->seq, &n, &items)) {
    if (o->remaining >= n) return kNull;
    return items[o->remaining];
  }
  return subscr_load(o->seq, small_int(static_cast<Int>(o->remaining)));
}

}  // namespace

const Type range_type = {.type = &type_type,
                         .name = Q_range,
                         .print = range_print,
                         .make_new = range_make_new,
                         .unary_op = range_unary,
                         .binary_op = range_binary,
                         .attr = range_attr,
                         .subscr = range_subscr,
                         .getiter = range_getiter,
                         .methods = &range_methods};
const Type enumerate_type = {.type = &type_type,
                             .name = Q_enumerate,
                             .flags = kTypeIterIsSelf,
                             .make_new = enumerate_make_new,
                             .iternext = enumerate_iternext};
const Type zip_type = {.type = &type_type,
                       .name = Q_zip,
                       .flags = kTypeIterIsSelf,
                       .make_new = zip_make_new,
                       .iternext = zip_iternext};
const Type map_type = {.type = &type_type,
                       .name = Q_map,
                       .flags = kTypeIterIsSelf,
                       .make_new = map_make_new,
                       .iternext = map_iternext};
const Type filter_type = {.type = &type_type,
                          .name = Q_filter,
                          .flags = kTypeIterIsSelf,
                          .make_new = filter_make_new,
                          .iternext = filter_iternext};
const Type reversed_type = {.type = &type_type,
                            .name = Q_reversed,
                            .flags = kTypeIterIsSelf,
                            .make_new = reversed_make_new,
                            .iternext = reversed_iternext};

Value range_new(Int start, Int stop, Int step) {
  RangeObj* r = gc_new<RangeObj>(&range_type);
  r->start = start;
  r->stop = stop;
  r->step = step;
  return val(r);
}

}  // namespace vpy
