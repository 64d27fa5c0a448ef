// emulator_speed: emulated clk_sys cycles per wall second for an ALU-bound and a store-heavy
// (interpreter-shaped) image, with cycle counting and both cores on, next to raw Unicorn running
// the same kernel with no hooks; and the cost of a guest store in isolation (UNICORN.md: stores
// take Unicorn 2's slow path). Prints ratios; asserts nothing.
//
//   build/bin/emulator_speed [--firmware-dir DIR] [--repeat N]
#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unicorn/unicorn.h>

#include "loader/image.h"
#include "machine.h"

using namespace vpico;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

const ImageSymbol* find_symbol(const Image& image, const std::string& name) {
  for (const ImageSymbol& s : image.symbols)
    if (s.name == name) return &s;
  return nullptr;
}

bool read_u32(const Image& image, uint32_t address, uint32_t& out) {
  for (const ImageSegment& s : image.segments)
    if (address >= s.address && address + 4 <= s.address + s.bytes.size()) {
      std::memcpy(&out, s.bytes.data() + (address - s.address), 4);
      return true;
    }
  return false;
}

struct VpicoRun {
  double seconds;
  uint64_t cycles, instructions;
};

VpicoRun run_vpico(const Image& image) {
  auto m = Machine::create();
  if (!m || !(*m)->load(image) || !(*m)->reset()) {
    fmt::print(stderr, "cannot boot {}\n", image.path);
    std::exit(1);
  }
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "DONE\n"};
  c.max_time_ns = 600'000'000'000ull;
  auto t0 = Clock::now();
  RunResult r = (*m)->run(c);
  double s = seconds_since(t0);
  if (r.reason != StopReason::SerialMatch) {
    fmt::print(stderr, "{}: {}\n", image.path, stop_reason_name(r.reason));
    std::exit(1);
  }
  return {s, r.cycles, (*m)->instructions()};
}

// bench_kernel(n) on a bare Unicorn Cortex-M0 with no hooks: the peer vpico is measured against.
double run_raw_unicorn(const Image& image, uint32_t kernel, uint32_t n) {
  uc_engine* uc;
  uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &uc);
  uc_ctl_set_cpu_model(uc, UC_CPU_ARM_CORTEX_M0);
  std::vector<uint8_t> flash(2 * 1024 * 1024, 0xff), sram(264 * 1024, 0);
  for (const ImageSegment& s : image.segments)
    if (s.address >= 0x10000000 && s.address - 0x10000000 + s.bytes.size() <= flash.size())
      std::memcpy(flash.data() + (s.address - 0x10000000), s.bytes.data(), s.bytes.size());
  uc_mem_map_ptr(uc, 0x10000000, flash.size(), UC_PROT_READ | UC_PROT_EXEC, flash.data());
  uc_mem_map_ptr(uc, 0x20000000, sram.size(), UC_PROT_ALL, sram.data());
  const uint32_t stop = 0x20040000, sp = 0x20042000;
  uint32_t lr = stop | 1;
  uc_reg_write(uc, UC_ARM_REG_SP, &sp);
  uc_reg_write(uc, UC_ARM_REG_LR, &lr);
  uc_reg_write(uc, UC_ARM_REG_R0, &n);
  auto t0 = Clock::now();
  uc_err err = uc_emu_start(uc, kernel | 1, stop, 0, 0);
  double s = seconds_since(t0);
  if (err != UC_ERR_OK) fmt::print(stderr, "raw unicorn: {}\n", uc_strerror(err));
  uc_close(uc);
  return s;
}

