// The sys module.
#include "port.h"
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

// sys.stdin, sys.stdout, sys.stderr: text streams on the port's console, each with
// a binary one under .buffer (names as MicroPython's: TextIOWrapper and FileIO).
struct StdioObj {
  const Type* type;
  int fd;  // 0 stdin, 1 stdout, 2 stderr
};
extern const Type textio_type, fileio_type;
const StdioObj stdio_objs[6] = {
    {&textio_type, 0}, {&textio_type, 1}, {&textio_type, 2},
    {&fileio_type, 0}, {&fileio_type, 1}, {&fileio_type, 2},
};

Value stdio_write(size_t, const Value* args, const KwArgs*) {
  size_t n;
  const char* s;
  Buffer b;
  if (is_str(args[1])) {
    s = str_data(args[1], &n);
  } else if (type_of(args[1])->buffer && type_of(args[1])->buffer(args[1], &b, kBufferRead)) {
    s = static_cast<const char*>(b.data);
    n = b.len;
  } else {
    raise_msg(&exc_TypeError, "object with buffer protocol required");
  }
  if (as<StdioObj>(args[0])->fd == 2) {
    port_write_err(s, n);
  } else {
    port_write(s, n);
  }
  return small_int(static_cast<Int>(n));
}

// read([n]) and readline(): bytes from the console until n of them, a newline
// (readline) or the end of input.
Value stdio_read_until(Value self, Int n, bool line) {
  Vstr v;
  vstr_init(&v, 16);
  while (n < 0 || static_cast<Int>(v.len) < n) {
    int c = port_read_char();
    if (c < 0) break;
    vstr_add_char(&v, static_cast<char>(c));
    if (line && c == '\n') break;
  }
  if (as<StdioObj>(self)->type == &fileio_type) return bytes_new(v.buf, v.len);
  return vstr_to_str(&v);
}
Value stdio_read(size_t n_args, const Value* args, const KwArgs*) {
  Int n = n_args > 1 && args[1] != kNone ? int_get(args[1]) : -1;
  return stdio_read_until(args[0], n, false);
}
Value stdio_readline(size_t, const Value* args, const KwArgs*) {
  return stdio_read_until(args[0], -1, true);
}
Value stdio_flush(size_t, const Value*, const KwArgs*) {
  return kNone;
}
const NativeFunObj stdio_write_obj = {&native_fun_type, 2, 2, 0, Q_write, stdio_write};
const NativeFunObj stdio_read_obj = {&native_fun_type, 1, 2, 0, Q_read, stdio_read};
const NativeFunObj stdio_readline_obj = {&native_fun_type, 1, 1, 0, Q_readline, stdio_readline};
const NativeFunObj stdio_flush_obj = {&native_fun_type, 1, 1, 0, Q_flush, stdio_flush};
const RomEntry stdio_methods_table[] = {
    {Q_write, 0, &stdio_write_obj},
    {Q_read, 0, &stdio_read_obj},
    {Q_readline, 0, &stdio_readline_obj},
    {Q_flush, 0, &stdio_flush_obj},
};
const RomMap stdio_methods = {stdio_methods_table, sizeof(stdio_methods_table) / sizeof(RomEntry)};
void stdio_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<io.%q %d>", as<StdioObj>(self)->type->name, as<StdioObj>(self)->fd);
}
void textio_attr(Value self, Qstr name, Value* dest) {
  if (dest[0] == kNull && name == Q_buffer) dest[0] = val(&stdio_objs[3 + as<StdioObj>(self)->fd]);
}
const Type textio_type = {.type = &type_type,
                          .name = Q_TextIOWrapper,
                          .print = stdio_print,
                          .attr = textio_attr,
                          .methods = &stdio_methods};
const Type fileio_type = {
    .type = &type_type, .name = Q_FileIO, .print = stdio_print, .methods = &stdio_methods};

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
    {Q_stdin, 0, &stdio_objs[0]},
    {Q_stdout, 0, &stdio_objs[1]},
    {Q_stderr, 0, &stdio_objs[2]},
    {Q_byteorder, qstr_value(Q_little), nullptr},
    {Q_platform, qstr_value(Q_vpy), nullptr},
    {Q_implementation, 0, &impl_obj},
};
extern const RomMap sys_members;
const RomMap sys_members = {sys_members_table, sizeof(sys_members_table) / sizeof(RomEntry)};

void sys_init(Value module) {
  Value g = module_globals(module);
  VmState* s = vm();
  s->sys_stdout = val(&stdio_objs[1]);
  dict_store_qstr(g, Q_argv, s->sys_argv);
  dict_store_qstr(g, Q_path, s->sys_path);
  dict_store_qstr(g, Q_modules, s->modules);
  dict_store_qstr(g, Q_maxsize, int_from_i64(INTPTR_MAX));
  dict_store_qstr(g, Q_version, str_new_cstr(VPY_PYTHON_VERSION "; vpy " VPY_VERSION_STRING));
  Value vi[3] = {small_int(3), small_int(4), small_int(0)};
  dict_store_qstr(g, Q_version_info, tuple_new(3, vi));
}

}  // namespace vpy
