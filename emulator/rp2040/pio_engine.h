// PioEngine: the execution core of one PIO block (RP2040 datasheet chapter 3): the 32-word
// instruction memory, the four state machines (X, Y, ISR, OSR and their shift counters, the
// TX/RX FIFOs, PC, the fractional clock divider), the eight IRQ flags and the block's pin
// output and direction latches. It knows no scheduler, bus or pins: it runs the state machines
// over a span of clk_sys cycles and reports pin latch changes through a callback. It is a plain
// copyable value, so the Pio device can run a copy ahead of time to find the next moment the
// outside world must see (a FIFO level or IRQ flag change) without touching the real state.
//
// Timing model: a state machine executes one instruction per tick of its clock divider
// (CLKDIV INT.FRAC, ticks kept in 1/256 clk_sys cycles, so a fractional divider gives the
// average rate with a deterministic jitter pattern); delay cycles skip that many ticks. Within
// one clk_sys cycle the state machines run in index order, so a lower-numbered SM sees what a
// higher one did in the same cycle only on its next tick (approximation). A stalled state machine
// is "blocked": it takes no ticks until something it may wait on changes (a FIFO, an IRQ flag,
// the input pins, a register write), then resumes at its next divider tick.
#pragma once

#include <array>
#include <cstdint>
#include <functional>

namespace vpico::rp2040 {

struct PioFifo {
  std::array<uint32_t, 8> data{};
  uint8_t head = 0, count = 0;
  void push(uint32_t v) {
    data[(head + count) & 7] = v;
    ++count;
  }
  uint32_t pop() {
    uint32_t v = data[head];
    head = (head + 1) & 7;
    --count;
    return v;
  }
  void clear() { head = count = 0; }
};

struct PioSm {
  // Configuration registers (datasheet 3.7, SMx_*), reset values from pio.h.
  uint32_t clkdiv = 0x00010000, execctrl = 0x0001f000, shiftctrl = 0x000c0000, pinctrl = 0x14000000;
  uint32_t x = 0, y = 0, isr = 0, osr = 0;
  uint8_t pc = 0, isr_count = 0, osr_count = 32;  // the OSR starts empty
  PioFifo tx, rx;
  uint64_t phase = 0;  // the next divider tick, in 1/256 clk_sys cycles
  uint16_t exec_instr = 0;
  bool exec_pending = false;  // exec_instr runs instead of the instruction at pc
  bool stalled = false;       // the current instruction stalled on its last attempt
  bool blocked = false;       // stalled: no ticks until woken
  bool irq_wait = false;      // an IRQ WAIT has raised its flag and waits for it to clear

  // Divider period in 1/256 cycles; INT=0 means 65536 (datasheet 3.7, SMx_CLKDIV).
  uint64_t period() const {
    uint64_t i = clkdiv >> 16;
    if (i == 0) i = 65536;
    return i * 256 + ((clkdiv >> 8) & 0xff);
  }
  bool fjoin_tx() const { return shiftctrl >> 30 & 1; }
  bool fjoin_rx() const { return shiftctrl >> 31 & 1; }
  unsigned tx_cap() const { return fjoin_tx() ? 8 : fjoin_rx() ? 0 : 4; }
  unsigned rx_cap() const { return fjoin_rx() ? 8 : fjoin_tx() ? 0 : 4; }
  bool tx_full() const { return tx.count >= tx_cap(); }
  bool rx_full() const { return rx.count >= rx_cap(); }
  unsigned push_thresh() const {
    unsigned t = shiftctrl >> 20 & 31;
    return t ? t : 32;
  }
  unsigned pull_thresh() const {
    unsigned t = shiftctrl >> 25 & 31;
    return t ? t : 32;
  }
};

class PioEngine {
 public:
  std::array<uint16_t, 32> imem{};
  std::array<PioSm, 4> sm{};
  uint8_t enabled = 0;  // CTRL.SM_ENABLE
  uint8_t irq = 0;      // IRQ flags 0..7
  uint32_t pad_out = 0, pad_oe = 0;
  uint32_t inputs = 0;       // GPIO input levels as the state machines see them
  uint32_t fdebug = 0;       // FDEBUG sticky flags
  uint64_t time = 0;         // every tick before this cycle has run
  uint64_t pad_changes = 0;  // how many times pad_out/pad_oe changed
  // Called when pad_out/pad_oe change, with the cycle of the change (null in a look-ahead).
  std::function<void(uint64_t cycle)> on_pins;

  struct Watch {
    uint32_t intr_mask = 0;  // INTR bits whose change stops the run
    uint32_t pin_mask = 0;   // pad_out/pad_oe bits whose change stops the run
  };
  struct RunResult {
    bool stopped = false;  // a watched signal changed at `cycle`
    uint64_t cycle = 0;
    bool idle = false;          // no state machine can run until something outside changes
    bool intr_changed = false;  // what stopped it
    uint32_t pins_changed = 0;
  };
  // Runs every tick before `target` (or until a watched change, if `watch` is given).
  RunResult run(uint64_t target, const Watch* watch = nullptr);

  // INTR (datasheet 3.7): RXNEMPTY 0..3, TXNFULL 4..7, IRQ flags 0..3 at 8..11.
  uint32_t intr() const;
  bool runnable(unsigned i) const { return ((enabled >> i) & 1) || sm[i].exec_pending; }
  // Something outside changed (FIFO, flag, pins, config): blocked state machines retry from
  // their next tick at or after `cycle`.
  void wake(uint64_t cycle);
  void set_enabled(uint8_t mask, uint64_t cycle);
  void restart(unsigned i);
  void clkdiv_restart(unsigned i, uint64_t cycle) { sm[i].phase = cycle * 256; }
  // SMx_INSTR write: runs `instr` at once; if it stalls it stays pending (EXEC_STALLED).
  void exec_now(unsigned i, uint16_t instr, uint64_t cycle);
  // Any instruction that reads the input pins (WAIT GPIO/PIN, IN/MOV PINS, JMP PIN).
  bool reads_pins() const;

 private:
  enum class Outcome { Done, Stall };
  void tick(unsigned i, uint64_t cycle);
  bool skip_count_loop(unsigned i, uint64_t target);
  Outcome execute(unsigned i, uint16_t instr, uint64_t cycle, bool& jumped, bool& new_exec);
  void set_pads(uint32_t out, uint32_t oe, uint64_t cycle);
  void write_pin_range(bool dirs, unsigned base, unsigned count, uint32_t value, uint64_t cycle);
  void side_set(unsigned i, uint16_t instr, uint64_t cycle);
  unsigned delay_of(unsigned i, uint16_t instr) const;
  void set_irq_flags(uint8_t flags, uint64_t cycle);
  uint32_t pins_in(unsigned i) const;
};

}  // namespace vpico::rp2040
