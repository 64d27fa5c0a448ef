// Stepping iterators for the consumers that need the value an iterator finishes
// with (next(), `yield from`, `await`); implemented in obj_gen.cpp.
#pragma once

#include "bytecode.h"

namespace vpy {

// The next item (*status = kVmYield), or, once the iterator is exhausted, the value
// it finished with: a generator's return value, StopIteration's argument, else None
// (*status = kVmReturn). Other exceptions propagate.
Value iter_step(Value it, VmStatus* status);

// An iterator's iternext slot that ends with a value (it caught StopIteration(value))
// records it here before returning kNull, for iter_step() to find.
void iter_stop_value_set(Value v);

// One step of `yield from` / `await` on the delegate it: sends `send` (None means
// next) and returns what the delegate yielded (kVmYield) or its result (kVmReturn).
Value yield_from_step(Value it, Value send, VmStatus* status);

}  // namespace vpy
