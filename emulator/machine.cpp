#include "machine.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "crc32.h"
#include "flash_chip.h"
#include "rom_traps.h"
#include "rp2040/adc.h"
#include "rp2040/address_map.h"
#include "rp2040/busctrl.h"
#include "rp2040/clocks.h"
#include "rp2040/dma.h"
#include "rp2040/i2c.h"
#include "rp2040/io_bank0.h"
#include "rp2040/io_qspi.h"
#include "rp2040/pio.h"
#include "rp2040/pll.h"
#include "rp2040/psm.h"
#include "rp2040/pwm.h"
#include "rp2040/resets.h"
#include "rp2040/rosc.h"
#include "rp2040/rtc.h"
#include "rp2040/sio.h"
#include "rp2040/spi.h"
#include "rp2040/ssi.h"
#include "rp2040/syscfg.h"
#include "rp2040/sysinfo.h"
#include "rp2040/tbman.h"
#include "rp2040/timer.h"
#include "rp2040/uart.h"
#include "rp2040/usb.h"
#include "rp2040/vreg.h"
#include "rp2040/watchdog.h"
#include "rp2040/xip_ctrl.h"
#include "rp2040/xosc.h"
#include "system_control_space.h"
#include "usb_host.h"

// The boot ROM image, embedded by emulator/CMakeLists.txt (empty without firmware).
extern const unsigned char vpico_bootrom_image[];
extern const std::size_t vpico_bootrom_image_size;

namespace vpico {

using namespace rp2040;

// What a ROM trap needs of the machine, for the core that hit it (rom_traps.h).
class Machine::RomHostForCore : public RomHost {
 public:
  RomHostForCore(Machine& m, CortexM0Plus& core) : m_machine(m), m_core(core) {}
  uint32_t reg(int r) override { return m_core.reg(r); }
  void set_reg(int r, uint32_t v) override {
    if (r == UC_ARM_REG_PC)
      m_core.set_pc(v);
    else
      m_core.set_reg(r, v);
  }
  bool read(uint32_t a, void* out, size_t n) override {
    return uc_mem_read(m_core.engine(), a, out, n) == UC_ERR_OK;
  }
  bool write(uint32_t a, const void* in, size_t n) override {
    if (uc_mem_write(m_core.engine(), a, in, n) != UC_ERR_OK) return false;
    // The other core may have translated code there (memcpy into RAM functions).
    m_machine.core(1 - m_core.index()).invalidate_code(a, a + uint32_t(n));
    return true;
  }
  std::span<uint8_t> flash() override { return m_machine.flash(); }
  void flash_changed(uint32_t offset, uint32_t size) override {
    for (unsigned c = 0; c < 2; ++c)
      for (uint32_t alias : {kXipBase, kXipNoallocBase, kXipNocacheBase, kXipNocacheNoallocBase})
        m_machine.core(c).invalidate_code(alias + offset, alias + offset + size);
  }
  uint32_t clk_sys_hz() override { return m_machine.sys_hz(); }
  void charge_cycles(uint64_t n) override { m_core.add_cycles(n); }
  void usb_boot(const UsbBootRequest& r) override {
    m_core.raise_fault(
        FaultKind::UsbBoot,
        r.cause == UsbBootCause::NoValidBoot2
            ? "the boot ROM found no valid boot2 in flash (CRC32 mismatch) and would enter USB "
              "boot (BOOTSEL) mode"
            : fmt::format("the firmware called reset_to_usb_boot (activity pins 0x{:x}, disabled "
                          "interfaces 0x{:x}): the chip would enter USB boot (BOOTSEL) mode",
                          r.gpio_activity_pin_mask, r.disable_interface_mask));
  }
  void fault(std::string message) override {
    m_core.raise_fault(FaultKind::BusError, "in a boot ROM function: " + message);
  }

 private:
  Machine& m_machine;
  CortexM0Plus& m_core;
};

// The DMA as a bus master (datasheet 2.1, 2.5): it reaches ROM, the XIP windows, XIP SRAM, SRAM
// and the peripherals (their FIFOs and side effects included), not SIO or the Cortex private bus.
// Memories are read and written directly; a write into RAM where a core has translated code
// drops that code from the core's cache at the end of the burst, or it would run stale.
class Machine::DmaPort : public DmaBus {
 public:
  explicit DmaPort(Machine& m) : m_machine(m) {}

  bool dma_read(uint32_t address, unsigned size, uint32_t& value) override {
    bool writable = false;
    if (uint8_t* p = memory(address, size, writable)) {
      value = 0;
      std::memcpy(&value, p, size);
      return true;
    }
    if (!peripheral(address)) return false;
    value = m_machine.m_bus.read(address, size);
    return true;
  }

  bool dma_write(uint32_t address, unsigned size, uint32_t value) override {
    bool writable = false;
    if (uint8_t* p = memory(address, size, writable)) {
      if (!writable) return false;  // ROM and the XIP flash windows
      std::memcpy(p, &value, size);
      Range& r = m_written[address >= kSramBase ? 0 : 1];
      r.begin = std::min(r.begin, address);
      r.end = std::max(r.end, address + size);
      return true;
    }
    if (!peripheral(address)) return false;
    m_machine.m_bus.write(address, size, value);
    return true;
  }

  void dma_burst_done() override {
    for (Range& r : m_written) {
      if (r.begin >= r.end) continue;
      for (auto& c : m_machine.m_cores)
        if (c->may_have_code(r.begin, r.end)) c->invalidate_code(r.begin, r.end);
      r = Range{};
    }
  }

 private:
  struct Range {
    uint32_t begin = UINT32_MAX, end = 0;
  };

  uint8_t* memory(uint32_t address, unsigned size, bool& writable) {
    struct Area {
      uint32_t base;
      std::vector<uint8_t>* mem;
      bool writable;
    };
    Machine& m = m_machine;
    for (Area a :
         {Area{kSramBase, &m.m_sram, true}, Area{kXipBase, &m.m_flash, false},
          Area{kXipNoallocBase, &m.m_flash, false}, Area{kXipNocacheBase, &m.m_flash, false},
          Area{kXipNocacheNoallocBase, &m.m_flash, false}, Area{kXipSramBase, &m.m_xip_sram, true},
          Area{kRomBase, &m.m_rom, false}}) {
      if (address >= a.base && uint64_t(address) + size <= uint64_t(a.base) + a.mem->size()) {
        writable = a.writable;
        return a.mem->data() + (address - a.base);
      }
    }
    return nullptr;
  }

