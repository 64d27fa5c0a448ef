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

// Fixed dicts (obj_dict.cpp): Python code can no longer change them (TypeError), as
// MicroPython's ROM dicts; C code still can. Builtin modules' namespaces are fixed.
void dict_set_fixed(Value d);
bool dict_is_fixed(Value d);

// The import machinery itself, which `import` statements reach through
// builtins.__import__ when a program replaces it (builtins.cpp's __import__).
Value import_module(Qstr name, Value fromlist, Int level);
extern const NativeFunObj builtin_import_obj;

}  // namespace vpy
