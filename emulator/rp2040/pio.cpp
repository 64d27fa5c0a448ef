#include "pio.h"

#include <algorithm>
#include <string>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
constexpr uint32_t kCTRL = 0x000, kFSTAT = 0x004, kFDEBUG = 0x008, kFLEVEL = 0x00c, kTXF0 = 0x010,
                   kRXF0 = 0x020, kIRQ = 0x030, kIRQ_FORCE = 0x034, kINPUT_SYNC_BYPASS = 0x038,
                   kDBG_PADOUT = 0x03c, kDBG_PADOE = 0x040, kDBG_CFGINFO = 0x044,
                   kINSTR_MEM0 = 0x048, kSM0 = 0x0c8, kSmStride = 0x18, kINTR = 0x128,
                   kIRQ0_INTE = 0x12c;
// Per-SM register offsets inside an SM's 0x18 block.
constexpr uint32_t kCLKDIV = 0x0, kEXECCTRL = 0x4, kSHIFTCTRL = 0x8, kADDR = 0xc, kINSTR = 0x10,
                   kPINCTRL = 0x14;
}  // namespace

Pio::Pio(unsigned index, Scheduler& scheduler, IrqSink& irqs, DreqSink& dreqs)
    : Device(index ? "PIO1" : "PIO0", index ? kPio1Base : kPio0Base),
      m_index(index),
      m_sched(scheduler),
      m_irqs(irqs),
      m_dreqs(dreqs) {
  m_regs.define("CTRL", kCTRL, 0)
      .field("SM_ENABLE", 0, 4)
      .field("SM_RESTART", 4, 4, Access::SC)
      .field("CLKDIV_RESTART", 8, 4, Access::SC)
      .on_write([this](uint32_t, uint32_t v) {
        const uint64_t c = access_cycle();
        for (unsigned i = 0; i < 4; ++i) {
          if ((v >> (4 + i)) & 1) m_engine.restart(i);
          if ((v >> (8 + i)) & 1) m_engine.clkdiv_restart(i, c);
        }
        m_engine.set_enabled(uint8_t(v & 0xf), c);
      });
  m_regs.define("FSTAT", kFSTAT, 0x0f000f00)
      .field("RXFULL", 0, 4, Access::RO)
      .field("RXEMPTY", 8, 4, Access::RO)
      .field("TXFULL", 16, 4, Access::RO)
      .field("TXEMPTY", 24, 4, Access::RO)
      .on_read([this] {
        uint32_t v = 0;
        for (unsigned i = 0; i < 4; ++i) {
          const PioSm& s = m_engine.sm[i];
          if (s.rx_full()) v |= 1u << i;
          if (!s.rx.count) v |= 1u << (8 + i);
          if (s.tx_full()) v |= 1u << (16 + i);
          if (!s.tx.count) v |= 1u << (24 + i);
        }
        return v;
      });
  m_regs.define("FDEBUG", kFDEBUG, 0)
      .field("RXSTALL", 0, 4, Access::W1C)
      .field("RXUNDER", 8, 4, Access::W1C)
      .field("TXOVER", 16, 4, Access::W1C)
      .field("TXSTALL", 24, 4, Access::W1C)
      .on_read([this] { return m_engine.fdebug; });
  m_regs.define("FLEVEL", kFLEVEL, 0).access(Access::RO).on_read([this] {
    uint32_t v = 0;
    for (unsigned i = 0; i < 4; ++i)
      v |= (uint32_t(m_engine.sm[i].tx.count) | uint32_t(m_engine.sm[i].rx.count) << 4) << (8 * i);
    return v;
  });
  for (unsigned i = 0; i < 4; ++i) {
    m_regs.define("TXF" + std::to_string(i), kTXF0 + 4 * i, 0).access(Access::WO);
    m_regs.define("RXF" + std::to_string(i), kRXF0 + 4 * i, 0).access(Access::RO);
  }
  m_regs.define("IRQ", kIRQ, 0).field("IRQ", 0, 8, Access::W1C).on_read([this] {
    return uint32_t(m_engine.irq);
  });
  m_regs.define("IRQ_FORCE", kIRQ_FORCE, 0).field("IRQ_FORCE", 0, 8, Access::WO);
  m_regs.define("INPUT_SYNC_BYPASS", kINPUT_SYNC_BYPASS, 0);
  m_regs.define("DBG_PADOUT", kDBG_PADOUT, 0).access(Access::RO).on_read([this] {
    return m_engine.pad_out;
  });
  m_regs.define("DBG_PADOE", kDBG_PADOE, 0).access(Access::RO).on_read([this] {
    return m_engine.pad_oe;
  });
  // IMEM_SIZE 32, SM_COUNT 4, FIFO_DEPTH 4.
  m_regs.define("DBG_CFGINFO", kDBG_CFGINFO, 0x00200404)
      .field("FIFO_DEPTH", 0, 6, Access::RO)
      .field("SM_COUNT", 8, 4, Access::RO)
      .field("IMEM_SIZE", 16, 6, Access::RO);
  m_regs.define_array("INSTR_MEM", kINSTR_MEM0, 4, 32, 0, [this](Register& r, unsigned i) {
    r.field("INSTR_MEM", 0, 16, Access::WO).on_write([this, i](uint32_t, uint32_t v) {
      m_engine.imem[i] = uint16_t(v);
    });
  });
  for (unsigned i = 0; i < 4; ++i) {
    const std::string n = "SM" + std::to_string(i) + "_";
    const uint32_t b = kSM0 + kSmStride * i;
    m_regs.define(n + "CLKDIV", b + kCLKDIV, 0x00010000)
        .field("FRAC", 8, 8)
        .field("INT", 16, 16)
        .on_write([this, i](uint32_t, uint32_t v) { m_engine.sm[i].clkdiv = v; });
    m_regs.define(n + "EXECCTRL", b + kEXECCTRL, 0x0001f000)
        .field("STATUS_N", 0, 4)
        .field("STATUS_SEL", 4, 1)
        .field("WRAP_BOTTOM", 7, 5)
        .field("WRAP_TOP", 12, 5)
        .field("OUT_STICKY", 17, 1)
        .field("INLINE_OUT_EN", 18, 1)
        .field("OUT_EN_SEL", 19, 5)
        .field("JMP_PIN", 24, 5)
        .field("SIDE_PINDIR", 29, 1)
        .field("SIDE_EN", 30, 1)
        .field("EXEC_STALLED", 31, 1, Access::RO)
        .on_read([this, i] {
          const PioSm& s = m_engine.sm[i];
          return s.execctrl | (s.exec_pending && s.stalled ? 1u << 31 : 0);
        })
        .on_write([this, i](uint32_t, uint32_t v) { m_engine.sm[i].execctrl = v & 0x7fffffffu; });
    m_regs.define(n + "SHIFTCTRL", b + kSHIFTCTRL, 0x000c0000)
        .field("AUTOPUSH", 16, 1)
        .field("AUTOPULL", 17, 1)
        .field("IN_SHIFTDIR", 18, 1)
        .field("OUT_SHIFTDIR", 19, 1)
        .field("PUSH_THRESH", 20, 5)
        .field("PULL_THRESH", 25, 5)
        .field("FJOIN_TX", 30, 1)
        .field("FJOIN_RX", 31, 1)
        .on_write([this, i](uint32_t old, uint32_t v) {
          PioSm& s = m_engine.sm[i];
          // Datasheet 3.7 SHIFTCTRL.FJOIN_*: the FIFOs are flushed when a join bit changes.
          if ((old ^ v) & 0xc0000000u) {
            s.tx.clear();
            s.rx.clear();
          }
          s.shiftctrl = v;
        });
    m_regs.define(n + "ADDR", b + kADDR, 0).field("ADDR", 0, 5, Access::RO).on_read([this, i] {
      return uint32_t(m_engine.sm[i].pc);
    });
    m_regs.define(n + "INSTR", b + kINSTR, 0)
        .field("INSTR", 0, 16)
        .on_read([this, i] {
          const PioSm& s = m_engine.sm[i];
          return uint32_t(s.exec_pending ? s.exec_instr : m_engine.imem[s.pc]);
        })
        .on_write(
            [this, i](uint32_t, uint32_t v) { m_engine.exec_now(i, uint16_t(v), access_cycle()); });
    m_regs.define(n + "PINCTRL", b + kPINCTRL, 0x14000000)
        .field("OUT_BASE", 0, 5)
        .field("SET_BASE", 5, 5)
        .field("SIDESET_BASE", 10, 5)
        .field("IN_BASE", 15, 5)
        .field("OUT_COUNT", 20, 6)
        .field("SET_COUNT", 26, 3)
        .field("SIDESET_COUNT", 29, 3)
        .on_write([this, i](uint32_t, uint32_t v) { m_engine.sm[i].pinctrl = v; });
  }
  m_regs.define("INTR", kINTR, 0).field("INTR", 0, 12, Access::RO).on_read([this] {
    return m_engine.intr();
  });
  for (unsigned k = 0; k < 2; ++k) {
    const std::string n = "IRQ" + std::to_string(k) + "_";
    const uint32_t b = kIRQ0_INTE + 12 * k;
    m_regs.define(n + "INTE", b, 0).field("INTE", 0, 12);
    m_regs.define(n + "INTF", b + 4, 0).field("INTF", 0, 12);
    m_regs.define(n + "INTS", b + 8, 0).field("INTS", 0, 12, Access::RO).on_read([this, b] {
      return (m_engine.intr() & m_regs.at(b).value()) | m_regs.at(b + 4).value();
    });
  }
  m_engine.on_pins = [this](uint64_t cycle) {
    if (on_outputs) on_outputs(cycle);
  };
}

