#include "run_command.h"

#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bmp280.h"
#include "gdb_stub.h"
#include "board.h"
#include "i2c_part_spec.h"
#include "loader/file_io.h"
#include "loader/image.h"
#include "machine.h"
#include "pty_endpoint.h"
#include "serial_endpoint.h"
#include "tcp_endpoint.h"
#include "usb_host.h"
#include "vcd_writer.h"

namespace vpico::cli {

namespace {

std::atomic<bool> g_interrupted{false};
void on_sigint(int) {
  g_interrupted = true;
}

// Puts a terminal in raw mode for the life of the object (the firmware's REPL does the echo).
class RawTerminal {
 public:
  explicit RawTerminal(int fd) : m_fd(fd) {
    if (!isatty(fd) || tcgetattr(fd, &m_saved) != 0) return;
    termios raw = m_saved;
    cfmakeraw(&raw);
    raw.c_oflag |= OPOST;  // keep \n -> \r\n on output
    m_active = tcsetattr(fd, TCSANOW, &raw) == 0;
  }
  ~RawTerminal() {
    if (m_active) tcsetattr(m_fd, TCSANOW, &m_saved);
  }
  bool active() const { return m_active; }

 private:
  int m_fd;
  termios m_saved{};
  bool m_active = false;
};

std::string format_fault(const Fault& f, Machine& m) {
  std::string where = m.image() ? m.image()->describe_address(f.pc) : fmt::format("0x{:08x}", f.pc);
  std::string s =
      fmt::format("vpico: fault: {} on core {} at PC {}{}: {}\n", fault_kind_name(f.kind), f.core,
                  where, f.pc_is_block_start ? " (start of its block)" : "", f.message);
  if (f.kind == FaultKind::Breakpoint && where.find("(_exit") != std::string::npos)
    s += "  (the program returned from main() or called exit(): its C library's _exit stops at a "
         "breakpoint, as it does on a board)\n";
  CortexM0Plus& c = m.core(unsigned(f.core));
  static const int regs[] = {UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2,  UC_ARM_REG_R3,
                             UC_ARM_REG_R4, UC_ARM_REG_R5, UC_ARM_REG_R6,  UC_ARM_REG_R7,
                             UC_ARM_REG_R8, UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
                             UC_ARM_REG_R12};
  s += "  ";
  for (int i = 0; i < 13; ++i)
    s += fmt::format("r{}=0x{:08x}{}", i, c.reg(regs[i]), i == 6 ? "\n  " : " ");
  s += fmt::format("\n  sp=0x{:08x} lr=0x{:08x} pc=0x{:08x} xpsr=0x{:08x}\n", c.reg(UC_ARM_REG_SP),
                   c.reg(UC_ARM_REG_LR), c.reg(UC_ARM_REG_PC), c.reg(UC_ARM_REG_XPSR));
  s += fmt::format("  at cycle {} ({:.3f} ms of virtual time)\n", f.cycle, m.time_ns() / 1e6);
  return s;
}

}  // namespace

std::string default_firmware_path() {
  // The embedded default: the project's own firmware next to the vpico binary (build/bin/vpico
  // -> build/firmware/), or the path the build put in.
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::vector<std::filesystem::path> dirs;
  if (!ec) dirs.push_back(exe.parent_path().parent_path() / "firmware");
#ifdef VPICO_FIRMWARE_DIR
  dirs.push_back(VPICO_FIRMWARE_DIR);
#endif
  for (const auto& d : dirs)
    for (const char* name : {VPICO_DEFAULT_FIRMWARE ".uf2", VPICO_DEFAULT_FIRMWARE ".elf"})
      if (std::filesystem::exists(d / name, ec)) return (d / name).string();
  return dirs.empty() ? std::string(VPICO_DEFAULT_FIRMWARE ".uf2")
                      : (dirs.front() / (VPICO_DEFAULT_FIRMWARE ".uf2")).string();
}

void add_run_command(CLI::App& app, RunOptions& o, int& exit_status) {
  CLI::App* run =
      app.add_subcommand("run", "Run a firmware image headless, serial on the terminal");
  run->footer(
      "Exit status:\n"
      "  0    the --until-serial text appeared, or a limit ended a run that had no --until\n"
      "  1    bad options or a missing/malformed image\n"
      "  2    the firmware faulted (a report with core, PC, symbol and registers on stderr)\n"
      "  3    --cycles/--timeout-ms ran out before the --until-serial text appeared\n"
      "  4    every core asleep with nothing scheduled: the awaited text can never come\n"
      "  130  interrupted (Ctrl-C, or Ctrl-] on an interactive terminal)\n"
      "Examples:\n"
      "  vpico run                      the default firmware, UART0 on this terminal\n"
      "  vpico run fw.uf2 --until-serial '>>> ' --timeout-ms 2000");
  run->add_option("image", o.image,
                  "Firmware image: UF2, ELF or raw .bin (flashed at 0x10000000). "
                  "Default: vpico's own firmware")
      ->type_name("IMAGE");
  run->add_option("--serial", o.serial,
                  "Connect a serial port: [uart0:|uart1:|usb:]ENDPOINT, ENDPOINT = stdio, pty "
                  "(a pseudo-terminal; its /dev/pts path is printed) or tcp:PORT (a listener "
                  "on 127.0.0.1 only; 0 = any free port, printed). Repeatable. "
                  "Default: uart0:stdio")
      ->type_name("SPEC");
  run->add_option("--until-serial", o.until_serial,
                  "Stop with status 0 when this text appears on the first --serial port")
      ->type_name("TEXT");
  run->add_option("--cycles", o.cycles, "Stop after this many clk_sys cycles")->type_name("N");
  run->add_option("--timeout-ms", o.timeout_ms, "Stop after this much virtual time")
      ->type_name("MS");
  run->add_flag("--strict", o.strict, "Stop at the first access to an unmodelled register");
  run->add_flag("--stats", o.stats, "Print cycles, instructions and virtual time at the end");
  run->add_flag("-q,--quiet", o.quiet, "Do not print warnings about unmodelled registers");
  run->add_option("--speed", o.speed,
                  "auto (real time on an interactive terminal, else as fast as possible), "
                  "realtime or max; pacing never changes results")
      ->check(CLI::IsMember({"auto", "realtime", "max"}));
  run->add_option("--flash-file", o.flash_file,
                  "The board's flash as a file: read at start when it exists (an IMAGE is then "
                  "programmed over it, like a UF2 drop), written back atomically at the end")
      ->type_name("PATH");
  run->add_option("--on-fault", o.on_fault,
                  "stop: a firmware fault ends the run with a report (default); hardfault: "
                  "escalate to the HardFault handler as the chip does, stop only on lockup")
      ->check(CLI::IsMember({"stop", "hardfault"}));
  run->add_option("--i2c-part", o.i2c_parts,
                  "Wire an I2C part for the run: bmp280[@ADDR][:sda=N,scl=N,t=DEGC,p=PA] "
                  "(defaults: 0x76, GPIO4/GPIO5, 25 degC, 101325 Pa). Repeatable. "
                  "Example: bmp280@0x76:sda=4,scl=5,t=21.5")
      ->type_name("SPEC");
  run->add_option("--wire", o.wires,
                  "A jumper wire from one pad to another: FROM:TO (GPIO numbers), TO follows "
                  "whatever FROM carries (level or PWM waveform). Repeatable. Example: 2:5")
      ->type_name("FROM:TO");
  run->add_option("--board", o.board,
                  "A board file: the parts wired to the Pico (JSON in the shape of Wokwi's "
                  "diagram.json: LEDs, buttons, potentiometers, a BMP280)")
      ->type_name("FILE.json");
  run->add_option("--vcd", o.vcd,
                  "Write every pin's level over the run to this file (Value Change Dump, for "
                  "GTKWave or PulseView), however the run ends")
      ->type_name("FILE.vcd");
  run->add_option("--quantum", o.quantum, "Cycles a core runs before the other core's turn")
      ->check(CLI::Range(16u, 1'000'000u));
  run->add_option("--gdb", o.gdb_port,
                  "Wait for gdb (target remote :PORT) on 127.0.0.1 before the first instruction; "
                  "the run goes on as usual when gdb detaches")
      ->type_name("PORT");
  run->callback([&o, &exit_status] { exit_status = run_command(o); });
}

int run_command(const RunOptions& o) {
  std::vector<SerialSpec> specs;
  for (const std::string& s : o.serial.empty() ? std::vector<std::string>{"stdio"} : o.serial) {
    auto spec = parse_serial_spec(s);
    if (!spec) {
      fmt::print(stderr, "vpico: {}\n", spec.error().message);
      return kExitBadInput;
    }
    specs.push_back(*spec);
  }
  std::vector<uint8_t> flash_contents;
  std::error_code ec;
  const bool have_flash_file = !o.flash_file.empty() && std::filesystem::exists(o.flash_file, ec);
  if (have_flash_file) {
    auto bytes = loader::read_file(o.flash_file);
    if (!bytes) {
      fmt::print(stderr, "vpico: {}\n", bytes.error().message);
      return kExitBadInput;
    }
    flash_contents = std::move(*bytes);
  }
  // With a flash file and no image, the board boots what its flash holds.
  const bool boot_flash_only = o.image.empty() && have_flash_file;
  const std::string path = o.image.empty() ? default_firmware_path() : o.image;
  Result<Image> image = boot_flash_only ? Result<Image>(Image{}) : load_image(path);
  if (!image) {
    fmt::print(stderr, "vpico: {}\n", image.error().message);
    return kExitBadInput;
  }
  // Parts are declared before the machine so that they outlive it.
  std::unique_ptr<peripherals::Board> board;
  if (!o.board.empty()) {
    auto loaded = peripherals::Board::load(o.board);
    if (!loaded) {
      fmt::print(stderr, "vpico: {}\n", loaded.error().message);
      return kExitBadInput;
    }
    board = std::move(*loaded);
  }
  std::vector<std::unique_ptr<peripherals::Bmp280>> i2c_parts;
  std::vector<I2cPartSpec> i2c_specs;
  for (const std::string& s : o.i2c_parts) {
    auto spec = parse_i2c_part_spec(s);
    if (!spec) {
      fmt::print(stderr, "vpico: {}\n", spec.error().message);
      return kExitBadInput;
    }
    i2c_specs.push_back(*spec);
  }
  MachineConfig config;
  config.strict = o.strict;
  config.max_quantum = o.quantum;
  config.stop_on_fault = o.on_fault == "stop";
  auto created = Machine::create(config);
  if (!created) {
    fmt::print(stderr, "vpico: {}\n", created.error().message);
    return kExitBadInput;
  }
  Machine& m = **created;
  if (!o.quiet)
    m.diagnostics().on_warning = [](const std::string& w) {
      fmt::print(stderr, "vpico: warning: {}\n", w);
    };
  for (const I2cPartSpec& spec : i2c_specs) {
    i2c_parts.push_back(std::make_unique<peripherals::Bmp280>(spec.address));
    i2c_parts.back()->set_temperature_centi(spec.temperature_centi);
    i2c_parts.back()->set_pressure_pa(spec.pressure_pa);
    if (auto r = m.attach_i2c(spec.sda, spec.scl, *i2c_parts.back()); !r) {
      fmt::print(stderr, "vpico: --i2c-part {}: {}\n", spec.kind, r.error().message);
      return kExitBadInput;
    }
  }
  if (board) {
    if (auto r = board->attach(m); !r) {
      fmt::print(stderr, "vpico: {}\n", r.error().message);
      return kExitBadInput;
    }
  }
  for (const std::string& w : o.wires) {
    unsigned from = 0, to = 0;
    char tail = 0;
    if (std::sscanf(w.c_str(), "%u:%u%c", &from, &to, &tail) != 2) {
      fmt::print(stderr, "vpico: --wire {}: expected FROM:TO, two GPIO numbers (e.g. 2:5)\n", w);
      return kExitBadInput;
    }
    if (auto r = m.pins().connect(from, to); !r) {
      fmt::print(stderr, "vpico: --wire {}: {}\n", w, r.error().message);
      return kExitBadInput;
    }
  }
  if (have_flash_file) {
    if (flash_contents.size() != m.flash().size()) {
      fmt::print(stderr, "vpico: {}: {} bytes, but the flash is {} bytes ({} MiB)\n", o.flash_file,
                 flash_contents.size(), m.flash().size(), m.flash().size() >> 20);
      return kExitBadInput;
    }
    std::copy(flash_contents.begin(), flash_contents.end(), m.flash().begin());
  }
  if (!boot_flash_only) {
    if (auto r = m.load(*image); !r) {
      fmt::print(stderr, "vpico: {}\n", r.error().message);
      return kExitBadInput;
    }
  }
  // The flash goes back to its file however the run ends (never half-written: atomic).
  struct FlashSaver {
    Machine& m;
    const std::string& file;
    ~FlashSaver() {
      if (file.empty()) return;
      if (auto r = write_file_atomically(file, m.flash()); !r)
        fmt::print(stderr, "vpico: {}\n", r.error().message);
    }
  } flash_saver{m, o.flash_file};
  if (auto r = m.reset(); !r) {
    fmt::print(stderr, "vpico: {}: cannot boot: {}\n", path, r.error().message);
    return kExitFault;
  }

  // The pins' VCD is written however the run ends (declared after the machine: it goes first).
  struct VcdSaver {
    std::unique_ptr<VcdWriter> writer;
    std::string file;
    ~VcdSaver() {
      if (!writer) return;
      if (auto r = writer->write(file); !r) fmt::print(stderr, "vpico: {}\n", r.error().message);
    }
  } vcd_saver{o.vcd.empty() ? nullptr : std::make_unique<VcdWriter>(m), o.vcd};

  SerialPort* input_port = nullptr;  // the port standard input types into
  struct HostLink {
    SerialPort* port;
    std::unique_ptr<HostEndpoint> end;
  };
  std::vector<HostLink> ptys;  // pty and tcp endpoints
  for (const SerialSpec& s : specs) {
    SerialPort* port = m.serial(s.port);
    if (!port) {
      fmt::print(stderr, "vpico: --serial {}:{}: port '{}' is not modelled yet\n", s.port,
                 s.endpoint, s.port);
      return kExitBadInput;
    }
    if (s.endpoint == "pty" || s.endpoint == "tcp") {
      std::unique_ptr<HostEndpoint> end;
      if (s.endpoint == "pty") {
        auto pty = PtyEndpoint::open();
        if (!pty) {
          fmt::print(stderr, "vpico: {}\n", pty.error().message);
          return kExitBadInput;
        }
        end = std::move(*pty);
      } else {
        auto tcp = TcpEndpoint::listen(s.tcp_port);
        if (!tcp) {
          fmt::print(stderr, "vpico: {}\n", tcp.error().message);
          return kExitBadInput;
        }
        end = std::move(*tcp);
      }
      HostEndpoint* e = end.get();
      port->on_output([e](uint8_t b) { e->queue(b); });
      fmt::print(stderr, "vpico: {} on {}\n", s.port, e->where());
      std::fflush(stderr);
      ptys.push_back(HostLink{port, std::move(end)});
      continue;
    }
    port->on_output([](uint8_t b) { std::fputc(b, stdout); });
    if (!input_port) input_port = port;
  }

  RunCondition cond;
  if (o.cycles) cond.max_cycles = *o.cycles;
  if (o.timeout_ms) cond.max_time_ns = *o.timeout_ms * 1'000'000ull;
  if (o.until_serial) cond.serial = RunCondition::SerialText{specs.front().port, *o.until_serial};
  g_interrupted = false;
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigaction(SIGINT, &sa, nullptr);
  cond.host_stop = &g_interrupted;

  const bool interactive = isatty(STDIN_FILENO) && input_port;
  RawTerminal raw(interactive ? STDIN_FILENO : -1);
  // Someone may type into a pty at any time, so a board waiting for input keeps running, at
  // the pace of real time unless --speed max says otherwise.
  const bool realtime =
      o.speed == "realtime" || (o.speed == "auto" && (interactive || !ptys.empty()));
  int stdin_flags = fcntl(STDIN_FILENO, F_GETFL);
  bool stdin_open =
      input_port && stdin_flags >= 0 && fcntl(STDIN_FILENO, F_SETFL, stdin_flags | O_NONBLOCK) == 0;
  bool host_input_open = stdin_open || !ptys.empty();
  cond.host_input_open = &host_input_open;
  const auto wall_start = std::chrono::steady_clock::now();
  const uint64_t virt_start = m.time_ns();
  bool quit_key = false;
  cond.on_quantum = [&]() {
    std::fflush(stdout);
    for (HostLink& link : ptys) {
      link.end->flush();
      link.end->pump_into(*link.port);
    }
    if (stdin_open) {  // host input enters at quantum boundaries (DESIGN.md)
      char buf[256];
      ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n > 0) {
        std::string_view in(buf, size_t(n));
        if (raw.active() && in.find('\x1d') != std::string_view::npos) {  // Ctrl-]
          quit_key = true;
          return false;
        }
        input_port->send(in);
      } else if (n == 0) {
        stdin_open = false;
        host_input_open = !ptys.empty();
      }
    }
    if (realtime) {  // pacing only sleeps; it never changes what the machine computes
      auto wall = std::chrono::steady_clock::now() - wall_start;
      auto virt = std::chrono::nanoseconds(m.time_ns() - virt_start);
      if (virt > wall + std::chrono::milliseconds(2)) std::this_thread::sleep_for(virt - wall);
    }
    return true;
  };

