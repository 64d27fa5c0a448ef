#include "profile_command.h"

#include <cstdio>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "loader/file_io.h"
#include "loader/image.h"
#include "machine.h"
#include "profiler.h"
#include "run_command.h"

namespace vpico::cli {

namespace {

// Runs until `text` appears on uart0 (at most `limit_ns` of virtual time); false otherwise.
bool run_until_text(Machine& m, const std::string& text, uint64_t limit_ns, RunResult* r) {
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", text};
  c.max_time_ns = limit_ns;
  *r = m.run(c);
  return r->reason == StopReason::SerialMatch;
}

}  // namespace

void add_profile_command(CLI::App& app, ProfileOptions& o, int& exit_status) {
  CLI::App* p = app.add_subcommand(
      "profile",
      "Run firmware with the cycle profiler: cycles per C function (self and with callees) and "
      "per call stack. Deterministic: the same image and inputs give the same profile.");
  p->add_option("image", o.image, "Firmware image; default: vpico's own firmware (vpy)");
  p->add_option("--until-serial", o.until_serial, "Stop when this text appears on uart0")
      ->type_name("TEXT");
  p->add_option("--timeout-ms", o.timeout_ms, "Stop after this much virtual time")->type_name("MS");
  p->add_option("--cycles", o.cycles, "Stop after this many clk_sys cycles")->type_name("N");
  p->add_option("--script", o.script,
                "A Python script to profile: run through the firmware's raw REPL once its "
                "prompt is up (only the script's run is profiled)")
      ->type_name("FILE.py");
  p->add_option("--folded", o.folded, "Write folded stacks (flame graphs) to this file")
      ->type_name("FILE");
  p->add_option("--top", o.top, "Functions in the table")->type_name("N");
  p->add_flag("--show-serial", o.show_serial, "Copy uart0's output to standard error");
  p->callback([&o, &exit_status] { exit_status = profile_command(o); });
}

int profile_command(const ProfileOptions& o) {
  // The default firmware's ELF: its symbols name the functions (a UF2 has none).
  std::string path = o.image;
  if (path.empty()) {
    std::filesystem::path p = default_firmware_path();
    p.replace_extension(".elf");
    path = std::filesystem::exists(p) ? p.string() : default_firmware_path();
  }
  auto image = load_image(path);
  if (!image) {
    fmt::print(stderr, "vpico: {}\n", image.error().message);
    return kExitBadInput;
  }
  std::string script;
  if (!o.script.empty()) {
    auto bytes = loader::read_file(o.script);
    if (!bytes) {
      fmt::print(stderr, "vpico: {}\n", bytes.error().message);
      return kExitBadInput;
    }
    script.assign(bytes->begin(), bytes->end());
  }
  auto created = Machine::create();
  if (!created) {
    fmt::print(stderr, "vpico: {}\n", created.error().message);
    return kExitBadInput;
  }
  Machine& m = **created;
  m.diagnostics().on_warning = [](const std::string&) {};
  if (auto r = m.load(*image); !r) {
    fmt::print(stderr, "vpico: {}\n", r.error().message);
    return kExitBadInput;
  }
  if (auto r = m.reset(); !r) {
    fmt::print(stderr, "vpico: {}: cannot boot: {}\n", path, r.error().message);
    return kExitFault;
  }
  SerialPort* uart = m.serial("uart0");
  if (o.show_serial) uart->on_output([](uint8_t b) { std::fputc(b, stderr); });

  CycleProfiler profiler(&*image);
  RunResult r{};
  const uint64_t limit_ns = o.timeout_ms ? *o.timeout_ms * 1'000'000ull : 60'000'000'000ull;
  bool ok = true;
  if (!script.empty()) {
    // The raw REPL (MicroPython's docs/reference/repl.rst): Ctrl-A enters it, the code and
    // Ctrl-D run it; the board answers "OK", the output, "\x04", the error, "\x04>".
    if (!run_until_text(m, ">>> ", 10'000'000'000ull, &r)) {
      fmt::print(stderr, "vpico: {}: no REPL prompt on uart0 within 10 s of virtual time\n", path);
      return r.reason == StopReason::Fault ? kExitFault : kExitLimit;
    }
    uart->send("\x01");
    if (!run_until_text(m, "raw REPL; CTRL-B to exit\r\n>", 1'000'000'000ull, &r)) {
      fmt::print(stderr, "vpico: {}: the firmware did not enter its raw REPL\n", path);
      return kExitLimit;
    }
    uart->clear_output();
    uart->send(script);
    uart->send("\x04");
    profiler.attach(m);
    ok = run_until_text(m, "\x04>", limit_ns, &r);
    profiler.detach();
    const std::string& out = uart->output();
    const size_t first = out.find('\x04');
    if (ok && first != std::string::npos) {
      const size_t second = out.find('\x04', first + 1);
      const std::string err = out.substr(first + 1, second - first - 1);
      if (!err.empty()) fmt::print(stderr, "vpico: the script raised:\n{}\n", err);
    }
  } else {
    profiler.attach(m);
    RunCondition c;
    if (o.cycles) c.max_cycles = *o.cycles;
    c.max_time_ns = limit_ns;
    if (o.until_serial) c.serial = RunCondition::SerialText{"uart0", *o.until_serial};
    r = m.run(c);
    profiler.detach();
    ok = !o.until_serial || r.reason == StopReason::SerialMatch;
  }
  if (r.reason == StopReason::Fault) {
    fmt::print(stderr, "vpico: the firmware faulted: {}\n", r.fault ? r.fault->message : "");
    return kExitFault;
  }
  std::fputs(profiler.report(o.top).c_str(), stdout);
  if (!o.folded.empty()) {
    const std::string f = profiler.folded();
    if (auto w = write_file_atomically(
            o.folded,
            std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(f.data()), f.size()));
        !w) {
      fmt::print(stderr, "vpico: {}\n", w.error().message);
      return kExitBadInput;
    }
  }
  if (!ok) {
    fmt::print(stderr, "vpico: {} before the end of the profiled run\n",
               stop_reason_name(r.reason));
    return kExitLimit;
  }
  return kExitOk;
}

}  // namespace vpico::cli
