#include "rp2040/dma.h"

#include <algorithm>
#include <string>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {

// Offsets (pico-sdk hardware/regs/dma.h).
constexpr uint32_t kChannelStride = 0x40, kIntr = 0x400, kInte0 = 0x404, kIntf0 = 0x408,
                   kInts0 = 0x40c, kInte1 = 0x414, kIntf1 = 0x418, kInts1 = 0x41c, kTimer0 = 0x420,
                   kMultiChanTrigger = 0x430, kSniffCtrl = 0x434, kSniffData = 0x438,
                   kFifoLevels = 0x440, kChanAbort = 0x444, kNChannels = 0x448, kDbgBase = 0x800;

// CTRL_TRIG bits.
constexpr uint32_t kEn = 1u << 0, kHighPriority = 1u << 1, kIncrRead = 1u << 4,
                   kIncrWrite = 1u << 5, kRingSel = 1u << 10, kIrqQuiet = 1u << 21,
                   kBswap = 1u << 22, kSniffEn = 1u << 23, kBusy = 1u << 24, kWriteError = 1u << 29,
                   kReadError = 1u << 30, kAhbError = 1u << 31;
constexpr uint32_t kCtrlWritable = 0x00ffffffu, kCtrlW1c = kWriteError | kReadError;

// SNIFF_CTRL bits.
constexpr uint32_t kSniffCtrlEn = 1u << 0, kSniffCtrlBswap = 1u << 9, kSniffOutRev = 1u << 10,
                   kSniffOutInv = 1u << 11;

// What each of a channel's 16 register slots reaches (datasheet 2.5.2.1): the four
// layouts READ/WRITE/COUNT/CTRL, CTRL/READ/WRITE/COUNT, CTRL/COUNT/READ/WRITE and
// CTRL/WRITE/COUNT/READ; the last register of each layout is its trigger.
enum ChannelField : uint8_t { kRead, kWrite, kCount, kCtrl };
constexpr ChannelField kSlotField[16] = {kRead,  kWrite, kCount, kCtrl,  kCtrl, kRead,
                                         kWrite, kCount, kCtrl,  kCount, kRead, kWrite,
                                         kCtrl,  kWrite, kCount, kRead};
const char* const kSlotName[16] = {
    "READ_ADDR", "WRITE_ADDR",      "TRANS_COUNT",     "CTRL_TRIG",
    "AL1_CTRL",  "AL1_READ_ADDR",   "AL1_WRITE_ADDR",  "AL1_TRANS_COUNT_TRIG",
    "AL2_CTRL",  "AL2_TRANS_COUNT", "AL2_READ_ADDR",   "AL2_WRITE_ADDR_TRIG",
    "AL3_CTRL",  "AL3_WRITE_ADDR",  "AL3_TRANS_COUNT", "AL3_READ_ADDR_TRIG"};

constexpr unsigned kTreqTimer0 = 0x3b, kTreqForce = 0x3f;

unsigned treq_of(uint32_t ctrl) {
  return (ctrl >> 15) & 0x3f;
}
unsigned size_of(uint32_t ctrl) {
  const unsigned s = (ctrl >> 2) & 3;
  return s == 0 ? 1 : s == 1 ? 2 : 4;  // 3 is reserved: taken as a word
}

uint32_t reverse_bits(uint32_t v) {
  v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
  v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
  v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
  v = ((v >> 8) & 0x00ff00ffu) | ((v & 0x00ff00ffu) << 8);
  return (v >> 16) | (v << 16);
}

uint32_t swap_bytes(uint32_t v, unsigned size) {
  if (size == 2) return ((v & 0xff) << 8) | ((v >> 8) & 0xff);
  if (size == 4) return __builtin_bswap32(v);
  return v;
}

// Ring wrap (CTRL.RING_SIZE): only the low `ring` bits of the address change.
uint32_t advance(uint32_t address, unsigned size, unsigned ring) {
  if (ring == 0) return address + size;
  const uint32_t mask = (1u << ring) - 1;
  return (address & ~mask) | ((address + size) & mask);
}

}  // namespace

Dma::Dma(Scheduler& scheduler, IrqSink& irqs, DmaBus& bus)
    : Device("DMA", kDmaBase), m_sched(scheduler), m_irqs(irqs), m_bus(bus) {
  define_registers();
  reset();
}

