// ADC (datasheet 4.9): the 12-bit SAR ADC with its five inputs (channels 0..3 on GPIO26..29,
// channel 4 the temperature sensor) and its result FIFO. Modelled: CS (EN, TS_EN, START_ONCE,
// START_MANY, READY, ERR, ERR_STICKY, AINSEL, RROBIN), RESULT, FCS (EN, SHIFT, ERR, DREQ_EN,
// EMPTY, FULL, UNDER, OVER, LEVEL, THRESH), FIFO (4 entries, datasheet 4.9.3; ERR bit 15),
// DIV (START_MANY paced every 1 + INT + FRAC/256 clk_adc cycles, never faster than one
// conversion), INTR/INTE/INTF/INTS with ADC_IRQ_FIFO (INTR.FIFO = LEVEL >= THRESH) and the
// DREQ line kDreqAdc (DREQ_EN and LEVEL >= THRESH, and never with an empty FIFO: DREQ_EN
// "asserts DMA requests when the FIFO contains data").
//
// A conversion takes 96 clk_adc cycles (4.9.2: 2 us at 48 MHz, 500 kS/s) and is one scheduler
// event; the input is sampled when it starts, and AINSEL moves to the next RROBIN channel when
// it ends. READY is EN and no conversion running. The input voltage of channels 0..3 comes from
// a callback (the machine reads Pins::voltage); channel 4 is the temperature sensor while
// TS_EN is set, V = 0.706 V - 1.721 mV/C * (T - 27 C) (4.9.5), and 0 V while it is off;
// AINSEL 5..7 read 0 V. Code = round(V / 3.3 V * 4096), clamped to 0..4095: an ideal ADC, no
// noise, no offset, no conversion errors (ERR stays 0). Clearing EN abandons a running
// conversion. Not modelled: the ADC's INL/DNL and the RP2040-E11 missing codes.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class Adc : public Device {
 public:
  static constexpr double kVref = 3.3;
  static constexpr unsigned kConversionCycles = 96;  // clk_adc cycles
  static constexpr unsigned kFifoDepth = 4;
  static constexpr unsigned kTemperatureChannel = 4;

  Adc(Scheduler& scheduler, IrqSink& irqs, DreqSink& dreqs, std::function<uint32_t()> adc_hz,
      std::function<uint32_t()> sys_hz, std::function<double(unsigned channel)> input_voltage);
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;

  // clk_adc or clk_sys changed: a running conversion and the pacing move to the new rates.
  void clocks_changed();

  // The die temperature the sensor reports (27 C after construction; kept across resets).
  void set_temperature_c(double celsius) { m_temperature_c = celsius; }
  double temperature_c() const { return m_temperature_c; }
  // The voltage on channel `channel` now, as a conversion would sample it.
  double channel_voltage(unsigned channel) const;
  static uint16_t code_for(double volts);

 private:
  bool running_many() const;
  uint64_t sys_cycles_for(uint64_t adc_cycles_x256) const;
  uint64_t pace_x256() const;
  void start_conversion();
  void finish_conversion();
  void schedule_next_many();
  void pace_event();
  void restart_pacing();
  unsigned fifo_level() const { return unsigned(m_fifo.size()); }
  uint32_t interrupt_status() const;
  void update_lines();

  Scheduler& m_sched;
  IrqSink& m_irqs;
  DreqSink& m_dreqs;
  std::function<uint32_t()> m_adc_hz, m_sys_hz;
  std::function<double(unsigned)> m_input;
  double m_temperature_c = 27.0;

  bool m_busy = false;
  uint16_t m_sample = 0;  // taken when the running conversion started
  uint64_t m_done_cycle = 0;
  uint32_t m_conv_adc_hz = 0, m_conv_sys_hz = 0;  // rates the running conversion was timed at
  EventId m_conversion, m_pace;
  // START_MANY pacing: conversion k starts at m_pace_origin + k * period.
  uint64_t m_pace_origin = 0, m_pace_count = 0;
  std::deque<uint16_t> m_fifo;
  bool m_irq_level = false, m_dreq_level = false;
};

}  // namespace vpico::rp2040
