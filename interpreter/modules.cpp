// Modules and import: builtin (native) modules, frozen Python modules compiled
// from source held in the image, and .py files found through sys.path.
#include "modules.h"

#include "bytecode.h"
#include "port.h"
#include "runtime.h"

namespace vpy {

namespace {

void module_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<module '%q'>", as<ModuleObj>(self)->name);
}

void module_attr(Value self, Qstr name, Value* dest) {
  ModuleObj* m = as<ModuleObj>(self);
  if (dest[0] == kNull) {
    if (name == Q___dict__) {
      dest[0] = m->globals;
      return;
    }
    MapEntry* e = map_lookup_qstr(dict_map(m->globals), name);
    if (e) dest[0] = e->value;
    return;
  }
  // A builtin module is read-only (as MicroPython's), but for the few settings sys
  // keeps as attributes.
  if (dict_is_fixed(m->globals)) {
    bool path = name == Q_path || name == Q_argv;
    if (m->name != Q_sys || !(path || name == Q_tracebacklimit || name == Q_ps1 || name == Q_ps2)) {
      return;  // dest[0] stays set: the store fails with AttributeError
    }
    if (path) {
      // Import and the port read these from the VM: they must stay lists.
      if (!is_type(dest[1], &list_type)) return;
      (name == Q_path ? vm()->sys_path : vm()->sys_argv) = dest[1];
    }
  }
  if (dest[1] == kNull) {
    if (!dict_delete(m->globals, qstr_value(name))) return;
  } else {
    dict_store_qstr(m->globals, name, dest[1]);
  }
  dest[0] = kNull;
}

const BuiltinModule* find_builtin(Qstr name) {
  for (const BuiltinModule* b = builtin_modules; b->name; b++) {
    if (b->name == name) return b;
  }
  return nullptr;
}

const FrozenModule* find_frozen(const char* name) {
  for (const FrozenModule* f = frozen_modules; f->name; f++) {
    if (strcmp(f->name, name) == 0) return f;
  }
  return nullptr;
}

Value exec_module_source(Value module, const char* src, size_t len, Qstr file) {
  Value globals = module_globals(module);
  dict_store_qstr(globals, Q___file__, qstr_value(file));
  Value fun = compile_source(src, len, file, kCompileFile, globals);
  call(fun, 0, 0, nullptr);
  return module;
}

// Runs a module's code; on failure the half-made module leaves sys.modules.
void exec_module_guarded(Value module, Qstr full, const char* src, size_t len, Qstr file) {
  struct Ctx {
    Value module;
    const char* src;
    size_t len;
    Qstr file;
  } ctx{module, src, len, file};
  auto fn = [](void* p) -> Value {
    Ctx* c = static_cast<Ctx*>(p);
    return exec_module_source(c->module, c->src, c->len, c->file);
  };
  Value r, exc;
  if (!protected_call(fn, &ctx, &r, &exc)) {
    dict_delete(vm()->modules, qstr_value(full));
    raise(exc);
  }
}

// Loads one module given its full dotted name; parent is the package (or kNull).
Value load_module(Qstr full, Value parent) {
  Value existing = dict_get(vm()->modules, qstr_value(full));
  if (existing != kNull) return existing;
  const char* full_s = qstr_str(full);
  const BuiltinModule* b = parent == kNull ? find_builtin(full) : nullptr;
  if (b == nullptr && parent == kNull && full_s[0] == 'u') {
    // MicroPython's u-prefixed aliases: ujson, utime, ...
    Qstr alias = qstr_find_strn(full_s + 1, strlen(full_s) - 1);
    if (alias != kQstrNotFound) b = find_builtin(alias);
  }
  if (b) {
    Value m = module_new(b->name);
    Value g = module_globals(m);
    for (size_t i = 0; i < b->members->n; i++) {
      dict_store(g, qstr_value(b->members->entries[i].name),
                 rom_entry_value(b->members->entries[i]));
    }
    dict_store(vm()->modules, qstr_value(full), m);
    if (b->init) b->init(m);
    dict_set_fixed(g);
    return m;
  }
  if (full == Q_builtins) {
    // The builtins namespace itself: changing it changes what every program sees.
    Value m = module_new(Q_builtins);
    as<ModuleObj>(m)->globals = vm()->builtins;
    dict_store(vm()->modules, qstr_value(full), m);
    return m;
  }
  const FrozenModule* fz = find_frozen(full_s);
  if (fz) {
    Value m = module_new(full);
    dict_store(vm()->modules, qstr_value(full), m);
    exec_module_guarded(m, full, fz->source, strlen(fz->source), qstr_from_str(fz->name));
    return m;
  }
#if VPY_IMPORT_FROM_FILES
  // Search directories: the parent's __path__, or sys.path.
  const char* leaf = strrchr(full_s, '.');
  leaf = leaf ? leaf + 1 : full_s;
  Value dirs;
  if (parent != kNull) {
    Value p = dict_get_qstr(module_globals(parent), Q___path__);
    if (p == kNull) return kNull;
    dirs = tuple_new(1, &p);
  } else {
    dirs = vm()->sys_path;
  }
  size_t n;
  Value* items;
  seq_items(dirs, &n, &items);
  for (size_t i = 0; i < n; i++) {
    size_t dl;
    const char* d = str_data(items[i], &dl);
    Vstr path;
    vstr_init(&path, dl + strlen(leaf) + 16);
    if (dl) {
      vstr_add_strn(&path, d, dl);
      vstr_add_char(&path, '/');
    }
    vstr_add_str(&path, leaf);
    size_t base_len = path.len;
    vstr_add_str(&path, "/__init__.py");
    vstr_add_char(&path, 0);
    bool is_pkg = port_stat(path.buf) == kPortStatFile;
    if (!is_pkg) {
      path.len = base_len;
      vstr_add_str(&path, ".py");
      vstr_add_char(&path, 0);
      if (port_stat(path.buf) != kPortStatFile) continue;
    }
    size_t len;
    char* src = port_read_file(path.buf, &len);
    if (src == nullptr) continue;
    Value m = module_new(full);
    if (is_pkg) {
      Value dir = str_new(path.buf, base_len);
      dict_store_qstr(module_globals(m), Q___path__, dir);
    }
    dict_store(vm()->modules, qstr_value(full), m);
    exec_module_guarded(m, full, src, len, qstr_from_strn(path.buf, path.len - 1));
    return m;
  }
#endif
  return kNull;
}

}  // namespace

