// Typed buffers: what bytes, bytearray, array.array, memoryview, struct and io share.
// Items are kept in the machine's own byte order and read through memcpy, so a view may
// start at any address. Typecodes are MicroPython's: b B h H i I l L q Q f d, plus O (an
// object reference) and P/S (pointer-sized unsigned ints).
#pragma once

#include "runtime.h"

namespace vpy {

// array.array; a bytearray has the same layout without the typecode (its items are 'B').
// len and alloc count bytes, so growing, slicing and copying need no item size.
struct ArrayObj {
  const Type* type;
  size_t len;
  size_t alloc;
  uint8_t* data;
  char typecode;
};
static_assert(offsetof(ArrayObj, data) == offsetof(BytearrayObj, data), "bytearray is a prefix");

extern const Type array_type;  // mod_array.cpp

// The builtin type of a value; for an instance of a class derived from a builtin type
// (class X(bytearray)), the type of the builtin value it holds (runtime.h: native_value).
inline const Type* builtin_type_of(Value v) {
  const Type* t = type_of(v);
  return (t->flags & kTypeUser) ? type_of(native_value(v)) : t;
}

// --- obj_bytearray.cpp -------------------------------------------------------------------
size_t typecode_size(char tc);  // 0 for an unknown typecode
Value buf_item_get(char tc, const uint8_t* p);
void buf_item_set(char tc, uint8_t* p, Value v);  // raises TypeError/ValueError
// The buffer of any object that has one (instances of derived classes too), but not of
// str: text is no bytes-like object.
bool buffer_get(Value v, Buffer* b, int flags);
void buffer_get_raise(Value v, Buffer* b, int flags);  // TypeError when there is none
// A new bytearray (type is bytearray_type) or array of nbytes zeroed bytes.
ArrayObj* array_alloc(const Type* type, char tc, size_t nbytes);
Value bytearray_new(const void* data, size_t len);
void array_extend_from(Value self, Value src);  // a buffer (raw bytes) or an iterable of items
// Slots and methods that array.array shares with bytearray.
Value array_slot_unary(UnaryOp op, Value self);
Value array_slot_binary(BinaryOp op, Value lhs, Value rhs);
Value array_slot_subscr(Value self, Value index, Value value);
Value buffer_slot_getiter(Value self);
bool array_slot_buffer(Value self, Buffer* buf, int flags);
extern const NativeFunObj array_append_obj, array_extend_obj, bytearray_pop_obj, bytearray_copy_obj;

// --- obj_str.cpp ---------------------------------------------------------------------------
extern const NativeFunObj bytes_hex_obj;
// bytes(...) or bytearray(...) of the constructor's arguments (type says which).
Value bytes_make(const Type* type, size_t n_args, const Value* args);

}  // namespace vpy
