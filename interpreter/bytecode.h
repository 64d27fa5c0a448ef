// Bytecode: the opcode list (one X-macro shared by the compiler, the VM and the
// disassembler, as in pocketpy's opcodes.h), the code object and the frame.
//
// Encoding: one opcode byte, then its operand:
//   kArgNone   nothing
//   kArgUint   unsigned LEB128 (7 bits per byte, high bit = more)
//   kArgInt    signed value, zigzag-encoded LEB128
//   kArgByte   one byte
//   kArgJump   signed 16-bit little-endian offset from the end of the instruction
//   kArgQstr   qstr id as kArgUint
//   kArgTwo    two kArgUint values
//   kArgQstrCache  qstr id as kArgUint, then a 16-bit little-endian cache slot the
//              VM fills with the map entry where the name was last found
#pragma once

#include "obj.h"

namespace vpy {

enum OpArg : uint8_t {
  kArgNone,
  kArgUint,
  kArgInt,
  kArgByte,
  kArgJump,
  kArgQstr,
  kArgTwo,
  kArgQstrCache,
};

// X(name, operand kind, stack effect for the compiler's depth tracking; 99 = varies)
#define VPY_OPCODES(X)                  \
  X(NOP, kArgNone, 0)                   \
  X(POP_TOP, kArgNone, -1)              \
  X(ROT_TWO, kArgNone, 0)               \
  X(ROT_THREE, kArgNone, 0)             \
  X(DUP_TOP, kArgNone, 1)               \
  X(DUP_TOP_TWO, kArgNone, 2)           \
  X(LOAD_CONST, kArgUint, 1)            \
  X(LOAD_SMALL_INT, kArgInt, 1)         \
  X(LOAD_QSTR, kArgQstr, 1)             \
  X(LOAD_NONE, kArgNone, 1)             \
  X(LOAD_TRUE, kArgNone, 1)             \
  X(LOAD_FALSE, kArgNone, 1)            \
  X(LOAD_NULL, kArgNone, 1)             \
  X(LOAD_FAST, kArgUint, 1)             \
  X(STORE_FAST, kArgUint, -1)           \
  X(DELETE_FAST, kArgUint, 0)           \
  X(LOAD_DEREF, kArgUint, 1)            \
  X(STORE_DEREF, kArgUint, -1)          \
  X(DELETE_DEREF, kArgUint, 0)          \
  X(LOAD_CLOSURE, kArgUint, 1)          \
  X(LOAD_NAME, kArgQstr, 1)             \
  X(STORE_NAME, kArgQstr, -1)           \
  X(DELETE_NAME, kArgQstr, 0)           \
  X(LOAD_GLOBAL, kArgQstrCache, 1)      \
  X(STORE_GLOBAL, kArgQstr, -1)         \
  X(DELETE_GLOBAL, kArgQstr, 0)         \
  X(LOAD_ATTR, kArgQstrCache, 0)        \
  X(STORE_ATTR, kArgQstrCache, -2)      \
  X(DELETE_ATTR, kArgQstr, -1)          \
  X(LOAD_METHOD, kArgQstr, 1)           \
  X(LOAD_BUILD_CLASS, kArgNone, 1)      \
  X(LOAD_SUBSCR, kArgNone, -1)          \
  X(STORE_SUBSCR, kArgNone, -3)         \
  X(DELETE_SUBSCR, kArgNone, -2)        \
  X(UNARY_OP, kArgByte, 0)              \
  X(NOT, kArgNone, 0)                   \
  X(BINARY_OP, kArgByte, -1)            \
  X(JUMP, kArgJump, 0)                  \
  X(POP_JUMP_IF_FALSE, kArgJump, -1)    \
  X(POP_JUMP_IF_TRUE, kArgJump, -1)     \
  X(JUMP_IF_FALSE_OR_POP, kArgJump, 99) \
  X(JUMP_IF_TRUE_OR_POP, kArgJump, 99)  \
  X(GET_ITER, kArgNone, 0)              \
  X(FOR_ITER, kArgJump, 1)              \
  X(FOR_RANGE_SETUP, kArgUint, 99)      \
  X(FOR_RANGE, kArgJump, 1)             \
  X(BUILD_TUPLE, kArgUint, 99)          \
  X(BUILD_LIST, kArgUint, 99)           \
  X(BUILD_MAP, kArgUint, 99)            \
  X(BUILD_SET, kArgUint, 99)            \
  X(BUILD_SLICE, kArgUint, 99)          \
  X(BUILD_STRING, kArgUint, 99)         \
  X(LIST_APPEND, kArgUint, -1)          \
  X(SET_ADD, kArgUint, -1)              \
  X(MAP_ADD, kArgUint, -2)              \
  X(LIST_EXTEND, kArgUint, -1)          \
  X(SET_UPDATE, kArgUint, -1)           \
  X(DICT_UPDATE, kArgUint, -1)          \
  X(LIST_TO_TUPLE, kArgNone, 0)         \
  X(UNPACK_SEQUENCE, kArgUint, 99)      \
  X(UNPACK_EX, kArgUint, 99)            \
  X(CALL, kArgUint, 99)                 \
  X(CALL_KW, kArgTwo, 99)               \
  X(CALL_METHOD, kArgUint, 99)          \
  X(CALL_METHOD_KW, kArgTwo, 99)        \
  X(CALL_EX, kArgUint, 99)              \
  X(MAKE_FUNCTION, kArgTwo, 99)         \
  X(RETURN_VALUE, kArgNone, -1)         \
  X(RAISE, kArgUint, 99)                \
  X(RERAISE, kArgNone, -2)              \
  X(PUSH_EXC_INFO, kArgNone, 1)         \
  X(POP_EXCEPT, kArgNone, -1)           \
  X(CHECK_EXC_MATCH, kArgNone, 0)       \
  X(LOAD_ASSERTION_ERROR, kArgNone, 1)  \
  X(BEFORE_WITH, kArgNone, 1)           \
  X(WITH_EXCEPT_START, kArgNone, 1)     \
  X(YIELD_VALUE, kArgNone, 0)           \
  X(GET_YIELD_FROM_ITER, kArgNone, 0)   \
  X(YIELD_FROM, kArgNone, -1)           \
  X(GET_AWAITABLE, kArgNone, 0)         \
  X(IMPORT_NAME, kArgQstr, -1)          \
  X(IMPORT_FROM, kArgQstr, 1)           \
  X(IMPORT_STAR, kArgNone, -1)          \
  X(FORMAT_VALUE, kArgByte, 99)         \
  X(PRINT_EXPR, kArgNone, -1)

enum Opcode : uint8_t {
#define X(name, arg, effect) OP_##name,
  VPY_OPCODES(X)
#undef X
      OP_COUNT
};

// DICT_UPDATE's operand: how the mapping on top joins the dict below it. A call's
// keywords merge: a repeated key is a TypeError (f(a=1, **{'a': 2})).
enum DictUpdateKind : uint8_t { kDictUpdate = 1, kDictMergeKwargs = 2 };

extern const char* const opcode_names[OP_COUNT];
extern const uint8_t opcode_args[OP_COUNT];

enum CodeFlags : uint16_t {
  kCodeVarargs = 1 << 0,
  kCodeVarkw = 1 << 1,
  kCodeGenerator = 1 << 2,
  kCodeCoroutine = 1 << 3,
  kCodeModule = 1 << 4,     // module level: names are globals
  kCodeClassBody = 1 << 5,  // class body: names go to the class namespace
  kCodeNameOps = 1 << 6,    // uses LOAD_NAME and friends (needs frame->names)
};

// One compiled function body. Everything it points to is in the GC heap.
struct CodeObj {
  const Type* type;
  const uint8_t* code;
  Value consts;           // TupleObj of constants, or kNull
  const Qstr* names;      // name of each local slot (parameters first)
  const uint16_t* cells;  // slots that hold a cell from the start (n_cells entries)
  const uint8_t* lines;   // line table: pairs (bytecode delta, signed line delta)
  const uint16_t* exc;    // exception table: n_exc entries of (start, end, handler, depth)
  uint32_t code_len;
  uint32_t lines_len;
  Qstr name;
  Qstr file;
  uint16_t n_pos;     // positional parameters
  uint16_t n_kwonly;  // keyword-only parameters (after the positional ones)
  uint16_t n_locals;  // all slots: parameters, *args, **kwargs, locals, free vars
  uint16_t n_cells;
  uint16_t n_free;  // the last n_free slots come from the closure
  uint16_t n_exc;
  uint16_t stack_size;
  uint16_t flags;
  uint32_t first_line;
};

// A running function's state. Frames of ordinary calls are laid out one after
// another on the VM stack; a generator keeps its frame in its own heap object.
// Layout in memory: the Frame, then n_locals slots, then stack_size operand slots.
struct Frame {
  Frame* prev;
  const CodeObj* code;
  Value fun;          // FunObj (globals, closure, defaults)
  Value globals;      // DictObj
  Value names;        // DictObj for LOAD_NAME & co (module, class body), else kNull
  const uint8_t* ip;  // next instruction (saved whenever the frame may be left)
  Value* sp;          // top of the operand stack (saved likewise)
  Value gen;          // owning generator or kNull
  uint32_t flags;
  uint32_t pad;
  Value locals[];
};
enum FrameFlags : uint32_t { kFrameEntry = 1 };
inline Value* frame_stack(Frame* f) {
  return f->locals + f->code->n_locals;
}
inline size_t frame_words(const CodeObj* c) {
  return sizeof(Frame) / sizeof(Value) + c->n_locals + c->stack_size;
}

// Running bytecode (vm.cpp).
enum VmStatus { kVmReturn, kVmYield };
// Runs frame f (pushed by frame_setup or resumed from a generator) until it returns
// or yields. inject, if not kNull, is raised inside the frame first (generator.throw).
Value vm_execute(Frame* f, Value inject, VmStatus* status);
// Allocates a frame on the VM stack for fun and binds the arguments.
Frame* frame_push(Value fun, size_t n_args, size_t n_kw, const Value* args);
// Binds arguments into a frame already allocated (generators use heap frames).
void frame_bind(Frame* f, Value fun, size_t n_args, size_t n_kw, const Value* args);
void frame_pop(Frame* f);
size_t code_line_of(const CodeObj* c, const uint8_t* ip);
Value fun_call(Value fun, size_t n_args, size_t n_kw, const Value* args);
Value fun_new(Value code, Value globals, Value defaults, Value kwdefaults, Value closure);
Value gen_new(Value fun, size_t n_args, size_t n_kw, const Value* args);
// Resumes a generator: returns the yielded or returned value and sets *status.
Value gen_resume(Value gen, Value send, Value throw_exc, VmStatus* status);
void code_disassemble(const Printer* p, const CodeObj* c);

inline uint32_t bc_read_uint(const uint8_t*& ip) {
  uint32_t v = *ip & 0x7f;
  if (*ip++ & 0x80) {
    int sh = 7;
    do {
      v |= static_cast<uint32_t>(*ip & 0x7f) << sh;
      sh += 7;
    } while (*ip++ & 0x80);
  }
  return v;
}
inline Int bc_read_int(const uint8_t*& ip) {
  uint32_t z = bc_read_uint(ip);
  return (z & 1) ? -static_cast<Int>(z >> 1) - 1 : static_cast<Int>(z >> 1);
}
inline int bc_read_jump(const uint8_t*& ip) {
  int v = static_cast<int16_t>(ip[0] | (ip[1] << 8));
  ip += 2;
  return v;
}

}  // namespace vpy
