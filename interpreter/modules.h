// The tables of modules compiled into the interpreter (module_table.cpp).
#pragma once

#include "obj.h"

namespace vpy {

struct BuiltinModule {
  Qstr name;                   // 0 ends the table
  const RomMap* members;       // copied into the module's dict on first import
  void (*init)(Value module);  // optional: fills in run-time members
};

// Python source compiled when first imported (asyncio and friends).
struct FrozenModule {
  const char* name;  // nullptr ends the table
  const char* source;
};

extern const BuiltinModule builtin_modules[];
extern const FrozenModule frozen_modules[];

}  // namespace vpy
