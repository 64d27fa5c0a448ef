#include "pwm.h"

#include <algorithm>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Offsets (pico-sdk hardware/regs/pwm.h): five registers per slice, 0x14 apart, then the globals.
constexpr uint32_t kCSR = 0x00, kDIV = 0x04, kCTR = 0x08, kCC = 0x0c, kTOP = 0x10;
constexpr uint32_t kEN = 0xa0, kINTR = 0xa4, kINTE = 0xa8, kINTF = 0xac, kINTS = 0xb0;
constexpr uint32_t kCsrEn = 1u << 0, kCsrPhCorrect = 1u << 1, kCsrAInv = 1u << 2,
                   kCsrBInv = 1u << 3, kCsrPhRet = 1u << 6, kCsrPhAdv = 1u << 7;
constexpr unsigned kDivFree = 0, kDivLevel = 1, kDivRise = 2, kDivFall = 3;
constexpr int64_t kSub = int64_t(Waveform::kSub);

int64_t mod(int64_t a, int64_t m) {
  const int64_t r = a % m;
  return r < 0 ? r + m : r;
}
}  // namespace

Pwm::Pwm(Scheduler& scheduler, IrqSink& irqs, DreqSink& dreqs, Pins& pins)
    : Device("PWM", kPwmBase), m_sched(scheduler), m_irqs(irqs), m_dreqs(dreqs), m_pins(pins) {
  for (unsigned s = 0; s < kSlices; ++s) {
    const std::string n = "CH" + std::to_string(s) + "_";
    const uint32_t base = slice_offset(s);
    m_regs.define(n + "CSR", base + kCSR, 0)
        .field("EN", 0, 1)
        .field("PH_CORRECT", 1, 1)
        .field("A_INV", 2, 1)
        .field("B_INV", 3, 1)
        .field("DIVMODE", 4, 2)
        .field("PH_RET", 6, 1, Access::SC)
        .field("PH_ADV", 7, 1, Access::SC)
        .on_write([this, s](uint32_t, uint32_t v) { apply_csr(s, v); });
    m_regs.define(n + "DIV", base + kDIV, 0x10)
        .field("FRAC", 0, 4)
        .field("INT", 4, 8)
        .on_write([this, s](uint32_t, uint32_t v) {
          settle(s);
          Slice& sl = m_slices[s];
          const int64_t integer = (v >> 4) & 0xff;
          // Datasheet 4.5.2.5 / DIV.INT: an integer part of 0 divides by 256.
          sl.div16 = (integer ? integer : 256) * kSub + (v & 0xf);
          sl.frac = std::min(sl.frac, sl.div16 - 1);
          schedule_wrap(s);
          m_outputs_dirty = true;
          flush_outputs();
        });
    m_regs.define(n + "CTR", base + kCTR, 0)
        .field("CTR", 0, 16)
        .on_read([this, s]() -> uint32_t { return counter(s); })
        .on_write([this, s](uint32_t, uint32_t v) {
          settle(s);
          set_ctr(m_slices[s], uint16_t(v));
          schedule_wrap(s);
          m_outputs_dirty = true;
          flush_outputs();
        });
    m_regs.define(n + "CC", base + kCC, 0)
        .field("A", 0, 16)
        .field("B", 16, 16)
        .on_write([this, s](uint32_t, uint32_t) { latch(s); });
    m_regs.define(n + "TOP", base + kTOP, 0xffff)
        .field("TOP", 0, 16)
        .on_write([this, s](uint32_t, uint32_t) { latch(s); });
  }
  auto slice_bits = [](Register& r, Access a) -> Register& {
    for (unsigned s = 0; s < kSlices; ++s)
      r.field("CH" + std::to_string(s), s, 1, a);
    return r;
  };
  // EN: one physical bit per slice, shared with CHn_CSR.EN.
  slice_bits(m_regs.define("EN", kEN, 0), Access::RW)
      .on_read([this] {
        uint32_t v = 0;
        for (unsigned s = 0; s < kSlices; ++s)
          if (m_regs.at(slice_offset(s) + kCSR).value() & kCsrEn) v |= 1u << s;
        return v;
      })
      .on_write([this](uint32_t, uint32_t v) {
        // Settle every slice first: slices enabled by one write start at the same cycle.
        settle_all();
        for (unsigned s = 0; s < kSlices; ++s) {
          m_regs.at(slice_offset(s) + kCSR).set_bits(kCsrEn, (v >> s) & 1);
          set_enabled(s, (v >> s) & 1);
        }
        flush_outputs();
      });
  slice_bits(m_regs.define("INTR", kINTR, 0), Access::W1C)
      .on_read([this] {
        settle_all();
        flush_outputs();
        return m_regs.at(kINTR).value();
      })
      .on_write([this](uint32_t, uint32_t) {
        update_irq();
        for (unsigned s = 0; s < kSlices; ++s)
          schedule_wrap(s);
      });
  slice_bits(m_regs.define("INTE", kINTE, 0), Access::RW).on_write([this](uint32_t, uint32_t) {
    settle_all();
    update_irq();
    for (unsigned s = 0; s < kSlices; ++s)
      schedule_wrap(s);
    flush_outputs();
  });
  slice_bits(m_regs.define("INTF", kINTF, 0), Access::RW).on_write([this](uint32_t, uint32_t) {
    update_irq();
  });
  slice_bits(m_regs.define("INTS", kINTS, 0), Access::RO).on_read([this] {
    settle_all();
    flush_outputs();
    return (m_regs.at(kINTR).value() & m_regs.at(kINTE).value()) | m_regs.at(kINTF).value();
  });

  pins.observe([this](unsigned pin, bool, uint64_t) {
    if ((pin & 1) && ((m_selected >> pin) & 1)) input_changed((pin / 2) % kSlices);
  });
  pins.observe_waveform([this](unsigned pin) {
    if ((pin & 1) && ((m_selected >> pin) & 1)) input_changed((pin / 2) % kSlices);
  });
  reset();
}

