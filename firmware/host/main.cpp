// vpy: the interpreter on the host, with MicroPython unix port's command line:
//   vpy [-i] [-X heapsize=N[k|m]] [-X emit=bytecode] [-c CMD | -m MOD | FILE | -] [ARGS...]
// With no script it reads one from stdin, or runs the REPL when stdin is a terminal
// (or with -i, which also enters the REPL after a script).
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "host_console.h"
#include "port.h"
#include "repl.h"
#include "runtime.h"

namespace {

constexpr size_t kDefaultHeap = 2 * 1024 * 1024;
constexpr size_t kCStackLimit = 6 * 1024 * 1024;  // of the usual 8 MB main thread stack

void on_sigint(int) {
  vpy::port_interrupt_pending = 1;
}

#ifndef __SANITIZE_ADDRESS__  // ASan's own SEGV handler reports more (and flushes nothing)
// A crash (a bug in the interpreter) must not lose what the script already printed,
// nor leave the terminal in the REPL's raw mode: flush stdout, restore the terminal,
// then let the signal take its default course (SA_RESETHAND).
void on_fatal_signal(int sig) {
  vpy::port_console_raw(false);  // flushes stdout
  vpy::port_flush_stdout();
  raise(sig);
}

void install_fatal_handlers() {
  struct sigaction sa = {};
  sa.sa_handler = on_fatal_signal;
  sa.sa_flags = SA_RESETHAND | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTERM})
    sigaction(sig, &sa, nullptr);
}
#endif

int usage() {
  fprintf(stderr,
          "usage: vpy [option] [-c cmd | -m mod | file | -] [arg] ...\n"
          "Options:\n"
          "  -c cmd           program passed in as string\n"
          "  -m mod           run library module as a script\n"
          "  -i               enter the REPL after the script (or on a non-terminal stdin)\n"
          "  -X heapsize=N    heap size in bytes (k and m suffixes allowed)\n"
          "  -X emit=bytecode accepted for compatibility\n"
          "  -h               this help\n");
  return 2;
}

bool parse_size(const char* s, size_t* out) {
  char* end;
  unsigned long long v = strtoull(s, &end, 10);
  if (end == s) return false;
  if (*end == 'k' || *end == 'K') {
    v *= 1024;
    end++;
  } else if (*end == 'm' || *end == 'M') {
    v *= 1024 * 1024;
    end++;
  }
  if (*end) return false;
  *out = static_cast<size_t>(v);
  return true;
}

int finish(int code) {
  vpy::port_flush_stdout();
  if (code == vpy::kExitUncaught) return 1;
  return code < 0 ? 0 : code;
}

// The banner of the friendly REPL, in MicroPython's form ("<name and version>; <machine>").
const char kBanner[] = "vpy " VPY_VERSION_STRING
                       " (MicroPython-compatible); host\r\n"
                       "Type \"help()\" for more information.\r\n";

// Fresh interpreter state in a fresh heap (at start-up and on a soft reset): sys.argv
// and sys.path as MicroPython's unix port sets them.
struct Startup {
  size_t heap_size;
  void* heap;
  char* c_stack_base;
  const char* file;
  const char* cmd;
  const char* mod;
  int argc;
  char** argv;
  int first_arg;  // argv index of the script's first argument
};

bool start_interpreter(Startup* st) {
  using namespace vpy;
  // The heap and the VM stack share one region the core carves up.
  size_t vm_stack_words = VPY_DEFAULT_VM_STACK_WORDS;
  size_t region = st->heap_size + vm_stack_words * sizeof(Value);
  free(st->heap);
  st->heap = calloc(region, 1);  // zero pages, mapped in as the heap is used
  if (st->heap == nullptr) return false;
  InitConfig cfg{st->heap, region, vm_stack_words, st->c_stack_base, kCStackLimit, true};
  runtime_init(&cfg);

  VmState* s = vm();
  const char* file = st->file;
  Value argv0 = str_new_cstr(file ? file : st->cmd ? "-c" : st->mod ? st->mod : "");
  list_append(s->sys_argv, argv0);
  for (int k = st->first_arg; k < st->argc; k++)
    list_append(s->sys_argv, str_new_cstr(st->argv[k]));
  if (file) {
    const char* slash = strrchr(file, '/');
    list_append(s->sys_path, slash ? str_new(file, slash - file) : str_new_cstr(""));
  } else {
    list_append(s->sys_path, str_new_cstr(""));
  }
  list_append(s->sys_path, str_new_cstr(".frozen"));
  if (const char* env = getenv("MICROPYPATH")) {
    const char* p = env;
    while (*p) {
      const char* colon = strchr(p, ':');
      size_t n = colon ? static_cast<size_t>(colon - p) : strlen(p);
      list_append(s->sys_path, str_new(p, n));
      p += n + (colon ? 1 : 0);
    }
  }
  return true;
}

