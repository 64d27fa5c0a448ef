// The interpreter's global state: one struct, so the collector can treat all of it
// as a root and a port can see at a glance what the VM keeps between calls.
#pragma once

#include "obj.h"

namespace vpy {

struct QstrEntry {
  const char* str;
  uint32_t len;
  uint32_t hash;
};
struct QstrPool {
  QstrEntry* entries;
  uint32_t count;
  uint32_t alloc;
  uint32_t* index;
  uint32_t index_mask;
};

struct NlrBuf;
struct Frame;

// micropython.schedule's queue depth (MicroPython's default MICROPY_SCHEDULER_DEPTH).
constexpr uint32_t kSchedDepth = 4;

struct VmState {
  QstrPool qstrs;
  NlrBuf* nlr_top;     // innermost exception handler (nlr.h)
  Value* stack_start;  // VM value stack: frames, locals and operands
  Value* stack_end;
  Value* stack_top;      // first free word
  Frame* frame;          // innermost running bytecode frame
  char* c_stack_base;    // where the C stack began (highest address)
  size_t c_stack_limit;  // bytes of C stack we allow ourselves
  Value modules;         // dict: name -> module (sys.modules)
  Value builtins;        // dict of builtin names
  Value main_module;
  Value exc_current;      // exception being handled (bare raise, sys.exc_info)
  Frame* reraise_frame;   // a re-raise from this frame adds no traceback line
  Value memory_error;     // preallocated MemoryError instance
  Value recursion_error;  // preallocated RuntimeError for stack exhaustion
  Value sys_argv;
  Value sys_path;
  Value sys_stdout;
  Value compile_cache;  // scratch root for the compiler's data
  Value repl_last;      // REPL: last printed value (`_`)
  uint32_t rand_state[4];
  int opt_level;
  bool late_descriptors;  // a descriptor was added to a class after creation
  bool gc_enabled;
  Value extra_roots[8];
  Value port_roots;  // the port's own objects (its IRQ callbacks): a GC root it may set
  // micropython.schedule's queue (runtime.cpp), run at the VM's next poll, never nested.
  Value sched_fun[kSchedDepth];
  Value sched_arg[kSchedDepth];
  uint32_t sched_len;
  bool in_events;  // running callbacks: events that come meanwhile wait until they are done
};

extern VmState vm_state;
inline VmState* vm() {
  return &vm_state;
}

}  // namespace vpy
