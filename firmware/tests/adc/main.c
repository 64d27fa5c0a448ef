// adc: the ADC and temperature sensor (RP2040 datasheet 4.9) on clk_adc = XOSC = 12 MHz, so a
// conversion (96 clk_adc cycles) is 96 processor cycles at clk_sys = 12 MHz (selftest_begin).
// Checks: READY follows EN and a START_ONCE conversion, the conversion time, the temperature
// sensor (a plausible die temperature, 0..60 C, only with TS_EN), GPIO26/27 with nothing
// connected reading their pulls (near 0 V pulled down, near 3.3 V pulled up: on a bare Pico
// board nothing drives these header pins; GPIO29 is avoided, it reads VSYS/3 there), the FIFO
// (LEVEL, FULL, OVER, UNDER, SHIFT), round robin, the FIFO IRQ at THRESH, and DIV pacing of
// START_MANY. The checks use ranges, as a real chip's readings vary; vpico reads exact values.
#include <stdbool.h>
#include <stdint.h>

#include "adc_regs.h"
#include "bringup.h"
#include "cpu.h"
#include "selftest.h"
#include "uart0.h"

#define TEMP_CODE_MIN 806u  // 60 C: 0.706 V - 33 * 1.721 mV = 0.649 V
#define TEMP_CODE_MAX 934u  // 0 C: 0.706 V + 27 * 1.721 mV = 0.752 V

static volatile uint32_t g_irq_count;
static volatile uint32_t g_irq_sample;

void irq22_handler(void) {
  ++g_irq_count;
  g_irq_sample = mmio_read(ADC_FIFO);  // draining below THRESH lowers the line
}

static void cycles_start(void) {
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  mmio_write(SYST_RVR, SYST_RVR_RELOAD);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_ENABLE);
}

static bool wait_ready(void) {
  for (uint32_t i = 0; i < 1000u; ++i)
    if (mmio_read(ADC_CS) & ADC_CS_READY) return true;
  return false;
}

// One conversion as pico-sdk's adc_read does it; 0xffff if READY never comes.
static uint32_t convert(uint32_t cs) {
  mmio_write(ADC_CS, cs | ADC_CS_START_ONCE);
  if (!wait_ready()) return 0xffffu;
  return mmio_read(ADC_RESULT);
}

static void check_range(const char* what, uint32_t got, uint32_t lo, uint32_t hi) {
  bool ok = got >= lo && got <= hi;
  report_begin(ok, what);
  if (!ok) {
    uart0_puts(": got ");
    uart0_put_udec(got);
    uart0_puts(" want ");
    uart0_put_udec(lo);
    uart0_puts("..");
    uart0_put_udec(hi);
  }
  uart0_putc('\n');
}

static bool wait_level(uint32_t level) {
  for (uint32_t i = 0; i < 2000u; ++i)
    if (ADC_FCS_LEVEL(mmio_read(ADC_FCS)) >= level) return true;
  return false;
}

static void check_conversion(void) {
  check_hex("ready is 0 while the adc is off", mmio_read(ADC_CS) & ADC_CS_READY, 0);
  mmio_write(ADC_CS, ADC_CS_EN);
  check_true("ready follows en", wait_ready());

  cycles_start();
  uint32_t c0 = mmio_read(SYST_CVR);
  mmio_write(ADC_CS, ADC_CS_EN | ADC_CS_START_ONCE);
  uint32_t busy = mmio_read(ADC_CS) & ADC_CS_READY;
  bool done = wait_ready();
  uint32_t c1 = mmio_read(SYST_CVR);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  check_true("start_once clears ready until the result", busy == 0 && done);
  check_range("a conversion takes 96 clk_adc cycles", (c0 - c1) & SYST_RVR_RELOAD, 96, 160);
  check_hex("start_once reads back 0", mmio_read(ADC_CS) & ADC_CS_START_ONCE, 0);
}