void Pio::reset() {
  Device::reset();
  m_sched.cancel(m_event);
  auto hook = std::move(m_engine.on_pins);
  m_engine = PioEngine{};
  m_engine.on_pins = std::move(hook);
  const uint64_t now = m_sched.now();
  m_engine.time = now;
  for (PioSm& s : m_engine.sm)
    s.phase = now * 256;
  if (read_inputs) m_engine.inputs = read_inputs();
  m_predicted = false;
  for (unsigned k = 0; k < 2; ++k) {
    m_irq_level[k] = false;
    m_irqs.set_irq_level((m_index ? kPio1Irq0 : kPio0Irq0) + k, false);
  }
  m_dreq_known = false;
  update_lines();
}

uint64_t Pio::access_cycle() const {
  return std::max(m_sched.now(), m_engine.time);
}

void Pio::run_to(uint64_t cycle) {
  if (m_running || cycle <= m_engine.time) return;
  m_running = true;
  m_engine.run(cycle);
  m_running = false;
}

void Pio::sync() {
  if (m_running) return;
  run_to(m_sched.now());
  update_lines();
}

void Pio::catch_up() {
  if (m_running) return;
  sync();
  if (!m_predicted) predict();
}

void Pio::changed(uint64_t cycle) {
  m_engine.wake(cycle);
  m_predicted = false;
  if (m_running) return;  // the run in progress re-predicts when it ends
  update_lines();
  predict();
}