void Dma::define_registers() {
  for (unsigned ch = 0; ch < kChannels; ++ch) {
    const std::string prefix = "CH" + std::to_string(ch) + "_";
    for (unsigned slot = 0; slot < 16; ++slot) {
      Register& r = m_regs.define(prefix + kSlotName[slot], ch * kChannelStride + slot * 4, 0);
      const ChannelField f = kSlotField[slot];
      if (f == kCtrl)
        r.field("EN", 0, 1)
            .field("HIGH_PRIORITY", 1, 1)
            .field("DATA_SIZE", 2, 2)
            .field("INCR_READ", 4, 1)
            .field("INCR_WRITE", 5, 1)
            .field("RING_SIZE", 6, 4)
            .field("RING_SEL", 10, 1)
            .field("CHAIN_TO", 11, 4)
            .field("TREQ_SEL", 15, 6)
            .field("IRQ_QUIET", 21, 1)
            .field("BSWAP", 22, 1)
            .field("SNIFF_EN", 23, 1)
            .field("BUSY", 24, 1, Access::RO)
            .field("WRITE_ERROR", 29, 1, Access::W1C)
            .field("READ_ERROR", 30, 1, Access::W1C)
            .field("AHB_ERROR", 31, 1, Access::RO);
      r.on_read([this, ch, f] { return channel_read(ch, f); });
    }
    m_regs.define(prefix + "DBG_CTDREQ", kDbgBase + ch * kChannelStride, 0)
        .field("CTDREQ", 0, 6, Access::W1C)
        .on_read([this, ch]() -> uint32_t {
          const Channel& c = m_ch[ch];
          return runnable(c) && request_ok(c, m_sched.now()) ? 1 : 0;
        });
    m_regs.define(prefix + "DBG_TCR", kDbgBase + ch * kChannelStride + 4, 0)
        .access(Access::RO)
        .on_read([this, ch] { return m_ch[ch].reload; });
  }
  auto irq_changed = [this](uint32_t, uint32_t) { update_irq(); };
  m_regs.define("INTR", kIntr, 0).field("INTR", 0, 16, Access::W1C).on_write(irq_changed);
  for (unsigned line = 0; line < 2; ++line) {
    const uint32_t base = line ? kInte1 : kInte0;
    const std::string n = std::to_string(line);
    Register& inte = m_regs.define("INTE" + n, base, 0).field("INTE" + n, 0, 16);
    Register& intf = m_regs.define("INTF" + n, base + 4, 0).field("INTF" + n, 0, 16);
    inte.on_write(irq_changed);
    intf.on_write(irq_changed);
    // Writes clear INTR bits (handled in write()).
    m_regs.define("INTS" + n, base + 8, 0)
        .field("INTS" + n, 0, 16, Access::W1C)
        .on_read([this, &inte, &intf] {
          return (m_regs.at(kIntr).value() & inte.value()) | intf.value();
        });
  }
  for (unsigned i = 0; i < 4; ++i) {
    m_regs.define("TIMER" + std::to_string(i), kTimer0 + 4 * i, 0)
        .field("Y", 0, 16)
        .field("X", 16, 16)
        .on_write([this, i](uint32_t, uint32_t v) {
          // A new fraction restarts the timer's request count from now.
          PacingTimer& p = m_timers[i];
          p.x = v >> 16;
          p.y = v & 0xffff;
          p.anchor = m_sched.now();
          for (Channel& c : m_ch)
            if (treq_of(c.ctrl) == kTreqTimer0 + i) c.timer_used = 0;
          kick();
        });
  }
  m_regs.define("MULTI_CHAN_TRIGGER", kMultiChanTrigger, 0)
      .field("MULTI_CHAN_TRIGGER", 0, 16, Access::SC)
      .on_write([this](uint32_t, uint32_t v) {
        for (unsigned ch = 0; ch < kChannels; ++ch)
          if (v & (1u << ch)) trigger(ch, m_sched.now());
      });
  m_regs.define("SNIFF_CTRL", kSniffCtrl, 0)
      .field("EN", 0, 1)
      .field("DMACH", 1, 4)
      .field("CALC", 5, 4)
      .field("BSWAP", 9, 1)
      .field("OUT_REV", 10, 1)
      .field("OUT_INV", 11, 1);
  // The accumulator; OUT_REV and OUT_INV transform it on the way to the bus only.
  m_regs.define("SNIFF_DATA", kSniffData, 0).on_read([this] {
    const uint32_t ctrl = m_regs.at(kSniffCtrl).value();
    uint32_t v = m_regs.at(kSniffData).value();
    if (ctrl & kSniffOutRev) v = reverse_bits(v);
    if (ctrl & kSniffOutInv) v = ~v;
    return v;
  });
  // No internal FIFOs are modelled: they always read empty.
  m_regs.define("FIFO_LEVELS", kFifoLevels, 0)
      .field("TDF_LVL", 0, 8, Access::RO)
      .field("WAF_LVL", 8, 8, Access::RO)
      .field("RAF_LVL", 16, 8, Access::RO);
  m_regs.define("CHAN_ABORT", kChanAbort, 0)
      .field("CHAN_ABORT", 0, 16, Access::SC)
      .on_write([this](uint32_t, uint32_t v) { abort(v); });
  m_regs.define("N_CHANNELS", kNChannels, kChannels).field("N_CHANNELS", 0, 5, Access::RO);
}