static void check_inputs(void) {
  uint32_t temp = convert(ADC_CS_EN | ADC_CS_TS_EN | ADC_CS_AINSEL(4));
  check_range("the temperature sensor reads 0..60 c", temp, TEMP_CODE_MIN, TEMP_CODE_MAX);

  // GPIO26 as pico-sdk's adc_gpio_init leaves it but with its pull kept: no function, no
  // digital input.
  mmio_write(IO_BANK0_GPIO_CTRL(26), GPIO_FUNC_NULL);
  mmio_write(PADS_BANK0_GPIO(26), PADS_BANK0_GPIO_PDE);
  check_range("gpio26 pulled down reads near 0 v", convert(ADC_CS_EN | ADC_CS_AINSEL(0)), 0, 64);
  mmio_write(PADS_BANK0_GPIO(26), PADS_BANK0_GPIO_PUE);
  check_range("gpio26 pulled up reads near 3.3 v", convert(ADC_CS_EN | ADC_CS_AINSEL(0)), 3968,
              4095);
  mmio_write(IO_BANK0_GPIO_CTRL(27), GPIO_FUNC_NULL);
  mmio_write(PADS_BANK0_GPIO(27), PADS_BANK0_GPIO_PDE);
  check_range("gpio27 pulled down reads near 0 v", convert(ADC_CS_EN | ADC_CS_AINSEL(1)), 0, 64);
  mmio_write(PADS_BANK0_GPIO(26), PADS_BANK0_GPIO_PDE);
}

static void check_fifo(void) {
  // Temperature samples into the FIFO, back to back.
  mmio_write(ADC_FCS, ADC_FCS_EN);
  check_hex("the fifo starts empty", mmio_read(ADC_FCS) & (ADC_FCS_EMPTY | ADC_FCS_FULL),
            ADC_FCS_EMPTY);
  mmio_write(ADC_CS, ADC_CS_EN | ADC_CS_TS_EN | ADC_CS_AINSEL(4) | ADC_CS_START_MANY);
  bool full = wait_level(4);
  for (uint32_t i = 0; i < 100u; ++i)  // more conversions than the FIFO holds
    cpu_nop();
  mmio_write(ADC_CS, ADC_CS_EN | ADC_CS_TS_EN | ADC_CS_AINSEL(4));
  wait_ready();
  uint32_t fcs = mmio_read(ADC_FCS);
  check_true("start_many fills the fifo", full);
  check_hex("level 4 is full and overflowed",
            fcs & (ADC_FCS_FULL | ADC_FCS_OVER | ADC_FCS_LEVEL(0xffffffffu) << 16),
            ADC_FCS_FULL | ADC_FCS_OVER | (4u << 16));
  bool plausible = true;
  for (int i = 0; i < 4; ++i) {
    uint32_t v = mmio_read(ADC_FIFO);
    plausible = plausible && v >= TEMP_CODE_MIN && v <= TEMP_CODE_MAX;
  }
  check_true("the fifo holds temperature samples", plausible);
  (void)mmio_read(ADC_FIFO);
  check_hex("reading an empty fifo sets under", mmio_read(ADC_FCS) & ADC_FCS_UNDER, ADC_FCS_UNDER);
  mmio_write(ADC_FCS, ADC_FCS_EN | ADC_FCS_OVER | ADC_FCS_UNDER);
  check_hex("over and under clear on write 1", mmio_read(ADC_FCS) & (ADC_FCS_OVER | ADC_FCS_UNDER),
            0);

  mmio_write(ADC_FCS, ADC_FCS_EN | ADC_FCS_SHIFT);
  convert(ADC_CS_EN | ADC_CS_TS_EN | ADC_CS_AINSEL(4));
  check_range("shift gives 8-bit samples", mmio_read(ADC_FIFO), TEMP_CODE_MIN >> 4,
              TEMP_CODE_MAX >> 4);

  // Round robin over channels 0 (pulled down) and 4, starting from AINSEL = 4.
  mmio_write(ADC_FCS, ADC_FCS_EN);
  mmio_write(ADC_CS,
             ADC_CS_EN | ADC_CS_TS_EN | ADC_CS_RROBIN(0x11) | ADC_CS_AINSEL(4) | ADC_CS_START_MANY);
  wait_level(3);
  mmio_write(ADC_CS, ADC_CS_EN | ADC_CS_TS_EN | ADC_CS_RROBIN(0x11) | ADC_CS_AINSEL(4));
  wait_ready();
  uint32_t a = mmio_read(ADC_FIFO), b = mmio_read(ADC_FIFO), c = mmio_read(ADC_FIFO);
  check_true("round robin alternates channels 4 and 0", a >= TEMP_CODE_MIN && a <= TEMP_CODE_MAX &&
                                                            b <= 64 && c >= TEMP_CODE_MIN &&
                                                            c <= TEMP_CODE_MAX);
  while (!(mmio_read(ADC_FCS) & ADC_FCS_EMPTY))
    (void)mmio_read(ADC_FIFO);
  mmio_write(ADC_CS, ADC_CS_EN | ADC_CS_TS_EN);
}