// The REPL until it ends. In the raw REPL, where tools work, Ctrl-D on an empty
// line and sys.exit() soft-reset the interpreter as on a board (pyboard.py and
// mpremote wait for "soft reboot\r\n", then a fresh raw REPL); in the friendly
// REPL they leave vpy, as MicroPython's unix port does.
int run_repl(Startup* st) {
  using namespace vpy;
  ReplMode mode = ReplMode::kFriendly;
  for (;;) {
    ReplResult r = repl_run(mode, kBanner);
    bool soft_reset = r.mode == ReplMode::kRaw && r.end != ReplEnd::kEndOfInput;
    if (!soft_reset) return r.end == ReplEnd::kSysExit ? r.exit_code : 0;
    port_console_raw(true);  // the "\r\n" must reach the tool as it is
    static const char kSoftReboot[] = "MPY: soft reboot\r\n";
    port_write(kSoftReboot, sizeof(kSoftReboot) - 1);
    if (!start_interpreter(st)) {
      port_console_raw(false);
      fprintf(stderr, "vpy: can't allocate heap of %zu bytes\n", st->heap_size);
      return 1;
    }
    mode = r.mode;
  }
}

// Runs a source buffer as __main__.
int run_main(const char* src, size_t len, const char* name) {
  using namespace vpy;
  Value globals = module_globals(vm()->main_module);
  return exec_toplevel(src, len, qstr_from_str(name), kCompileFile, globals);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace vpy;
  size_t heap_size = kDefaultHeap;
  bool inspect = false;
  int i = 1;
  const char* cmd = nullptr;
  const char* mod = nullptr;
  const char* file = nullptr;
  for (; i < argc; i++) {
    const char* a = argv[i];
    if (strcmp(a, "-X") == 0 && i + 1 < argc) {
      const char* x = argv[++i];
      if (strncmp(x, "heapsize=", 9) == 0) {
        if (!parse_size(x + 9, &heap_size) || heap_size < 16 * 1024) return usage();
      } else if (strncmp(x, "emit=", 5) == 0) {
        // Only bytecode exists; accepted like MicroPython's option.
      } else {
        return usage();
      }
    } else if (strcmp(a, "-c") == 0 && i + 1 < argc) {
      cmd = argv[++i];
      i++;
      break;
    } else if (strcmp(a, "-m") == 0 && i + 1 < argc) {
      mod = argv[++i];
      i++;
      break;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage();
      return 0;
    } else if (strcmp(a, "-i") == 0) {
      inspect = true;
    } else if (strcmp(a, "-O") == 0 || strcmp(a, "-v") == 0) {
      // Accepted for compatibility; no effect.
    } else if (a[0] == '-' && a[1] != 0) {
      return usage();
    } else {
      file = a;
      i++;
      break;
    }
  }

  char stack_marker;
  Startup st{heap_size, nullptr, &stack_marker, file, cmd, mod, argc, argv, i};
  if (!start_interpreter(&st)) {
    fprintf(stderr, "vpy: can't allocate heap of %zu bytes\n", heap_size);
    return 1;
  }
  signal(SIGINT, on_sigint);
#ifndef __SANITIZE_ADDRESS__  // ASan's own SEGV handler reports more (and flushes nothing)
  install_fatal_handlers();
#endif

  int code = -1;  // -1: nothing ran yet, or it completed
  bool stdin_script = !isatty(STDIN_FILENO) && !inspect;
  if (cmd) {
    code = run_main(cmd, strlen(cmd), "<stdin>");
  } else if (mod) {
    // -m: find the module's file on sys.path and run it as __main__.
    const char* name = mod;
    char* src = nullptr;
    size_t len = 0;
    std::string dotted(name);
    for (char& c : dotted) {
      if (c == '.') c = '/';
    }
    std::string candidates[] = {dotted + ".py", dotted + "/__main__.py"};
    std::string found;
    for (const std::string& cand : candidates) {
      src = port_read_file(cand.c_str(), &len);
      if (src) {
        found = cand;
        break;
      }
    }
    if (src == nullptr) {
      // A builtin or frozen module: importing it runs it.
      auto fn = [](void* p) -> Value {
        return import_name(qstr_from_str(static_cast<const char*>(p)), kNone, 0);
      };
      Value r, exc;
      if (!protected_call(fn, const_cast<char*>(name), &r, &exc)) {
        exception_print(&port_err_printer, exc);
        code = kExitUncaught;
      }
    } else {
      code = run_main(src, len, found.c_str());
    }
  } else if (file && strcmp(file, "-") != 0) {
    size_t len;
    char* src = port_read_file(file, &len);
    if (src == nullptr) {
      fprintf(stderr, "vpy: can't open file '%s': [Errno 2] No such file or directory\n", file);
      return 2;
    }
    code = run_main(src, len, file);
  } else if (stdin_script || (file && strcmp(file, "-") == 0)) {
    // A script on stdin.
    std::vector<char> buf;
    char chunk[4096];
    ssize_t n;
    while ((n = read(STDIN_FILENO, chunk, sizeof(chunk))) > 0 || (n < 0 && errno == EINTR))
      if (n > 0) buf.insert(buf.end(), chunk, chunk + n);
    buf.push_back(0);
    code = run_main(buf.data(), buf.size() - 1, "<stdin>");
  } else {
    inspect = true;  // nothing to run: the REPL
  }
  // -i: the REPL after the script, unless the script asked to exit.
  if (inspect && (code == -1 || code == kExitUncaught)) {
    vpy::port_flush_stdout();
    code = run_repl(&st);
  }
  return finish(code);
}