void Dma::reset() {
  Device::reset();
  m_sched.cancel(m_event);
  m_ch = {};
  m_timers = {};
  m_served_high = 0;
  m_last_high = m_last_low = kChannels - 1;
  m_cursor = 0;
  m_dreq_since.fill(0);  // a power-on reset restarts time
  m_pwm_credits.fill(0);
  m_in_burst = false;
  update_pwm_wanted();
  update_irq();
}

// --- Registers --------------------------------------------------------------------------------

uint32_t Dma::channel_read(unsigned ch, unsigned field) const {
  const Channel& c = m_ch[ch];
  switch (field) {
    case kRead:
      return c.read_addr;
    case kWrite:
      return c.write_addr;
    case kCount:
      return c.count;
    default:
      return c.ctrl | ((c.ctrl & kCtrlW1c) ? kAhbError : 0);
  }
}

bool Dma::write(uint32_t offset, uint32_t value, uint32_t mask) {
  if (offset < kChannels * kChannelStride) {
    channel_write(offset / kChannelStride, (offset % kChannelStride) / 4, value, mask);
    return true;
  }
  if (offset == kInts0 || offset == kInts1) {
    Register& intr = m_regs.at(kIntr);
    intr.set(intr.value() & ~(value & mask & 0xffffu));
    update_irq();
    return true;
  }
  return Device::write(offset, value, mask);
}

void Dma::channel_write(unsigned ch, unsigned slot, uint32_t value, uint32_t mask) {
  Channel& c = m_ch[ch];
  const ChannelField f = kSlotField[slot];
  // What the register holds after the write (the atomic aliases write parts of it).
  const uint32_t written = (channel_read(ch, f) & ~mask) | (value & mask);
  switch (f) {
    case kRead:
      c.read_addr = written;
      break;
    case kWrite:
      c.write_addr = written;
      break;
    case kCount:
      c.reload = written;  // the live counter takes it at the next trigger
      break;
    case kCtrl: {
      const unsigned old_treq = treq_of(c.ctrl);
      c.ctrl = (c.ctrl & ~(kCtrlWritable & mask)) | (value & mask & kCtrlWritable);
      c.ctrl &= ~(value & mask & kCtrlW1c);
      const unsigned treq = treq_of(c.ctrl);
      if (treq != old_treq && treq >= kTreqTimer0 && treq < kTreqForce)
        c.timer_used = timer_requests(treq - kTreqTimer0, m_sched.now());
      break;
    }
  }
  if ((slot & 3) == 3) {
    if (written == 0)
      null_trigger(ch);
    else
      trigger(ch, m_sched.now());
  }
  kick();  // EN set again, pacing changed
}

void Dma::trigger(unsigned ch, uint64_t t) {
  Channel& c = m_ch[ch];
  if (!(c.ctrl & kEn) || (c.ctrl & kBusy)) return;  // datasheet: ignored when off or busy
  c.ctrl |= kBusy;
  c.count = c.reload;
  c.ready_at = t + 1;
  const unsigned treq = treq_of(c.ctrl);
  c.timer_used =
      treq >= kTreqTimer0 && treq < kTreqForce ? timer_requests(treq - kTreqTimer0, t) : 0;
  // A sequence of no transfers completes at once (IRQ and chain as for any other).
  if (c.count == 0) {
    c.finish_at = t + 1;
    c.finish_error = false;
  }
  kick();
}

