// PIO0 / PIO1 (RP2040 datasheet chapter 3; register layout from pico-sdk hardware/regs/pio.h).
// Modelled: the 32-word instruction memory (write-only), four state machines with every
// instruction, side-set (optional enable bit, SIDE_PINDIR), delays, wrap, the fractional clock
// divider, autopush/autopull, the 4-deep TX/RX FIFOs (8-deep when joined; changing FJOIN flushes
// them), CTRL (enable, SM_RESTART, CLKDIV_RESTART), FSTAT, FDEBUG (sticky, write-1-to-clear),
// FLEVEL, TXFn/RXFn, IRQ (write-1-to-clear) and IRQ_FORCE, INPUT_SYNC_BYPASS (stored),
// DBG_PADOUT/DBG_PADOE/DBG_CFGINFO, SMx_CLKDIV/EXECCTRL/SHIFTCTRL/ADDR/INSTR/PINCTRL (an INSTR
// write executes at once, EXEC_STALLED while it stalls), INTR, IRQ0/1_INTE/INTF/INTS with the
// PIOx_IRQ_0/1 lines, and a DREQ per FIFO (TX: not full, RX: not empty). The execution core is
// PioEngine (pio_engine.h).
//
// Time: the state machines run lazily. Every register access, every change of the GPIO inputs
// and a scheduled event first bring them up to the scheduler's now() ("catch up"). After a change
// the block runs a copy of itself ahead (at most kLookAhead cycles) to find the next moment the
// outside world must see: a DREQ/FIFO level change, an enabled interrupt's flag, or a change of a
// watched pin (set_pin_watch, or any pin when a program reads pins); one event is scheduled
// there. Changes of other pins routed to the block are flushed to Pins at most kPinLag cycles
// late, each stamped with its exact cycle. A stalled state machine costs nothing until its
// condition can change.
//
// Approximate (documented, deterministic): the 2-cycle input synchroniser is not modelled (inputs
// are seen at once, INPUT_SYNC_BYPASS is only stored); state machines in the same clk_sys cycle
// run in index order; OUT_STICKY does not matter because each block's pin latches hold their last
// value (several SMs writing one pin: the last write wins); GPIO edge interrupts on PIO-driven
// pins are seen when the block next catches up; pins driven by the other PIO block are seen when
// that block catches up.
#pragma once

#include <functional>

#include "device.h"
#include "rp2040/pio_engine.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class Pio : public Device {
 public:
  static constexpr uint64_t kLookAhead = 1u << 16;  // cycles a look-ahead runs at most

  Pio(unsigned index, Scheduler& scheduler, IrqSink& irqs, DreqSink& dreqs);
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;
  bool peek(uint32_t offset, uint32_t& value) override;

  // Wiring (the machine): the 32 GPIO input levels as IO_BANK0 presents them to peripherals,
  // and a notice that the block's pin latches changed at `cycle`.
  std::function<uint32_t()> read_inputs;
  std::function<void(uint64_t cycle)> on_outputs;
  // The GPIOs whose function select is this block: their changes reach Pins within kPinLag
  // cycles (with their exact cycle stamps) even when nothing else makes the block catch up.
  std::function<uint32_t()> routed_pins;
  static constexpr uint64_t kPinLag = 1024;

  // Bring the state machines up to the scheduler's now().
  void catch_up();
  // The GPIO inputs may have changed at `cycle` (a pin observer).
  void inputs_changed(uint64_t cycle);
  // Pins whose changes must reach Pins at their exact cycle even if nothing else observes them.
  void set_pin_watch(uint32_t mask);
  // The block's output and output-enable latches (no catch-up: safe inside pin callbacks).
  uint32_t pad_out() const { return m_engine.pad_out; }
  uint32_t pad_oe() const { return m_engine.pad_oe; }
  const PioEngine& engine() const { return m_engine; }

 private:
  void run_to(uint64_t cycle);
  void sync();
  uint64_t access_cycle() const;
  void changed(uint64_t cycle);
  void update_lines();
  void predict();

  unsigned m_index;
  Scheduler& m_sched;
  IrqSink& m_irqs;
  DreqSink& m_dreqs;
  PioEngine m_engine;
  // The look-ahead's end state, taken over by the event when nothing changed meanwhile and the
  // look-ahead changed no pin (it then need not run twice).
  PioEngine m_ahead;
  bool m_ahead_usable = false;
  bool m_running = false;
  bool m_predicted = false;
  EventId m_event;
  uint32_t m_pin_watch = 0;
  bool m_irq_level[2] = {false, false};
  uint32_t m_dreq_bits = 0;
  bool m_dreq_known = false;
};

}  // namespace vpico::rp2040
