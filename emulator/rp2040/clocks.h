// CLOCKS (datasheet 2.15): the clock generators clk_ref, clk_sys, clk_peri, clk_usb, clk_adc,
// clk_rtc with their glitchless muxes (clk_ref, clk_sys: SELECTED follows SRC), aux muxes,
// enables and dividers, and the frequencies that follow from them. The gpout generators keep
// their registers. Not modelled yet: FC0 frequency counter, resus, sleep/wake enables (logged
// as registers only).
#pragma once

#include <functional>

#include "device.h"

namespace vpico::rp2040 {

class Clocks : public Device {
 public:
  struct Sources {
    std::function<uint32_t()> rosc, xosc, pll_sys, pll_usb;
  };
  explicit Clocks(Sources sources);

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
  Sources m_src;
};

}  // namespace vpico::rp2040