void Pwm::reset() {
  Device::reset();
  for (unsigned s = 0; s < kSlices; ++s) {
    Slice& sl = m_slices[s];
    m_sched.cancel(sl.wrap_event);
    m_sched.cancel(sl.dreq_event);
    m_dreqs.set_dreq_level(kDreqPwmWrap0 + s, false);
    sl = Slice{};
    sl.anchor = m_sched.now();
    read_input(s, sl.in_level, sl.in_wave);
  }
  m_sched.cancel(m_flush_event);
  m_irq_level = false;
  m_irqs.set_irq_level(kPwmIrqWrap, false);
  m_outputs_dirty = true;
  flush_outputs();
}

uint16_t Pwm::counter(unsigned s) {
  settle(s);
  flush_outputs();
  return ctr_of(m_slices[s]);
}

uint16_t Pwm::ctr_of(const Slice& sl) const {
  if (sl.pos < 0) return uint16_t(0x10000 + sl.pos);
  const int64_t r = sl.pos % period(sl);
  if (!sl.ph_correct || r <= sl.top) return uint16_t(r);
  return uint16_t(2 * int64_t(sl.top) + 1 - r);  // counting down
}

void Pwm::set_ctr(Slice& sl, uint16_t ctr) {
  if (ctr > sl.top) {
    sl.pos = int64_t(ctr) - 0x10000;  // runs on up to 0xffff, then wraps to 0
    return;
  }
  const bool down = sl.ph_correct && sl.pos >= 0 && sl.pos % period(sl) > sl.top;
  sl.pos = down ? 2 * int64_t(sl.top) + 1 - ctr : ctr;
}

int64_t Pwm::units_now(const Slice& sl, uint64_t now) const {
  const int64_t elapsed = int64_t(now - sl.anchor);
  switch (sl.divmode) {
    case kDivFree:
      return elapsed * kSub;
    case kDivLevel:
      if (sl.in_wave.active())
        return sl.units +
               int64_t(sl.in_wave.high_time(sl.anchor * Waveform::kSub, now * Waveform::kSub));
      return sl.units + (sl.in_level ? elapsed * kSub : 0);
    default:
      if (sl.in_wave.active())
        return sl.units + kSub * int64_t(sl.in_wave.edges(sl.anchor, now, sl.divmode == kDivRise));
      return sl.units;
  }
}

bool Pwm::settle(unsigned s) {
  Slice& sl = m_slices[s];
  const uint64_t now = m_sched.now();
  if (!sl.en || now < sl.anchor) {
    if (!sl.en) sl.anchor = now;
    return false;
  }
  const int64_t total = units_now(sl, now) + sl.frac;
  const int64_t n = total >= 0 ? total / sl.div16 : 0;
  sl.frac = total - n * sl.div16;
  sl.anchor = now;
  sl.units = 0;
  if (n == 0) return false;
  const int64_t first = sl.pos < 0 ? -sl.pos : period(sl) - sl.pos;
  if (n < first) {
    sl.pos += n;
    return false;
  }
  // Datasheet 4.5.2.3: the buffered CC and TOP are taken at the wrap.
  if (sl.pending) {
    const uint32_t cc = m_regs.at(slice_offset(s) + kCC).value();
    sl.cc_a = uint16_t(cc);
    sl.cc_b = uint16_t(cc >> 16);
    sl.top = uint16_t(m_regs.at(slice_offset(s) + kTOP).value());
    sl.pending = false;
    sl.pos = (n - first) % period(sl);
    m_outputs_dirty = true;
  } else {
    sl.pos = (sl.pos + n) % period(sl);
  }
  if (sl.pos < 0) sl.pos = mod(sl.pos, period(sl));
  m_regs.at(kINTR).set_bits(1u << s, true);
  return true;
}

