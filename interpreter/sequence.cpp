// Helpers shared by the sequence types: indexing, slicing, comparison, printing.
#include "runtime.h"

namespace vpy {

bool seq_get(Value seq, size_t* n, Value** items) {
  if (!is_obj(seq)) return false;
  const Type* t = as_obj(seq)->type;
  if (t == &tuple_type) {
    *n = as<TupleObj>(seq)->len;
    *items = as<TupleObj>(seq)->items;
    return true;
  }
  if (t == &list_type) {
    *n = as<ListObj>(seq)->len;
    *items = as<ListObj>(seq)->items;
    return true;
  }
  return false;
}

void seq_items(Value iterable, size_t* n, Value** items) {
  if (seq_get(iterable, n, items)) return;
  Value l = list_new(0, nullptr);
  list_extend(l, iterable);
  *n = as<ListObj>(l)->len;
  *items = as<ListObj>(l)->items;
}

size_t seq_repeat_len(size_t len, Int n, size_t item_size) {
  if (n <= 0 || len == 0) return 0;
  size_t count = static_cast<size_t>(n);
  if (static_cast<Int>(count) != n || count > (SIZE_MAX - 1) / item_size / len) {
    raise_memory_error(SIZE_MAX);
  }
  return len * count;
}

size_t seq_index(const Type* type, size_t len, Value index, bool allow_end) {
  Int i;
  if (!int_get_maybe(index, &i)) {
    if (is_int(index)) raise_fmt(&exc_IndexError, "%q index out of range", type->name);
    if (is_obj(index) && (as_obj(index)->type->flags & kTypeUser))
      return seq_index(type, len, value_index(index), allow_end);
    raise_fmt(&exc_TypeError, "%q indices must be integers, not %s", type->name,
              type_name_of(index));
  }
  if (i < 0) i += static_cast<Int>(len);
  if (i < 0 || static_cast<size_t>(i) > len || (!allow_end && static_cast<size_t>(i) == len)) {
    raise_fmt(&exc_IndexError, "%q index out of range", type->name);
  }
  return static_cast<size_t>(i);
}

void slice_indices(Value slice, size_t len, SliceRange* out) {
  SliceObj* s = as<SliceObj>(slice);
  Int step = 1;
  if (s->step != kNone) {
    step = int_get(value_index(s->step));
    if (step == 0) raise_msg(&exc_ValueError, "slice step can't be zero");
  }
  Int n = static_cast<Int>(len);
  Int start, stop;
  auto clamp = [&](Value v, Int dflt, Int lo, Int hi) -> Int {
    if (v == kNone) return dflt;
    Int x;
    if (!int_get_maybe(value_index(v), &x)) x = int_is_neg(v) ? -n - 1 : n + 1;
    if (x < 0) {
      x += n;
      if (x < lo) x = lo;
    } else if (x > hi) {
      x = hi;
    }
    return x;
  };
  if (step > 0) {
    start = clamp(s->start, 0, 0, n);
    stop = clamp(s->stop, n, 0, n);
  } else {
    start = clamp(s->start, n - 1, -1, n - 1);
    stop = clamp(s->stop, -1, -1, n - 1);
  }
  out->start = start;
  out->stop = stop;
  out->step = step;
  if (step > 0) {
    out->len = stop > start ? static_cast<size_t>((stop - start + step - 1) / step) : 0;
  } else {
    out->len = start > stop ? static_cast<size_t>((start - stop - step - 1) / (-step)) : 0;
  }
}

bool seq_equal_items(size_t na, const Value* a, size_t nb, const Value* b) {
  if (na != nb) return false;
  for (size_t i = 0; i < na; i++) {
    if (a[i] != b[i] && !equal(a[i], b[i])) return false;
  }
  return true;
}

// Lexicographic comparison; returns false if op is not an ordering.
int seq_compare_items(size_t na, const Value* a, size_t nb, const Value* b, BinaryOp op,
                      bool* result) {
  size_t n = na < nb ? na : nb;
  for (size_t i = 0; i < n; i++) {
    if (a[i] == b[i] || equal(a[i], b[i])) continue;
    *result = is_true(binary_op(op, a[i], b[i]));
    return 1;
  }
  switch (op) {
    case kBinLess:
      *result = na < nb;
      break;
    case kBinMore:
      *result = na > nb;
      break;
    case kBinLessEqual:
      *result = na <= nb;
      break;
    case kBinMoreEqual:
      *result = na >= nb;
      break;
    default:
      return 0;
  }
  return 1;
}

void seq_print(const Printer* p, const char* open, const char* close, size_t n,
               const Value* items) {
  print_str(p, open);
  for (size_t i = 0; i < n; i++) {
    if (i) print_str(p, ", ");
    print_value(p, items[i], kPrintRepr);
  }
  print_str(p, close);
}

// --- slice ------------------------------------------------------------------------
namespace {
void slice_print(const Printer* p, Value self, PrintKind) {
  SliceObj* s = as<SliceObj>(self);
  print_fmt(p, "slice(%R, %R, %R)", s->start, s->stop, s->step);
}
void slice_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  SliceObj* s = as<SliceObj>(self);
  if (name == Q_start) dest[0] = s->start;
  if (name == Q_stop) dest[0] = s->stop;
  if (name == Q_step) dest[0] = s->step;
}
Value slice_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args == 1) return slice_new(kNone, args[0], kNone);
  if (n_args == 2) return slice_new(args[0], args[1], kNone);
  if (n_args == 3) return slice_new(args[0], args[1], args[2]);
  raise_msg(&exc_TypeError, "slice expected at least 1 argument");
}
Value slice_indices_m(size_t, const Value* args, const KwArgs*) {
  SliceRange r;
  slice_indices(args[0], static_cast<size_t>(int_get(args[1])), &r);
  Value t = tuple_new(3, nullptr);
  as<TupleObj>(t)->items[0] = int_from(r.start);
  as<TupleObj>(t)->items[1] = int_from(r.stop);
  as<TupleObj>(t)->items[2] = int_from(r.step);
  return t;
}
const NativeFunObj slice_indices_obj = {&native_fun_type, 2, 2, 0, Q_index, slice_indices_m};
const RomEntry slice_methods_table[] = {{Q_indices, 0, &slice_indices_obj}};
const RomMap slice_methods = {slice_methods_table, 1};
}  // namespace

const Type slice_type = {.type = &type_type,
                         .name = Q_slice,
                         .print = slice_print,
                         .make_new = slice_make_new,
                         .attr = slice_attr,
                         .methods = &slice_methods};

Value slice_new(Value start, Value stop, Value step) {
  SliceObj* s = gc_new<SliceObj>(&slice_type);
  s->start = start;
  s->stop = stop;
  s->step = step;
  return val(s);
}

}  // namespace vpy