static void check_irq_and_pacing(void) {
  mmio_write(ADC_FCS, ADC_FCS_EN | ADC_FCS_THRESH(1));
  check_hex("intr is 0 below thresh", mmio_read(ADC_INTR), 0);
  mmio_write(ADC_INTE, 1);
  mmio_write(NVIC_ICPR, 1u << IRQ_ADC_FIFO);
  mmio_write(NVIC_ISER, 1u << IRQ_ADC_FIFO);
  g_irq_count = 0;
  convert(ADC_CS_EN | ADC_CS_TS_EN | ADC_CS_AINSEL(4));
  for (uint32_t i = 0; i < 100u && g_irq_count == 0; ++i)
    cpu_nop();
  check_dec("adc_irq_fifo at thresh", (int32_t)g_irq_count, 1);
  check_range("the handler read the sample", g_irq_sample, TEMP_CODE_MIN, TEMP_CODE_MAX);
  mmio_write(NVIC_ICER, 1u << IRQ_ADC_FIFO);
  mmio_write(ADC_INTE, 0);
  mmio_write(ADC_INTF, 1);
  check_hex("intf forces ints", mmio_read(ADC_INTS), 1);
  mmio_write(ADC_INTF, 0);
  mmio_write(NVIC_ICPR, 1u << IRQ_ADC_FIFO);

  // DIV: a conversion every 1 + 959 = 960 clk_adc cycles (80 us at 12 MHz).
  mmio_write(ADC_FCS, ADC_FCS_EN);
  mmio_write(ADC_DIV, 959u << 8);
  cycles_start();
  mmio_write(ADC_CS, ADC_CS_EN | ADC_CS_TS_EN | ADC_CS_AINSEL(4) | ADC_CS_START_MANY);
  bool l1 = wait_level(1);
  uint32_t c1 = mmio_read(SYST_CVR);
  bool l2 = wait_level(2);
  uint32_t c2 = mmio_read(SYST_CVR);
  mmio_write(ADC_CS, ADC_CS_EN | ADC_CS_TS_EN);
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  wait_ready();
  mmio_write(ADC_DIV, 0);
  check_true("div paces start_many", l1 && l2);
  check_range("samples come every 960 clk_adc cycles", (c1 - c2) & SYST_RVR_RELOAD, 930, 990);
  while (!(mmio_read(ADC_FCS) & ADC_FCS_EMPTY))
    (void)mmio_read(ADC_FIFO);
  mmio_write(ADC_FCS, 0);
}

int main(void) {
  selftest_begin("adc");
  // clk_adc = XOSC, divided by 1 (datasheet 2.15.7).
  mmio_write(CLK_ADC_DIV, 1u << 8);
  mmio_write(CLK_ADC_CTRL, CLK_ADC_CTRL_ENABLE | CLK_ADC_CTRL_AUXSRC_XOSC);
  resets_release(RESETS_ADC);
  check_conversion();
  check_inputs();
  check_fifo();
  check_irq_and_pacing();
  mmio_write(ADC_CS, 0);
  selftest_end();
}
