// Machine: one virtual Pico (DESIGN.md "The seams"). Owns the cores, memories, bus, scheduler,
// on-chip blocks and pins. The CLI, scenarios, GUI, GDB stub and profiler all drive this object.
// No global state: several machines can live in one process.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bus.h"
#include "cortex_m0plus.h"
#include "diagnostics.h"
#include "loader/image.h"
#include "pins.h"
#include "result.h"
#include "scheduler.h"
#include "serial_port.h"

namespace vpico {

namespace rp2040 {
class Busctrl;
class IoQspi;
class PadsQspi;
class Clocks;
class Pll;
class Psm;
class Pwm;
class Rosc;
class Syscfg;
class Sysinfo;
class Tbman;
class Timer;
class Vreg;
class Watchdog;
class IoBank0;
class PadsBank0;
class Resets;
class Sio;
class Ssi;
class Uart;
class Xosc;
}  // namespace rp2040
class SystemControlSpace;
class FlashChip;
class RomTraps;

struct MachineConfig {
  uint32_t flash_size = 2 * 1024 * 1024;  // the Pico's W25Q16JV
  uint32_t max_quantum = 10'000;          // cycles a core runs before the other gets a turn
  bool strict = false;                    // unmodelled register access stops the run
  // A firmware fault stops the run with a report (true), or escalates to HardFault as on the
  // hardware (false; only lockup stops the run then).
  bool stop_on_fault = true;
  // Boot through vpico's own boot ROM (firmware/bootrom, embedded at build time). Without it,
  // or when the build had no firmware, the ROM's flash boot path is emulated natively and core 1
  // stays halted.
  bool use_boot_rom = true;
};

enum class StopReason {
  CycleLimit,   // max_cycles reached
  TimeLimit,    // max_time_ns of virtual time reached
  SerialMatch,  // the expected serial text appeared
  PinMatch,     // the watched pin reached the level
  Fault,        // the firmware faulted (see RunResult::fault)
  Idle,         // every core sleeps and nothing is scheduled: nothing can ever happen
  HostStop,     // the host asked to stop (Ctrl-C, GUI)
};
const char* stop_reason_name(StopReason reason);

struct RunCondition {
  std::optional<uint64_t> max_cycles;   // relative to the start of this run
  std::optional<uint64_t> max_time_ns;  // virtual time, relative to the start of this run
  struct SerialText {
    std::string port = "uart0";
    std::string text;
  };
  std::optional<SerialText> serial;  // matched in output produced during this run
  struct PinLevel {
    unsigned pin;
    bool level;
  };
  std::optional<PinLevel> pin;
  const std::atomic<bool>* host_stop = nullptr;
  // Called at each quantum boundary (pacing, GUI, feeding host input); return false to stop.
  std::function<bool()> on_quantum;
  // While *host_input_open, an idle machine keeps running: input may still come (a terminal).
  const bool* host_input_open = nullptr;
};

struct RunResult {
  StopReason reason;
  uint64_t cycles = 0;  // machine time at the end
  uint64_t time_ns = 0;
  std::optional<Fault> fault;
};

class Machine : private IrqSink, private DreqSink {
 public:
  static Result<std::unique_ptr<Machine>> create(MachineConfig config = {});
  ~Machine() override;

  // Writes the image into flash/SRAM (flash starts erased). Call reset() afterwards.
  Result<void> load(const Image& image);
  // Power-on reset, then what the boot ROM does for core 0: check and enter boot2.
  Result<void> reset();
  RunResult run(const RunCondition& condition);

  // "uart0", "uart1"; nullptr for a port that is not modelled.
  SerialPort* serial(std::string_view name);
  Pins& pins() { return m_pins; }
  Diagnostics& diagnostics() { return m_diag; }
  Scheduler& scheduler() { return m_sched; }
  const std::vector<Fault>& faults() const { return m_diag.faults(); }
  const Image* image() const { return m_image ? &*m_image : nullptr; }

  uint64_t cycles() const { return m_sched.machine_time(); }
  uint64_t time_ns() const;
  uint32_t sys_hz() const;
  CortexM0Plus& core(unsigned i) { return *m_cores[i]; }
  uint64_t instructions() const;
  // A DREQ line's level as a block last set it (rp2040::Dreq numbers).
  bool dreq_level(unsigned dreq) const { return dreq < m_dreq.size() && m_dreq[dreq]; }

