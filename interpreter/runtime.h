// The runtime: operations on values that the VM, the builtins and the object types
// share (MicroPython's runtime.h). Each group names the file that implements it.
#pragma once

#include <stdarg.h>

#include "gc.h"
#include "nlr.h"
#include "obj.h"
#include "port.h"
#include "qstr.h"

namespace vpy {

// --- allocation helpers ------------------------------------------------------------
template <typename T>
inline T* gc_new(const Type* type, size_t extra_bytes = 0) {
  T* o = static_cast<T*>(gc_alloc(sizeof(T) + extra_bytes));
  o->type = type;
  return o;
}

// --- errors (obj_exception.cpp, runtime.cpp) -----------------------------------------
[[noreturn]] void raise(Value exc);  // an exception instance or class
[[noreturn]] void raise_msg(const Type* type, const char* msg);
[[noreturn]] void raise_fmt(const Type* type, const char* fmt, ...);
[[noreturn]] void raise_memory_error(size_t bytes);
[[noreturn]] void raise_recursion();
[[noreturn]] void raise_arg_count(size_t want, size_t got);
[[noreturn]] void raise_stop_iteration(Value value);
[[noreturn]] void raise_os_error(int err);
Value exception_new(const Type* type, size_t n_args, const Value* args);
Value exception_new_msg(const Type* type, const char* msg);
Value exception_make(Value exc_or_type);  // instantiates a class; checks BaseException
void exception_add_traceback(Value exc, Qstr file, size_t line, Qstr block);
void exception_clear_traceback(Value exc);
void exception_print(const Printer* p, Value exc);  // traceback and message
Value exception_first_arg(Value exc);               // args[0] or None
bool exception_match(Value exc, Value type_or_tuple);
void exception_attr(Value self, Qstr name, Value* dest);
void c_stack_check();             // RuntimeError when the C stack is nearly used up
const char* errno_name(int err);  // "ENOENT" and friends, or nullptr (mod_errno.cpp)
// Runs fn(ctx) and catches what it raises: true and *result when it returned,
// false and *exc when it raised. Keeps setjmp out of callers' frames.
bool protected_call(Value (*fn)(void* ctx), void* ctx, Value* result, Value* exc);

// --- printing (print.cpp) --------------------------------------------------------------
extern const Printer port_printer;
extern const Printer port_err_printer;
void print_strn(const Printer* p, const char* s, size_t len);
inline void print_str(const Printer* p, const char* s) {
  print_strn(p, s, strlen(s));
}
// %d %u %x (int/unsigned), %D (Int), %U (size_t), %s %.*s (C string), %c, %q (Qstr),
// %S (str() of a Value), %R (repr() of a Value), %T (type name of a Value).
void print_fmt(const Printer* p, const char* fmt, ...);
void print_vfmt(const Printer* p, const char* fmt, va_list ap);
void print_value(const Printer* p, Value v, PrintKind kind);
void print_quoted(const Printer* p, const char* s, size_t len, bool is_bytes);

// Growable byte buffer in the GC heap (for building strings).
struct Vstr {
  char* buf;
  size_t len;
  size_t alloc;
};
void vstr_init(Vstr* v, size_t alloc);
void vstr_add_strn(Vstr* v, const char* s, size_t len);
inline void vstr_add_str(Vstr* v, const char* s) {
  vstr_add_strn(v, s, strlen(s));
}
void vstr_add_char(Vstr* v, char c);
void vstr_add_unichar(Vstr* v, uint32_t c);  // UTF-8 encodes
char* vstr_extend(Vstr* v, size_t len);      // room for len more bytes
Printer vstr_printer(Vstr* v);
Value vstr_to_str(Vstr* v);  // hands the buffer to a new str
Value vstr_to_bytes(Vstr* v);

// --- int (obj_int.cpp, obj_bigint.cpp) --------------------------------------------------
Value int_from(Int i);
Value int_from_u64(uint64_t u);
Value int_from_i64(int64_t i);
Value int_from_float(Float f);                           // truncates; raises for inf/nan
Value int_parse(const char* s, size_t len, int base);    // raises ValueError
Int int_get(Value v);                                    // raises TypeError / OverflowError
bool int_get_maybe(Value v, Int* out);                   // false if not an int or too large
int64_t int_get_i64(Value v);                            // raises OverflowError beyond 64 bits
uint64_t int_get_u64_trunc(Value v);                     // modulo 2**64, for struct packing
Float int_to_float(Value v);                             // for small and big ints
Value int_binary_op(BinaryOp op, Value lhs, Value rhs);  // both ints (or bools)
Value int_unary_op(UnaryOp op, Value v);
void int_print(const Printer* p, Value v, int base, bool prefix);
Value int_to_str(Value v, int base);  // str of digits (for format())
bool int_is_neg(Value v);
int int_compare(Value a, Value b);  // both ints: -1, 0, 1
Value int_to_bytes(Value v, size_t len, bool big_endian, bool is_signed);
Value int_from_bytes(const uint8_t* buf, size_t len, bool big_endian, bool is_signed);
Uint int_hash(Value v);
Value int_pow3(Value base, Value exp, Value mod);  // pow(a, b, m)
Value bigint_normalize_value(BigIntObj* b);        // small int when it fits
BigIntObj* bigint_from_value(Value v);  // small or big int -> fresh or existing BigIntObj

// --- float (obj_float.cpp) --------------------------------------------------------------
Value float_new(Float f);
Float float_get(Value v);  // int or float; raises TypeError
bool float_get_maybe(Value v, Float* out);
Value float_binary_op(BinaryOp op, Float lhs, Value rhs);
void float_format(Vstr* out, Float f, char fmt, int prec, bool alt);  // like printf %e %f %g
void float_repr(Vstr* out, Float f);  // shortest round-tripping form, as Python's repr
Uint float_hash(Float f);

// --- str and bytes (obj_str.cpp, str_format.cpp) ----------------------------------------
Value str_new(const char* s, size_t len);  // UTF-8 text, copied
Value str_new_cstr(const char* s);
Value str_new_qstr_maybe(const char* s, size_t len);  // interned when already known
Value str_intern(Value s);                            // str -> qstr immediate
Value bytes_new(const void* data, size_t len);
StrObj* str_alloc(const Type* type, size_t len);  // uninitialised text of len bytes
Value str_finish(StrObj* s);                      // computes clen; returns the value
const char* str_data(Value v, size_t* len);       // str, qstr or bytes
inline const char* str_cdata(Value v) {
  size_t n;
  return str_data(v, &n);
}
size_t str_char_len(Value v);
uint32_t str_hash(Value v);
bool str_equal(Value a, Value b);
Qstr str_to_qstr(Value v);                // interns
Value str_modulo(Value fmt, Value args);  // "..." % args
Value str_format_method(size_t n_args, const Value* args, const KwArgs* kw);
void format_value_spec(Vstr* out, Value v, const char* spec, size_t spec_len);  // format(v, spec)
Value format_builtin(Value v, Value spec);
size_t utf8_char_len(const char* s, size_t len);
const char* utf8_index(const char* s, size_t len, size_t char_index);
uint32_t utf8_decode(const char** s);
Value bytes_from_iterable(const Type* type, Value arg);

// --- sequences (obj_tuple.cpp, obj_list.cpp, sequence.cpp) -------------------------------
Value tuple_new(size_t n, const Value* items);  // items may be nullptr (then kNull)
Value empty_tuple_value();                      // the shared () (never modify it)
Value list_new(size_t n, const Value* items);
void list_append(Value list, Value item);
void list_extend(Value list, Value iterable);
Value list_pop(Value list, Int index);
void list_sort(Value list, Value key, bool reverse);
// Items of a tuple or list without copying; false for other types.
bool seq_get(Value seq, size_t* n, Value** items);
// Items of any iterable: a tuple or list in place, anything else copied into a list.
void seq_items(Value iterable, size_t* n, Value** items);
size_t seq_index(const Type* type, size_t len, Value index, bool allow_end);
// len * n items of item_size bytes for seq * n (n < 0 counts as 0); MemoryError when the
// byte size cannot even be represented.
size_t seq_repeat_len(size_t len, Int n, size_t item_size);  // raises IndexError
struct SliceRange {
  Int start, stop, step;
  size_t len;
};
void slice_indices(Value slice, size_t len, SliceRange* out);
Value slice_new(Value start, Value stop, Value step);
Value range_new(Int start, Int stop, Int step);
bool seq_equal_items(size_t na, const Value* a, size_t nb, const Value* b);
int seq_compare_items(size_t na, const Value* a, size_t nb, const Value* b, BinaryOp op,
                      bool* result);
void seq_print(const Printer* p, const char* open, const char* close, size_t n, const Value* items);

// --- dict, set and maps (map.cpp, obj_dict.cpp, obj_set.cpp) --------------------------------
enum MapLookup { kMapFind, kMapAdd, kMapRemove };
void map_init(Map* m, size_t n);
MapEntry* map_lookup(Map* m, Value key, MapLookup kind);  // kMapAdd sets value to kNull if new
MapEntry* map_lookup_qstr(Map* m, Qstr q);
void map_clear(Map* m);
void map_copy(Map* dst, const Map* src);
Value dict_new(size_t n);
Value dict_get(Value d, Value key);  // kNull if missing
Value dict_get_qstr(Value d, Qstr q);
void dict_store(Value d, Value key, Value value);
void dict_store_qstr(Value d, Qstr q, Value value);
bool dict_delete(Value d, Value key);
void dict_update(Value d, Value other);  // dict or iterable of pairs
Map* dict_map(Value d);
Value set_new(const Type* type, Value iterable);  // iterable may be kNull
void dict_slot_print(const Printer* p, Value self, PrintKind k);
Value dict_slot_make_new(const Type* t, size_t n_args, size_t n_kw, const Value* args);
Value dict_slot_unary(UnaryOp op, Value self);
Value dict_slot_binary(BinaryOp op, Value a, Value b);
Value dict_slot_subscr(Value self, Value index, Value value);
Value dict_slot_getiter(Value self);
extern const RomMap dict_methods_rom;
void set_add(Value set, Value item);
bool set_contains(Value set, Value item);
Value rom_map_find(const RomMap* m, Qstr q);  // kNull if absent

// --- functions and calls (obj_fun.cpp, runtime.cpp) ----------------------------------------
Value call(Value fun, size_t n_args, size_t n_kw, const Value* args);
inline Value call0(Value fun) {
  return call(fun, 0, 0, nullptr);
}
Value call1(Value fun, Value a);
Value call2(Value fun, Value a, Value b);
// Calls a method found with load_method: dest[0]=fun, dest[1]=self or kNull, then the args.
Value call_method_n(size_t n_args, size_t n_kw, const Value* dest_and_args);
Value call_method(Value obj, Qstr name, size_t n_args, const Value* args);
Value call_ex(Value fun, Value args_tuple, Value kwargs_dict);  // f(*args, **kwargs)
void arg_check(size_t n_args, size_t min, size_t max, const KwArgs* kw, bool takes_kw);
Value kw_get(const KwArgs* kw, Qstr name, Value dflt);
Value bound_meth_new(Value self, Value fun);
Value native_fun_call(Value self, size_t n_args, size_t n_kw, const Value* args);

// --- attributes (runtime.cpp, obj_type.cpp) ----------------------------------------------
Value load_attr(Value obj, Qstr name);
Value load_attr_maybe(Value obj, Qstr name);  // kNull if missing
void store_attr(Value obj, Qstr name, Value value);
void delete_attr(Value obj, Qstr name);
void load_method(Value obj, Qstr name, Value* dest);        // raises AttributeError
void load_method_maybe(Value obj, Qstr name, Value* dest);  // dest[0]=kNull if missing
Value type_lookup(const Type* t, Qstr name);             // MRO lookup of a class attribute, kNull
void generic_attr(Value self, Qstr name, Value* dest);   // builtin types' methods
void instance_attr(Value self, Qstr name, Value* dest);  // instances of user classes
Value instance_dict(Value self);                         // kNull if none
// Instances of classes derived from builtin types (class S(str)) hold the builtin value in a
// sub-object (obj.h: InstanceObj). native_value gives that value, and any other value as is;
// as_native gives v or its builtin value when that has t's layout (is_instance), else kNull.
Value native_value(Value v);
Value as_native(Value v, const Type* t);
Value type_new_class(Qstr name, Value bases, Value dict);
Value type_call_special(Value self, Qstr method, size_t n, const Value* args, bool* found);

// --- operators and protocols (runtime.cpp) ---------------------------------------------
Value unary_op(UnaryOp op, Value v);
Value binary_op(BinaryOp op, Value lhs, Value rhs);
bool is_true(Value v);
bool equal(Value a, Value b);
Uint hash_value(Value v);  // raises TypeError for unhashable
size_t len_of(Value v);
Value len_maybe(Value v);  // kNull if no length
Value subscr_load(Value obj, Value index);
void subscr_store(Value obj, Value index, Value value);
void subscr_delete(Value obj, Value index);
Value getiter(Value obj);
Value iternext(Value it);        // kNull when exhausted
Value iternext_raise(Value it);  // raises StopIteration when exhausted
bool contains(Value container, Value item);
Value repr_of(Value v);
Value str_of(Value v);
void unpack_sequence(Value seq, size_t n, Value* out);  // out[0] gets the last item
void unpack_ex(Value seq, size_t before, size_t after, Value* out);
Value value_index(Value v);  // __index__: an int or TypeError

// --- modules and import (modules.cpp) ------------------------------------------------
Value module_new(Qstr name);
Value import_name(Qstr name, Value fromlist, Int level);
Value import_from(Value module, Qstr name);
void import_all(Value module, Value globals);
Value builtin_module_lookup(Qstr name);  // kNull if no such builtin module
Value module_globals(Value module);

// --- compiling and running source (compile.cpp, runtime.cpp) -------------------------
enum CompileMode { kCompileFile, kCompileSingle, kCompileEval };
// Compiles source into a module-level function object bound to globals.
// With names_are_globals false, top-level names use the frame's own names dict
// (exec/eval with a separate locals mapping).
Value compile_source(const char* src, size_t len, Qstr filename, CompileMode mode, Value globals,
                     bool names_are_globals = true);
Value exec_source(const char* src, size_t len, Qstr filename, CompileMode mode, Value globals);
// Runs a statement list at the top level: prints uncaught exceptions. Returns -1
// when it completed, the SystemExit code (0..255), or kExitUncaught.
constexpr int kExitUncaught = 256;
int exec_toplevel(const char* src, size_t len, Qstr filename, CompileMode mode, Value globals);

// --- runtime lifecycle (runtime.cpp) ------------------------------------------------
struct InitConfig {
  void* heap;
  size_t heap_size;
  size_t vm_stack_words;  // 0 = default
  char* c_stack_base;     // address near the top of the C stack
  size_t c_stack_limit;   // 0 = default
  // The port hands over memory that is already all zero (host: calloc, whose fresh pages the
  // OS maps in only when touched), so the collector need not clear it, and the process's
  // resident memory grows with the heap actually used instead of the heap's size.
  bool heap_zeroed = false;
};
void runtime_init(const InitConfig* cfg);
void runtime_mark_roots();
// Raises KeyboardInterrupt if requested (or the budget is spent); runs pending events
// (micropython.schedule's callbacks, the port's IRQ callbacks) and lets their exceptions through.
void runtime_poll_interrupt();
// micropython.schedule: queues fun(arg) for the next poll; RuntimeError when the queue is full.
void runtime_schedule(Value fun, Value arg);
// Runs pending events now, printing (not raising) what a callback raises: for a port waiting
// for input at the REPL prompt, so a Timer's callback keeps running there as on a board.
void runtime_run_events_idle();

#if VPY_STEP_BUDGET
extern uint32_t step_budget_left;
// Counts a step; true once the budget is spent (and for every step after that).
inline bool step_budget_spent() {
  if (step_budget_left == 0) return true;
  --step_budget_left;
  return false;
}
#define VPY_INTERRUPT_DUE() \
  (port_interrupt_pending || port_events_pending || ::vpy::step_budget_spent())
#else
#define VPY_INTERRUPT_DUE() (port_interrupt_pending || port_events_pending)
#endif

// Long native work (big-int arithmetic and printing) about to do `units` digit operations: Ctrl-C
// interrupts it before it starts, and fuzz builds charge the step budget one step per 64 units,
// so runaway arithmetic ends like a runaway loop. Call it before allocating or pinning.
inline void charge_native_work(size_t units) {
#if VPY_STEP_BUDGET
  const size_t steps = units / 64;
  if (steps >= step_budget_left) {
    step_budget_left = 0;
    runtime_poll_interrupt();
  }
  step_budget_left -= static_cast<uint32_t>(steps);
#else
  (void)units;
#endif
  if (port_interrupt_pending) runtime_poll_interrupt();
}

}  // namespace vpy