// Datasheet 2.5.2.3: a null trigger starts nothing; with IRQ_QUIET it raises the channel's IRQ
// (the end of a chain of control blocks).
void Dma::null_trigger(unsigned ch) {
  if (m_ch[ch].ctrl & kIrqQuiet) raise(ch);
}

void Dma::abort(uint32_t mask) {
  for (unsigned ch = 0; ch < kChannels; ++ch) {
    if (!(mask & (1u << ch))) continue;
    Channel& c = m_ch[ch];
    c.ctrl &= ~kBusy;
    c.count = 0;
    c.finish_at = 0;  // an abort is no completion: no IRQ, no chain (datasheet 2.5.5.3)
    c.finish_error = false;
  }
}

void Dma::raise(unsigned ch) {
  m_regs.at(kIntr).set_bits(1u << ch, true);
  update_irq();
}

void Dma::update_irq() {
  const uint32_t intr = m_regs.at(kIntr).value();
  for (unsigned line = 0; line < 2; ++line) {
    const uint32_t base = line ? kInte1 : kInte0;
    const bool level = ((intr & m_regs.at(base).value()) | m_regs.at(base + 4).value()) != 0;
    if (level == m_irq_level[line]) continue;
    m_irq_level[line] = level;
    m_irqs.set_irq_level(line ? kDmaIrq1 : kDmaIrq0, level);
  }
}

void Dma::set_dreq_level(unsigned dreq, bool level) {
  if (dreq >= m_dreq.size() || m_dreq[dreq] == level) return;
  m_dreq[dreq] = level;
  if (!level) return;
  m_dreq_since[dreq] = m_sched.now();
  if (dreq >= kDreqPwmWrap0 && dreq < kDreqPwmWrap0 + 8) ++m_pwm_credits[dreq - kDreqPwmWrap0];
  kick();
}

// --- Pacing -----------------------------------------------------------------------------------

// Requests the X/Y timer has made in the cycles after its anchor up to and including t: X every
// Y cycles, at most one a cycle.
uint64_t Dma::timer_requests(unsigned timer, uint64_t t) const {
  const PacingTimer& p = m_timers[timer];
  if (!p.x || !p.y || t <= p.anchor) return 0;
  const uint64_t n = t - p.anchor;
  return p.x >= p.y ? n : n * p.x / p.y;
}

// The first cycle at which the timer has made n requests (n >= 1).
uint64_t Dma::timer_cycle_of_request(unsigned timer, uint64_t n) const {
  const PacingTimer& p = m_timers[timer];
  if (!p.x || !p.y) return UINT64_MAX;
  if (p.x >= p.y) return p.anchor + n;
  return p.anchor + (n * p.y + p.x - 1) / p.x;
}

bool Dma::request_ok(const Channel& c, uint64_t t) const {
  const unsigned treq = treq_of(c.ctrl);
  if (treq == kTreqForce) return true;
  if (treq >= kTreqTimer0) return timer_requests(treq - kTreqTimer0, t) > c.timer_used;
  if (treq >= kDreqPwmWrap0 && treq < kDreqPwmWrap0 + 8)
    return m_pwm_credits[treq - kDreqPwmWrap0] > 0 && t > m_dreq_since[treq];
  return m_dreq[treq] && t > m_dreq_since[treq];
}

void Dma::update_pwm_wanted() {
  uint32_t wanted = 0;
  for (const Channel& c : m_ch) {
    const unsigned treq = treq_of(c.ctrl);
    if (runnable(c) && treq >= kDreqPwmWrap0 && treq < kDreqPwmWrap0 + 8)
      wanted |= 1u << (treq - kDreqPwmWrap0);
  }
  if (wanted == m_pwm_wanted) return;
  // A slice the DMA starts waiting on gives credits from now on, not for wraps before.
  for (unsigned i = 0; i < 8; ++i)
    if ((wanted & ~m_pwm_wanted) & (1u << i)) m_pwm_credits[i] = 0;
  m_pwm_wanted = wanted;
  if (on_pwm_dreqs_wanted) on_pwm_dreqs_wanted(wanted);
}

bool Dma::runnable(const Channel& c) const {
  return (c.ctrl & kEn) && (c.ctrl & kBusy) && !c.finish_at && c.count > 0;
}