  bool has_boot_rom() const { return m_has_rom; }
  // Chip resets since power-on (watchdog, SYSRESETREQ).
  unsigned reboots() const { return m_reboots; }
  // Direct memory views (tests, loaders, debugger).
  std::span<uint8_t> flash() { return m_flash; }
  std::span<uint8_t> sram() { return m_sram; }
  // Reads memory the way core 0 sees it (no side effects on peripherals).
  Result<void> read_memory(uint32_t address, std::span<uint8_t> out);

 private:
  explicit Machine(MachineConfig config);
  Result<void> build();
  Result<void> map_core(CortexM0Plus& core);
  void set_irq_level(unsigned irq, bool level) override;
  void set_core_irq_level(unsigned core, unsigned irq, bool level) override;
  // Blocks' DREQ lines (rp2040::Dreq), as the DMA sees them.
  void set_dreq_level(unsigned dreq, bool level) override;
  void on_clocks_changed();
  Result<void> boot_core0();
  // Chip-level reset while time goes on (SYSRESETREQ, watchdog): flash and time survive.
  Result<void> reboot_chip(bool power_on);
  bool handle_rom_trap(CortexM0Plus& core, uint32_t pc);
  void request_reboot(const std::string& why);
  void drain_serial_after_fault();
  class RomHostForCore;
  void wake_sleepers();
  uint64_t ns_to_cycles_from_now(uint64_t ns) const;

  struct MmioRoute {
    Machine* machine;
    CortexM0Plus* core;
    uint32_t base;
    Device* device;  // core-local block (SIO, SCS); nullptr = the shared bus
  };
  static uint64_t mmio_read(uc_engine*, uint64_t offset, unsigned size, void* user);
  static void mmio_write(uc_engine*, uint64_t offset, unsigned size, uint64_t value, void* user);

  MachineConfig m_config;
  Diagnostics m_diag;
  Scheduler m_sched;
  Bus m_bus;
  std::array<bool, 64> m_dreq{};
  Pins m_pins;
  std::vector<uint8_t> m_rom, m_flash, m_sram, m_xip_sram;
  std::vector<std::unique_ptr<CortexM0Plus>> m_cores;
  std::vector<std::unique_ptr<MmioRoute>> m_routes;
  CortexM0Plus* m_running = nullptr;

  SerialPort m_uart0_port{"uart0"}, m_uart1_port{"uart1"};
  std::unique_ptr<rp2040::Sio> m_sio;
  std::unique_ptr<rp2040::Resets> m_resets;
  std::unique_ptr<rp2040::Xosc> m_xosc;
  std::unique_ptr<rp2040::Clocks> m_clocks;
  std::unique_ptr<rp2040::PadsBank0> m_pads;
  std::unique_ptr<rp2040::IoBank0> m_io;
  std::unique_ptr<rp2040::Uart> m_uart0, m_uart1;
  std::unique_ptr<FlashChip> m_flash_chip;
  std::unique_ptr<rp2040::Ssi> m_ssi;
  std::unique_ptr<rp2040::PadsQspi> m_pads_qspi;
  std::unique_ptr<rp2040::IoQspi> m_io_qspi;
  std::unique_ptr<rp2040::Rosc> m_rosc;
  std::unique_ptr<rp2040::Pll> m_pll_sys, m_pll_usb;
  std::unique_ptr<rp2040::Watchdog> m_watchdog;
  std::unique_ptr<rp2040::Timer> m_timer;
  std::unique_ptr<rp2040::Psm> m_psm;
  std::unique_ptr<rp2040::Pwm> m_pwm;
  std::unique_ptr<rp2040::Vreg> m_vreg;
  std::unique_ptr<rp2040::Sysinfo> m_sysinfo;
  std::unique_ptr<rp2040::Syscfg> m_syscfg;
  std::unique_ptr<rp2040::Tbman> m_tbman;
  std::unique_ptr<rp2040::Busctrl> m_busctrl;
  std::vector<std::unique_ptr<SystemControlSpace>> m_scs;

  bool m_reboot_requested = false;
  bool m_reboot_power_on = false;
  unsigned m_reboots = 0;
  // Virtual time: ns at m_anchor_cycle, advancing at m_hz from there.
  uint64_t m_anchor_cycle = 0, m_anchor_ns = 0;
  uint32_t m_hz = 0;
  std::optional<Image> m_image;
  bool m_has_rom = false;
  std::unique_ptr<RomTraps> m_rom_traps;
};

}  // namespace vpico