const Type module_type = {.type = &type_type,
                          .name = Q_module,
                          .flags = kTypeEqByIdentity,
                          .print = module_print,
                          .attr = module_attr};

Value module_new(Qstr name) {
  ModuleObj* m = gc_new<ModuleObj>(&module_type);
  m->globals = dict_new(0);
  m->name = name;
  dict_store_qstr(m->globals, Q___name__, qstr_value(name));
  return val(m);
}

Value module_globals(Value module) {
  return as<ModuleObj>(module)->globals;
}

Value builtin_module_lookup(Qstr name) {
  const BuiltinModule* b = find_builtin(name);
  return b ? load_module(name, kNull) : kNull;
}

// An import statement: through builtins.__import__ if a program replaced it.
Value import_name(Qstr name, Value fromlist, Int level) {
  Value imp = dict_get_qstr(vm()->builtins, Q___import__);
  if (imp == kNull || imp == val(&builtin_import_obj)) return import_module(name, fromlist, level);
  Value args[5] = {qstr_value(name), kNone, kNone, fromlist, small_int(level)};
  return call(imp, 5, 0, args);
}

Value import_module(Qstr name, Value fromlist, Int level) {
  const char* s = qstr_str(name);
  Vstr full;
  vstr_init(&full, 32);
  if (level > 0) {
    // Relative import: from the current module's package.
    Value globals = vm()->frame ? vm()->frame->globals : kNull;
    Value pkg = globals != kNull ? dict_get_qstr(globals, Q___name__) : kNull;
    if (pkg == kNull) raise_msg(&exc_ImportError, "can't perform relative import");
    size_t pl;
    const char* p = str_data(pkg, &pl);
    // A package's own __init__ has __path__: its name is the package.
    bool is_pkg = dict_get_qstr(globals, Q___path__) != kNull;
    Int drop = is_pkg ? level - 1 : level;
    while (drop-- > 0) {
      const char* dot = nullptr;
      for (size_t k = pl; k-- > 0;) {
        if (p[k] == '.') {
          dot = p + k;
          break;
        }
      }
      if (dot == nullptr) {
        if (drop >= 0 || !is_pkg) raise_msg(&exc_ImportError, "can't perform relative import");
        pl = 0;
        break;
      }
      pl = dot - p;
    }
    vstr_add_strn(&full, p, pl);
    if (*s) {
      if (full.len) vstr_add_char(&full, '.');
      vstr_add_str(&full, s);
    }
  } else {
    vstr_add_str(&full, s);
  }
  // Import each dotted prefix in turn.
  Value top = kNull, mod = kNull;
  size_t start = 0;
  for (size_t i = 0; i <= full.len; i++) {
    if (i < full.len && full.buf[i] != '.') continue;
    Qstr q = qstr_from_strn(full.buf, i);
    Value m = load_module(q, mod);
    if (m == kNull) {
      raise_fmt(&exc_ImportError, "no module named '%q'", q);
    }
    if (mod != kNull) {
      dict_store_qstr(module_globals(mod), qstr_from_strn(full.buf + start, i - start), m);
    }
    if (top == kNull) top = m;
    mod = m;
    start = i + 1;
  }
  bool has_fromlist = fromlist != kNone && fromlist != kNull && len_of(fromlist) > 0;
  if (has_fromlist || level > 0) return mod;
  return top;
}

