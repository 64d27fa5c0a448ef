// The errno module: the POSIX numbers MicroPython exposes, and errorcode.
#include "modules.h"
#include "runtime.h"

namespace vpy {

namespace {
struct ErrnoEntry {
  const char* name;
  int value;
};
// Values as on Linux (and MicroPython's own table).
const ErrnoEntry kErrnos[] = {
    {"EPERM", 1},        {"ENOENT", 2},         {"EIO", 5},
    {"EBADF", 9},        {"EAGAIN", 11},        {"ENOMEM", 12},
    {"EACCES", 13},      {"EEXIST", 17},        {"ENODEV", 19},
    {"EISDIR", 21},      {"EINVAL", 22},        {"ENOSPC", 28},
    {"EOPNOTSUPP", 95},  {"EADDRINUSE", 98},    {"ECONNABORTED", 103},
    {"ECONNRESET", 104}, {"ENOBUFS", 105},      {"ENOTCONN", 107},
    {"ETIMEDOUT", 110},  {"ECONNREFUSED", 111}, {"EHOSTUNREACH", 113},
    {"EALREADY", 114},   {"EINPROGRESS", 115},
};
}  // namespace

const char* errno_name(int err) {
  for (const ErrnoEntry& e : kErrnos) {
    if (e.value == err) return e.name;
  }
  return nullptr;
}

void errno_init(Value module) {
  Value g = module_globals(module);
  Value codes = dict_new(0);
  for (const ErrnoEntry& e : kErrnos) {
    Qstr q = qstr_from_str(e.name);
    dict_store_qstr(g, q, small_int(e.value));
    dict_store(codes, small_int(e.value), qstr_value(q));
  }
  dict_set_fixed(codes);
  dict_store_qstr(g, Q_errorcode, codes);
}

extern const RomMap errno_members;
const RomMap errno_members = {nullptr, 0};

}  // namespace vpy
