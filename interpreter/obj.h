// The object model: how a Python value is represented and what a type is.
//
// A Value is one machine word (32 bits on the RP2040, 64 on the host):
//   ...xxxx1  small int (the word shifted right by one, sign-extended)
//   ...xx010  interned string (qstr id << 3)
//   ...xx110  special constant (None, False, True, and internal sentinels)
//   ...xxx00  pointer to an object (heap blocks and static objects are 4-aligned)
// Immediates cost no allocation and compare by identity, which makes the common
// values (loop counters, attribute names, dict keys) cheap.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "config.h"

namespace vpy {

using Value = uintptr_t;
using Int = intptr_t;
using Uint = uintptr_t;
using Qstr = uint32_t;
#if VPY_FLOAT_IS_DOUBLE
using Float = double;
#else
using Float = float;
#endif

// Qstr ids known at build time: Q_name.
enum : Qstr {
#define Q(id) Q_##id,
#define QS(id, text) Q_##id,
#include "qstrdefs.h"
#undef Q
#undef QS
  kQstrPredefinedCount
};

struct Type;
struct Obj {
  const Type* type;
};

// --- tagging -------------------------------------------------------------------
constexpr Value kNull = 0;  // "no value": empty slot, unbound local, not found
constexpr Value kNone = 0x06;
constexpr Value kFalse = 0x0e;
constexpr Value kTrue = 0x16;
constexpr Value kSentinel = 0x1e;  // attr store / subscr load marker (MicroPython's protocol)

constexpr Int kSmallIntMax = INTPTR_MAX >> 1;
constexpr Int kSmallIntMin = INTPTR_MIN >> 1;

inline constexpr bool is_small_int(Value v) {
  return (v & 1) != 0;
}
inline constexpr Int small_int_value(Value v) {
  return static_cast<Int>(v) >> 1;
}
inline constexpr Value small_int(Int i) {
  return (static_cast<Uint>(i) << 1) | 1;
}
inline constexpr bool small_int_fits(Int i) {
  return i >= kSmallIntMin && i <= kSmallIntMax;
}
inline constexpr bool is_qstr(Value v) {
  return (v & 7) == 2;
}
inline constexpr Qstr qstr_of(Value v) {
  return static_cast<Qstr>(v >> 3);
}
inline constexpr Value qstr_value(Qstr q) {
  return (static_cast<Value>(q) << 3) | 2;
}
inline constexpr bool is_obj(Value v) {
  return (v & 3) == 0 && v != 0;
}
inline constexpr Value bool_value(bool b) {
  return b ? kTrue : kFalse;
}
inline Obj* as_obj(Value v) {
  return reinterpret_cast<Obj*>(v);
}
template <typename T>
inline T* as(Value v) {
  return reinterpret_cast<T*>(v);
}
inline Value val(const void* p) {
  return reinterpret_cast<Value>(p);
}

// memcpy & co. with a zero length accept null pointers here (the C library's
// versions make that undefined behaviour, and empty containers have no buffer).
inline void mem_copy(void* d, const void* s, size_t n) {
  if (n) memcpy(d, s, n);
}
inline void mem_move(void* d, const void* s, size_t n) {
  if (n) memmove(d, s, n);
}
inline void mem_set(void* d, int c, size_t n) {
  if (n) memset(d, c, n);
}
inline int mem_cmp(const void* a, const void* b, size_t n) {
  return n ? memcmp(a, b, n) : 0;
}
inline const void* mem_chr(const void* s, int c, size_t n) {
  return n ? memchr(s, c, n) : nullptr;
}

// --- operators -----------------------------------------------------------------
enum UnaryOp : uint8_t {
  kUnaryBool,  // truth value; returns kTrue/kFalse
  kUnaryLen,   // returns an int (small but for huge ranges)
  kUnaryHash,  // returns small int
  kUnaryPos,
  kUnaryNeg,
  kUnaryInvert,
  kUnaryAbs,
  kUnaryNot,  // handled by the runtime, never by a type
  kUnaryCount,
};

// Binary operators. The in-place forms follow the plain forms at a fixed offset
// so that a type may treat them alike; reflected forms exist only for dispatch to
// user classes (__radd__).
enum BinaryOp : uint8_t {
  kBinLess,
  kBinMore,
  kBinEqual,
  kBinLessEqual,
  kBinMoreEqual,
  kBinNotEqual,
  kBinIn,
  kBinIs,
  kBinExcMatch,
  kBinOr,
  kBinXor,
  kBinAnd,
  kBinLShift,
  kBinRShift,
  kBinAdd,
  kBinSub,
  kBinMul,
  kBinMatMul,
  kBinFloorDiv,
  kBinTrueDiv,
  kBinMod,
  kBinPow,
  kBinInplaceOr,
  kBinInplaceXor,
  kBinInplaceAnd,
  kBinInplaceLShift,
  kBinInplaceRShift,
  kBinInplaceAdd,
  kBinInplaceSub,
  kBinInplaceMul,
  kBinInplaceMatMul,
  kBinInplaceFloorDiv,
  kBinInplaceTrueDiv,
  kBinInplaceMod,
  kBinInplacePow,
  kBinNotIn,  // compiled only; the runtime turns it into `not in`
  kBinIsNot,
  kBinDivMod,  // divmod(); dispatched like an operator
  kBinCount,
};
constexpr int kBinInplaceOffset = kBinInplaceOr - kBinOr;

// --- printing ------------------------------------------------------------------
enum PrintKind : uint8_t { kPrintStr, kPrintRepr };
struct Printer {
  void (*write)(void* ctx, const char* data, size_t len);
  void* ctx;
};

// --- buffer protocol -------------------------------------------------------------
struct Buffer {
  void* data;
  size_t len;
  char typecode;  // 'B' for bytes-like
};
enum BufferFlags : int { kBufferRead = 1, kBufferWrite = 2 };

// --- keyword arguments as passed to native functions ---------------------------
// Keyword arguments stay where the caller put them: pairs of (name qstr, value).
struct KwArgs {
  size_t n;
  const Value* pairs;
};

// --- types ---------------------------------------------------------------------
using PrintFn = void (*)(const Printer* p, Value self, PrintKind kind);
using MakeNewFn = Value (*)(const Type* type, size_t n_args, size_t n_kw, const Value* args);
using CallFn = Value (*)(Value self, size_t n_args, size_t n_kw, const Value* args);
using UnaryFn = Value (*)(UnaryOp op, Value self);              // kNull: not supported
using BinaryFn = Value (*)(BinaryOp op, Value lhs, Value rhs);  // kNull: not supported
// Attribute protocol (as MicroPython's): load: dest[0]==kNull on entry; set dest[0]
// to the value, or dest[0]=function and dest[1]=self for a method. Store:
// dest[0]==kSentinel, dest[1]=value (kNull to delete); set dest[0]=kNull if done.
using AttrFn = void (*)(Value self, Qstr name, Value* dest);
// Subscript: value==kSentinel loads, kNull deletes, anything else stores.
using SubscrFn = Value (*)(Value self, Value index, Value value);
using GetIterFn = Value (*)(Value self);
using IterNextFn = Value (*)(Value self);  // kNull when exhausted
using BufferFn = bool (*)(Value self, Buffer* buf, int flags);

struct MapEntry {
  Value key;
  Value value;
};
// A table of names in flash: methods of a builtin type, members of a builtin module.
// An entry names either an object (obj) or an immediate value (imm, when obj is
// null): both forms are constant expressions, so tables need no start-up code
// and stay out of RAM.
struct RomEntry {
  Qstr name;
  Value imm;
  const void* obj;
};
struct RomMap {
  const RomEntry* entries;
  size_t n;
};
inline Value rom_entry_value(const RomEntry& e) {
  return e.obj ? reinterpret_cast<Value>(e.obj) : e.imm;
}

enum TypeFlags : uint16_t {
  kTypeUser = 1 << 0,            // a class statement made it (heap Type)
  kTypeException = 1 << 1,       // BaseException or a subclass
  kTypeBaseable = 1 << 2,        // may be subclassed (so may any type with make_new but bool)
  kTypeInstanceDict = 1 << 3,    // instances carry a dict (InstanceObj or ExceptionObj)
  kTypeEqByIdentity = 1 << 4,    // == is identity (fast path in comparisons)
  kTypeIterIsSelf = 1 << 5,      // iter(x) is x (iterators)
  kTypeHasGetattr = 1 << 6,      // user class defines __getattr__
  kTypeHasDescriptors = 1 << 7,  // user class (or a base) defines property-like attributes
  kTypeHasSetattr = 1 << 8,      // user class defines __setattr__/__delattr__
  kTypeHasDel = 1 << 9,
};

struct Type {
  const Type* type;  // always &type_type
  Qstr name;
  uint16_t flags = 0;
  PrintFn print = nullptr;
  MakeNewFn make_new = nullptr;
  CallFn call = nullptr;
  UnaryFn unary_op = nullptr;
  BinaryFn binary_op = nullptr;
  AttrFn attr = nullptr;
  SubscrFn subscr = nullptr;
  GetIterFn getiter = nullptr;
  IterNextFn iternext = nullptr;
  BufferFn buffer = nullptr;
  const RomMap* methods = nullptr;  // builtin types: their methods and class attributes
  const Type* base = nullptr;       // builtin types: the parent type (nullptr for object)
  // Only for classes made by `class` (kTypeUser):
  Value dict = 0;                     // DictObj of class attributes
  Value bases = 0;                    // TupleObj of direct bases
  Value mro = 0;                      // TupleObj: the class itself first, then its ancestors
  const Type* native_base = nullptr;  // nearest builtin ancestor (object, Exception, ...)
};

// --- heap object layouts ---------------------------------------------------------
struct FloatObj {
  const Type* type;
  Float value;
};

// Arbitrary precision integer: sign and magnitude, 16-bit digits (the M0+ has only a
// 32x32->32 multiplier, so 16-bit digits keep products in a register).
struct BigIntObj {
  const Type* type;
  uint32_t neg : 1;
  uint32_t len : 31;  // digits in use; no leading zero digit; never a small-int value
  uint16_t dig[];
};

// str and bytes share one layout: bytes of data (UTF-8 for str) and a trailing NUL.
struct StrObj {
  const Type* type;
  uint32_t hash;  // 0 until computed
  uint32_t len;   // bytes
  uint32_t clen;  // characters (== len when ASCII)
  char data[];
};

struct TupleObj {
  const Type* type;
  size_t len;
  Value items[];
};

struct ListObj {
  const Type* type;
  size_t len;
  size_t alloc;
  Value* items;
};

// Insertion-ordered hash map used by dict, set, class and module namespaces.
// Entries are kept in order of insertion; a deleted entry has key kNull. Small maps
// (up to kMapLinearMax entries) have no index and are scanned linearly; larger ones
// have an open-addressing index of entry numbers.
struct Map {
  uint32_t used;   // entries in use, including deleted ones
  uint32_t count;  // live entries
  uint32_t alloc;  // capacity of entries
  uint32_t mask;   // index size - 1, or 0 without index
  MapEntry* entries;
  uint32_t* index;    // (entry number + 1), 0 = empty slot
  uint32_t str_keys;  // keys that are heap strings (not interned): 0 lets name
                      // lookups compare by qstr id alone
};
constexpr uint32_t kMapLinearMax = 8;

struct DictObj {
  const Type* type;
  Map map;
};
struct SetObj {
  const Type* type;
  Map map;  // values unused
};

struct BytearrayObj {
  const Type* type;
  size_t len;
  size_t alloc;
  uint8_t* data;
};

struct MemoryviewObj {
  const Type* type;
  Value obj;  // the object that owns the memory
  uint8_t* data;
  size_t len;  // in items
  char typecode;
  bool readonly;
};

struct RangeObj {
  const Type* type;
  Int start, stop, step;
};

struct SliceObj {
  const Type* type;
  Value start, stop, step;
};

// The iterator of range(): the VM steps it without a call.
struct RangeIterObj {
  const Type* type;
  Int cur, stop, step;
};

struct CellObj {
  const Type* type;
  Value value;  // kNull when empty
};

struct ModuleObj {
  const Type* type;
  Value globals;  // DictObj
  Qstr name;
};

// A native function: fn receives the positional arguments and the keyword pairs.
using NativeFn = Value (*)(size_t n_args, const Value* args, const KwArgs* kw);
struct NativeFunObj {
  const Type* type;
  uint16_t min_args;
  uint16_t max_args;  // 0xffff: any number
  uint16_t takes_kw;
  Qstr name;
  NativeFn fn;
};

struct CodeObj;
struct FunObj {
  const Type* type;
  const CodeObj* code;
  Value globals;     // DictObj
  Value defaults;    // TupleObj or kNull
  Value kwdefaults;  // DictObj or kNull
  Value closure;     // TupleObj of CellObj or kNull
  Value dict;        // function attributes (DictObj) or kNull
};

struct BoundMethObj {
  const Type* type;
  Value self;
  Value fun;
};

struct StaticMethodObj {  // also classmethod
  const Type* type;
  const Obj* fun;  // a pointer (not a Value) so builtin ones can live in flash
};

struct PropertyObj {
  const Type* type;
  Value fget, fset, fdel;
};

// An instance of a class made by `class`. When the class derives from a builtin type other
// than object and the exceptions (class L(list)), native holds the builtin value (a list,
// a str, an int...) that the builtin type's slots and methods work on; it is kNull until
// made (by the class's call, or on first use after a user __init__).
struct InstanceObj {
  const Type* type;
  Value dict;    // DictObj of attributes
  Value native;  // the builtin value, or kNull
};

struct ExceptionObj {
  const Type* type;
  Value args;       // TupleObj
  Value traceback;  // TracebackObj or kNull
  Value cause;      // __cause__
  Value context;    // __context__
  Value dict;       // attributes of user exception classes (DictObj or kNull)
};

struct SuperObj {
  const Type* type;
  const Type* cls;
  Value obj;
};

// --- builtin types (defined in their obj_*.cpp) ---------------------------------
extern const Type type_type, object_type, none_type, bool_type, int_type, float_type, str_type,
    bytes_type, bytearray_type, memoryview_type, tuple_type, list_type, dict_type, set_type,
    frozenset_type, range_type, slice_type, cell_type, module_type, native_fun_type, fun_type,
    code_type, bound_meth_type, staticmethod_type, classmethod_type, property_type, super_type,
    gen_type, coro_type, ellipsis_type, notimpl_type, dict_view_type, iterator_type, enumerate_type,
    zip_type, map_type, filter_type, reversed_type, range_iter_type;

// Exceptions (obj_exception.cpp).
extern const Type exc_BaseException, exc_SystemExit, exc_KeyboardInterrupt, exc_GeneratorExit,
    exc_Exception, exc_StopIteration, exc_StopAsyncIteration, exc_ArithmeticError,
    exc_OverflowError, exc_ZeroDivisionError, exc_AssertionError, exc_AttributeError, exc_EOFError,
    exc_ImportError, exc_LookupError, exc_IndexError, exc_KeyError, exc_MemoryError, exc_NameError,
    exc_UnboundLocalError, exc_OSError, exc_RuntimeError, exc_NotImplementedError,
    exc_RecursionError, exc_SyntaxError, exc_IndentationError, exc_TypeError, exc_ValueError,
    exc_UnicodeError, exc_CancelledError, exc_TimeoutError;

extern const Obj ellipsis_obj, notimpl_obj;
inline Value ellipsis_value() {
  return val(&ellipsis_obj);
}
inline Value notimpl_value() {
  return val(&notimpl_obj);
}

// Small immediates' types are implied by their tag.
inline const Type* type_of(Value v) {
  if (is_small_int(v)) return &int_type;
  if (is_qstr(v)) return &str_type;
  if ((v & 7) == 6) return v == kNone ? &none_type : &bool_type;
  return as_obj(v)->type;
}
inline bool is_type(Value v, const Type* t) {
  return is_obj(v) && as_obj(v)->type == t;
}
bool type_is_subclass(const Type* t, const Type* base);
bool type_shares_layout(const Type* t, const Type* base);  // t derives from base, same layout
// v has t's layout: v is a t, or an instance of a subclass of t laid out alike. Instances of
// classes derived from builtin types (class L(list)) keep the builtin value in a sub-object
// (runtime.h: native_value) and are no instances of list here; isinstance() is wider.
inline bool is_instance(Value v, const Type* t) {
  const Type* vt = type_of(v);
  return vt == t || type_shares_layout(vt, t);
}
inline bool is_int(Value v) {
  return is_small_int(v) || is_type(v, &int_type) || v == kTrue || v == kFalse;
}
inline bool is_str(Value v) {
  return is_qstr(v) || is_type(v, &str_type);
}
inline bool is_float(Value v) {
  return is_type(v, &float_type);
}
inline bool is_exception(Value v) {
  return is_obj(v) && (as_obj(v)->type->flags & kTypeException);
}

// --- shared helpers (runtime.cpp and friends) ------------------------------------
// Names a type for messages (its qstr name's text).
const char* type_name(const Type* t);
inline const char* type_name_of(Value v) {
  return type_name(type_of(v));
}

}  // namespace vpy