  if (o.gdb_port) {
    GdbStub stub(m);
    auto port = stub.listen(*o.gdb_port);
    if (!port) {
      fmt::print(stderr, "vpico: {}\n", port.error().message);
      return kExitBadInput;
    }
    fmt::print(stderr, "vpico: gdb stub on 127.0.0.1:{}\n", *port);
    std::fflush(stderr);
    if (auto a = stub.accept(); !a) {
      fmt::print(stderr, "vpico: {}\n", a.error().message);
      return kExitBadInput;
    }
    stub.on_fault = [&m](const Fault& f) { fmt::print(stderr, "\n{}", format_fault(f, m)); };
    stub.on_quantum = [] { std::fflush(stdout); };
    if (stub.serve() != GdbStub::End::Detached) {
      std::fflush(stdout);
      return kExitOk;
    }
  }
  RunResult r = m.run(cond);
  std::fflush(stdout);
  if (stdin_flags >= 0) fcntl(STDIN_FILENO, F_SETFL, stdin_flags);
  if (o.stats)
    fmt::print(stderr, "vpico: {} after {} cycles, {} instructions, {:.3f} ms virtual time\n",
               stop_reason_name(r.reason), r.cycles, m.instructions(), r.time_ns / 1e6);
  if (o.stats && m.usb_host().state() != UsbHost::State::Detached) {
    const UsbHost::DeviceInfo& d = m.usb_host().device();
    fmt::print(stderr, "vpico: usb: {}, device {:04x}:{:04x} '{}' '{}'{}\n",
               usb_host_state_name(m.usb_host().state()), d.vendor, d.product, d.manufacturer,
               d.product_name, d.cdc ? ", CDC-ACM on serial port 'usb'" : "");
  }
  switch (r.reason) {
    case StopReason::SerialMatch:
    case StopReason::PinMatch:
      return kExitOk;
    case StopReason::CycleLimit:
    case StopReason::TimeLimit:
      if (o.until_serial) {
        fmt::print(stderr, "\nvpico: {} before '{}' appeared on {}\n", stop_reason_name(r.reason),
                   *o.until_serial, specs.front().port);
        return kExitLimit;
      }
      return kExitOk;
    case StopReason::Fault:
      if (r.fault) fmt::print(stderr, "\n{}", format_fault(*r.fault, m));
      return kExitFault;
    case StopReason::Idle:
      fmt::print(stderr, "\nvpico: {} (at {:.3f} ms virtual time)\n", stop_reason_name(r.reason),
                 r.time_ns / 1e6);
      return o.until_serial ? kExitIdle : kExitOk;
    case StopReason::HostStop:
      return quit_key ? kExitOk : kExitInterrupted;
  }
  return kExitOk;
}

}  // namespace vpico::cli
