// Which modules are compiled in (switches in config.h).
#include "modules.h"

#include "runtime.h"

// A port's own builtin modules (the RP2040's machine): a header its build names
// (-DVPY_PORT_MODULES='"port_modules.h"') declares their member tables and defines
// VPY_PORT_MODULE_ENTRIES, the BuiltinModule entries to add.
#ifdef VPY_PORT_MODULES
#include VPY_PORT_MODULES
#endif

namespace vpy {

extern const RomMap sys_members, gc_members, time_members, micropython_members, math_members,
    json_members, struct_members, errno_members, random_members, collections_members, io_members,
    re_members, array_members, types_members;
extern const char frozen_asyncio_source[];
void sys_init(Value module);
void errno_init(Value module);

const BuiltinModule builtin_modules[] = {
    {Q_sys, &sys_members, sys_init},
    {Q_gc, &gc_members, nullptr},
    {Q_time, &time_members, nullptr},
    {Q_micropython, &micropython_members, nullptr},
#if VPY_MODULE_MATH
    {Q_math, &math_members, nullptr},
#endif
#if VPY_MODULE_JSON
    {Q_json, &json_members, nullptr},
#endif
#if VPY_MODULE_STRUCT
    {Q_struct, &struct_members, nullptr},
#endif
    {Q_errno, &errno_members, errno_init},
#if VPY_MODULE_RANDOM
    {Q_random, &random_members, nullptr},
#endif
#if VPY_MODULE_COLLECTIONS
    {Q_collections, &collections_members, nullptr},
#endif
    {Q_io, &io_members, nullptr},
#if VPY_MODULE_RE
    {Q_re, &re_members, nullptr},
#endif
#if VPY_MODULE_ARRAY
    {Q_array, &array_members, nullptr},
#endif
#ifndef VPY_MODULE_TYPES
#define VPY_MODULE_TYPES 1  // TODO(lead): move this default to config.h
#endif
#if VPY_MODULE_TYPES
    {Q_types, &types_members, nullptr},
#endif
#ifdef VPY_PORT_MODULE_ENTRIES
    VPY_PORT_MODULE_ENTRIES
#endif
    {0, nullptr, nullptr},
};

const FrozenModule frozen_modules[] = {
#if VPY_MODULE_ASYNCIO
    {"asyncio", frozen_asyncio_source},
#endif
    {nullptr, nullptr},
};

}  // namespace vpy