int Dma::pick(uint64_t t) {
  uint32_t high = 0, low = 0;
  for (unsigned ch = 0; ch < kChannels; ++ch) {
    const Channel& c = m_ch[ch];
    if (!runnable(c) || c.ready_at > t || !request_ok(c, t)) continue;
    ((c.ctrl & kHighPriority) ? high : low) |= 1u << ch;
  }
  if (!high && !low) return -1;
  // The next channel in `set` after `last`, in circular order.
  auto next_after = [](uint32_t set, unsigned last) {
    for (unsigned i = 1; i <= kChannels; ++i) {
      const unsigned ch = (last + i) % kChannels;
      if (set & (1u << ch)) return ch;
    }
    return 0u;
  };
  uint32_t fresh = high & ~m_served_high;
  if (!fresh && !low) {  // only high-priority channels: a new round
    m_served_high = 0;
    fresh = high;
  }
  if (fresh) {
    const unsigned ch = next_after(fresh, m_last_high);
    m_served_high |= 1u << ch;
    m_last_high = ch;
    return int(ch);
  }
  // The high-priority channels have had their turn: one low-priority channel ends the round.
  const unsigned ch = next_after(low, m_last_low);
  m_last_low = ch;
  m_served_high = 0;
  return int(ch);
}

// --- Time -------------------------------------------------------------------------------------

void Dma::kick() {
  if (!m_in_burst) schedule_next();
}

// One event at the first cycle something can happen: a completion, or a transfer of a channel
// whose request is there (a DREQ that is low wakes the DMA when it rises).
void Dma::schedule_next() {
  update_pwm_wanted();
  const uint64_t now = m_sched.now();
  uint64_t next = UINT64_MAX;
  for (const Channel& c : m_ch) {
    if (c.finish_at) {
      next = std::min(next, c.finish_at);
      continue;
    }
    if (!runnable(c)) continue;
    uint64_t at = std::max({c.ready_at, m_cursor, now});
    const unsigned treq = treq_of(c.ctrl);
    if (treq >= kTreqTimer0 && treq < kTreqForce) {
      const uint64_t due = timer_cycle_of_request(treq - kTreqTimer0, c.timer_used + 1);
      if (due == UINT64_MAX) continue;
      at = std::max(at, due);
    } else if (treq >= kDreqPwmWrap0 && treq < kDreqPwmWrap0 + 8) {
      if (m_pwm_credits[treq - kDreqPwmWrap0] == 0) continue;
      at = std::max(at, m_dreq_since[treq] + 1);
    } else if (treq < kTreqTimer0) {
      if (!m_dreq[treq]) continue;
      at = std::max(at, m_dreq_since[treq] + 1);
    }
    next = std::min(next, at);
  }
  if (next == UINT64_MAX) {
    m_sched.cancel(m_event);
    return;
  }
  if (m_event.valid() && m_event.cycle <= next) return;
  m_sched.cancel(m_event);
  m_event = m_sched.at(next, [this] { run(); });
}

void Dma::run() {
  m_event = EventId{};
  const uint64_t start = std::max(m_sched.now(), m_cursor);
  m_in_burst = true;
  // Peripherals see each transfer at its own cycle: the scheduler's clock follows the burst.
  uint64_t clock = start;
  m_sched.set_clock_source(&clock);
  finish_due(start);
  uint64_t t = start;
  while (t - start < kMaxBurst) {
    if (t > start) {
      // Anything else due first (a block's event, a completion, which the cores must see at
      // its own cycle) ends the burst; the next one starts there.
      if (m_sched.next_event() <= t) break;
      bool completion = false;
      for (const Channel& c : m_ch)
        completion |= c.finish_at != 0 && c.finish_at <= t;
      if (completion) break;
    }
    const int ch = pick(t);
    if (ch < 0) break;
    clock = t;
    transfer(unsigned(ch), t);
    ++t;
  }
  m_sched.set_clock_source(nullptr);
  m_in_burst = false;
  if (t > start) {
    m_cursor = t;
    m_bus.dma_burst_done();
  }
  schedule_next();
}