void Pwm::settle_all() {
  for (unsigned s = 0; s < kSlices; ++s)
    settle(s);
  update_irq();
}

void Pwm::latch(unsigned s) {
  Slice& sl = m_slices[s];
  settle(s);
  if (sl.en) {
    sl.pending = true;  // taken at the next wrap
    schedule_wrap(s);
    return;
  }
  // A stopped counter never wraps: the new values hold at once. The counter keeps its value.
  const uint16_t ctr = ctr_of(sl);
  const uint32_t cc = m_regs.at(slice_offset(s) + kCC).value();
  sl.cc_a = uint16_t(cc);
  sl.cc_b = uint16_t(cc >> 16);
  sl.top = uint16_t(m_regs.at(slice_offset(s) + kTOP).value());
  sl.pending = false;
  set_ctr(sl, ctr);
  m_outputs_dirty = true;
  flush_outputs();
}

void Pwm::apply_csr(unsigned s, uint32_t v) {
  Slice& sl = m_slices[s];
  settle(s);
  const uint16_t ctr = ctr_of(sl);
  const bool ph_correct = v & kCsrPhCorrect;
  sl.a_inv = v & kCsrAInv;
  sl.b_inv = v & kCsrBInv;
  sl.divmode = (v >> 4) & 3;
  if (ph_correct != sl.ph_correct) {
    sl.ph_correct = ph_correct;
    set_ctr(sl, ctr);  // the count stays, the period changes
  }
  read_input(s, sl.in_level, sl.in_wave);
  set_enabled(s, v & kCsrEn);
  // PH_ADV / PH_RET (self-clearing): one count more or less, while running (datasheet 4.5.2.7).
  if (sl.en && (v & kCsrPhAdv)) {
    sl.frac += sl.div16;
    settle(s);
  }
  if (sl.en && (v & kCsrPhRet)) sl.frac -= sl.div16;
  update_irq();
  schedule_wrap(s);
  m_outputs_dirty = true;
  flush_outputs();
}

void Pwm::set_enabled(unsigned s, bool on) {
  Slice& sl = m_slices[s];
  if (sl.en == on) return;
  settle(s);
  sl.en = on;
  sl.anchor = m_sched.now();
  sl.units = 0;
  if (sl.pending) {
    // Enabling or disabling: nothing waits for a wrap that a stopped counter will not make.
    sl.en = false;
    latch(s);
    sl.en = on;
  }
  read_input(s, sl.in_level, sl.in_wave);
  schedule_wrap(s);
  m_outputs_dirty = true;
}

void Pwm::schedule_wrap(unsigned s) {
  Slice& sl = m_slices[s];
  m_sched.cancel(sl.wrap_event);
  if (!sl.en) return;
  // Only free-running counting (or gating by a steady high B) has a predictable wrap cycle.
  const bool steady =
      sl.divmode == kDivFree || (sl.divmode == kDivLevel && sl.in_level && !sl.in_wave.active());
  if (!steady) return;
  const uint32_t bit = 1u << s;
  const bool irq_waits = (m_regs.at(kINTE).value() & ~m_regs.at(kINTR).value()) & bit;
  if (!(irq_waits || (m_dreq_wanted & bit) || sl.pending || sl.pos < 0)) return;
  const int64_t first = sl.pos < 0 ? -sl.pos : period(sl) - sl.pos;
  const int64_t need = first * sl.div16 - sl.frac - sl.units;  // sixteenths of a cycle
  const uint64_t cycles = need > 0 ? uint64_t((need + kSub - 1) / kSub) : 0;
  const uint64_t at = std::max(sl.anchor + cycles, m_sched.now());
  sl.wrap_event = m_sched.at(at, [this, s] { wrap_event(s); });
}

void Pwm::wrap_event(unsigned s) {
  m_slices[s].wrap_event = EventId{};
  if (settle(s) && (m_dreq_wanted >> s) & 1) pulse_dreq(s);
  update_irq();
  schedule_wrap(s);
  flush_outputs();
}

