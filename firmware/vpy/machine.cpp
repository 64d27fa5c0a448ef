// The machine module (MicroPython's rp2 port API, docs/library/machine.rst): its functions,
// mem8/mem16/mem32, the classes of machine_*.cpp, and what they share (machine.h).
#include "machine.h"

#include "bringup.h"
#include "cpu.h"
#include "port_events.h"
#include "port_modules.h"
#include "regs.h"
#include "state.h"
#include "uart0.h"

namespace vpy {

// --- shared helpers -----------------------------------------------------------------------
Value* machine_roots() {
  VmState* s = vm();
  // runtime_init zeroes VmState: the first use after each soft reset makes the tuple again.
  if (!is_type(s->port_roots, &tuple_type)) {
    Value t = tuple_new(kRootCount, nullptr);
    for (size_t i = 0; i < kRootCount; i++)
      as<TupleObj>(t)->items[i] = kNone;
    s->port_roots = t;
  }
  return as<TupleObj>(s->port_roots)->items;
}

void machine_parse_args(size_t n_args, const Value* args, const KwArgs* kw, const Qstr* names,
                        size_t n_names, size_t n_positional, Value* out) {
  if (n_args > n_positional) {
    raise_fmt(&exc_TypeError, "function takes %u positional arguments but %u were given",
              static_cast<unsigned>(n_positional), static_cast<unsigned>(n_args));
  }
  for (size_t i = 0; i < n_names; i++)
    out[i] = i < n_args ? args[i] : kNull;
  for (size_t k = 0; kw && k < kw->n; k++) {
    const Value key = kw->pairs[2 * k];
    size_t i = 0;
    while (i < n_names && key != qstr_value(names[i]) &&
           (is_qstr(key) || !str_equal(key, qstr_value(names[i]))))
      i++;
    if (i == n_names) raise_fmt(&exc_TypeError, "unexpected keyword argument '%S'", key);
    if (out[i] != kNull) raise_fmt(&exc_TypeError, "argument '%q' given twice", names[i]);
    out[i] = kw->pairs[2 * k + 1];
  }
}

// --- clocks (datasheet 2.15) ---------------------------------------------------------------
namespace {
constexpr uint32_t kRoscNominalHz = 6'500'000;  // datasheet 2.17: 1.8..12 MHz, typically 6.5

// A PLL's output from its registers (2.18.2): FREF / REFDIV * FBDIV / (POSTDIV1 * POSTDIV2).
uint32_t pll_hz(uint32_t base) {
  const uint32_t refdiv = mmio_read(base + PLL_CS) & PLL_CS_REFDIV;
  const uint32_t fbdiv = mmio_read(base + PLL_FBDIV_INT) & PLL_FBDIV_INT_BITS;
  const uint32_t prim = mmio_read(base + PLL_PRIM);
  const uint32_t pd1 = (prim >> PLL_PRIM_POSTDIV1_LSB) & 7,
                 pd2 = (prim >> PLL_PRIM_POSTDIV2_LSB) & 7;
  if (refdiv == 0 || pd1 == 0 || pd2 == 0) return 0;
  return static_cast<uint32_t>(uint64_t(PICO_XOSC_HZ) / refdiv * fbdiv / (pd1 * pd2));
}

// A clock's source frequency divided by its 24.8 (clk_sys) or 2.8 (clk_ref) divider.
uint32_t divide(uint32_t hz, uint32_t div) {
  return div ? static_cast<uint32_t>((uint64_t(hz) << 8) / div) : hz;
}

uint32_t clk_ref_hz() {
  const uint32_t src = mmio_read(CLK_REF_CTRL) & CLK_REF_CTRL_SRC;
  const uint32_t hz = src == CLK_REF_CTRL_SRC_XOSC   ? PICO_XOSC_HZ
                      : src == CLK_REF_CTRL_SRC_ROSC ? kRoscNominalHz
                                                     : pll_hz(PLL_USB_BASE);
  return divide(hz, mmio_read(CLK_REF_DIV) & 0x300);
}
}  // namespace

uint32_t machine_clk_sys_hz() {
  const uint32_t ctrl = mmio_read(CLK_SYS_CTRL);
  uint32_t hz = clk_ref_hz();
  if (ctrl & CLK_SYS_CTRL_SRC) {
    switch ((ctrl & CLK_SYS_CTRL_AUXSRC) >> CLK_SYS_CTRL_AUXSRC_LSB) {
      case CLK_SYS_CTRL_AUXSRC_PLL_SYS:
        hz = pll_hz(PLL_SYS_BASE);
        break;
      case CLK_SYS_CTRL_AUXSRC_PLL_USB:
        hz = pll_hz(PLL_USB_BASE);
        break;
      case CLK_SYS_CTRL_AUXSRC_ROSC:
        hz = kRoscNominalHz;
        break;
      default:
        hz = PICO_XOSC_HZ;
        break;  // XOSC (the GPIN clock inputs are not used)
    }
  }
  return divide(hz, mmio_read(CLK_SYS_DIV));
}

uint32_t machine_clk_peri_hz() {
  switch ((mmio_read(CLK_PERI_CTRL) & CLK_PERI_CTRL_AUXSRC) >> CLK_PERI_CTRL_AUXSRC_LSB) {
    case CLK_PERI_CTRL_AUXSRC_CLK_SYS:
      return machine_clk_sys_hz();
    case CLK_PERI_CTRL_AUXSRC_PLL_SYS:
      return pll_hz(PLL_SYS_BASE);
    case CLK_PERI_CTRL_AUXSRC_PLL_USB:
      return pll_hz(PLL_USB_BASE);
    default:
      return PICO_XOSC_HZ;
  }
}

namespace {

// --- functions ---------------------------------------------------------------------------
// freq([hz]): clk_sys. Setting it runs clk_sys from PLL_SYS (datasheet 2.18.2) at hz, or from the
// crystal for 12 MHz, and moves clk_peri (the UARTs, SPI, I2C) to 48 MHz from PLL_USB, as
// MicroPython's rp2 port does, so the console keeps its baud rate across later changes.
// The flash's clock is clk_sys / 4 (boot2's SCKDV): 200 MHz keeps it within 50 MHz.
constexpr uint32_t kMaxSysHz = 200'000'000;
constexpr uint32_t kUsbPllHz = 48'000'000;

struct PllSetting {
  uint32_t fbdiv, postdiv1, postdiv2;
};

// PLL_SYS dividers for hz with REFDIV 1 (VCO 750..1600 MHz, 2.18.2), the fastest VCO first as
// pico-sdk's search does; false if none gives hz exactly.
bool find_pll(uint32_t hz, PllSetting* out) {
  for (uint32_t fbdiv = 320; fbdiv >= 16; fbdiv--) {
    const uint64_t vco = uint64_t(PICO_XOSC_HZ) * fbdiv;
    if (vco < 750'000'000u || vco > 1'600'000'000u) continue;
    for (uint32_t pd1 = 7; pd1 >= 1; pd1--) {
      for (uint32_t pd2 = pd1; pd2 >= 1; pd2--) {
        if (vco % (pd1 * pd2) == 0 && vco / (pd1 * pd2) == hz) {
          *out = {fbdiv, pd1, pd2};
          return true;
        }
      }
    }
  }
  return false;
}

void clk_sys_select(uint32_t src) {
  mmio_write(CLK_SYS_CTRL, (mmio_read(CLK_SYS_CTRL) & ~uint32_t(CLK_SYS_CTRL_SRC)) | src);
  while (!(mmio_read(CLK_SYS_SELECTED) & (1u << src))) {
  }
}

void set_sys_hz(uint32_t hz) {
  PllSetting pll{};
  if (hz != PICO_XOSC_HZ && (hz > kMaxSysHz || !find_pll(hz, &pll))) {
    raise_msg(&exc_ValueError, "cannot change frequency");
  }
  uart0_flush();  // what the console has queued leaves at the old rate
  // clk_peri first (not glitchless: stopped while it changes, 2.15.3.2), when PLL_USB runs.
  const bool usb_pll = mmio_read(PLL_USB_BASE + PLL_CS) & PLL_CS_LOCK;
  if (usb_pll) clk_peri_enable(CLK_PERI_CTRL_AUXSRC_PLL_USB);
  // clk_sys onto clk_ref (the crystal) while PLL_SYS changes.
  clk_sys_select(CLK_SYS_CTRL_SRC_CLK_REF);
  mmio_write(CLK_SYS_DIV, 1u << CLK_DIV_INT_LSB);
  if (hz != PICO_XOSC_HZ) {
    mmio_set_bits(RESETS_RESET, RESETS_PLL_SYS);
    resets_release(RESETS_PLL_SYS);
    mmio_write(PLL_SYS_BASE + PLL_CS, 1);  // REFDIV 1
    mmio_write(PLL_SYS_BASE + PLL_FBDIV_INT, pll.fbdiv);
    mmio_clear_bits(PLL_SYS_BASE + PLL_PWR, PLL_PWR_PD | PLL_PWR_VCOPD);
    while (!(mmio_read(PLL_SYS_BASE + PLL_CS) & PLL_CS_LOCK)) {
    }
    mmio_write(PLL_SYS_BASE + PLL_PRIM,
               (pll.postdiv1 << PLL_PRIM_POSTDIV1_LSB) | (pll.postdiv2 << PLL_PRIM_POSTDIV2_LSB));
    mmio_clear_bits(PLL_SYS_BASE + PLL_PWR, PLL_PWR_POSTDIVPD);
    // The aux mux is not glitchless: AUXSRC changes while SRC is clk_ref (2.15.7).
    mmio_write(CLK_SYS_CTRL,
               (CLK_SYS_CTRL_AUXSRC_PLL_SYS << CLK_SYS_CTRL_AUXSRC_LSB) | CLK_SYS_CTRL_SRC_CLK_REF);
    clk_sys_select(CLK_SYS_CTRL_SRC_AUX);
  } else {
    mmio_set_bits(RESETS_RESET, RESETS_PLL_SYS);  // PLL_SYS unused: held in reset
  }
  const uint32_t peri = usb_pll ? kUsbPllHz : hz;
  uart0_init(peri, CONSOLE_BAUD);
  machine_uart_clocks_changed();
}

Value m_freq(size_t n_args, const Value* a, const KwArgs*) {
  if (n_args == 0) return int_from_u64(machine_clk_sys_hz());
  const int64_t hz = int_get_i64(a[0]);
  if (hz <= 0 || hz > kMaxSysHz) raise_msg(&exc_ValueError, "cannot change frequency");
  if (hz != static_cast<int64_t>(machine_clk_sys_hz())) set_sys_hz(static_cast<uint32_t>(hz));
  return kNone;
}

// reset(): a chip reset through the Cortex-M0+'s SYSRESETREQ (ARMv6-M B3.2.6), as a board's
// reset button would.
Value m_reset(size_t, const Value*, const KwArgs*) {
  cpu_dsb();
  mmio_write(SCB_AIRCR, SCB_AIRCR_VECTKEY | SCB_AIRCR_SYSRESETREQ);
  for (;;)
    cpu_wfi();
}

// soft_reset(): SystemExit, which ends the REPL's run; main.cpp then soft-resets, as it does
// for sys.exit() and Ctrl-D.
Value m_soft_reset(size_t, const Value*, const KwArgs*) {
  raise(val(&exc_SystemExit));
}

// unique_id(): the flash's 64-bit unique ID (Read Unique ID, 4Bh: four dummy bytes, then eight of
// ID; W25Q16JV datasheet 8.2.34), as MicroPython reads it. The command needs the SSI out of XIP
// mode, so it runs from SRAM with interrupts masked (their handlers are in flash): the SSI's
// XIP settings (boot2's) are saved, the command sent with chip select forced low through
// IO_QSPI, and the settings put back. Read once, then remembered.
#define RAMFUNC __attribute__((section(".ramfunc"), noinline))
#define REG(addr) (*reinterpret_cast<volatile uint32_t*>(addr))

RAMFUNC void read_flash_unique_id(uint8_t* out) {
  constexpr uint32_t kFrames = 1 + 4 + 8;  // command, dummy bytes, ID
  uint32_t primask;
  __asm__ volatile("mrs %0, primask\n cpsid i" : "=r"(primask)::"memory");
  const uint32_t ctrlr0 = REG(SSI_CTRLR0), ctrlr1 = REG(SSI_CTRLR1), baudr = REG(SSI_BAUDR);
  const uint32_t spi_ctrlr0 = REG(SSI_SPI_CTRLR0), ser = REG(SSI_SER);
  while (REG(SSI_SR) & SSI_SR_BUSY) {
  }
  REG(SSI_SSIENR) = 0;
  REG(SSI_CTRLR0) = SSI_CTRLR0_DFS_32_8BIT;  // standard SPI, 8-bit frames, transmit and receive
  REG(SSI_CTRLR1) = 0;
  REG(SSI_SER) = 1;
  REG(SSI_SSIENR) = 1;
  REG(IO_QSPI_GPIO_QSPI_SS_CTRL) = 2u << IO_QSPI_GPIO_QSPI_SS_CTRL_OUTOVER_LSB;
  for (uint32_t i = 0; i < kFrames; i++)
    REG(SSI_DR0) = i == 0 ? 0x4bu : 0u;
  for (uint32_t i = 0; REG(SSI_RXFLR) < kFrames && i < 1000000; i++) {
  }
  for (uint32_t i = 0; i < kFrames; i++) {
    const uint8_t b = static_cast<uint8_t>(REG(SSI_DR0));
    if (i >= kFrames - 8) out[i - (kFrames - 8)] = b;
  }
  REG(IO_QSPI_GPIO_QSPI_SS_CTRL) = 3u << IO_QSPI_GPIO_QSPI_SS_CTRL_OUTOVER_LSB;
  REG(IO_QSPI_GPIO_QSPI_SS_CTRL) = 0;
  REG(SSI_SSIENR) = 0;
  REG(SSI_CTRLR0) = ctrlr0;
  REG(SSI_CTRLR1) = ctrlr1;
  REG(SSI_BAUDR) = baudr;
  REG(SSI_SPI_CTRLR0) = spi_ctrlr0;
  REG(SSI_SER) = ser;
  REG(SSI_SSIENR) = 1;
  if (!primask) __asm__ volatile("cpsie i" ::: "memory");
}

uint8_t unique_id[8];
bool unique_id_read = false;

Value m_unique_id(size_t, const Value*, const KwArgs*) {
  static_assert(SSI_FIFO_DEPTH >= 13, "the command and its answer fit the FIFOs");
  if (!unique_id_read) {
    read_flash_unique_id(unique_id);
    unique_id_read = true;
  }
  return bytes_new(unique_id, 8);
}

// idle(): the core rests until something happens, at most about a millisecond (MicroPython's
// docs): the port's sleep, which WFIs for TIMER alarm 3 and ends early when an event waits.
Value m_idle(size_t, const Value*, const KwArgs*) {
  port_sleep_us(1000);
  return kNone;
}

// disable_irq() returns the previous PRIMASK for enable_irq(state) to restore.
Value m_disable_irq(size_t, const Value*, const KwArgs*) {
  const uint32_t primask = cpu_get_primask();
  cpu_irq_disable();
  return small_int(primask & 1);
}
Value m_enable_irq(size_t n_args, const Value* a, const KwArgs*) {
  if (n_args == 0 || !is_true(a[0])) cpu_irq_enable();
  return kNone;
}

// time_pulse_us(pin, level, timeout_us=1000000): waits for the pin to reach `level` (-2 on
// timeout), then times how long it stays there (-1 on timeout).
Value m_time_pulse_us(size_t n_args, const Value* a, const KwArgs*) {
  const unsigned id = machine_pin_id(a[0]);
  const uint32_t want = is_true(a[1]) ? 1u : 0u;
  const uint64_t timeout = n_args > 2 ? static_cast<uint64_t>(int_get_i64(a[2])) : 1000000u;
  auto level = [id] { return (mmio_read(SIO_GPIO_IN) >> id) & 1u; };
  uint64_t start = port_ticks_us();
  while (level() != want) {
    if (port_ticks_us() - start >= timeout) return small_int(-2);
  }
  start = port_ticks_us();
  while (level() == want) {
    if (port_ticks_us() - start >= timeout) return small_int(-1);
  }
  return int_from_u64(port_ticks_us() - start);
}

// --- mem8, mem16, mem32: subscripts read and write memory -----------------------------------
struct MemObj {
  const Type* type;
  uint32_t width;  // bytes
};

Value mem_subscr(Value self, Value index, Value value) {
  const uint32_t width = as<MemObj>(self)->width;
  if (value == kNull) raise_msg(&exc_TypeError, "can't delete memory");
  const uint32_t addr = static_cast<uint32_t>(int_get_u64_trunc(value_index(index)));
  if (addr & (width - 1))
    raise_fmt(&exc_ValueError, "memory address not aligned to %u bytes", width);
  if (value == kSentinel) {
    switch (width) {
      case 1:
        return small_int(*reinterpret_cast<volatile uint8_t*>(addr));
      case 2:
        return small_int(*reinterpret_cast<volatile uint16_t*>(addr));
      default:
        return int_from_u64(*reinterpret_cast<volatile uint32_t*>(addr));
    }
  }
  const uint32_t v = static_cast<uint32_t>(int_get_u64_trunc(value_index(value)));
  switch (width) {
    case 1:
      *reinterpret_cast<volatile uint8_t*>(addr) = static_cast<uint8_t>(v);
      break;
    case 2:
      *reinterpret_cast<volatile uint16_t*>(addr) = static_cast<uint16_t>(v);
      break;
    default:
      *reinterpret_cast<volatile uint32_t*>(addr) = v;
      break;
  }
  return kNone;
}

void mem_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<%u-bit memory>", as<MemObj>(self)->width * 8);
}

const Type mem_type = {.type = &type_type,
                       .name = Q_mem,
                       .print = mem_print,
                       .subscr = mem_subscr,
                       .base = &object_type};
const MemObj mem8_obj = {&mem_type, 1}, mem16_obj = {&mem_type, 2}, mem32_obj = {&mem_type, 4};

const NativeFunObj m_freq_obj = {&native_fun_type, 0, 1, 0, Q_freq, m_freq};
const NativeFunObj m_reset_obj = {&native_fun_type, 0, 0, 0, Q_reset, m_reset};
const NativeFunObj m_soft_reset_obj = {&native_fun_type, 0, 0, 0, Q_soft_reset, m_soft_reset};
const NativeFunObj m_unique_id_obj = {&native_fun_type, 0, 0, 0, Q_unique_id, m_unique_id};
const NativeFunObj m_idle_obj = {&native_fun_type, 0, 0, 0, Q_idle, m_idle};
const NativeFunObj m_disable_irq_obj = {&native_fun_type, 0, 0, 0, Q_disable_irq, m_disable_irq};
const NativeFunObj m_enable_irq_obj = {&native_fun_type, 0, 1, 0, Q_enable_irq, m_enable_irq};
const NativeFunObj m_time_pulse_us_obj = {&native_fun_type, 2, 3, 0, Q_time_pulse_us,
                                          m_time_pulse_us};

}  // namespace

void machine_deinit() {
  machine_timer_deinit();
  machine_pin_deinit();
  machine_pwm_deinit();
  machine_uart_deinit();
  port_events_reset();
}

const RomEntry machine_members_table[] = {
    {Q_freq, 0, &m_freq_obj},
    {Q_reset, 0, &m_reset_obj},
    {Q_soft_reset, 0, &m_soft_reset_obj},
    {Q_unique_id, 0, &m_unique_id_obj},
    {Q_idle, 0, &m_idle_obj},
    {Q_disable_irq, 0, &m_disable_irq_obj},
    {Q_enable_irq, 0, &m_enable_irq_obj},
    {Q_time_pulse_us, 0, &m_time_pulse_us_obj},
    {Q_mem8, 0, &mem8_obj},
    {Q_mem16, 0, &mem16_obj},
    {Q_mem32, 0, &mem32_obj},
    {Q_Pin, 0, &machine_pin_type},
    {Q_ADC, 0, &machine_adc_type},
    {Q_PWM, 0, &machine_pwm_type},
    {Q_Timer, 0, &machine_timer_type},
    {Q_I2C, 0, &machine_i2c_type},
    {Q_UART, 0, &machine_uart_type},
    {Q_SPI, 0, &machine_spi_type},
};
const RomMap machine_members = {machine_members_table,
                                sizeof(machine_members_table) / sizeof(RomEntry)};

// First import: the roots for the interrupts' objects.
void machine_init(Value) {
  machine_roots();
}

}  // namespace vpy