Value import_from(Value module, Qstr name) {
  Value v = load_attr_maybe(module, name);
  if (v != kNull) return v;
  if (is_type(module, &module_type) && dict_get_qstr(module_globals(module), Q___path__) != kNull) {
    // A submodule of a package.
    Vstr full;
    vstr_init(&full, 32);
    vstr_add_str(&full, qstr_str(as<ModuleObj>(module)->name));
    vstr_add_char(&full, '.');
    vstr_add_str(&full, qstr_str(name));
    Value m = load_module(qstr_from_strn(full.buf, full.len), module);
    if (m != kNull) {
      dict_store_qstr(module_globals(module), name, m);
      return m;
    }
  }
  raise_fmt(&exc_ImportError, "can't import name %q", name);
}

void import_all(Value module, Value globals) {
  Value names;
  Value all;
  if (is_type(module, &module_type)) {
    names = module_globals(module);
    all = dict_get_qstr(names, Q___all__);
  } else {
    // Anything placed in sys.modules can be imported from: its __all__ if it has one,
    // else its __dict__ (AttributeError when it has none, as MicroPython).
    all = load_attr_maybe(module, Q___all__);
    names = all != kNull ? kNull : as_native(load_attr(module, Q___dict__), &dict_type);
    if (all == kNull && names == kNull) raise_msg(&exc_ImportError, "__dict__ isn't a dict");
  }
  Map* m = all == kNull ? dict_map(names) : nullptr;
  if (all != kNull) {
    size_t n;
    Value* items;
    seq_items(all, &n, &items);
    for (size_t i = 0; i < n; i++)
      dict_store(globals, items[i], load_attr(module, str_to_qstr(items[i])));
    return;
  }
  for (uint32_t i = 0; i < m->used; i++) {
    Value k = m->entries[i].key;
    if (k == kNull) continue;
    size_t len;
    const char* s = str_data(k, &len);
    if (len && s[0] == '_') continue;
    dict_store(globals, k, m->entries[i].value);
  }
}

void modules_init() {
  VmState* s = vm();
  s->sys_path = list_new(0, nullptr);
  s->sys_argv = list_new(0, nullptr);
  s->main_module = module_new(Q___main__);
  dict_store_qstr(s->modules, Q___main__, s->main_module);
}

}  // namespace vpy