void Pwm::pulse_dreq(unsigned s) {
  Slice& sl = m_slices[s];
  m_sched.cancel(sl.dreq_event);
  m_dreqs.set_dreq_level(kDreqPwmWrap0 + s, true);
  sl.dreq_event = m_sched.after(1, [this, s] {
    m_slices[s].dreq_event = EventId{};
    m_dreqs.set_dreq_level(kDreqPwmWrap0 + s, false);
  });
}

void Pwm::set_dreq_wanted(uint32_t slices) {
  m_dreq_wanted = slices & 0xff;
  for (unsigned s = 0; s < kSlices; ++s) {
    settle(s);
    schedule_wrap(s);
  }
  update_irq();
  flush_outputs();
}

void Pwm::read_input(unsigned s, bool& level, Waveform& wave) const {
  level = false;
  wave = Waveform{};
  for (unsigned pin : {2 * s + 1, 2 * s + 17}) {
    if (pin >= Pins::kCount || !((m_selected >> pin) & 1) || !m_pins.pad(pin).input_enable)
      continue;
    level = level || m_pins.level(pin);
    if (!wave.active()) wave = m_pins.waveform(pin);
  }
}

void Pwm::input_changed(unsigned s) {
  Slice& sl = m_slices[s];
  bool level;
  Waveform wave;
  read_input(s, level, wave);
  if (wave.active() && wave == sl.in_wave) return;  // an edge of a waveform already counted
  if (level == sl.in_level && wave == sl.in_wave) return;
  settle(s);
  const bool discrete = !wave.active() && !sl.in_wave.active();
  const bool rose = !sl.in_level && level, fell = sl.in_level && !level;
  sl.in_level = level;
  sl.in_wave = wave;
  if (sl.en && discrete && ((sl.divmode == kDivRise && rose) || (sl.divmode == kDivFall && fell))) {
    sl.units += kSub;  // one edge: one divider input
    settle(s);
  }
  update_irq();
  schedule_wrap(s);
  // Called from inside Pins: IO_BANK0 is told about output changes once this edge is done.
  if (m_outputs_dirty && !m_flush_event.valid())
    m_flush_event = m_sched.at(m_sched.now(), [this] {
      m_flush_event = EventId{};
      flush_outputs();
    });
}

void Pwm::set_selected_pins(uint32_t mask) {
  if (mask == m_selected) return;
  m_selected = mask;
  for (unsigned s = 0; s < kSlices; ++s)
    input_changed(s);
}

void Pwm::update_irq() {
  const uint32_t ints =
      ((m_regs.at(kINTR).value() & m_regs.at(kINTE).value()) | m_regs.at(kINTF).value()) & 0xff;
  const bool level = ints != 0;
  if (level == m_irq_level) return;
  m_irq_level = level;
  m_irqs.set_irq_level(kPwmIrqWrap, level);
}

void Pwm::flush_outputs() {
  if (!m_outputs_dirty) return;
  m_outputs_dirty = false;
  if (on_output_change) on_output_change();
}

Pins::ChipDrive Pwm::pin_drive(unsigned pin) const {
  Pins::ChipDrive d;
  if (pin >= Pins::kCount) return d;
  const Slice& sl = m_slices[(pin / 2) % kSlices];
  const bool b = pin & 1;
  if (b && sl.divmode != kDivFree) return d;  // B is the input
  d.output_enable = true;
  const int64_t cc = b ? sl.cc_b : sl.cc_a;
  const bool inv = b ? sl.b_inv : sl.a_inv;
  if (sl.en && sl.divmode == kDivFree && sl.pos >= 0) {
    const int64_t p = period(sl);
    const int64_t c = std::min<int64_t>(cc, int64_t(sl.top) + 1);
    // High while CTR < CC: the first CC counts of a period, or in phase-correct mode the CC
    // counts each side of the bottom (a pulse centred on the wrap).
    const int64_t start = sl.ph_correct ? mod(p - c, p) : 0;
    const int64_t length = sl.ph_correct ? 2 * c : c;
    if (length == 0 || length >= p) {
      d.output = (length != 0) != inv;
      return d;
    }
    const int64_t counts = mod(start - sl.pos, p);  // counts from the anchor to a high start
    const int64_t origin = int64_t(sl.anchor) * kSub + counts * sl.div16 - sl.frac;
    d.wave = Waveform::make(uint64_t(p * sl.div16), uint64_t(length * sl.div16), origin);
    if (inv) d.wave = d.wave.inverted();
    return d;
  }
  d.output = (ctr_of(sl) < cc) != inv;
  return d;
}

}  // namespace vpico::rp2040
