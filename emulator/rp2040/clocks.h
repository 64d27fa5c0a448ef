// CLOCKS (datasheet 2.15): the clock generators clk_ref, clk_sys, clk_peri, clk_usb, clk_adc,
// clk_rtc with their glitchless muxes (clk_ref, clk_sys: SELECTED follows SRC), aux muxes,
// enables and dividers, and the frequencies that follow from them. The gpout generators keep
// their registers, and the FC0 frequency counter (datasheet 2.15.6.2: a measurement takes
// DELAY reference cycles plus 2^INTERVAL us and reports the source's frequency in kHz with 5
// fractional bits, against MIN/MAX). Not modelled yet: resus, sleep/wake enables (registers only).
#pragma once

#include <functional>

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class Clocks : public Device {
 public:
  struct Sources {
    std::function<uint32_t()> rosc, xosc, pll_sys, pll_usb;
  };
  explicit Clocks(Sources sources);
  // The frequency counter needs time; without a scheduler it finishes at once.
  void set_scheduler(Scheduler* scheduler) { m_sched = scheduler; }
  void reset() override;

  uint32_t ref_hz() const;
  uint32_t sys_hz() const;
  uint32_t peri_hz() const;
  uint32_t usb_hz() const;
  uint32_t adc_hz() const;
  uint32_t rtc_hz() const;

  // Called when any generator's settings change (the machine re-derives its time base).
  std::function<void()> on_change;

 private:
  uint32_t ctrl(uint32_t offset) const { return m_regs.at(offset).value(); }
  uint32_t aux(uint32_t ctrl_offset, const std::function<uint32_t()>* table, unsigned n) const;
  static uint32_t divide(uint32_t hz, uint32_t div, unsigned int_bits);
  uint32_t src_hz(const std::function<uint32_t()>& f) const { return f ? f() : 0; }
  void changed() {
    if (on_change) on_change();
  }
  void start_frequency_count(uint32_t src);
  void finish_frequency_count(uint32_t src);
  uint32_t source_hz(uint32_t fc0_src) const;

  Sources m_src;
  Scheduler* m_sched = nullptr;
  EventId m_fc0_event;
  uint32_t m_fc0_status = 0;
  uint32_t m_fc0_result = 0;
};

}  // namespace vpico::rp2040
