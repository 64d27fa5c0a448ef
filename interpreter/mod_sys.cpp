// The sys module.
#include "runtime.h"

namespace vpy {

namespace {

Value sys_exit(size_t n_args, const Value* args, const KwArgs*) {
  raise(exception_new(&exc_SystemExit, n_args, args));
}

Value sys_print_exception(size_t n_args, const Value* args, const KwArgs*) {
  if (n_args > 1 && args[1] != kNone && args[1] != vm()->sys_stdout) {
    Vstr v;
    vstr_init(&v, 64);
    Printer p = vstr_printer(&v);
    exception_print(&p, args[0]);
    Value s = vstr_to_str(&v);
    call_method(args[1], Q_write, 1, &s);
    return kNone;
  }
  exception_print(&port_printer, args[0]);
  return kNone;
}

Value sys_exc_info(size_t, const Value*, const KwArgs*) {
  Value e = vm()->exc_current;
  Value t = tuple_new(3, nullptr);
  Value* it = as<TupleObj>(t)->items;
  if (e == kNull || e == kNone) {
    it[0] = it[1] = it[2] = kNone;
  } else {
    it[0] = val(type_of(e));
    it[1] = e;
    it[2] = kNone;
  }
  return t;
}

Value sys_getrecursionlimit(size_t, const Value*, const KwArgs*) {
  return small_int(1000);
}
Value sys_setrecursionlimit(size_t, const Value*, const KwArgs*) {
  return kNone;
}

// sys.stdout / sys.stderr: objects with write() going to the console.
Value stdout_write(size_t, const Value* args, const KwArgs*) {
  size_t n;
  const char* s;
  if (is_type(args[1], &bytearray_type)) {
    s = reinterpret_cast<const char*>(as<BytearrayObj>(args[1])->data);
    n = as<BytearrayObj>(args[1])->len;
  } else {
    s = str_data(args[1], &n);
  }
  print_strn(&port_printer, s, n);
  return small_int(static_cast<Int>(n));
}
Value stdout_flush(size_t, const Value*, const KwArgs*) {
  return kNone;
}
const NativeFunObj stdout_write_obj = {&native_fun_type, 2, 2, 0, Q_write, stdout_write};
const NativeFunObj stdout_flush_obj = {&native_fun_type, 1, 1, 0, Q_flush, stdout_flush};
const RomEntry stdout_methods_table[] = {
    {Q_write, 0, &stdout_write_obj},
    {Q_flush, 0, &stdout_flush_obj},
};
const RomMap stdout_methods = {stdout_methods_table, 2};
void stdout_print(const Printer* p, Value, PrintKind) {
  print_str(p, "<io.TextIOWrapper>");
}
const Type stdout_type = {
    .type = &type_type, .name = Q_stdout, .print = stdout_print, .methods = &stdout_methods};
const Obj stdout_obj = {&stdout_type};

// sys.implementation: name and version as attributes.
void impl_print(const Printer* p, Value, PrintKind) {
  print_str(p, "(name='vpy', version=(0, 1, 0), _machine='host')");
}
void impl_attr(Value, Qstr name, Value* dest) {
  if (dest[0] != kNull) return;
  if (name == Q_name) dest[0] = qstr_value(Q_vpy);
  if (name == Q_version) {
    Value v[3] = {small_int(0), small_int(1), small_int(0)};
    dest[0] = tuple_new(3, v);
  }
  if (name == Q__machine) dest[0] = str_new_cstr("host");
}
const Type impl_type = {
    .type = &type_type, .name = Q_implementation, .print = impl_print, .attr = impl_attr};
const Obj impl_obj = {&impl_type};

const NativeFunObj sys_exit_obj = {&native_fun_type, 0, 1, 0, Q_exit, sys_exit};
const NativeFunObj sys_print_exception_obj = {&native_fun_type,   1, 2, 0, Q_print_exception,
                                              sys_print_exception};
const NativeFunObj sys_exc_info_obj = {&native_fun_type, 0, 0, 0, Q_exc_info, sys_exc_info};
const NativeFunObj sys_getrecursionlimit_obj = {&native_fun_type,     0, 0, 0, Q_getrecursionlimit,
                                                sys_getrecursionlimit};
const NativeFunObj sys_setrecursionlimit_obj = {&native_fun_type,     1, 1, 0, Q_setrecursionlimit,
                                                sys_setrecursionlimit};

}  // namespace

const RomEntry sys_members_table[] = {
    {Q_exit, 0, &sys_exit_obj},
    {Q_print_exception, 0, &sys_print_exception_obj},
    {Q_exc_info, 0, &sys_exc_info_obj},
    {Q_getrecursionlimit, 0, &sys_getrecursionlimit_obj},
    {Q_setrecursionlimit, 0, &sys_setrecursionlimit_obj},
    {Q_stdout, 0, &stdout_obj},
    {Q_stderr, 0, &stdout_obj},
    {Q_byteorder, qstr_value(Q_little), nullptr},
    {Q_platform, qstr_value(Q_vpy), nullptr},
    {Q_implementation, 0, &impl_obj},
};
extern const RomMap sys_members;
const RomMap sys_members = {sys_members_table, sizeof(sys_members_table) / sizeof(RomEntry)};

void sys_init(Value module) {
  Value g = module_globals(module);
  VmState* s = vm();
  s->sys_stdout = val(&stdout_obj);
  dict_store_qstr(g, Q_argv, s->sys_argv);
  dict_store_qstr(g, Q_path, s->sys_path);
  dict_store_qstr(g, Q_modules, s->modules);
  dict_store_qstr(g, Q_maxsize, int_from_i64(INTPTR_MAX));
  dict_store_qstr(g, Q_version, str_new_cstr(VPY_PYTHON_VERSION "; vpy " VPY_VERSION_STRING));
  Value vi[3] = {small_int(3), small_int(4), small_int(0)};
  dict_store_qstr(g, Q_version_info, tuple_new(3, vi));
}

}  // namespace vpy