  static bool peripheral(uint32_t address) {
    auto in = [address](uint32_t base, uint32_t size) {
      return address >= base && address - base < size;
    };
    return in(kXipCtrlBase, 0x4000) || in(kXipSsiBase, 0x4000) || in(kApbBase, kApbSize) ||
           in(kAhbBase, kAhbSize);
  }

  Machine& m_machine;
  Range m_written[2];  // SRAM, XIP SRAM
};

const char* stop_reason_name(StopReason reason) {
  switch (reason) {
    case StopReason::CycleLimit:
      return "cycle limit reached";
    case StopReason::TimeLimit:
      return "time limit reached";
    case StopReason::SerialMatch:
      return "serial text matched";
    case StopReason::PinMatch:
      return "pin condition met";
    case StopReason::Fault:
      return "fault";
    case StopReason::Idle:
      return "idle: all cores asleep and nothing scheduled";
    case StopReason::HostStop:
      return "stopped by host";
  }
  return "?";
}

Machine::Machine(MachineConfig config) : m_config(config), m_bus(m_diag) {}

Machine::~Machine() = default;

Result<std::unique_ptr<Machine>> Machine::create(MachineConfig config) {
  if (config.flash_size == 0 || config.flash_size > kXipWindow || (config.flash_size & 0xfff))
    return make_error(
        fmt::format("flash size {} must be a multiple of 4 KiB up to 16 MiB", config.flash_size));
  std::unique_ptr<Machine> m(new Machine(config));
  if (auto r = m->build(); !r) return r.error();
  return m;
}

Result<void> Machine::build() {
  m_diag.strict = m_config.strict;
  m_rom.assign(kRomSize, 0);
  m_flash.assign(m_config.flash_size, 0xff);
  m_sram.assign(kSramSize, 0);
  m_xip_sram.assign(kXipSramSize, 0);

  m_sio = std::make_unique<Sio>();
  m_sio->attach(m_sched, static_cast<IrqSink&>(*this));
  m_resets = std::make_unique<Resets>();
  m_xosc = std::make_unique<Xosc>(m_sched, kXoscHz);
  auto sys_hz = [this] { return m_clocks->sys_hz(); };
  auto xosc_hz = [this] { return m_xosc->hz(); };
  m_rosc = std::make_unique<Rosc>(m_sched, sys_hz);
  m_pll_sys = std::make_unique<Pll>(0, m_sched, xosc_hz, sys_hz);
  m_pll_usb = std::make_unique<Pll>(1, m_sched, xosc_hz, sys_hz);
  Clocks::Sources src;
  src.rosc = [this] { return m_rosc->hz(); };
  src.xosc = xosc_hz;
  src.pll_sys = [this] { return m_pll_sys->hz(); };
  src.pll_usb = [this] { return m_pll_usb->hz(); };
  m_clocks = std::make_unique<Clocks>(src);
  m_clocks->set_scheduler(&m_sched);
  m_xosc->set_sys_hz_source(sys_hz);
  auto warn = [this](const std::string& key, const std::string& message) {
    m_diag.warn(key, message);
  };
  m_clocks->on_change = [this] { on_clocks_changed(); };
  m_xosc->on_change = [this] { on_clocks_changed(); };
  m_rosc->on_change = [this] { on_clocks_changed(); };
  m_rosc->on_warning = warn;
  for (Pll* p : {m_pll_sys.get(), m_pll_usb.get()}) {
    p->on_change = [this] { on_clocks_changed(); };
    p->on_warning = warn;
  }
  // The watchdog's tick generator divides clk_ref into the 1 us tick the TIMER counts
  // (datasheet 4.7.2); a watchdog expiry reboots the chip.
  m_watchdog = std::make_unique<Watchdog>(
      m_sched, [this] { return m_clocks->ref_hz(); }, sys_hz);
  m_timer = std::make_unique<Timer>(m_sched, static_cast<IrqSink&>(*this), *m_watchdog);
  m_watchdog->on_tick_change = [this] { m_timer->tick_changed(); };
  m_watchdog->request_reboot = [this](bool timer) {
    request_reboot(timer ? "the watchdog timer expired"
                         : "the watchdog was triggered (CTRL.TRIGGER)");
  };
  m_psm = std::make_unique<Psm>();
  m_vreg = std::make_unique<Vreg>();
  m_sysinfo = std::make_unique<Sysinfo>();
  m_syscfg = std::make_unique<Syscfg>();
  m_syscfg->on_warning = warn;
  m_tbman = std::make_unique<Tbman>();
  m_busctrl = std::make_unique<Busctrl>();
  m_pads = std::make_unique<PadsBank0>(m_pins);
  m_io = std::make_unique<IoBank0>(m_pins, *m_sio, static_cast<IrqSink*>(this));
  m_sio->on_gpio_change = [this] { m_io->update_pins(); };
  m_sio->read_gpio_in = [this] {
    m_pio0->catch_up();  // pins a PIO drives must be current when a core reads them
    m_pio1->catch_up();
    return m_io->input_levels();
  };
  m_io->peripheral_drive = [this](unsigned pin, unsigned f) {
    Pins::ChipDrive d;
    if (f == 2 && pin % 4 == 0) d = {true, true};  // UART TX idles high (datasheet 2.19.2)
    if (f == 6 || f == 7) {                        // PIO0 / PIO1 (datasheet 2.19.2)
      const Pio& pio = f == 6 ? *m_pio0 : *m_pio1;
      d = {bool((pio.pad_oe() >> pin) & 1), bool((pio.pad_out() >> pin) & 1)};
    }
    if (f == 1) d = spi_pin_drive(pin);
    if (f == Pwm::kFuncPwm && m_pwm) d = m_pwm->pin_drive(pin);
    return d;
  };
  for (unsigned i = 0; i < 2; ++i) {
    auto& pio = i ? m_pio1 : m_pio0;
    pio = std::make_unique<Pio>(i, m_sched, static_cast<IrqSink&>(*this),
                                static_cast<DreqSink&>(*this));
    pio->read_inputs = [this] { return m_io->input_levels(); };
    pio->routed_pins = [this, i] {
      uint32_t mask = 0;
      for (unsigned p = 0; p < Pins::kCount; ++p)
        if (m_io->funcsel(p) == 6 + i) mask |= 1u << p;
      return mask;
    };
    pio->on_outputs = [this](uint64_t cycle) {
      m_pins.stamp_changes_at(cycle);
      m_io->update_pins();
      m_pins.stamp_changes_at(std::nullopt);
    };
  }
  m_pins.observe([this](unsigned, bool, uint64_t cycle) {
    m_pio0->inputs_changed(cycle);
    m_pio1->inputs_changed(cycle);
  });
  // PWM (datasheet 4.5): outputs on GPIO function 4, B inputs from the pins on that function.
  m_pwm = std::make_unique<Pwm>(m_sched, static_cast<IrqSink&>(*this),
                                static_cast<DreqSink&>(*this), m_pins);
  m_pwm->on_output_change = [this] { m_io->update_pins(); };
  m_io->on_ctrl_change = [this] {
    uint32_t mask = 0;
    for (unsigned p = 0; p < Pins::kCount; ++p)
      if (m_io->funcsel(p) == Pwm::kFuncPwm) mask |= 1u << p;
    m_pwm->set_selected_pins(mask);
  };
  auto peri = [this] { return m_clocks->peri_hz(); };
  auto sys = [this] { return m_clocks->sys_hz(); };
  m_uart0 =
      std::make_unique<Uart>(0, m_sched, m_uart0_port, static_cast<IrqSink&>(*this), peri, sys);
  m_uart1 =
      std::make_unique<Uart>(1, m_sched, m_uart1_port, static_cast<IrqSink&>(*this), peri, sys);
  for (unsigned i = 0; i < 2; ++i) {
    auto& spi = i ? m_spi1 : m_spi0;
    spi = std::make_unique<Spi>(i, m_sched, static_cast<IrqSink&>(*this),
                                static_cast<DreqSink&>(*this), peri, sys);
    spi->exchange = [this, i](uint16_t mosi, unsigned bits) { return spi_exchange(i, mosi, bits); };
    spi->on_warning = warn;
  }
  m_pins.observe([this](unsigned pin, bool level, uint64_t) {
    for (SpiAttachment& a : m_spi_targets)
      if (a.cs_pin == pin && m_io->funcsel(pin) != 1) a.target->select(!level);
  });
  m_i2c0 = std::make_unique<I2c>(0, m_sched, static_cast<IrqSink&>(*this),
                                 static_cast<DreqSink&>(*this), [this] { return i2c_route(0); });
  m_i2c1 = std::make_unique<I2c>(1, m_sched, static_cast<IrqSink&>(*this),
                                 static_cast<DreqSink&>(*this), [this] { return i2c_route(1); });
  // The QSPI flash (W25Q16JV) behind XIP_SSI and the QSPI pins. XIP reads stay direct.
  m_flash_chip = std::make_unique<FlashChip>(m_diag, m_sched, std::span<uint8_t>(m_flash), sys);
  m_flash_chip->code_changed = [this](uint32_t offset, uint32_t size) {
    for (auto& c : m_cores)
      for (uint32_t alias : {kXipBase, kXipNoallocBase, kXipNocacheBase, kXipNocacheNoallocBase})
        c->invalidate_code(alias + offset, alias + offset + size);
  };
  m_ssi = std::make_unique<Ssi>(m_diag, m_sched, *m_flash_chip);
  m_pads_qspi = std::make_unique<PadsQspi>(*m_ssi);
  m_io_qspi = std::make_unique<IoQspi>(*m_ssi);
  m_xip_ctrl = std::make_unique<XipCtrl>(
      m_sched, static_cast<DreqSink&>(*this), std::span<const uint8_t>(m_flash),
      [this] { return m_ssi->regs().at(0x14).value() & 0xffff; });  // XIP_SSI.BAUDR.SCKDV
  m_xip_aux = std::make_unique<XipAux>(*m_xip_ctrl);
  m_pins.set_clock([this] { return m_sched.now(); });
  m_dma_port = std::make_unique<DmaPort>(*this);
  m_dma = std::make_unique<Dma>(m_sched, static_cast<IrqSink&>(*this), *m_dma_port);
  m_dma->on_pwm_dreqs_wanted = [this](uint32_t slices) {
    if (m_pwm) m_pwm->set_dreq_wanted(slices);
  };
  m_uart0->attach_dreq(static_cast<DreqSink&>(*this));
  m_uart1->attach_dreq(static_cast<DreqSink&>(*this));
  m_ssi->attach_dreq(static_cast<DreqSink&>(*this));
  m_bus.attach(*m_dma);
  m_resets->bind(2, *m_dma);
  m_pins.set_scheduler(&m_sched);

  for (Device* d : std::initializer_list<Device*>{
           m_resets.get(), m_xosc.get(), m_clocks.get(), m_pads.get(), m_io.get(), m_uart0.get(),
           m_uart1.get(), m_ssi.get(), m_pads_qspi.get(), m_io_qspi.get(), m_xip_ctrl.get(),
           m_xip_aux.get(), m_spi0.get(), m_spi1.get()})
    m_bus.attach(*d);
  // RESETS bit numbers (datasheet 2.14.3).
  for (Device* d : std::initializer_list<Device*>{m_rosc.get(), m_pll_sys.get(), m_pll_usb.get(),
                                                  m_watchdog.get(), m_timer.get(), m_psm.get(),
                                                  m_vreg.get(), m_sysinfo.get(), m_syscfg.get(),
                                                  m_tbman.get(), m_busctrl.get()})
    m_bus.attach(*d);
  m_bus.attach(*m_pwm);
  m_resets->bind(14, *m_pwm);
  m_resets->bind(1, *m_busctrl);
  m_resets->bind(12, *m_pll_sys);
  m_resets->bind(13, *m_pll_usb);
  m_resets->bind(18, *m_syscfg);
  m_resets->bind(19, *m_sysinfo);
  m_resets->bind(20, *m_tbman);
  m_resets->bind(21, *m_timer);
  m_psm->bind(kPsmRosc, *m_rosc);
  m_psm->bind(kPsmXosc, *m_xosc);
  m_psm->bind(kPsmClocks, *m_clocks);
  m_psm->bind(kPsmResets, *m_resets);
  m_psm->bind(kPsmXip, *m_xip_ctrl);
  m_psm->bind(kPsmVregAndChipReset, *m_vreg);
  m_resets->bind(5, *m_io);
  m_resets->bind(6, *m_io_qspi);
  m_resets->bind(9, *m_pads_qspi);
  m_resets->bind(8, *m_pads);
  m_resets->bind(16, *m_spi0);
  m_resets->bind(17, *m_spi1);
  m_bus.attach(*m_i2c0);
  m_bus.attach(*m_i2c1);
  m_resets->bind(3, *m_i2c0);
  m_resets->bind(4, *m_i2c1);
  m_resets->bind(22, *m_uart0);
  m_resets->bind(23, *m_uart1);
  // RTC on clk_rtc (RESETS bit 15) and ADC on clk_adc (bit 0), inputs GPIO26..29.
  m_rtc = std::make_unique<Rtc>(
      m_sched, static_cast<IrqSink&>(*this), [this] { return m_clocks->rtc_hz(); }, sys);
  m_adc = std::make_unique<Adc>(
      m_sched, static_cast<IrqSink&>(*this), static_cast<DreqSink&>(*this),
      [this] { return m_clocks->adc_hz(); }, sys,
      [this](unsigned channel) { return m_pins.voltage(26 + channel); });
  m_bus.attach(*m_rtc);
  m_bus.attach(*m_adc);
  m_resets->bind(15, *m_rtc);
  m_resets->bind(0, *m_adc);
  // USBCTRL (datasheet 4.1) and the virtual host at the other end of the cable.
  m_usb =
      std::make_unique<Usb>(static_cast<IrqSink&>(*this), [this] { return m_clocks->usb_hz(); });
  m_usb->on_warning = warn;
  m_usb_dpram = std::make_unique<UsbDpram>(*m_usb);
  m_bus.attach(*m_usb);
  m_bus.attach(*m_usb_dpram);
  m_resets->bind(24, *m_usb);
  m_usb_host = std::make_unique<UsbHost>(
      m_sched, *m_usb, m_usb_port,
      UsbHost::Clock{[this] { return time_ns(); },
                     [this](uint64_t ns) { return ns_to_cycles_from_now(ns); }},
      warn);
  m_bus.attach(*m_pio0);
  m_bus.attach(*m_pio1);
  m_resets->bind(10, *m_pio0);
  m_resets->bind(11, *m_pio1);

  for (unsigned i = 0; i < 2; ++i) {
    m_scs.push_back(std::make_unique<SystemControlSpace>(i, m_sched, m_diag));
    m_cores.push_back(std::make_unique<CortexM0Plus>(i, m_diag));
    CortexM0Plus& core = *m_cores[i];
    if (auto r = core.open(); !r) return r;
    if (auto r = map_core(core); !r) return r;
    core.attach_scs(*m_scs[i]);
    core.stop_on_fault = m_config.stop_on_fault;
    m_scs[i]->current_exception = [&core] { return core.ipsr(); };
    m_scs[i]->on_system_reset_request = [this, i] {
      request_reboot(fmt::format("core {} requested a system reset (AIRCR.SYSRESETREQ)", i));
    };
    m_scs[i]->on_event = [&core] { core.set_event(); };
  }
  // SEV on one core sets the other's event register (ARMv6-M ARM B1.5.18; RP2040 datasheet 2.3.1).
  m_cores[0]->on_sev = [this] { m_cores[1]->set_event(); };
  m_cores[1]->on_sev = [this] { m_cores[0]->set_event(); };
  m_psm->on_power_change = [this](unsigned block, bool off) {
    if (block == kPsmProc1) power_core1(off);
  };
  if (m_config.use_boot_rom && vpico_bootrom_image_size > 0 &&
      vpico_bootrom_image_size <= kRomSize) {
    std::memcpy(m_rom.data(), vpico_bootrom_image, vpico_bootrom_image_size);
    m_has_rom = true;
    m_rom_traps = std::make_unique<RomTraps>();
    for (auto& c : m_cores) {
      CortexM0Plus* core = c.get();
      core->on_bkpt = [this, core](uint32_t pc) { return handle_rom_trap(*core, pc); };
    }
  }
  m_sched.set_on_earlier_event([this](uint64_t cycle) {
    if (m_running) m_running->shorten_limit(cycle);
  });
  m_diag.current_cycle = [this] { return m_sched.now(); };
  m_diag.current_pc = [this] { return m_running ? m_running->block_pc() : 0; };
  return {};
}

Result<void> Machine::map_core(CortexM0Plus& core) {
  constexpr uint32_t kRX = UC_PROT_READ | UC_PROT_EXEC, kAll = UC_PROT_ALL;
  struct Ram {
    uint32_t base;
    std::vector<uint8_t>* mem;
    uint32_t perms;
  };
  // XIP flash and its aliases all show the same flash contents (datasheet 2.6.3.1).
  // The boot ROM ignores stores (shipping TinyUSB, in MicroPython, stores through a null pointer
  // into it on real boards); they are reported, and under --strict they stop the run.
  if (m_config.strict) {
    if (auto res = core.map_ram(kRomBase, uint32_t(m_rom.size()), m_rom.data(), kRX); !res)
      return res;
  } else {
    auto on_ignored = [this, &core](uint32_t address, unsigned size, uint32_t value, uint32_t pc) {
      m_diag.warn(fmt::format("rom-write {:08x}", address),
                  fmt::format("{}-byte write of 0x{:x} to the boot ROM at 0x{:08x} ignored "
                              "(core {}, in block at PC 0x{:08x})",
                              size, value, address, core.index(), pc));
    };
    if (auto res = core.map_write_ignoring(kRomBase, m_rom, on_ignored); !res) return res;
  }
  for (Ram r : {Ram{kXipBase, &m_flash, kRX}, Ram{kXipNoallocBase, &m_flash, kRX},
                Ram{kXipNocacheBase, &m_flash, kRX}, Ram{kXipNocacheNoallocBase, &m_flash, kRX},
                Ram{kXipSramBase, &m_xip_sram, kAll}, Ram{kSramBase, &m_sram, kAll}}) {
    if (auto res = core.map_ram(r.base, uint32_t(r.mem->size()), r.mem->data(), r.perms); !res)
      return res;
  }
  auto route = [&](uint32_t base, uint32_t size, Device* local) -> Result<void> {
    m_routes.push_back(std::make_unique<MmioRoute>(MmioRoute{this, &core, base, local}));
    return core.map_mmio(base, size, &mmio_read, &mmio_write, m_routes.back().get());
  };
  for (auto [base, size] : {std::pair{kXipCtrlBase, 0x4000u}, std::pair{kXipSsiBase, 0x4000u},
                            std::pair{kApbBase, kApbSize}, std::pair{kAhbBase, kAhbSize}})
    if (auto r = route(base, size, nullptr); !r) return r;
  if (auto r = route(kSioBase, kSioSize, &m_sio->core_view(core.index())); !r) return r;
  if (auto r = route(kScsBase, 0x1000, m_scs[core.index()].get()); !r) return r;
  return {};
}

namespace {
// While a peripheral access runs, the core's clock reads the cycle of the access instruction
// rather than the end of its block; what the access itself adds (SIO credits) is kept.
class AccessTime {
 public:
  AccessTime(CortexM0Plus& core, uint32_t address) : m_core(core), m_end(core.cycles()) {
    m_at = core.access_cycle(address);
    core.set_cycles(m_at);
  }
  ~AccessTime() { m_core.set_cycles(m_end + (m_core.cycles() - m_at)); }

