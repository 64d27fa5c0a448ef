// Non-local return: how a raised Python exception unwinds C code.
//
// A handler is a NlrBuf on the C stack linked into a chain; raising longjmps to
// the innermost one. This keeps the core free of C++ exceptions. Code between a
// push and a raise must not rely on destructors (the core has none) and must
// re-read from memory any local it changed after the push.
//
//   NlrBuf nlr;
//   nlr_push(&nlr);
//   if (setjmp(nlr.jb) == 0) {
//     ... code that may raise ...
//     nlr_pop(&nlr);
//   } else {
//     Value exc = nlr.exc;  // the handler is already unlinked
//   }
#pragma once

#include <setjmp.h>

#include "obj.h"
#include "state.h"

namespace vpy {

struct NlrBuf {
  NlrBuf* prev;
  Value exc;
  Value* stack_top;    // VM stack height to restore
  Frame* frame;        // innermost frame to restore
  Frame* raise_frame;  // the frame that was running when the exception was raised
  jmp_buf jb;
};

inline void nlr_push(NlrBuf* b) {
  VmState* s = vm();
  b->prev = s->nlr_top;
  b->stack_top = s->stack_top;
  b->frame = s->frame;
  b->exc = kNull;
  s->nlr_top = b;
}
inline void nlr_pop(NlrBuf* b) {
  vm()->nlr_top = b->prev;
}
[[noreturn]] void nlr_jump(Value exc);

}  // namespace vpy
