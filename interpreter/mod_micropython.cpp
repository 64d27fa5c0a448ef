// The micropython module: const(), mem_info(), opt_level() and friends.
#include "runtime.h"

namespace vpy {

namespace {

Value mp_const(size_t, const Value* a, const KwArgs*) {
  return a[0];
}

Value mp_mem_info(size_t n_args, const Value*, const KwArgs*) {
  GcInfo i;
  gc_info(&i);
  VmState* s = vm();
  print_fmt(&port_printer, "stack: %U out of %U\n",
            static_cast<size_t>(s->stack_top - s->stack_start) * sizeof(Value),
            static_cast<size_t>(s->stack_end - s->stack_start) * sizeof(Value));
  print_fmt(&port_printer, "GC: total: %U, used: %U, free: %U\n", i.total, i.used, i.free);
  print_fmt(&port_printer, " No. of 1-blocks: %U, 2-blocks: %U, max blk sz: %U, max free sz: %U\n",
            i.n_blocks_1, i.n_blocks_2, i.max_block, i.max_free_run);
  (void)n_args;
  return kNone;
}

Value mp_qstr_info(size_t, const Value*, const KwArgs*) {
  print_fmt(&port_printer, "qstr pool: n_qstr=%U\n", qstr_count());
  return kNone;
}

Value mp_opt_level(size_t n_args, const Value* a, const KwArgs*) {
  if (n_args == 0) return small_int(vm()->opt_level);
  vm()->opt_level = static_cast<int>(int_get(a[0]));
  return kNone;
}

Value mp_heap_lock(size_t, const Value*, const KwArgs*) {
  gc_lock();
  return kNone;
}
Value mp_heap_unlock(size_t, const Value*, const KwArgs*) {
  gc_unlock();
  return small_int(0);
}
Value mp_stack_use(size_t, const Value*, const KwArgs*) {
  char here;
  return int_from(static_cast<Int>(vm()->c_stack_base - &here));
}
Value mp_noop(size_t, const Value*, const KwArgs*) {
  return kNone;
}
Value mp_schedule(size_t, const Value* a, const KwArgs*) {
  runtime_schedule(a[0], a[1]);
  return kNone;
}

const NativeFunObj mp_const_obj = {&native_fun_type, 1, 1, 0, Q_const, mp_const};
const NativeFunObj mp_mem_info_obj = {&native_fun_type, 0, 1, 0, Q_mem_info, mp_mem_info};
const NativeFunObj mp_qstr_info_obj = {&native_fun_type, 0, 1, 0, Q_qstr_info, mp_qstr_info};
const NativeFunObj mp_opt_level_obj = {&native_fun_type, 0, 1, 0, Q_opt_level, mp_opt_level};
const NativeFunObj mp_heap_lock_obj = {&native_fun_type, 0, 0, 0, Q_heap_lock, mp_heap_lock};
const NativeFunObj mp_heap_unlock_obj = {&native_fun_type, 0, 0, 0, Q_heap_unlock, mp_heap_unlock};
const NativeFunObj mp_stack_use_obj = {&native_fun_type, 0, 0, 0, Q_stack_use, mp_stack_use};
const NativeFunObj mp_kbd_intr_obj = {&native_fun_type, 1, 1, 0, Q_kbd_intr, mp_noop};
const NativeFunObj mp_emerg_obj = {&native_fun_type, 1, 1, 0, Q_alloc_emergency_exception_buf,
                                   mp_noop};
const NativeFunObj mp_schedule_obj = {&native_fun_type, 2, 2, 0, Q_schedule, mp_schedule};

}  // namespace

const RomEntry micropython_members_table[] = {
    {Q_const, 0, &mp_const_obj},
    {Q_mem_info, 0, &mp_mem_info_obj},
    {Q_qstr_info, 0, &mp_qstr_info_obj},
    {Q_opt_level, 0, &mp_opt_level_obj},
    {Q_heap_lock, 0, &mp_heap_lock_obj},
    {Q_heap_unlock, 0, &mp_heap_unlock_obj},
    {Q_stack_use, 0, &mp_stack_use_obj},
    {Q_kbd_intr, 0, &mp_kbd_intr_obj},
    {Q_alloc_emergency_exception_buf, 0, &mp_emerg_obj},
    {Q_schedule, 0, &mp_schedule_obj},
};
extern const RomMap micropython_members;
const RomMap micropython_members = {micropython_members_table,
                                    sizeof(micropython_members_table) / sizeof(RomEntry)};

}  // namespace vpy
