#include "pio_engine.h"

#include <algorithm>

namespace vpico::rp2040 {

namespace {
uint32_t rotr(uint32_t v, unsigned n) {
  n &= 31;
  return n ? (v >> n) | (v << (32 - n)) : v;
}
uint32_t bit_reverse(uint32_t v) {
  uint32_t r = 0;
  for (unsigned i = 0; i < 32; ++i)
    r |= ((v >> i) & 1u) << (31 - i);
  return r;
}
// IRQ index with the REL bit (datasheet 3.4.9.2): bit 4 set adds the SM number to the low two
// bits, modulo 4; bit 2 is kept.
unsigned irq_index(unsigned sm, unsigned idx) {
  if (idx & 0x10) return (idx & 4) | ((idx + sm) & 3);
  return idx & 7;
}
// Advance a divider phase to its first tick at or after `cycle`.
void align_phase(PioSm& s, uint64_t cycle) {
  const uint64_t at = cycle * 256, p = s.period();
  if (s.phase < at) s.phase += (at - s.phase + p - 1) / p * p;
}
// FDEBUG bits (datasheet 3.7): RXSTALL 0..3, RXUNDER 8..11, TXOVER 16..19, TXSTALL 24..27.
constexpr unsigned kRxStall = 0, kTxStall = 24;
}  // namespace

uint32_t PioEngine::intr() const {
  uint32_t v = uint32_t(irq & 0xf) << 8;
  for (unsigned i = 0; i < 4; ++i) {
    if (sm[i].rx.count) v |= 1u << i;
    if (!sm[i].tx_full()) v |= 1u << (4 + i);
  }
  return v;
}

void PioEngine::wake(uint64_t cycle) {
  for (PioSm& s : sm) {
    if (!s.blocked) continue;
    s.blocked = false;
    align_phase(s, cycle);
  }
}

void PioEngine::set_enabled(uint8_t mask, uint64_t cycle) {
  mask &= 0xf;
  for (unsigned i = 0; i < 4; ++i) {
    if ((mask >> i) & 1 && !((enabled >> i) & 1)) {
      sm[i].blocked = false;
      align_phase(sm[i], cycle);
    }
  }
  enabled = mask;
}

void PioEngine::restart(unsigned i) {
  // Datasheet 3.7 CTRL.SM_RESTART: shift counters, ISR, delay, IRQ wait and a stalled EXEC
  // instruction are cleared; PC, OSR contents, X and Y are kept.
  PioSm& s = sm[i];
  s.isr = 0;
  s.isr_count = 0;
  s.osr_count = 32;
  s.exec_pending = false;
  s.stalled = false;
  s.blocked = false;
  s.irq_wait = false;
}

bool PioEngine::reads_pins() const {
  for (uint16_t w : imem) {
    const unsigned op = w >> 13, a = (w >> 5) & 7;
    if ((op == 0 && a == 6) || (op == 1 && (a & 3) <= 1) || (op == 2 && a == 0) ||
        (op == 5 && (w & 7) == 0))
      return true;
  }
  return false;
}

PioEngine::RunResult PioEngine::run(uint64_t target, const Watch* watch) {
  RunResult r;
  const uint32_t watched_intr = watch ? intr() & watch->intr_mask : 0;
  for (;;) {
    int best = -1;
    uint64_t best_cycle = UINT64_MAX;
    for (unsigned i = 0; i < 4; ++i) {
      if (!runnable(i) || sm[i].blocked) continue;
      const uint64_t c = sm[i].phase >> 8;
      if (c < best_cycle) {
        best_cycle = c;
        best = int(i);
      }
    }
    if (best < 0) {
      r.idle = true;
      break;
    }
    if (best_cycle >= target) break;
    if (skip_count_loop(unsigned(best), target)) continue;
    const uint32_t out = pad_out, oe = pad_oe;
    tick(unsigned(best), best_cycle);
    if (!watch) continue;
    r.intr_changed = (intr() & watch->intr_mask) != watched_intr;
    r.pins_changed = ((pad_out ^ out) | (pad_oe ^ oe)) & watch->pin_mask;
    if (r.intr_changed || r.pins_changed) {
      r.stopped = true;
      r.cycle = best_cycle;
      time = best_cycle;
      return r;
    }
  }
  time = std::max(time, target);
  return r;
}

// A delay loop `l: jmp x-- l` (or y--) only counts its own register down: run all but its last
// iteration before `target` at once. Only when its side-set (if any) would change no pin.
bool PioEngine::skip_count_loop(unsigned i, uint64_t target) {
  PioSm& s = sm[i];
  if (s.exec_pending) return false;
  const uint16_t instr = imem[s.pc];
  const unsigned cond = (instr >> 5) & 7;
  if ((instr >> 13) != 0 || (instr & 31) != s.pc || (cond != 2 && cond != 4)) return false;
  uint32_t& reg = cond == 2 ? s.x : s.y;
  if (reg < 2) return false;
  const uint32_t out = pad_out, oe = pad_oe;
  const uint64_t changes = pad_changes;
  auto hook = std::move(on_pins);
  on_pins = nullptr;
  side_set(i, instr, s.phase >> 8);
  const bool side_effect = pad_changes != changes;
  pad_out = out;
  pad_oe = oe;
  pad_changes = changes;
  on_pins = std::move(hook);
  if (side_effect) return false;
  const uint64_t per = s.period() * (1 + delay_of(i, instr)), end = target * 256;
  if (s.phase >= end) return false;
  const uint64_t fit = (end - s.phase + per - 1) / per;  // iterations starting before target
  const uint64_t n = std::min<uint64_t>(fit, reg - 1);
  if (n < 2) return false;
  reg -= uint32_t(n);
  s.phase += n * per;
  return true;
}

void PioEngine::tick(unsigned i, uint64_t cycle) {
  PioSm& s = sm[i];
  const bool from_exec = s.exec_pending;
  const uint16_t instr = from_exec ? s.exec_instr : imem[s.pc];
  const bool first = !s.stalled;
  bool jumped = false, new_exec = false;
  const Outcome o = execute(i, instr, cycle, jumped, new_exec);
  // Side-set happens on the instruction's first cycle even if it stalls, and wins over the
  // instruction's own write to the same pins (datasheet 3.5.1).
  if (first) side_set(i, instr, cycle);
  const uint64_t p = s.period();
  if (o == Outcome::Stall) {
    s.stalled = true;
    s.blocked = true;
    s.phase += p;
    return;
  }
  s.stalled = false;
  if (from_exec && !new_exec) s.exec_pending = false;
  if (!jumped && !from_exec) {
    const unsigned top = (s.execctrl >> 12) & 31, bottom = (s.execctrl >> 7) & 31;
    s.pc = s.pc == top ? uint8_t(bottom) : uint8_t((s.pc + 1) & 31);
  }
  // OUT/MOV EXEC ignore their own delay; the executed instruction brings its own (3.4.5.2).
  const unsigned d = new_exec ? 0 : delay_of(i, instr);
  s.phase += p * (1 + d);
}

void PioEngine::exec_now(unsigned i, uint16_t instr, uint64_t cycle) {
  PioSm& s = sm[i];
  const bool was_stalled = s.stalled, was_waiting = s.irq_wait;
  s.exec_instr = instr;
  s.exec_pending = true;
  s.stalled = false;
  if ((instr >> 13) != 6) s.irq_wait = false;
  bool jumped = false, new_exec = false;
  const Outcome o = execute(i, instr, cycle, jumped, new_exec);
  side_set(i, instr, cycle);
  if (o == Outcome::Stall) {
    s.stalled = true;
    s.blocked = true;
    align_phase(s, cycle + 1);
    return;
  }
  if (!new_exec) s.exec_pending = false;
  s.stalled = was_stalled && !jumped;
  if ((instr >> 13) != 6) s.irq_wait = was_waiting;
  s.blocked = false;
  const unsigned d = new_exec ? 0 : delay_of(i, instr);
  align_phase(s, cycle + 1 + d);
}

unsigned PioEngine::delay_of(unsigned i, uint16_t instr) const {
  const unsigned count = sm[i].pinctrl >> 29, bits = count >= 5 ? 0 : 5 - count;
  return ((instr >> 8) & 31) & ((1u << bits) - 1);
}

void PioEngine::side_set(unsigned i, uint16_t instr, uint64_t cycle) {
  const PioSm& s = sm[i];
  const unsigned count = std::min(5u, unsigned(s.pinctrl >> 29));
  if (!count) return;
  unsigned bits = count;
  uint32_t value = ((instr >> 8) & 31) >> (5 - count);
  if ((s.execctrl >> 30) & 1) {  // SIDE_EN: the top bit says whether this instruction side-sets
    if (!((value >> (count - 1)) & 1)) return;
    --bits;
    value &= (1u << bits) - 1;
  }
  if (!bits) return;
  write_pin_range((s.execctrl >> 29) & 1, (s.pinctrl >> 10) & 31, bits, value, cycle);
}

void PioEngine::set_pads(uint32_t out, uint32_t oe, uint64_t cycle) {
  if (out == pad_out && oe == pad_oe) return;
  pad_out = out;
  pad_oe = oe;
  ++pad_changes;
  if (on_pins) on_pins(cycle);
}

void PioEngine::write_pin_range(bool dirs, unsigned base, unsigned count, uint32_t value,
                                uint64_t cycle) {
  uint32_t mask = 0, bits = 0;
  for (unsigned k = 0; k < count && k < 32; ++k) {
    const unsigned p = (base + k) & 31;
    mask |= 1u << p;
    if ((value >> k) & 1) bits |= 1u << p;
  }
  if (dirs)
    set_pads(pad_out, (pad_oe & ~mask) | bits, cycle);
  else
    set_pads((pad_out & ~mask) | bits, pad_oe, cycle);
}

void PioEngine::set_irq_flags(uint8_t flags, uint64_t cycle) {
  if (flags == irq) return;
  irq = flags;
  wake(cycle);
}

uint32_t PioEngine::pins_in(unsigned i) const {
  return rotr(inputs, (sm[i].pinctrl >> 15) & 31);
}

PioEngine::Outcome PioEngine::execute(unsigned i, uint16_t instr, uint64_t cycle, bool& jumped,
                                      bool& new_exec) {
  PioSm& s = sm[i];
  const unsigned op = instr >> 13, a = (instr >> 5) & 7, idx = instr & 31;
  const unsigned out_base = s.pinctrl & 31, set_base = (s.pinctrl >> 5) & 31,
                 out_count = (s.pinctrl >> 20) & 63, set_count = (s.pinctrl >> 26) & 7;
  auto jump = [&](unsigned target) {
    s.pc = uint8_t(target & 31);
    jumped = true;
  };
  auto exec_next = [&](uint32_t v) {
    s.exec_instr = uint16_t(v);
    s.exec_pending = true;
    new_exec = true;
  };
  switch (op) {
    case 0: {  // JMP (3.4.2)
      bool take = false;
      switch (a) {
        case 0:
          take = true;
          break;
        case 1:
          take = s.x == 0;
          break;
        case 2:
          take = s.x != 0;
          --s.x;
          break;
        case 3:
          take = s.y == 0;
          break;
        case 4:
          take = s.y != 0;
          --s.y;
          break;
        case 5:
          take = s.x != s.y;
          break;
        case 6:
          take = (inputs >> ((s.execctrl >> 24) & 31)) & 1;
          break;
        case 7:
          take = s.osr_count < s.pull_thresh();
          break;
      }
      if (take) jump(idx);
      return Outcome::Done;
    }
    case 1: {  // WAIT (3.4.3)
      const bool pol = (instr >> 7) & 1;
      switch ((instr >> 5) & 3) {
        case 0:
          return bool((inputs >> idx) & 1) == pol ? Outcome::Done : Outcome::Stall;
        case 1:
          return bool((pins_in(i) >> idx) & 1) == pol ? Outcome::Done : Outcome::Stall;
        case 2: {
          const uint8_t bit = uint8_t(1u << irq_index(i, idx));
          const bool set = irq & bit;
          if (set != pol) return Outcome::Stall;
          if (pol) set_irq_flags(irq & ~bit, cycle);  // waiting for a 1 clears the flag
          return Outcome::Done;
        }
        default:
          return Outcome::Done;  // reserved source
      }
    }
    case 2: {  // IN (3.4.4)
      const unsigned n = idx ? idx : 32;
      uint32_t data = 0;
      switch (a) {
        case 0:
          data = pins_in(i);
          break;
        case 1:
          data = s.x;
          break;
        case 2:
          data = s.y;
          break;
        case 6:
          data = s.isr;
          break;
        case 7:
          data = s.osr;
          break;
        default:
          break;  // NULL and reserved sources shift in zeros
      }
      const bool autopush = (s.shiftctrl >> 16) & 1;
      const unsigned count = std::min(32u, unsigned(s.isr_count) + n);
      if (autopush && count >= s.push_thresh() && s.rx_full()) {
        fdebug |= 1u << (kRxStall + i);
        return Outcome::Stall;
      }
      if (n < 32) data &= (1u << n) - 1;
      if (n == 32)
        s.isr = data;
      else if ((s.shiftctrl >> 18) & 1)  // IN_SHIFTDIR: right, data enters at the top
        s.isr = (s.isr >> n) | (data << (32 - n));
      else
        s.isr = (s.isr << n) | data;
      s.isr_count = uint8_t(count);
      if (autopush && count >= s.push_thresh()) {
        s.rx.push(s.isr);
        s.isr = 0;
        s.isr_count = 0;
      }
      return Outcome::Done;
    }
    case 3: {  // OUT (3.4.5)
      const unsigned n = idx ? idx : 32;
      const bool autopull = (s.shiftctrl >> 17) & 1;
      if (autopull && s.osr_count >= s.pull_thresh()) {
        if (!s.tx.count) {
          fdebug |= 1u << (kTxStall + i);
          return Outcome::Stall;
        }
        s.osr = s.tx.pop();
        s.osr_count = 0;
      }
      uint32_t data;
      if (n == 32) {
        data = s.osr;
        s.osr = 0;
      } else if ((s.shiftctrl >> 19) & 1) {  // OUT_SHIFTDIR: right, data leaves at the bottom
        data = s.osr & ((1u << n) - 1);
        s.osr >>= n;
      } else {
        data = s.osr >> (32 - n);
        s.osr <<= n;
      }
      s.osr_count = uint8_t(std::min(32u, unsigned(s.osr_count) + n));
      // INLINE_OUT_EN: a bit of the data enables the pin write (datasheet 3.7 EXECCTRL).
      const bool write_ok = !((s.execctrl >> 18) & 1) || ((data >> ((s.execctrl >> 19) & 31)) & 1);
      switch (a) {
        case 0:
          if (write_ok) write_pin_range(false, out_base, out_count, data, cycle);
          break;
        case 1:
          s.x = data;
          break;
        case 2:
          s.y = data;
          break;
        case 4:
          if (write_ok) write_pin_range(true, out_base, out_count, data, cycle);
          break;
        case 5:
          jump(data);
          break;
        case 6:
          s.isr = data;
          s.isr_count = uint8_t(n);
          break;
        case 7:
          exec_next(data);
          break;
        default:
          break;  // NULL
      }
      // The refill can happen on the same cycle as the OUT that empties the OSR (3.5.4.2).
      if (autopull && s.osr_count >= s.pull_thresh() && s.tx.count) {
        s.osr = s.tx.pop();
        s.osr_count = 0;
      }
      return Outcome::Done;
    }
    case 4: {  // PUSH / PULL (3.4.6, 3.4.7)
      const bool pull = (instr >> 7) & 1, if_x = (instr >> 6) & 1, block = (instr >> 5) & 1;
      if (!pull) {
        if (if_x && s.isr_count < s.push_thresh()) return Outcome::Done;
        if (s.rx_full()) {
          fdebug |= 1u << (kRxStall + i);  // also set when a nonblocking PUSH drops data
          if (block) return Outcome::Stall;
        } else {
          s.rx.push(s.isr);
        }
        s.isr = 0;
        s.isr_count = 0;
        return Outcome::Done;
      }
      if (if_x && s.osr_count < s.pull_thresh()) return Outcome::Done;
      if (!s.tx.count) {
        if (block) {
          fdebug |= 1u << (kTxStall + i);
          return Outcome::Stall;
        }
        s.osr = s.x;  // a nonblocking PULL on an empty FIFO copies X
      } else {
        s.osr = s.tx.pop();
      }
      s.osr_count = 0;
      return Outcome::Done;
    }
    case 5: {  // MOV (3.4.8)
      uint32_t v = 0;
      switch (instr & 7) {
        case 0:
          v = pins_in(i);
          break;
        case 1:
          v = s.x;
          break;
        case 2:
          v = s.y;
          break;
        case 5: {  // STATUS: all ones while the selected FIFO level is below STATUS_N
          const unsigned level = (s.execctrl >> 4) & 1 ? s.rx.count : s.tx.count;
          v = level < (s.execctrl & 15) ? 0xffffffffu : 0;
          break;
        }
        case 6:
          v = s.isr;
          break;
        case 7:
          v = s.osr;
          break;
        default:
          break;
      }
      switch ((instr >> 3) & 3) {
        case 1:
          v = ~v;
          break;
        case 2:
          v = bit_reverse(v);
          break;
        default:
          break;
      }
      switch (a) {
        case 0:
          write_pin_range(false, out_base, out_count, v, cycle);
          break;
        case 1:
          s.x = v;
          break;
        case 2:
          s.y = v;
          break;
        case 4:
          exec_next(v);
          break;
        case 5:
          jump(v);
          break;
        case 6:
          s.isr = v;
          s.isr_count = 0;
          break;
        case 7:
          s.osr = v;
          s.osr_count = 0;
          break;
        default:
          break;  // reserved
      }
      return Outcome::Done;
    }
    case 6: {  // IRQ (3.4.9)
      const bool clear = (instr >> 6) & 1, wait = (instr >> 5) & 1;
      const uint8_t bit = uint8_t(1u << irq_index(i, idx));
      if (clear) {
        set_irq_flags(irq & ~bit, cycle);
        return Outcome::Done;
      }
      if (!wait) {
        set_irq_flags(irq | bit, cycle);
        return Outcome::Done;
      }
      if (!s.irq_wait) {
        s.irq_wait = true;
        set_irq_flags(irq | bit, cycle);
        return Outcome::Stall;
      }
      if (irq & bit) return Outcome::Stall;
      s.irq_wait = false;
      return Outcome::Done;
    }
    default: {  // SET (3.4.10)
      switch (a) {
        case 0:
          write_pin_range(false, set_base, set_count, idx, cycle);
          break;
        case 1:
          s.x = idx;
          break;
        case 2:
          s.y = idx;
          break;
        case 4:
          write_pin_range(true, set_base, set_count, idx, cycle);
          break;
        default:
          break;
      }
      return Outcome::Done;
    }
  }
}

}  // namespace vpico::rp2040
