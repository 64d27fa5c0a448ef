// list: a growable array of values.
#include "runtime.h"

namespace vpy {

namespace {

struct ListIterObj {
  const Type* type;
  Value list;
  size_t index;
};

void list_grow(ListObj* l, size_t need) {
  if (need <= l->alloc) return;
  size_t n = l->alloc < 4 ? 4 : l->alloc + l->alloc / 2;
  if (n < need) n = need;
  l->items = static_cast<Value*>(gc_realloc(l->items, n * sizeof(Value)));
  l->alloc = n;
}

void list_print(const Printer* p, Value self, PrintKind) {
  // Items are re-read at each step: an item's __repr__ may change the list.
  ListObj* l = as<ListObj>(self);
  print_str(p, "[");
  for (size_t i = 0; i < l->len; i++) {
    if (i) print_str(p, ", ");
    print_value(p, l->items[i], kPrintRepr);
  }
  print_str(p, "]");
}

// Comparisons re-read both lists at each step too (__eq__ and __lt__ may change them).
// Returns false when op is not a comparison.
bool list_compare(ListObj* a, ListObj* b, BinaryOp op, bool* result) {
  if ((op == kBinEqual || op == kBinNotEqual) && a->len != b->len) {
    *result = op == kBinNotEqual;
    return true;
  }
  for (size_t i = 0; i < a->len && i < b->len; i++) {
    Value x = a->items[i], y = b->items[i];
    if (x == y || equal(x, y)) continue;
    if (op == kBinEqual || op == kBinNotEqual) {
      *result = op == kBinNotEqual;
    } else {
      *result = is_true(binary_op(op, x, y));
    }
    return true;
  }
  size_t na = a->len, nb = b->len;
  switch (op) {
    case kBinEqual:
      *result = na == nb;
      return true;
    case kBinNotEqual:
      *result = na != nb;
      return true;
    case kBinLess:
      *result = na < nb;
      return true;
    case kBinMore:
      *result = na > nb;
      return true;
    case kBinLessEqual:
      *result = na <= nb;
      return true;
    case kBinMoreEqual:
      *result = na >= nb;
      return true;
    default:
      return false;
  }
}

Value list_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  Value l = list_new(0, nullptr);
  if (n_args > 0) list_extend(l, args[0]);
  return l;
}

Value list_unary(UnaryOp op, Value self) {
  ListObj* l = as<ListObj>(self);
  if (op == kUnaryBool) return bool_value(l->len != 0);
  if (op == kUnaryLen) return small_int(static_cast<Int>(l->len));
  return kNull;
}

Value list_binary(BinaryOp op, Value lhs, Value rhs) {
  ListObj* a = as<ListObj>(lhs);
  switch (op) {
    case kBinMul:
    case kBinInplaceMul: {
      Int n;
      if (!int_get_maybe(rhs, &n)) return kNull;
      if (n < 0 || a->len == 0) n = 0;  // [] * 10**18 is [] at once
      if (op == kBinInplaceMul) {
        size_t old = a->len;
        list_grow(a, seq_repeat_len(old, n, sizeof(Value)));
        for (Int i = 1; i < n; i++)
          mem_copy(a->items + i * old, a->items, old * sizeof(Value));
        a->len = old * n;
        return lhs;
      }
      Value r = list_new(seq_repeat_len(a->len, n, sizeof(Value)), nullptr);
      for (Int i = 0; i < n; i++)
        mem_copy(as<ListObj>(r)->items + i * a->len, a->items, a->len * sizeof(Value));
      return r;
    }
    case kBinIn:
      for (size_t i = 0; i < a->len; i++) {
        if (equal(a->items[i], rhs)) return kTrue;
      }
      return kFalse;
    case kBinInplaceAdd:
      list_extend(lhs, rhs);
      return lhs;
    default:
      break;
  }
  if (!is_instance(rhs, &list_type)) return kNull;
  ListObj* b = as<ListObj>(rhs);
  if (op == kBinAdd) {
    Value r = list_new(a->len + b->len, nullptr);
    mem_copy(as<ListObj>(r)->items, a->items, a->len * sizeof(Value));
    mem_copy(as<ListObj>(r)->items + a->len, b->items, b->len * sizeof(Value));
    return r;
  }
  bool result;
  if (list_compare(a, b, op, &result)) return bool_value(result);
  return kNull;
}

// Replaces items [start, stop) with the given values.
void list_splice(ListObj* l, size_t start, size_t stop, size_t n, const Value* items) {
  size_t removed = stop - start;
  size_t new_len = l->len - removed + n;
  // The source may be this very list (a[1:] = a): then copy it first.
  bool alias = n && items >= l->items && items < l->items + l->alloc;
  Value* src = const_cast<Value*>(items);
  if (alias) {
    src = static_cast<Value*>(gc_alloc(n * sizeof(Value)));
    mem_copy(src, items, n * sizeof(Value));
  }
  list_grow(l, new_len);
  mem_move(l->items + start + n, l->items + stop, (l->len - stop) * sizeof(Value));
  mem_copy(l->items + start, src, n * sizeof(Value));
  for (size_t i = new_len; i < l->len; i++)
    l->items[i] = kNull;
  l->len = new_len;
  if (alias) gc_free(src);
}

Value list_subscr(Value self, Value index, Value value) {
  ListObj* l = as<ListObj>(self);
  if (is_type(index, &slice_type)) {
    SliceRange r;
    slice_indices(index, l->len, &r);
    if (value == kSentinel) {
      Value res = list_new(r.len, nullptr);
      for (size_t i = 0; i < r.len; i++)
        as<ListObj>(res)->items[i] = l->items[r.start + static_cast<Int>(i) * r.step];
      return res;
    }
    if (value == kNull) {
      if (r.step == 1) {
        list_splice(l, r.start, r.start + r.len, 0, nullptr);
      } else {
        // Delete every step-th item: compact the survivors.
        Int lo = r.step > 0 ? r.start : r.start + static_cast<Int>(r.len - 1) * r.step;
        Int st = r.step > 0 ? r.step : -r.step;
        size_t w = 0;
        for (size_t i = 0; i < l->len; i++) {
          Int ii = static_cast<Int>(i);
          bool del = ii >= lo && (ii - lo) % st == 0 && static_cast<size_t>((ii - lo) / st) < r.len;
          if (!del) l->items[w++] = l->items[i];
        }
        for (size_t i = w; i < l->len; i++)
          l->items[i] = kNull;
        l->len = w;
      }
      return kNone;
    }
    size_t n;
    Value* items;
    seq_items(value, &n, &items);
    if (r.step == 1) {
      size_t stop = r.start + r.len;
      if (static_cast<Int>(stop) < r.start) stop = r.start;
      list_splice(l, r.start, stop, n, items);
    } else {
      if (n != r.len) {
        raise_fmt(&exc_ValueError,
                  "attempt to assign sequence of size %u to extended slice of size %u",
                  static_cast<unsigned>(n), static_cast<unsigned>(r.len));
      }
      if (n && items == l->items) {
        // l[::-1] = l: the writes would overwrite items still to be read.
        Value* copy = static_cast<Value*>(gc_alloc(n * sizeof(Value)));
        mem_copy(copy, items, n * sizeof(Value));
        items = copy;
      }
      for (size_t i = 0; i < n; i++)
        l->items[r.start + static_cast<Int>(i) * r.step] = items[i];
    }
    return kNone;
  }
  size_t i = seq_index(&list_type, l->len, index, false);
  if (value == kSentinel) return l->items[i];
  if (value == kNull) {
    mem_move(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(Value));
    l->items[--l->len] = kNull;
    return kNone;
  }
  l->items[i] = value;
  return kNone;
}

Value list_iternext(Value self) {
  ListIterObj* it = as<ListIterObj>(self);
  ListObj* l = as<ListObj>(it->list);
  if (it->index >= l->len) return kNull;
  return l->items[it->index++];
}

const Type list_iter_type = {
    .type = &type_type, .name = Q_iterator, .flags = kTypeIterIsSelf, .iternext = list_iternext};

Value list_getiter(Value self) {
  ListIterObj* it = gc_new<ListIterObj>(&list_iter_type);
  it->list = self;
  it->index = 0;
  return val(it);
}

// --- methods ---------------------------------------------------------------------
Value list_append_m(size_t, const Value* args, const KwArgs*) {
  list_append(args[0], args[1]);
  return kNone;
}
Value list_extend_m(size_t, const Value* args, const KwArgs*) {
  list_extend(args[0], args[1]);
  return kNone;
}
Value list_insert_m(size_t, const Value* args, const KwArgs*) {
  ListObj* l = as<ListObj>(args[0]);
  Int i = int_get(args[1]);
  if (i < 0) i += static_cast<Int>(l->len);
  if (i < 0) i = 0;
  if (static_cast<size_t>(i) > l->len) i = static_cast<Int>(l->len);
  list_grow(l, l->len + 1);
  mem_move(l->items + i + 1, l->items + i, (l->len - i) * sizeof(Value));
  l->items[i] = args[2];
  l->len++;
  return kNone;
}
Value list_pop_m(size_t n_args, const Value* args, const KwArgs*) {
  return list_pop(args[0], n_args > 1 ? int_get(args[1]) : -1);
}
Value list_remove_m(size_t, const Value* args, const KwArgs*) {
  ListObj* l = as<ListObj>(args[0]);
  for (size_t i = 0; i < l->len; i++) {
    if (equal(l->items[i], args[1])) {
      // __eq__ may have shrunk the list: only remove what is still there.
      if (i < l->len) {
        mem_move(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(Value));
        l->items[--l->len] = kNull;
      }
      return kNone;
    }
  }
  raise_msg(&exc_ValueError, "object not in sequence");
}
Value list_clear_m(size_t, const Value* args, const KwArgs*) {
  ListObj* l = as<ListObj>(args[0]);
  l->len = 0;
  l->alloc = 0;
  l->items = nullptr;
  return kNone;
}
Value list_copy_m(size_t, const Value* args, const KwArgs*) {
  ListObj* l = as<ListObj>(args[0]);
  return list_new(l->len, l->items);
}
Value list_count_m(size_t, const Value* args, const KwArgs*) {
  ListObj* l = as<ListObj>(args[0]);
  Int n = 0;
  for (size_t i = 0; i < l->len; i++)
    n += equal(l->items[i], args[1]);
  return small_int(n);
}
Value list_index_m(size_t n_args, const Value* args, const KwArgs*) {
  ListObj* l = as<ListObj>(args[0]);
  Int start = n_args > 2 ? int_get(args[2]) : 0;
  Int stop = n_args > 3 ? int_get(args[3]) : static_cast<Int>(l->len);
  Int n = static_cast<Int>(l->len);
  if (start < 0) start = start + n < 0 ? 0 : start + n;
  if (stop < 0) stop += n;
  if (stop > n) stop = n;
  for (Int i = start; i < stop && i < static_cast<Int>(l->len); i++) {  // __eq__ may shrink l
    if (equal(l->items[i], args[1])) return small_int(i);
  }
  raise_msg(&exc_ValueError, "object not in sequence");
}
Value list_reverse_m(size_t, const Value* args, const KwArgs*) {
  ListObj* l = as<ListObj>(args[0]);
  for (size_t a = 0, b = l->len; a + 1 < b; a++, b--) {
    Value t = l->items[a];
    l->items[a] = l->items[b - 1];
    l->items[b - 1] = t;
  }
  return kNone;
}
Value list_sort_m(size_t n_args, const Value* args, const KwArgs* kw) {
  if (n_args > 1) raise_msg(&exc_TypeError, "must use keyword argument for key function");
  for (size_t i = 0; kw && i < kw->n; i++) {
    Value k = kw->pairs[2 * i];
    if (!str_equal(k, qstr_value(Q_key)) && !str_equal(k, qstr_value(Q_reverse))) {
      raise_fmt(&exc_TypeError, "unexpected keyword argument '%S'", k);
    }
  }
  list_sort(args[0], kw_get(kw, Q_key, kNone), is_true(kw_get(kw, Q_reverse, kFalse)));
  return kNone;
}

Value list_init_m(size_t n_args, const Value* args, const KwArgs*) {
  ListObj* l = as<ListObj>(args[0]);
  l->len = 0;
  if (n_args > 1) list_extend(args[0], args[1]);
  return kNone;
}
const NativeFunObj list_init_obj = {&native_fun_type, 1, 2, 0, Q___init__, list_init_m};
const NativeFunObj list_append_obj = {&native_fun_type, 2, 2, 0, Q_append, list_append_m};
const NativeFunObj list_extend_obj = {&native_fun_type, 2, 2, 0, Q_extend, list_extend_m};
const NativeFunObj list_insert_obj = {&native_fun_type, 3, 3, 0, Q_insert, list_insert_m};
const NativeFunObj list_pop_obj = {&native_fun_type, 1, 2, 0, Q_pop, list_pop_m};
const NativeFunObj list_remove_obj = {&native_fun_type, 2, 2, 0, Q_remove, list_remove_m};
const NativeFunObj list_clear_obj = {&native_fun_type, 1, 1, 0, Q_clear, list_clear_m};
const NativeFunObj list_copy_obj = {&native_fun_type, 1, 1, 0, Q_copy, list_copy_m};
const NativeFunObj list_count_obj = {&native_fun_type, 2, 2, 0, Q_count, list_count_m};
const NativeFunObj list_index_obj = {&native_fun_type, 2, 4, 0, Q_index, list_index_m};
const NativeFunObj list_reverse_obj = {&native_fun_type, 1, 1, 0, Q_reverse, list_reverse_m};
const NativeFunObj list_sort_obj = {&native_fun_type, 1, 1, 1, Q_sort, list_sort_m};
const RomEntry list_methods_table[] = {
    {Q_append, 0, &list_append_obj}, {Q_pop, 0, &list_pop_obj},
    {Q_extend, 0, &list_extend_obj}, {Q_insert, 0, &list_insert_obj},
    {Q_remove, 0, &list_remove_obj}, {Q_clear, 0, &list_clear_obj},
    {Q_copy, 0, &list_copy_obj},     {Q_count, 0, &list_count_obj},
    {Q_index, 0, &list_index_obj},   {Q_reverse, 0, &list_reverse_obj},
    {Q_sort, 0, &list_sort_obj},     {Q___init__, 0, &list_init_obj},
};
const RomMap list_methods = {list_methods_table, sizeof(list_methods_table) / sizeof(RomEntry)};

// a < b for sorting, with a fast path for small ints.
inline bool sort_less(Value a, Value b) {
  if (is_small_int(a) && is_small_int(b)) return small_int_value(a) < small_int_value(b);
  return is_true(binary_op(kBinLess, a, b));
}

// Stable merge sort of (key, value) pairs; keys == values when there is no key.
void merge_sort(Value* keys, Value* vals, size_t n, Value* tk, Value* tv, bool reverse) {
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n;
      size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        // Take from the right only when strictly before the left (stability).
        bool take_right = reverse ? sort_less(keys[i], keys[j]) : sort_less(keys[j], keys[i]);
        if (take_right) {
          tk[k] = keys[j];
          tv[k++] = vals[j++];
        } else {
          tk[k] = keys[i];
          tv[k++] = vals[i++];
        }
      }
      while (i < mid) {
        tk[k] = keys[i];
        tv[k++] = vals[i++];
      }
      while (j < hi) {
        tk[k] = keys[j];
        tv[k++] = vals[j++];
      }
    }
    mem_copy(keys, tk, n * sizeof(Value));
    if (vals != keys) mem_copy(vals, tv, n * sizeof(Value));
  }
}

}  // namespace

