// The gc module.
#include "runtime.h"

namespace vpy {

namespace {

Value gc_collect_f(size_t, const Value*, const KwArgs*) {
  gc_collect();
  return kNone;
}
Value gc_mem_free_f(size_t, const Value*, const KwArgs*) {
  return int_from(static_cast<Int>(gc_mem_free()));
}
Value gc_mem_alloc_f(size_t, const Value*, const KwArgs*) {
  return int_from(static_cast<Int>(gc_mem_alloc()));
}
Value gc_enable_f(size_t, const Value*, const KwArgs*) {
  vm()->gc_enabled = true;
  return kNone;
}
Value gc_disable_f(size_t, const Value*, const KwArgs*) {
  vm()->gc_enabled = false;
  return kNone;
}
Value gc_isenabled_f(size_t, const Value*, const KwArgs*) {
  return bool_value(vm()->gc_enabled);
}
Value gc_threshold_f(size_t n_args, const Value* args, const KwArgs*) {
  if (n_args == 0) return int_from(static_cast<Int>(gc_threshold()));
  gc_set_threshold(static_cast<ptrdiff_t>(int_get(args[0])));
  return kNone;
}

const NativeFunObj gc_collect_obj = {&native_fun_type, 0, 1, 0, Q_collect, gc_collect_f};
const NativeFunObj gc_mem_free_obj = {&native_fun_type, 0, 0, 0, Q_mem_free, gc_mem_free_f};
const NativeFunObj gc_mem_alloc_obj = {&native_fun_type, 0, 0, 0, Q_mem_alloc, gc_mem_alloc_f};
const NativeFunObj gc_enable_obj = {&native_fun_type, 0, 0, 0, Q_enable, gc_enable_f};
const NativeFunObj gc_disable_obj = {&native_fun_type, 0, 0, 0, Q_disable, gc_disable_f};
const NativeFunObj gc_isenabled_obj = {&native_fun_type, 0, 0, 0, Q_isenabled, gc_isenabled_f};
const NativeFunObj gc_threshold_obj = {&native_fun_type, 0, 1, 0, Q_threshold, gc_threshold_f};

}  // namespace

const RomEntry gc_members_table[] = {
    {Q_collect, 0, &gc_collect_obj},     {Q_mem_free, 0, &gc_mem_free_obj},
    {Q_mem_alloc, 0, &gc_mem_alloc_obj}, {Q_enable, 0, &gc_enable_obj},
    {Q_disable, 0, &gc_disable_obj},     {Q_isenabled, 0, &gc_isenabled_obj},
    {Q_threshold, 0, &gc_threshold_obj},
};
extern const RomMap gc_members;
const RomMap gc_members = {gc_members_table, sizeof(gc_members_table) / sizeof(RomEntry)};

}  // namespace vpy
