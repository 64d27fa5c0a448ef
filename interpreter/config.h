// vpy feature switches and sizes, in one place (like MicroPython's mpconfig.h).
// A port may define any of these before including this header (e.g. through a
// -include of its own config or -D flags); the defaults here suit the host.
#pragma once

#include <stddef.h>
#include <stdint.h>

// Float type: double on the host, single precision on the RP2040 (no FPU; the
// ROM's soft-float is much faster for float than for double).
#ifndef VPY_FLOAT_IS_DOUBLE
#define VPY_FLOAT_IS_DOUBLE 1
#endif

// Words of the VM value stack (frames, locals and operands) when the port does
// not say; each Python call takes roughly 8 + locals + max stack depth words.
#ifndef VPY_DEFAULT_VM_STACK_WORDS
#define VPY_DEFAULT_VM_STACK_WORDS (48 * 1024)
#endif

// Bytes of C stack that nested interpreter activity (native code calling back into
// Python, the compiler's recursion) may use before RuntimeError is raised.
#ifndef VPY_DEFAULT_C_STACK_LIMIT
#define VPY_DEFAULT_C_STACK_LIMIT (256 * 1024)
#endif

// Entries of a small cache that remembers where a name was found in a map
// (globals, builtins, instance and class dicts); 0 disables it. Costs 3 words
// of RAM per entry.
#ifndef VPY_MAP_CACHE_SIZE
#define VPY_MAP_CACHE_SIZE 128
#endif

// A deterministic limit on work, for fuzzing: when 1, the VM counts backward jumps, calls
// and iterator steps against vpy::step_budget_left, and once that reaches 0 every further
// poll raises KeyboardInterrupt (so a program that catches it still ends). Off on real ports.
#ifndef VPY_STEP_BUDGET
#define VPY_STEP_BUDGET 0
#endif

// Bytes of heap the collector allocates from at first (0: all of it). The window doubles
// whenever a collection leaves it more than half full, so a program that needs little memory
// touches little: on a host, resident memory follows the live data rather than -X heapsize.
// A board, whose RAM is all resident anyway, uses 0.
#ifndef VPY_GC_INITIAL_WINDOW
#define VPY_GC_INITIAL_WINDOW (64 * 1024)
#endif
// A program that keeps collecting (much garbage, little live data) gets its window doubled
// every 8 collections up to this size, so collections stay rare; bigger live data still grows
// the window past it.
#ifndef VPY_GC_BUSY_WINDOW_MAX
#define VPY_GC_BUSY_WINDOW_MAX (1024 * 1024)
#endif

// Computed-goto dispatch in the VM (GCC and Clang support "labels as values").
#ifndef VPY_COMPUTED_GOTO
#if defined(__GNUC__)
#define VPY_COMPUTED_GOTO 1
#else
#define VPY_COMPUTED_GOTO 0
#endif
#endif

// Modules compiled in.
#ifndef VPY_MODULE_MATH
#define VPY_MODULE_MATH 1
#endif
#ifndef VPY_MODULE_JSON
#define VPY_MODULE_JSON 1
#endif
#ifndef VPY_MODULE_STRUCT
#define VPY_MODULE_STRUCT 1
#endif
#ifndef VPY_MODULE_RE
#define VPY_MODULE_RE 1
#endif
#ifndef VPY_MODULE_RANDOM
#define VPY_MODULE_RANDOM 1
#endif
#ifndef VPY_MODULE_COLLECTIONS
#define VPY_MODULE_COLLECTIONS 1
#endif
#ifndef VPY_MODULE_ARRAY
#define VPY_MODULE_ARRAY 1
#endif
#ifndef VPY_MODULE_ASYNCIO
#define VPY_MODULE_ASYNCIO 1
#endif

// Reading source files for import (the host has a filesystem; a board may not).
#ifndef VPY_IMPORT_FROM_FILES
#define VPY_IMPORT_FROM_FILES 1
#endif

// Version reported by sys.version / sys.implementation.
#define VPY_VERSION_STRING "0.1.0"
#define VPY_PYTHON_VERSION "3.4.0"
