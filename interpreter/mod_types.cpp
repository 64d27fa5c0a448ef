// The types module, just enough of it for portable code: types.coroutine (a
// generator already works as an awaitable here, as in MicroPython) and the types of
// functions, generators and modules.
#include "runtime.h"

#ifndef VPY_MODULE_TYPES
#define VPY_MODULE_TYPES 1
#endif

namespace vpy {

#if VPY_MODULE_TYPES
namespace {

Value types_coroutine(size_t, const Value* args, const KwArgs*) {
  return args[0];
}
const NativeFunObj types_coroutine_obj = {&native_fun_type, 1, 1, 0, Q_coroutine, types_coroutine};

}  // namespace

const RomEntry types_members_table[] = {
    {Q_coroutine, 0, &types_coroutine_obj},
    {Q_FunctionType, 0, &fun_type},
    {Q_GeneratorType, 0, &gen_type},
    {Q_ModuleType, 0, &module_type},
};
extern const RomMap types_members;
const RomMap types_members = {types_members_table, sizeof(types_members_table) / sizeof(RomEntry)};
#endif

}  // namespace vpy
