// PWM (RP2040 datasheet 4.5; pico-sdk hardware/regs/pwm.h): 8 slices, each a 16-bit counter
// clocked by clk_sys through an 8.4 fractional divider (DIV.INT = 0 divides by 256), wrapping at
// TOP, or counting up to TOP and back down to 0 in phase-correct mode (period 2 * (TOP + 1)).
// Channel A/B outputs are high while CTR < CC.A/B (inverted by CSR.A_INV/B_INV), so CC = 0 is 0%
// and CC > TOP is 100% (datasheet 4.5.2.2). DIVMODE selects free-running counting, counting
// gated by the B pin's level, or one count per rising / falling edge of B (the divider still
// divides the edges); in those three modes the B pin is an input and its output is disabled.
// CC and TOP are double buffered: a write takes effect at the next wrap (4.5.2.3). While a slice
// is disabled its counter never wraps, so writes then take effect at once (the datasheet does
// not say; rp2040js latches on enable, which software cannot tell apart). CTR reads and writes
// the counter; PH_ADV / PH_RET move it one count ahead / back (self-clearing). EN aliases every
// CSR.EN so slices start in sync. INTR (write 1 to clear) latches a wrap per slice; INTS =
// (INTR & INTE) | INTF drives PWM_IRQ_WRAP.
//
// Time: nothing happens per count. Each slice keeps an anchor (cycle, position in the period,
// divider remainder) and computes its counter from the scheduler's now() when it is looked at.
// One scheduler event is set for the next wrap only when something needs that moment: its
// interrupt is enabled and not yet raised, the DMA is paced by its DREQ (set_dreq_wanted), or a
// buffered CC/TOP waits to be latched (the outputs change then).
// Outputs: a free-running slice puts a periodic waveform on its pins (Pins::Waveform: exact
// period, high time and phase in 1/16 cycles), from which Pins gives the level at any time and
// the duty; Pins makes real edges only for long periods. Disabled slices hold CTR < CC.
// Inputs: the B input is the OR of the slice's B GPIOs whose FUNCSEL is PWM (datasheet 2.19.2:
// the input goes to the selected function). Steady levels and discrete edges come from Pins'
// observers; a B pin carrying a waveform is integrated (gated mode) or its edges counted (edge
// modes) analytically, so a fast PWM feeding another slice costs nothing per edge.
// DREQ (datasheet 2.5.3.2: DREQs are credits the DMA counts): at each wrap the slice raises
// DREQ_PWM_WRAPn for one clk_sys cycle, so a DMA counting rising edges (or high cycles) gets one
// credit per wrap. Wraps are events only for slices set_dreq_wanted() names.
// Not modelled: INOVER on the B input; the A output in the B-gated and edge modes is
// recomputed only when the slice is looked at (no waveform); wrap interrupts in the edge modes
// and with a waveform on B in gated mode come when the input changes or a register is read,
// not at the exact cycle; the sigma-delta divider's per-count jitter (counts are spread evenly).
#pragma once

#include <array>
#include <cstdint>
#include <functional>

#include "device.h"
#include "pins.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class Pwm : public Device {
 public:
  static constexpr unsigned kSlices = 8;
  static constexpr unsigned kFuncPwm = 4;

  Pwm(Scheduler& scheduler, IrqSink& irqs, DreqSink& dreqs, Pins& pins);
  void reset() override;

  // What GPIO `pin` gets on function 4: slice (pin / 2) % 8, channel A on even pins, B on odd.
  Pins::ChipDrive pin_drive(unsigned pin) const;
  // The GPIOs whose FUNCSEL is PWM (bit per pin); B inputs come only from these.
  void set_selected_pins(uint32_t mask);
  // Slices (bit per slice) whose DREQ paces a DMA channel: each of their wraps is an event.
  void set_dreq_wanted(uint32_t slices);
  // IO_BANK0 must ask pin_drive() again: an output changed.
  std::function<void()> on_output_change;
  // The counter of a slice now (as a CTR read sees it).
  uint16_t counter(unsigned slice);

 private:
  struct Slice {
    // Configuration in effect (CSR, DIV) and the latched copies of CC and TOP.
    bool en = false, ph_correct = false, a_inv = false, b_inv = false;
    unsigned divmode = 0;
    int64_t div16 = 16;  // divider in 1/16: INT * 16 + FRAC
    uint16_t cc_a = 0, cc_b = 0, top = 0xffff;
    bool pending = false;  // the CC/TOP registers wait for a wrap to be latched
    // Counter: at cycle `anchor` it was at `pos` in its period (negative: -pos counts before it
    // reaches 0 through 0xffff, after a CTR write above TOP) with `frac` sixteenths of a count
    // already accumulated; `units` sixteenths of enable came since the anchor from B edges.
    uint64_t anchor = 0;
    int64_t pos = 0, frac = 0, units = 0;
    // The B input since the anchor.
    bool in_level = false;
    Waveform in_wave{};
    EventId wrap_event{}, dreq_event{};
  };

  uint32_t slice_offset(unsigned s) const { return 0x14 * s; }
  int64_t period(const Slice& sl) const { return (int64_t(sl.top) + 1) * (sl.ph_correct ? 2 : 1); }
  uint16_t ctr_of(const Slice& sl) const;
  void set_ctr(Slice& sl, uint16_t ctr);
  int64_t units_now(const Slice& sl, uint64_t now) const;
  // Brings slice s to now(): counts, wraps (INTR), latches. Returns true if it wrapped.
  bool settle(unsigned s);
  void settle_all();
  void latch(unsigned s);
  void apply_csr(unsigned s, uint32_t value);
  void set_enabled(unsigned s, bool on);
  void schedule_wrap(unsigned s);
  void wrap_event(unsigned s);
  void pulse_dreq(unsigned s);
  void read_input(unsigned s, bool& level, Waveform& wave) const;
  void input_changed(unsigned s);
  void update_irq();
  void flush_outputs();

  Scheduler& m_sched;
  IrqSink& m_irqs;
  DreqSink& m_dreqs;
  Pins& m_pins;
  std::array<Slice, kSlices> m_slices{};
  uint32_t m_selected = 0;
  uint32_t m_dreq_wanted = 0;
  bool m_irq_level = false;
  bool m_outputs_dirty = false;
  EventId m_flush_event{};
};

}  // namespace vpico::rp2040
