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
#include "i2c_bus.h"
#include "loader/image.h"
#include "pins.h"
#include "result.h"
#include "scheduler.h"
#include "serial_port.h"
#include "spi_target.h"

namespace vpico {

namespace rp2040 {
class Adc;
class Busctrl;
class Dma;
class IoQspi;
class Spi;
class XipAux;
class XipCtrl;
class PadsQspi;
class Pio;
class Clocks;
class I2c;
class Pll;
class Psm;
class Pwm;
class Rosc;
class Rtc;
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
class Usb;
class UsbDpram;
class Xosc;
}  // namespace rp2040
class SystemControlSpace;
class FlashChip;
class RomTraps;
class UsbHost;

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
  // Reason HostStop because a core stopped for the debugger (breakpoint, watchpoint, step).
  std::optional<DebugStop> debug = std::nullopt;
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

  // "uart0", "uart1", "usb" (the CDC-ACM function the virtual USB host found, if any);
  // nullptr for a port that is not modelled.
  SerialPort* serial(std::string_view name);
  // Wires an SPI part to the pads it connects to: it receives the frames of the SPI controller
  // whose SCK reaches `sck_pin`, while `cs_pin` is low (or per frame, when cs_pin is the
  // controller's own CSn function). The target must outlive the machine.
  void attach_spi(SpiTarget& target, unsigned sck_pin, unsigned cs_pin);
  // The PC at the far end of the USB cable (usb_host.h): its enumeration state.
  const UsbHost& usb_host() const { return *m_usb_host; }
  Pins& pins() { return m_pins; }
  // On-chip blocks that scenarios and the GUI drive from outside: the ADC's die temperature
  // (adc().set_temperature_c), the RTC's time (rtc().now()).
  rp2040::Adc& adc() { return *m_adc; }
  rp2040::Rtc& rtc() { return *m_rtc; }
  // The I2C wires between pads `sda` and `scl` (an SDA pin and an SCL pin of the same controller:
  // I2C0 SDA on GPIO 0, 4, .., 28 with SCL on 1, 5, .., 29; I2C1 SDA on 2, 6, .., 26 with SCL on
  // 3, 7, .., 27; datasheet 2.19.2), created on first use. Attach parts to it; a controller
  // reaches them while both pads are on function 3 (I2C).
  Result<I2cBus*> i2c_bus(unsigned sda, unsigned scl);
  // Shorthand: i2c_bus(sda, scl) then attach. The part must outlive the machine or be detached.
  Result<void> attach_i2c(unsigned sda, unsigned scl, I2cTarget& part);
  Diagnostics& diagnostics() { return m_diag; }
  Scheduler& scheduler() { return m_sched; }
  const std::vector<Fault>& faults() const { return m_diag.faults(); }
  const Image* image() const { return m_image ? &*m_image : nullptr; }

  uint64_t cycles() const { return m_sched.machine_time(); }
  uint64_t time_ns() const;
  uint32_t sys_hz() const;
  CortexM0Plus& core(unsigned i) { return *m_cores[i]; }
  unsigned core_count() const { return unsigned(m_cores.size()); }
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

  // Debugger (gdb_stub.h), on both cores. Nothing is hooked until a breakpoint, watchpoint or
  // step exists: without them a run is exactly what it is with no debugger. A core that stops
  // for the debugger ends run() with reason HostStop and RunResult::debug; the other core keeps
  // its place in the quantum interleaving (the next run() goes on from there).
  // A BKPT in the firmware stops as a breakpoint (instead of faulting) while attached.
  void set_debugger_attached(bool attached);
  Result<void> add_breakpoint(uint32_t address);
  void remove_breakpoint(uint32_t address);
  // Memory only (ROM, flash and its aliases, SRAM, XIP SRAM), accessed by either core's
  // instructions; MMIO registers and DMA transfers are not watched.
  Result<void> add_watchpoint(uint32_t address, uint32_t length, WatchKind kind);
  void remove_watchpoint(uint32_t address, uint32_t length, WatchKind kind);
  // The next run() ends once `core` has executed one instruction (or stopped otherwise).
  void request_step(unsigned core);
  void cancel_steps();
  // Before resuming from a debugger stop: breakpoints at the cores' PCs are passed over once.
  void step_over_breakpoints();
  // Writes memory (ROM, flash, SRAM, XIP SRAM) as the debugger does: straight into the memory,
  // dropping any code translated from it. MMIO is refused (a write has side effects).
  Result<void> write_memory(uint32_t address, std::span<const uint8_t> data);
  // Whether [address, address + length) is plain memory (no MMIO).
  bool is_memory(uint32_t address, uint32_t length) const;

 private:
  explicit Machine(MachineConfig config);
  Result<void> build();
  Result<void> map_core(CortexM0Plus& core);
  void set_irq_level(unsigned irq, bool level) override;
  void set_core_irq_level(unsigned core, unsigned irq, bool level) override;
  // Blocks' DREQ lines (rp2040::Dreq), as the DMA sees them.
  void set_dreq_level(unsigned dreq, bool level) override;
  Pins::ChipDrive spi_pin_drive(unsigned pin) const;
  uint16_t spi_exchange(unsigned index, uint16_t mosi, unsigned bits);
  void on_clocks_changed();
  Result<void> boot_core0();
  // Chip-level reset while time goes on (SYSRESETREQ, watchdog): flash and time survive.
  Result<void> reboot_chip(bool power_on);
  bool handle_rom_trap(CortexM0Plus& core, uint32_t pc);
  void request_reboot(const std::string& why);
  void drain_serial_after_fault();
  class RomHostForCore;
  void wake_sleepers();
  // PSM FRCE_OFF.PROC1 changed: hold core 1 in reset, or restart it from the boot ROM.
  void power_core1(bool off);
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
  std::unique_ptr<rp2040::I2c> m_i2c0, m_i2c1;
  std::vector<std::unique_ptr<I2cBus>> m_i2c_buses;
  std::vector<I2cBus*> i2c_route(unsigned controller) const;
  std::unique_ptr<rp2040::Pio> m_pio0, m_pio1;
  std::unique_ptr<FlashChip> m_flash_chip;
  std::unique_ptr<rp2040::Ssi> m_ssi;
  std::unique_ptr<rp2040::PadsQspi> m_pads_qspi;
  std::unique_ptr<rp2040::IoQspi> m_io_qspi;
  std::unique_ptr<rp2040::XipCtrl> m_xip_ctrl;
  std::unique_ptr<rp2040::XipAux> m_xip_aux;
  std::unique_ptr<rp2040::Spi> m_spi0, m_spi1;
  struct SpiAttachment {
    SpiTarget* target;
    unsigned sck_pin, cs_pin;
  };
  std::vector<SpiAttachment> m_spi_targets;
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
  std::unique_ptr<rp2040::Rtc> m_rtc;
  std::unique_ptr<rp2040::Adc> m_adc;
  // The DMA's way onto the bus (a bus master: memories direct, peripherals through m_bus).
  class DmaPort;
  std::unique_ptr<DmaPort> m_dma_port;
  std::unique_ptr<rp2040::Dma> m_dma;
  SerialPort m_usb_port{"usb"};
  std::unique_ptr<rp2040::Usb> m_usb;
  std::unique_ptr<rp2040::UsbDpram> m_usb_dpram;
  std::unique_ptr<UsbHost> m_usb_host;
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