void Pio::inputs_changed(uint64_t cycle) {
  if (!read_inputs) return;
  const uint32_t in = read_inputs();
  if (in == m_engine.inputs) return;
  run_to(std::min(cycle, m_sched.now()));  // the time before the change saw the old levels
  m_engine.inputs = in;
  changed(std::max(cycle, m_engine.time));
}

void Pio::set_pin_watch(uint32_t mask) {
  if (mask == m_pin_watch) return;
  catch_up();
  m_pin_watch = mask;
  m_predicted = false;
  predict();
}

bool Pio::read(uint32_t offset, uint32_t& value) {
  sync();
  if (offset >= kRXF0 && offset < kRXF0 + 16) {
    const unsigned i = (offset - kRXF0) / 4;
    PioSm& s = m_engine.sm[i];
    if (!s.rx.count) {
      m_engine.fdebug |= 1u << (8 + i);  // RXUNDER
      value = 0;
    } else {
      value = s.rx.pop();
    }
    changed(access_cycle());
    return true;
  }
  if (!m_predicted && !m_running) predict();
  return Device::read(offset, value);
}

bool Pio::peek(uint32_t offset, uint32_t& value) {
  catch_up();
  if (offset >= kRXF0 && offset < kRXF0 + 16) {
    const PioSm& s = m_engine.sm[(offset - kRXF0) / 4];
    value = s.rx.count ? s.rx.data[s.rx.head] : 0;
    return true;
  }
  if (offset == kFDEBUG || offset == kIRQ) {
    value = offset == kIRQ ? m_engine.irq : m_engine.fdebug;
    return true;
  }
  return Device::peek(offset, value);
}