// A loop of `iterations` x {op; adds; subs; bne} with op a store or a load to SRAM.
double raw_loop_ns(bool store, bool map_with_ptr, uint32_t sram_perms, uint32_t iterations) {
  uc_engine* uc;
  uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &uc);
  uc_ctl_set_cpu_model(uc, UC_CPU_ARM_CORTEX_M0);
  static std::vector<uint8_t> code(0x1000), sram(0x10000);
  const uint16_t body[] = {uint16_t(store ? 0x6008 : 0x6808),  // str/ldr r0, [r1]
                           0x1c40,                             // adds r0, r0, #1
                           0x3a01,                             // subs r2, #1
                           0xd1fb,                             // bne back to the str/ldr
                           0xe7fe};                            // b .
  std::memcpy(code.data(), body, sizeof body);
  uc_mem_map_ptr(uc, 0x10000000, code.size(), UC_PROT_READ | UC_PROT_EXEC, code.data());
  if (map_with_ptr)
    uc_mem_map_ptr(uc, 0x20000000, sram.size(), sram_perms, sram.data());
  else
    uc_mem_map(uc, 0x20000000, sram.size(), sram_perms);
  uint32_t r1 = 0x20000100, r2 = iterations;
  uc_reg_write(uc, UC_ARM_REG_R1, &r1);
  uc_reg_write(uc, UC_ARM_REG_R2, &r2);
  auto t0 = Clock::now();
  uc_emu_start(uc, 0x10000001, 0x10000008, 0, 0);
  double s = seconds_since(t0);
  uc_close(uc);
  return s * 1e9 / iterations;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = VPICO_FIRMWARE_DIR;
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--firmware-dir" && i + 1 < argc)
      dir = argv[++i];
    else if (a == "--repeat" && i + 1 < argc)
      repeat = std::max(1, std::atoi(argv[++i]));
    else {
      fmt::print("usage: emulator_speed [--firmware-dir DIR] [--repeat N]\n");
      return a == "--help" ? 0 : 1;
    }
  }
  constexpr double kRealHz = 125e6;  // the Pico's default clk_sys
  fmt::print("vpico emulator speed (median of {}), emulated clk_sys cycles per wall second\n\n",
             repeat);
  fmt::print("{:<10} {:>12} {:>10} {:>9} {:>11} {:>12} {:>13}\n", "image", "cycles", "vpico s",
             "MHz", "x realtime", "raw Unicorn s", "vpico/raw");
  for (const char* name : {"bench_alu", "bench_vm"}) {
    auto image = load_image(dir + "/" + name + ".elf");
    if (!image) {
      fmt::print(stderr, "{}\n", image.error().message);
      return 1;
    }
    const ImageSymbol* kernel = find_symbol(*image, "bench_kernel");
    const ImageSymbol* iters = find_symbol(*image, "bench_iterations");
    uint32_t n = 0;
    if (!kernel || !iters || !read_u32(*image, iters->address, n)) {
      fmt::print(stderr, "{}: bench_kernel/bench_iterations not found\n", name);
      return 1;
    }
    std::vector<double> vs, rs;
    VpicoRun v{};
    for (int i = 0; i < repeat; ++i) {
      v = run_vpico(*image);
      vs.push_back(v.seconds);
      rs.push_back(run_raw_unicorn(*image, kernel->address, n));
    }
    double vsec = median(vs), rsec = median(rs);
    double mhz = v.cycles / vsec / 1e6;
    fmt::print("{:<10} {:>12} {:>10.3f} {:>9.1f} {:>11.2f} {:>12.3f} {:>13.2f}\n", name, v.cycles,
               vsec, mhz, mhz * 1e6 / kRealHz, rsec, vsec / rsec);
  }
  // A real interpreter at work: vpy's core running its smoke program (no raw-Unicorn peer: it
  // needs the peripherals).
  if (auto image = load_image(dir + "/vpy_smoke.elf")) {
    std::vector<double> vs;
    VpicoRun v{};
    for (int i = 0; i < repeat; ++i) {
      v = run_vpico(*image);
      vs.push_back(v.seconds);
    }
    double vsec = median(vs), mhz = v.cycles / vsec / 1e6;
    fmt::print("{:<10} {:>12} {:>10.3f} {:>9.1f} {:>11.2f} {:>12} {:>13}\n", "vpy_smoke", v.cycles,
               vsec, mhz, mhz * 1e6 / kRealHz, "-", "-");
  }
  fmt::print(
      "\n(vpico runs the whole image: boot, clock set-up and UART output at 12 MHz add\n"
      " about 1% to its time; raw Unicorn runs only bench_kernel, with no hooks, no cycle\n"
      " counting, no peripherals and one core.)\n\n");

  constexpr uint32_t kIters = 2'000'000;
  struct Variant {
    const char* what;
    bool ptr;
    uint32_t perms;
  };
  fmt::print("guest store cost on raw Unicorn ({} iterations of op+adds+subs+bne):\n", kIters);
  for (Variant var : {Variant{"uc_mem_map_ptr, RWX", true, UC_PROT_ALL},
                      Variant{"uc_mem_map_ptr, RW ", true, UC_PROT_READ | UC_PROT_WRITE},
                      Variant{"uc_mem_map,     RWX", false, UC_PROT_ALL}}) {
    std::vector<double> st, ld;
    for (int i = 0; i < repeat; ++i) {
      st.push_back(raw_loop_ns(true, var.ptr, var.perms, kIters));
      ld.push_back(raw_loop_ns(false, var.ptr, var.perms, kIters));
    }
    double s = median(st), l = median(ld);
    fmt::print(
        "  {}: store loop {:6.1f} ns/iter, load loop {:6.1f} ns/iter -> a store costs "
        "{:6.1f} ns more than a load ({:.1f}x the load loop)\n",
        var.what, s, l, s - l, s / l);
  }
  return 0;
}
