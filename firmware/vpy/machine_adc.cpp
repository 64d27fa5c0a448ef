// machine.ADC: the RP2040's 12-bit ADC (datasheet 4.9). Channels 0..3 are GPIO26..29, channel 4
// the temperature sensor; ADC(id) takes a channel number or a pin. read_u16() scales the 12-bit
// result to 16 bits as MicroPython does (the top bits repeated below).
#include "bringup.h"
#include "cpu.h"
#include "machine.h"
#include "regs.h"

namespace vpy {

namespace {

constexpr unsigned kFirstAdcPin = 26;
constexpr unsigned kTempChannel = 4;

struct AdcObj {
  const Type* type;
  uint32_t channel;
};

#define ADC_CH(n) \
  { &machine_adc_type, n }
const AdcObj adc_objs[5] = {ADC_CH(0), ADC_CH(1), ADC_CH(2), ADC_CH(3), ADC_CH(4)};
#undef ADC_CH

// Waits for CS.READY (a conversion takes 96 clk_adc cycles); OSError(ETIMEDOUT) if it never comes.
void wait_ready() {
  for (uint32_t i = 0; !(mmio_read(ADC_CS) & ADC_CS_READY); i++) {
    if (i == 100000) raise_os_error(110);  // ETIMEDOUT
  }
}

// First use: the block out of reset, clk_adc running from the crystal, the ADC powered.
void adc_start() {
  if (!(mmio_read(RESETS_RESET) & RESETS_ADC) && (mmio_read(ADC_CS) & ADC_CS_EN)) return;
  resets_release(RESETS_ADC);
  mmio_write(CLK_ADC_CTRL, CLK_ADC_CTRL_AUXSRC_XOSC);
  mmio_write(CLK_ADC_CTRL, CLK_ADC_CTRL_AUXSRC_XOSC | CLK_ADC_CTRL_ENABLE);
  mmio_write(ADC_CS, ADC_CS_EN);
  wait_ready();
}

Value adc_make_new(const Type*, size_t n_args, size_t n_kw, const Value* args) {
  if (n_args != 1 || n_kw) raise_arg_count(1, n_args);
  Int n;
  unsigned channel;
  if (is_int(args[0]) && int_get_maybe(args[0], &n) && n >= 0 &&
      n <= static_cast<Int>(kTempChannel)) {
    channel = static_cast<unsigned>(n);
  } else {
    const unsigned pin = machine_pin_id(args[0]);
    if (pin < kFirstAdcPin) raise_msg(&exc_ValueError, "Pin doesn't have ADC capabilities");
    channel = pin - kFirstAdcPin;
  }
  adc_start();
  if (channel == kTempChannel) {
    mmio_set_bits(ADC_CS, ADC_CS_TS_EN);
  } else {
    // The pad as an analog input (datasheet 4.9.1): digital input and output off, no pulls.
    const unsigned pin = kFirstAdcPin + channel;
    mmio_write(IO_BANK0_GPIO_CTRL(pin), GPIO_FUNC_NULL);
    const uint32_t pad = mmio_read(PADS_BANK0_GPIO(pin)) &
                         ~(PADS_BANK0_GPIO_IE | PADS_BANK0_GPIO_PUE | PADS_BANK0_GPIO_PDE);
    mmio_write(PADS_BANK0_GPIO(pin), pad | PADS_BANK0_GPIO_OD);
  }
  return val(&adc_objs[channel]);
}

Value adc_read_u16(size_t, const Value* a, const KwArgs*) {
  const uint32_t channel = as<AdcObj>(a[0])->channel;
  const uint32_t cs = mmio_read(ADC_CS) & (ADC_CS_EN | ADC_CS_TS_EN);
  mmio_write(ADC_CS, cs | ADC_CS_AINSEL(channel) | ADC_CS_START_ONCE);
  wait_ready();
  const uint32_t raw = mmio_read(ADC_RESULT) & 0xfff;
  return small_int(static_cast<Int>((raw << 4) | (raw >> 8)));
}

void adc_print(const Printer* p, Value self, PrintKind) {
  print_fmt(p, "<ADC channel=%u>", static_cast<unsigned>(as<AdcObj>(self)->channel));
}

const NativeFunObj adc_read_u16_obj = {&native_fun_type, 1, 1, 0, Q_read_u16, adc_read_u16};
const RomEntry adc_methods_table[] = {
    {Q_read_u16, 0, &adc_read_u16_obj},
    {Q_CORE_TEMP, small_int(kTempChannel), nullptr},
};
const RomMap adc_methods = {adc_methods_table, sizeof(adc_methods_table) / sizeof(RomEntry)};

}  // namespace

const Type machine_adc_type = {.type = &type_type,
                               .name = Q_ADC,
                               .flags = kTypeEqByIdentity,
                               .print = adc_print,
                               .make_new = adc_make_new,
                               .methods = &adc_methods,
                               .base = &object_type};

}  // namespace vpy