bool Pio::write(uint32_t offset, uint32_t value, uint32_t mask) {
  sync();
  const uint64_t c = access_cycle();
  const uint32_t v = value & mask;
  if (offset >= kTXF0 && offset < kTXF0 + 16) {
    const unsigned i = (offset - kTXF0) / 4;
    PioSm& s = m_engine.sm[i];
    if (s.tx_full())
      m_engine.fdebug |= 1u << (16 + i);  // TXOVER: the word is lost
    else
      s.tx.push(value);
  } else if (offset == kFDEBUG) {
    m_engine.fdebug &= ~(v & 0x0f0f0f0fu);
  } else if (offset == kIRQ) {
    m_engine.irq &= uint8_t(~v);
  } else if (offset == kIRQ_FORCE) {
    m_engine.irq |= uint8_t(v);
  } else if (!Device::write(offset, value, mask)) {
    if (!m_predicted && !m_running) predict();
    return false;
  }
  changed(c);
  return true;
}

void Pio::update_lines() {
  const uint32_t intr = m_engine.intr();
  for (unsigned k = 0; k < 2; ++k) {
    const uint32_t b = kIRQ0_INTE + 12 * k;
    const bool level = ((intr & m_regs.at(b).value()) | m_regs.at(b + 4).value()) != 0;
    if (level != m_irq_level[k]) {
      m_irq_level[k] = level;
      m_irqs.set_irq_level((m_index ? kPio1Irq0 : kPio0Irq0) + k, level);
    }
  }
  // DREQ per FIFO (datasheet 2.5.3.1): TX while not full, RX while not empty; INTR bits 0..7.
  const uint32_t bits = intr & 0xff;
  const unsigned base = m_index ? kDreqPio1Tx0 : kDreqPio0Tx0;
  for (unsigned i = 0; i < 4; ++i) {
    const uint32_t tx = 1u << (4 + i), rx = 1u << i;
    if (!m_dreq_known || ((bits ^ m_dreq_bits) & tx)) m_dreqs.set_dreq_level(base + i, bits & tx);
    if (!m_dreq_known || ((bits ^ m_dreq_bits) & rx))
      m_dreqs.set_dreq_level(base + 4 + i, bits & rx);
  }
  m_dreq_bits = bits;
  m_dreq_known = true;
}

void Pio::predict() {
  m_sched.cancel(m_event);
  m_ahead_usable = false;
  m_predicted = true;
  PioEngine ahead = m_engine;
  ahead.on_pins = nullptr;
  PioEngine::Watch watch;
  const uint32_t inte = m_regs.at(kIRQ0_INTE).value() | m_regs.at(kIRQ0_INTE + 12).value();
  watch.intr_mask = 0xff | (inte & 0xf00);
  watch.pin_mask = m_pin_watch | (m_engine.reads_pins() ? 0xffffffffu : 0);
  PioEngine::Watch any = watch;
  any.pin_mask |= routed_pins ? routed_pins() : 0;
  const uint64_t horizon = m_engine.time + kLookAhead;
  PioEngine::RunResult r = ahead.run(horizon, &any);
  uint64_t when;
  if (r.stopped && !r.intr_changed && !(r.pins_changed & watch.pin_mask)) {
    // Only routed pins changed: flush them a little later, unless something else comes first.
    const uint64_t deadline = std::max(r.cycle + 1, m_engine.time + kPinLag);
    r = ahead.run(deadline, &watch);
    when = r.stopped ? r.cycle + 1 : deadline;
  } else if (r.stopped) {
    when = r.cycle + 1;
  } else if (r.idle) {
    return;  // every state machine waits on something outside: nothing to schedule
  } else {
    when = horizon;
  }
  m_ahead_usable = !r.stopped && ahead.time == when && ahead.pad_changes == m_engine.pad_changes;
  if (m_ahead_usable) m_ahead = std::move(ahead);
  m_event = m_sched.at(std::max(when, m_sched.now()), [this] {
    m_event = EventId{};
    if (m_predicted && m_ahead_usable && m_ahead.time == m_sched.now()) {
      auto hook = std::move(m_engine.on_pins);
      m_engine = std::move(m_ahead);
      m_engine.on_pins = std::move(hook);
    }
    m_ahead_usable = false;
    m_predicted = false;
    catch_up();
  });
}

}  // namespace vpico::rp2040
