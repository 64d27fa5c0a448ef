// The array module: array.array, typed arrays of numbers (MicroPython's typecodes; see
// buffers.h). Indexing, slicing, comparison, iteration and the buffer protocol are the
// slots bytearray has (obj_bytearray.cpp); only construction and printing are the array's own.
#include "buffers.h"

#if VPY_MODULE_ARRAY

namespace vpy {

namespace {

Value array_make_new(const Type*, size_t n_args, size_t, const Value* args) {
  if (n_args < 1 || n_args > 2) raise_arg_count(2, n_args);
  size_t n;
  const char* code = str_data(args[0], &n);
  if (n != 1 || typecode_size(code[0]) == 0) raise_msg(&exc_ValueError, "bad typecode");
  char tc = code[0];
  if (n_args == 1) return val(array_alloc(&array_type, tc, 0));
  Value init = args[1];
  const Type* it = builtin_type_of(init);
  size_t sz = typecode_size(tc);
  if (it == &bytes_type || it == &bytearray_type) {
    // Raw items from bytes (whole items only; CPython raises for a partial one).
    size_t len;
    const char* s = str_data(init, &len);
    ArrayObj* a = array_alloc(&array_type, tc, len / sz * sz);
    mem_copy(a->data, s, a->len);
    return val(a);
  }
  // Anything else is iterated item by item; room is made at once when the length is known.
  Value n_items = len_maybe(init);
  ArrayObj* a = array_alloc(&array_type, tc, n_items == kNull ? 0 : small_int_value(n_items) * sz);
  a->len = 0;
  Value it_obj = getiter(init);
  for (Value x; (x = iternext(it_obj)) != kNull;) {
    Value margs[2] = {val(a), x};
    array_append_obj.fn(2, margs, nullptr);
  }
  return val(a);
}

void array_print(const Printer* p, Value self, PrintKind) {
  ArrayObj* a = as<ArrayObj>(self);
  print_fmt(p, "array('%c'", a->typecode);
  if (a->len) {
    size_t sz = typecode_size(a->typecode);
    print_str(p, ", [");
    for (size_t i = 0; i < a->len; i += sz) {
      if (i) print_str(p, ", ");
      print_value(p, buf_item_get(a->typecode, a->data + i), kPrintRepr);
    }
    print_str(p, "]");
  }
  print_str(p, ")");
}

const RomEntry array_methods_table[] = {
    {Q_append, 0, &array_append_obj},
    {Q_extend, 0, &array_extend_obj},
};
const RomMap array_methods = {array_methods_table, sizeof(array_methods_table) / sizeof(RomEntry)};

}  // namespace

const Type array_type = {.type = &type_type,
                         .name = Q_array,
                         .flags = kTypeBaseable,
                         .print = array_print,
                         .make_new = array_make_new,
                         .unary_op = array_slot_unary,
                         .binary_op = array_slot_binary,
                         .subscr = array_slot_subscr,
                         .getiter = buffer_slot_getiter,
                         .buffer = array_slot_buffer,
                         .methods = &array_methods,
                         .base = &object_type};

const RomEntry array_members_table[] = {
    {Q_array, 0, &array_type},
};
extern const RomMap array_members;
const RomMap array_members = {array_members_table, 1};

}  // namespace vpy

#endif  // VPY_MODULE_ARRAY