void Dma::finish_due(uint64_t t) {
  for (;;) {
    int due = -1;
    for (unsigned ch = 0; ch < kChannels; ++ch) {
      const Channel& c = m_ch[ch];
      if (c.finish_at && c.finish_at <= t && (due < 0 || c.finish_at < m_ch[due].finish_at))
        due = int(ch);
    }
    if (due < 0) return;
    Channel& c = m_ch[unsigned(due)];
    c.finish_at = 0;
    c.ctrl &= ~kBusy;
    if (c.finish_error) {
      // A bus error halts the channel and always raises its IRQ; it does not chain.
      c.finish_error = false;
      raise(unsigned(due));
      continue;
    }
    if (!(c.ctrl & kIrqQuiet)) raise(unsigned(due));
    const unsigned to = (c.ctrl >> 11) & 0xf;
    if (to != unsigned(due) && to < kChannels) trigger(to, t);
  }
}

void Dma::transfer(unsigned ch, uint64_t t) {
  Channel& c = m_ch[ch];
  const uint32_t ctrl = c.ctrl;
  const unsigned size = size_of(ctrl);
  const unsigned ring = (ctrl >> 6) & 0xf;
  ++m_transfers;
  uint32_t data = 0;
  if (!m_bus.dma_read(c.read_addr, size, data)) {
    c.ctrl |= kReadError;
    c.finish_at = t + 1;
    c.finish_error = true;
    return;
  }
  if (size < 4) data &= (1u << (8 * size)) - 1;
  if (ctrl & kIncrRead) c.read_addr = advance(c.read_addr, size, (ctrl & kRingSel) ? 0 : ring);
  if (ctrl & kBswap) data = swap_bytes(data, size);
  const uint32_t sniff_ctrl = m_regs.at(kSniffCtrl).value();
  if ((ctrl & kSniffEn) && (sniff_ctrl & kSniffCtrlEn) && ((sniff_ctrl >> 1) & 0xf) == ch)
    sniff(data, size);
  if (treq_of(ctrl) >= kTreqTimer0 && treq_of(ctrl) < kTreqForce) ++c.timer_used;
  if (treq_of(ctrl) >= kDreqPwmWrap0 && treq_of(ctrl) < kDreqPwmWrap0 + 8)
    --m_pwm_credits[treq_of(ctrl) - kDreqPwmWrap0];
  // The counter and addresses move before the write: the write may reprogram this very channel
  // (a control block), and what it writes must stand.
  const uint32_t to = c.write_addr;
  if (ctrl & kIncrWrite) c.write_addr = advance(c.write_addr, size, (ctrl & kRingSel) ? ring : 0);
  if (--c.count == 0) c.finish_at = t + 1;
  if (!m_bus.dma_write(to, size, data)) {
    c.ctrl |= kWriteError;
    c.finish_at = t + 1;
    c.finish_error = true;
  }
}

// Datasheet 2.5.5.2: the sniffer sees each transfer's data after the channel's byte swap.
void Dma::sniff(uint32_t data, unsigned size) {
  const uint32_t ctrl = m_regs.at(kSniffCtrl).value();
  const unsigned bits = size * 8;
  if (ctrl & kSniffCtrlBswap) data = swap_bytes(data, size);
  Register& acc_reg = m_regs.at(kSniffData);
  uint32_t acc = acc_reg.value();
  const unsigned calc = (ctrl >> 5) & 0xf;
  // The bit-reversed variants feed each datum LSB first.
  if (calc == 1 || calc == 3) data = reverse_bits(data) >> (32 - bits);
  switch (calc) {
    case 0:
    case 1:  // CRC-32, polynomial 0x04c11db7, MSB first
      for (unsigned i = bits; i-- > 0;) {
        const bool feedback = ((acc >> 31) ^ (data >> i)) & 1;
        acc = (acc << 1) ^ (feedback ? 0x04c11db7u : 0);
      }
      break;
    case 2:
    case 3:  // CRC-16-CCITT, polynomial 0x1021, in the low half
      acc &= 0xffff;
      for (unsigned i = bits; i-- > 0;) {
        const bool feedback = ((acc >> 15) ^ (data >> i)) & 1;
        acc = ((acc << 1) ^ (feedback ? 0x1021u : 0)) & 0xffff;
      }
      break;
    case 0xe:  // XOR reduction: bit 0 is the parity of all the data seen
      acc ^= uint32_t(__builtin_popcount(data) & 1);
      break;
    case 0xf:
      acc += data;
      break;
    default:  // reserved: the accumulator keeps its value
      break;
  }
  acc_reg.set(acc);
}

}  // namespace vpico::rp2040