const Type list_type = {.type = &type_type,
                        .name = Q_list,
                        .flags = kTypeBaseable,
                        .print = list_print,
                        .make_new = list_make_new,
                        .unary_op = list_unary,
                        .binary_op = list_binary,
                        .subscr = list_subscr,
                        .getiter = list_getiter,
                        .methods = &list_methods,
                        .base = &object_type};

Value list_new(size_t n, const Value* items) {
  ListObj* l = gc_new<ListObj>(&list_type);
  l->len = n;
  l->alloc = n;
  l->items = n ? static_cast<Value*>(gc_alloc(n * sizeof(Value))) : nullptr;
  if (items && n) mem_copy(l->items, items, n * sizeof(Value));
  return val(l);
}

void list_append(Value list, Value item) {
  ListObj* l = as<ListObj>(list);
  if (l->len == l->alloc) list_grow(l, l->len + 1);
  l->items[l->len++] = item;
}

void list_extend(Value list, Value iterable) {
  size_t n;
  Value* items;
  if (seq_get(iterable, &n, &items)) {
    ListObj* l = as<ListObj>(list);
    // l.extend(l) / l += l: growing frees the items being copied, so read them anew.
    bool alias = items == l->items;
    list_grow(l, l->len + n);
    if (alias) items = l->items;
    mem_move(l->items + l->len, items, n * sizeof(Value));
    l->len += n;
    return;
  }
  Value it = getiter(iterable);
  for (Value v; (v = iternext(it)) != kNull;)
    list_append(list, v);
}