 private:
  CortexM0Plus& m_core;
  uint64_t m_end, m_at;
};
}  // namespace

uint64_t Machine::mmio_read(uc_engine*, uint64_t offset, unsigned size, void* user) {
  auto* r = static_cast<MmioRoute*>(user);
  const uint32_t address = r->base + uint32_t(offset);
  AccessTime at(*r->core, address);
  if (!r->device) return r->machine->m_bus.read(address, size);
  // SIO is on the single-cycle I/O port (datasheet 2.3.1): the load costs 1 cycle, not 2.
  if (r->base == kSioBase) r->core->credit_cycles(1);
  uint32_t v = 0;
  if (!r->device->read(uint32_t(offset) & ~3u, v)) {
    r->machine->m_diag.unmodelled(false, address, r->device->describe(uint32_t(offset)));
    return 0;
  }
  return size == 4 ? v : (v >> ((offset & 3) * 8)) & (size == 1 ? 0xff : 0xffff);
}

void Machine::mmio_write(uc_engine*, uint64_t offset, unsigned size, uint64_t value, void* user) {
  auto* r = static_cast<MmioRoute*>(user);
  const uint32_t address = r->base + uint32_t(offset);
  AccessTime at(*r->core, address);
  if (!r->device) return r->machine->m_bus.write(address, size, uint32_t(value));
  if (r->base == kSioBase) r->core->credit_cycles(1);
  uint32_t v = uint32_t(value);
  if (size == 1) v = (v & 0xff) * 0x01010101u;
  if (size == 2) v = (v & 0xffff) * 0x00010001u;
  if (!r->device->write(uint32_t(offset) & ~3u, v, 0xffffffffu))
    r->machine->m_diag.unmodelled(true, address, r->device->describe(uint32_t(offset)), v);
}

void Machine::set_irq_level(unsigned irq, bool level) {
  if (irq >= 32) return;
  for (auto& scs : m_scs)
    scs->set_irq_line(irq, level);
}

// SPI function pins (datasheet 2.19.2, function 1): GPIO n carries SPI (n / 8) % 2's RX, CSn,
// SCK, TX for n % 4 = 0, 1, 2, 3.
namespace {
unsigned spi_of_pin(unsigned pin) {
  return (pin / 8) % 2;
}
}  // namespace

Pins::ChipDrive Machine::spi_pin_drive(unsigned pin) const {
  const Spi& spi = spi_of_pin(pin) ? *m_spi1 : *m_spi0;
  if (!spi.enabled()) return {};
  switch (pin % 4) {
    case 1:
      return {true, true};  // CSn idles high
    case 2:
      return {true, spi.clock_polarity_high()};  // SCK idles at SPO
    case 3:
      return {true, false};
    default:
      return {};  // RX is an input
  }
}

void Machine::attach_spi(SpiTarget& target, unsigned sck_pin, unsigned cs_pin) {
  m_spi_targets.push_back({&target, sck_pin, cs_pin});
}

uint16_t Machine::spi_exchange(unsigned index, uint16_t mosi, unsigned bits) {
  for (SpiAttachment& a : m_spi_targets) {
    if (a.sck_pin >= Pins::kCount || a.cs_pin >= Pins::kCount) continue;
    if (m_io->funcsel(a.sck_pin) != 1 || a.sck_pin % 4 != 2 || spi_of_pin(a.sck_pin) != index)
      continue;
    // Chip select through the SPI's own CSn pin pulses per frame (Motorola format, SPH = 0);
    // through a GPIO it is the pin's level.
    const bool hardware_cs = m_io->funcsel(a.cs_pin) == 1 && a.cs_pin % 4 == 1;
    if (hardware_cs) {
      a.target->select(true);
      const uint16_t miso = a.target->transfer(mosi, bits);
      a.target->select(false);
      return miso;
    }
    if (!m_pins.level(a.cs_pin)) return a.target->transfer(mosi, bits);
  }
  return 0;  // nothing selected: MISO reads low
}

void Machine::set_dreq_level(unsigned dreq, bool level) {
  if (dreq < m_dreq.size()) m_dreq[dreq] = level;
  if (m_dma) m_dma->set_dreq_level(dreq, level);
}

void Machine::drain_serial_after_fault() {
  // A faulted or locked-up core stops, but the UARTs go on sending what is in their FIFOs, as on
  // a board: let virtual time run (peripherals only) until they are idle, at most 100 ms.
  const uint64_t start_ns = time_ns();
  while (!(m_uart0->tx_idle() && m_uart1->tx_idle()) && time_ns() - start_ns < 100'000'000) {
    const uint64_t next = m_sched.next_event();
    if (next == UINT64_MAX) break;
    m_sched.run_until(next);
  }
}

void Machine::request_reboot(const std::string& why) {
  m_reboot_requested = true;
  m_reboot_power_on = false;
  ++m_reboots;
  // Reported like a warning (once per reboot): a run that reboots is worth knowing about.
  m_diag.warn(fmt::format("reboot {}", m_reboots),
              fmt::format("chip reset at {:.3f} ms of virtual time: {}", time_ns() / 1e6, why));
}

void Machine::set_core_irq_level(unsigned core, unsigned irq, bool level) {
  if (core < m_scs.size() && irq < 32) m_scs[core]->set_irq_line(irq, level);
}

void Machine::wake_sleepers() {
  for (auto& c : m_cores)
    if (c->state() == CortexM0Plus::State::Sleeping && c->should_wake())
      c->set_state(CortexM0Plus::State::Running);
}

void Machine::power_core1(bool off) {
  // Datasheet 2.13 (PSM): a block forced off is held in reset. pico-sdk's multicore_reset_core1
  // sets FRCE_OFF.PROC1, then clears it and waits for the 0 that core 1's boot ROM code sends
  // once it has drained its FIFO (core1.S). The core's own NVIC and SysTick reset with it; the
  // SIO (FIFOs included) is a block of its own and keeps its state.
  CortexM0Plus& core = *m_cores[1];
  if (off) {
    core.set_state(CortexM0Plus::State::Halted);
    if (m_running == &core) core.request_stop();
    return;
  }
  m_scs[1]->reset();
  core.set_cycles(m_sched.now());
  // Without a boot ROM core 1 stays halted, as it does from power-on.
  if (!m_has_rom) return;
  if (auto r = core.reset_from_vector_table(kRomBase); !r) {
    Fault f;
    f.kind = FaultKind::BadBoot;
    f.message = "core 1 left reset: " + r.error().message;
    m_diag.raise(f);
  }
}

Result<I2cBus*> Machine::i2c_bus(unsigned sda, unsigned scl) {
  // Datasheet 2.19.2, function 3: GPIO n is I2C(n / 2 % 2) SDA for even n and SCL for odd n.
  if (sda >= Pins::kCount || scl >= Pins::kCount || sda % 2 != 0 || scl % 2 != 1 ||
      sda / 2 % 2 != scl / 2 % 2)
    return make_error(fmt::format(
        "GPIO{} and GPIO{} are not the SDA and SCL pins of one I2C controller (I2C0: SDA on 0, 4, "
        ".., SCL on 1, 5, ..; I2C1: SDA on 2, 6, .., SCL on 3, 7, ..)",
        sda, scl));
  for (auto& b : m_i2c_buses)
    if (b->sda() == sda && b->scl() == scl) return b.get();
  m_i2c_buses.push_back(std::make_unique<I2cBus>(sda, scl));
  return m_i2c_buses.back().get();
}

Result<void> Machine::attach_i2c(unsigned sda, unsigned scl, I2cTarget& part) {
  auto bus = i2c_bus(sda, scl);
  if (!bus) return bus.error();
  (*bus)->attach(part);
  return {};
}

std::vector<I2cBus*> Machine::i2c_route(unsigned controller) const {
  std::vector<I2cBus*> routed;
  for (const auto& b : m_i2c_buses)
    if (b->sda() / 2 % 2 == controller && m_io->funcsel(b->sda()) == 3 &&
        m_io->funcsel(b->scl()) == 3)
      routed.push_back(b.get());
  return routed;
}

uint32_t Machine::sys_hz() const {
  return m_clocks->sys_hz();
}

void Machine::on_clocks_changed() {
  // The watchdog counts the time past at the old rates before taking the new ones; clk_ref can
  // change while clk_sys does not.
  if (m_watchdog) m_watchdog->clocks_changed();
  if (m_rtc) m_rtc->clocks_changed();
  if (m_adc) m_adc->clocks_changed();
  if (m_usb) m_usb->clocks_changed();
  uint32_t hz = m_clocks->sys_hz();
  if (hz == m_hz) return;
  uint64_t now = m_sched.now();
  m_anchor_ns = time_ns();
  m_anchor_cycle = now;
  if (hz == 0) {
    m_diag.warn("clk_sys=0", fmt::format("clk_sys has no running source ({}); the cores would stop",
                                         m_diag.where()));
    return;  // keep counting at the old rate rather than dividing by zero
  }
  m_hz = hz;
}

uint64_t Machine::time_ns() const {
  uint64_t now = m_sched.now();
  if (!m_hz || now < m_anchor_cycle) return m_anchor_ns;
  return m_anchor_ns + (now - m_anchor_cycle) * 1'000'000'000ull / m_hz;
}

uint64_t Machine::ns_to_cycles_from_now(uint64_t ns) const {
  if (!m_hz) return ns;
  return (ns * m_hz + 999'999'999ull) / 1'000'000'000ull;
}

uint64_t Machine::instructions() const {
  uint64_t n = 0;
  for (auto& c : m_cores)
    n += c->instructions();
  return n;
}

SerialPort* Machine::serial(std::string_view name) {
  if (name == "uart0") return &m_uart0_port;
  if (name == "uart1") return &m_uart1_port;
  if (name == "usb") return &m_usb_port;
  return nullptr;
}

Result<void> Machine::load(const Image& image) {
  for (const ImageSegment& s : image.segments) {
    const uint64_t end = uint64_t(s.address) + s.bytes.size();
    std::vector<uint8_t>* mem = nullptr;
    uint32_t base = 0;
    if (s.address >= kXipBase && end <= uint64_t(kXipBase) + m_flash.size()) {
      mem = &m_flash;
      base = kXipBase;
    } else if (s.address >= kSramBase && end <= uint64_t(kSramBase) + kSramSize) {
      mem = &m_sram;
      base = kSramBase;
    } else {
      return make_error(
          fmt::format("{}: segment 0x{:08x}..0x{:08x} is outside the {} KiB flash and the SRAM",
                      image.path, s.address, end, m_flash.size() / 1024));
    }
    std::memcpy(mem->data() + (s.address - base), s.bytes.data(), s.bytes.size());
  }
  m_image = image;
  m_diag.format_address = [this](uint32_t a) {
    return m_image ? m_image->describe_address(a) : fmt::format("0x{:08x}", a);
  };
  for (auto& c : m_cores)
    c->invalidate_code(0, 0xffffffffu);
  return {};
}

Result<void> Machine::read_memory(uint32_t address, std::span<uint8_t> out) {
  if (uc_mem_read(m_cores[0]->engine(), address, out.data(), out.size()) != UC_ERR_OK)
    return make_error(fmt::format("0x{:08x}+{}: not readable", address, out.size()));
  return {};
}

bool Machine::is_memory(uint32_t address, uint32_t length) const {
  const uint64_t end = uint64_t(address) + length;
  auto within = [&](uint32_t base, uint64_t size) {
    return address >= base && end <= base + size;
  };
  if (within(kRomBase, m_rom.size()) || within(kXipSramBase, m_xip_sram.size()) ||
      within(kSramBase, m_sram.size()))
    return true;
  for (uint32_t base : {kXipBase, kXipNoallocBase, kXipNocacheBase, kXipNocacheNoallocBase})
    if (within(base, m_flash.size())) return true;
  return false;
}

Result<void> Machine::write_memory(uint32_t address, std::span<const uint8_t> data) {
  if (data.empty()) return {};
  if (!is_memory(address, uint32_t(data.size())))
    return make_error(fmt::format("0x{:08x}+{}: not memory (MMIO or unmapped)", address,
                                  data.size()));
  uint8_t* host = nullptr;
  if (address < kXipBase)
    host = m_rom.data() + (address - kRomBase);
  else if (address >= kSramBase)
    host = m_sram.data() + (address - kSramBase);
  else if (address >= kXipSramBase)
    host = m_xip_sram.data() + (address - kXipSramBase);
  else
    host = m_flash.data() + (address & (kXipWindow - 1));
  std::memcpy(host, data.data(), data.size());
  // Flash is seen through four aliases: drop code translated from any of them.
  const uint32_t end = address + uint32_t(data.size());
  for (auto& c : m_cores) {
    if (address >= kXipBase && address < kXipSramBase) {
      const uint32_t offset = address & (kXipWindow - 1);
      for (uint32_t base : {kXipBase, kXipNoallocBase, kXipNocacheBase, kXipNocacheNoallocBase})
        c->invalidate_code(base + offset, base + offset + uint32_t(data.size()));
    } else {
      c->invalidate_code(address, end);
    }
  }
  return {};
}

void Machine::set_debugger_attached(bool attached) {
  for (auto& c : m_cores)
    c->debugger_attached = attached;
}

Result<void> Machine::add_breakpoint(uint32_t address) {
  for (auto& c : m_cores)
    if (auto r = c->add_breakpoint(address); !r) return r;
  return {};
}

void Machine::remove_breakpoint(uint32_t address) {
  for (auto& c : m_cores)
    c->remove_breakpoint(address);
}

Result<void> Machine::add_watchpoint(uint32_t address, uint32_t length, WatchKind kind) {
  if (length == 0 || !is_memory(address, length))
    return make_error(fmt::format(
        "0x{:08x}+{}: only memory can be watched (not MMIO registers or unmapped space)", address,
        length));
  for (auto& c : m_cores)
    if (auto r = c->add_watchpoint(address, length, kind); !r) return r;
  return {};
}

void Machine::remove_watchpoint(uint32_t address, uint32_t length, WatchKind kind) {
  for (auto& c : m_cores)
    c->remove_watchpoint(address, length, kind);
}

void Machine::request_step(unsigned core) {
  if (core < m_cores.size()) m_cores[core]->request_step();
}

void Machine::cancel_steps() {
  for (auto& c : m_cores)
    c->cancel_step();
}

void Machine::step_over_breakpoints() {
  for (auto& c : m_cores)
    c->step_over_breakpoint_at_pc();
}

Result<void> Machine::reset() {
  m_sched.clear();
  m_anchor_cycle = m_anchor_ns = 0;
  m_hz = 0;
  return reboot_chip(true);
}

Result<void> Machine::reboot_chip(bool power_on) {
  const uint64_t now = m_sched.machine_time();
  m_anchor_ns = time_ns();
  m_anchor_cycle = now;
  m_sched.cancel_all();
  m_diag.pending_fault().reset();
  m_reboot_requested = false;
  m_pins.reset();
  m_sio->reset();
  // A reboot keeps the watchdog's scratch and reason registers (datasheet 4.7.3); power-on
  // resets everything.
  for (Device* d : m_bus.devices()) {
    if (d == m_watchdog.get() && !power_on)
      m_watchdog->reboot();
    else
      d->reset();
  }
  for (auto& s : m_scs)
    s->reset();
  m_usb_host->reset();
  m_io->update_pins();
  // The board's flash chip powers up with the board, not with a chip-level reset.
  if (power_on) m_flash_chip->power_on();
  m_hz = m_clocks->sys_hz();
  for (auto& c : m_cores) {
    c->set_cycles(now);
    c->set_state(CortexM0Plus::State::Halted);
    c->invalidate_code(kSramBase, kSramBase + kSramSize);
  }
  if (m_has_rom) {
    // Both cores start in the boot ROM (datasheet 2.8.1): core 0 takes the flash boot path,
    // core 1 waits for the launch sequence on the SIO FIFO.
    for (auto& c : m_cores)
      if (auto r = c->reset_from_vector_table(kRomBase); !r) return r;
    return {};
  }
  return boot_core0();
}

bool Machine::handle_rom_trap(CortexM0Plus& core, uint32_t pc) {
  if (pc >= RomTraps::kRomEnd) return false;
  RomHostForCore host(*this, core);
  return m_rom_traps->handle(pc, host);
}

Result<void> Machine::boot_core0() {
  // What the boot ROM does on a flash boot (datasheet 2.8.1.3): read 256 bytes of boot2, check the
  // CRC32 of the first 252 against the last 4, copy it to the top of SRAM and enter it with LR=0.
  // Core 1 stays in the ROM until the FIFO launch protocol (not modelled yet: it stays halted).
  std::span<const uint8_t> boot2(m_flash.data(), kBoot2Size);
  uint32_t stored;
  std::memcpy(&stored, boot2.data() + 252, 4);
  uint32_t computed = crc32_mpeg2(boot2.first(252));
  if (stored != computed) {
    Fault f;
    f.kind = FaultKind::BadBoot;
    f.message = fmt::format(
        "flash has no valid boot2 (CRC32 of bytes 0..251 is 0x{:08x}, stored 0x{:08x}): a real "
        "RP2040 would enter USB boot (BOOTSEL) mode",
        computed, stored);
    m_diag.raise(f);
    return make_error(f.message);
  }
  // What the boot ROM's flash boot leaves: QSPI pins on the XIP function, SSI in serial mode.
  m_io_qspi->boot_rom_state();
  m_ssi->boot_rom_state();
  std::memcpy(m_sram.data() + (kBoot2Load - kSramBase), boot2.data(), kBoot2Size);
  CortexM0Plus& c0 = *m_cores[0];
  c0.invalidate_code(kBoot2Load, kBoot2Load + kBoot2Size);
  c0.set_reg(UC_ARM_REG_IPSR, 0);
  c0.set_reg(UC_ARM_REG_PRIMASK, 0);
  c0.set_reg(UC_ARM_REG_CONTROL, 0);
  c0.set_reg(UC_ARM_REG_MSP, kBoot2StackTop);
  c0.set_reg(UC_ARM_REG_SP, kBoot2StackTop);
  c0.set_reg(UC_ARM_REG_LR, 0);
  c0.set_pc(kBoot2Load);
  c0.set_state(CortexM0Plus::State::Running);
  return {};
}

RunResult Machine::run(const RunCondition& cond) {
  const uint64_t start_cycle = m_sched.machine_time();
  const uint64_t start_ns = time_ns();
  // A PIO-driven pin that the run waits on must change at its exact cycle.
  for (Pio* pio : {m_pio0.get(), m_pio1.get()})
    pio->set_pin_watch(cond.pin ? 1u << cond.pin->pin : 0);
  SerialPort* watch = cond.serial ? serial(cond.serial->port) : nullptr;
  size_t search_from = watch ? watch->output().size() : 0;
  auto result = [&](StopReason reason) {
    RunResult r{reason, m_sched.machine_time(), time_ns(), std::nullopt, std::nullopt};
    if (reason == StopReason::Fault) {
      drain_serial_after_fault();
      r.time_ns = time_ns();
      r.cycles = m_sched.machine_time();
      r.fault = m_diag.pending_fault();
      if (r.fault) m_diag.record(*r.fault);
      m_diag.pending_fault().reset();
    }
    return r;
  };

  for (;;) {
    if (m_diag.pending_fault()) return result(StopReason::Fault);
    if (m_reboot_requested) {
      if (auto r = reboot_chip(m_reboot_power_on); !r) return result(StopReason::Fault);
    }
    if (watch) {
      const std::string& out = watch->output();
      if (out.find(cond.serial->text, search_from) != std::string::npos)
        return result(StopReason::SerialMatch);
      if (out.size() >= cond.serial->text.size())
        search_from = std::max(search_from, out.size() - cond.serial->text.size() + 1);
    }
    if (cond.pin && m_pins.level(cond.pin->pin) == cond.pin->level)
      return result(StopReason::PinMatch);
    if (cond.host_stop && cond.host_stop->load()) return result(StopReason::HostStop);
    if (cond.on_quantum && !cond.on_quantum()) return result(StopReason::HostStop);

    const uint64_t now = m_sched.machine_time();
    uint64_t limit = UINT64_MAX;
    StopReason limit_reason = StopReason::CycleLimit;
    if (cond.max_cycles) limit = start_cycle + *cond.max_cycles;
    if (cond.max_time_ns) {
      uint64_t elapsed = time_ns() - start_ns;
      uint64_t left = *cond.max_time_ns > elapsed ? *cond.max_time_ns - elapsed : 0;
      uint64_t t = now + ns_to_cycles_from_now(left);
      if (t <= limit) {
        limit = t;
        limit_reason = StopReason::TimeLimit;
      }
    }
    if (now >= limit) return result(limit_reason);

    uint64_t target = std::min({now + m_config.max_quantum, m_sched.next_event(), limit});
    bool any_running = false;
    for (auto& c : m_cores) {
      if (c->state() != CortexM0Plus::State::Running) continue;
      any_running = true;
      // An event scheduled by an earlier core in this quantum ends the quantum there.
      target = std::max(now, std::min(target, m_sched.next_event()));
      if (c->cycles() >= target) continue;
      m_running = c.get();
      m_diag.current_core = int(c->index());
      m_sched.set_clock_source(c->cycle_counter());
      CortexM0Plus::Exit exit = c->run(target);
      m_sched.set_clock_source(nullptr);
      m_running = nullptr;
      m_diag.current_core = -1;
      if (exit == CortexM0Plus::Exit::Debug) {
        RunResult r = result(StopReason::HostStop);
        r.debug = c->take_debug_stop();
        return r;
      }
      if (exit == CortexM0Plus::Exit::Sleep) c->set_state(CortexM0Plus::State::Sleeping);
      if (exit == CortexM0Plus::Exit::Fault) break;
    }
    if (m_diag.pending_fault()) continue;
    // Events scheduled while the cores ran may fall inside the quantum: time only advances to
    // the first of them, so no event runs before the cores have reached its cycle.
    target = std::max(now, std::min(target, m_sched.next_event()));
    if (!any_running) {
      // Every core sleeps or is halted: skip straight to the next event (DESIGN.md: WFI costs
      // no host time). With nothing scheduled nothing can happen again, unless the host may
      // still send input: then time passes a quantum at a time (paced by on_quantum).
      uint64_t next = m_sched.next_event();
      if (next == UINT64_MAX) {
        if (!(cond.host_input_open && *cond.host_input_open)) return result(StopReason::Idle);
        next = now + m_config.max_quantum;
      }
      target = std::max(now, std::min(next, limit));
    }
    m_sched.run_until(target);
    for (auto& c : m_cores) {
      if (c->state() == CortexM0Plus::State::Sleeping && c->cycles() < target) {
        c->add_sleep_cycles(target - c->cycles());
        c->set_cycles(target);
      }
    }
    wake_sleepers();
  }
}

}  // namespace vpico