Value list_pop(Value list, Int index) {
  ListObj* l = as<ListObj>(list);
  if (l->len == 0) raise_msg(&exc_IndexError, "pop from empty list");
  size_t i = seq_index(&list_type, l->len, small_int(index), false);
  Value v = l->items[i];
  mem_move(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(Value));
  l->items[--l->len] = kNull;
  // Give memory back when the list shrinks a lot.
  if (l->alloc > 16 && l->len < l->alloc / 4) {
    l->items = static_cast<Value*>(gc_realloc(l->items, (l->alloc / 2) * sizeof(Value)));
    l->alloc /= 2;
  }
  return v;
}

void list_sort(Value list, Value key, bool reverse) {
  ListObj* l = as<ListObj>(list);
  size_t n = l->len;
  if (n < 2) return;
  // Key functions and __lt__ may change the list (even reallocate its items): sort a
  // private copy and store it back only if the list still has its shape.
  Value* items = l->items;
  Value* vals = static_cast<Value*>(gc_alloc(n * sizeof(Value)));
  mem_copy(vals, items, n * sizeof(Value));
  Value* keys = vals;
  if (key != kNone) {
    keys = static_cast<Value*>(gc_alloc(n * sizeof(Value)));
    for (size_t i = 0; i < n; i++)
      keys[i] = call1(key, vals[i]);
  }
  Value* tk = static_cast<Value*>(gc_alloc(n * sizeof(Value)));
  Value* tv = keys == vals ? tk : static_cast<Value*>(gc_alloc(n * sizeof(Value)));
  merge_sort(keys, vals, n, tk, tv, reverse);
  if (l->items != items || l->len != n) raise_msg(&exc_ValueError, "list modified during sort");
  mem_copy(l->items, vals, n * sizeof(Value));
}

}  // namespace vpy
