#include "adc.h"

#include <algorithm>
#include <cmath>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Offsets and bits (pico-sdk hardware/regs/adc.h).
constexpr uint32_t kCS = 0x00, kRESULT = 0x04, kFCS = 0x08, kFIFO = 0x0c, kDIV = 0x10, kINTR = 0x14,
                   kINTE = 0x18, kINTF = 0x1c, kINTS = 0x20;
constexpr uint32_t kCsEn = 1u << 0, kCsTsEn = 1u << 1, kCsStartOnce = 1u << 2,
                   kCsStartMany = 1u << 3, kCsReady = 1u << 8;
constexpr unsigned kCsAinselLsb = 12, kCsRrobinLsb = 16;
constexpr uint32_t kCsAinsel = 7u << kCsAinselLsb;
constexpr uint32_t kFcsEn = 1u << 0, kFcsShift = 1u << 1, kFcsDreqEn = 1u << 3, kFcsEmpty = 1u << 8,
                   kFcsFull = 1u << 9, kFcsUnder = 1u << 10, kFcsOver = 1u << 11;
constexpr unsigned kFcsLevelLsb = 16, kFcsThreshLsb = 24;
constexpr unsigned kChannels = 5;

// Datasheet 4.9.5: the sensor reads 0.706 V at 27 C and falls by 1.721 mV per degree.
constexpr double kTempV27 = 0.706, kTempSlope = 0.001721;

__extension__ typedef unsigned __int128 u128;
}  // namespace

Adc::Adc(Scheduler& scheduler, IrqSink& irqs, DreqSink& dreqs, std::function<uint32_t()> adc_hz,
         std::function<uint32_t()> sys_hz, std::function<double(unsigned channel)> input_voltage)
    : Device("ADC", kAdcBase),
      m_sched(scheduler),
      m_irqs(irqs),
      m_dreqs(dreqs),
      m_adc_hz(std::move(adc_hz)),
      m_sys_hz(std::move(sys_hz)),
      m_input(std::move(input_voltage)) {
  m_regs.define("CS", kCS, 0)
      .field("EN", 0, 1)
      .field("TS_EN", 1, 1)
      .field("START_ONCE", 2, 1, Access::SC)
      .field("START_MANY", 3, 1)
      .field("READY", 8, 1, Access::RO)
      .field("ERR", 9, 1, Access::RO)
      .field("ERR_STICKY", 10, 1, Access::W1C)
      .field("AINSEL", 12, 3)
      .field("RROBIN", 16, 5)
      .on_read([this] {
        const uint32_t v = m_regs.at(kCS).value();
        return (v & kCsEn) && !m_busy ? v | kCsReady : v;
      })
      .on_write([this](uint32_t old_value, uint32_t new_value) {
        const bool en = new_value & kCsEn;
        if (!en) {
          // Powered down: a running conversion is abandoned, nothing more starts.
          m_sched.cancel(m_conversion);
          m_sched.cancel(m_pace);
          m_busy = false;
          return;
        }
        const bool many = new_value & kCsStartMany;
        const bool many_before = (old_value & kCsEn) && (old_value & kCsStartMany);
        if (many && !many_before) {
          restart_pacing();
          if (!m_busy) start_conversion();
        } else if (!many) {
          m_sched.cancel(m_pace);
          if ((new_value & kCsStartOnce) && !m_busy) start_conversion();
        }
      });
  m_regs.define("RESULT", kRESULT, 0).field("RESULT", 0, 12, Access::RO);
  m_regs.define("FCS", kFCS, 0)
      .field("EN", 0, 1)
      .field("SHIFT", 1, 1)
      .field("ERR", 2, 1)
      .field("DREQ_EN", 3, 1)
      .field("EMPTY", 8, 1, Access::RO)
      .field("FULL", 9, 1, Access::RO)
      .field("UNDER", 10, 1, Access::W1C)
      .field("OVER", 11, 1, Access::W1C)
      .field("LEVEL", 16, 4, Access::RO)
      .field("THRESH", 24, 4)
      .on_read([this] {
        uint32_t v = m_regs.at(kFCS).value();
        v |= fifo_level() << kFcsLevelLsb;
        if (m_fifo.empty()) v |= kFcsEmpty;
        if (fifo_level() >= kFifoDepth) v |= kFcsFull;
        return v;
      })
      .on_write([this](uint32_t, uint32_t) { update_lines(); });
  m_regs.define("FIFO", kFIFO, 0)
      .field("VAL", 0, 12, Access::RO)
      .field("ERR", 15, 1, Access::RO)
      .on_read([this] { return m_fifo.empty() ? 0u : uint32_t(m_fifo.front()); });
  m_regs.define("DIV", kDIV, 0)
      .field("FRAC", 0, 8)
      .field("INT", 8, 16)
      .on_write([this](uint32_t, uint32_t) {
        // "The divider is reset when either of these fields are written."
        if (running_many()) restart_pacing();
      });
  auto irq_changed = [this](uint32_t, uint32_t) { update_lines(); };
  m_regs.define("INTR", kINTR, 0).field("FIFO", 0, 1, Access::RO).on_read([this] {
    return fifo_level() >= ((m_regs.at(kFCS).value() >> kFcsThreshLsb) & 0xf) ? 1u : 0u;
  });
  m_regs.define("INTE", kINTE, 0).field("FIFO", 0, 1).on_write(irq_changed);
  m_regs.define("INTF", kINTF, 0).field("FIFO", 0, 1).on_write(irq_changed);
  m_regs.define("INTS", kINTS, 0).field("FIFO", 0, 1, Access::RO).on_read([this] {
    return interrupt_status();
  });
  reset();
}

void Adc::reset() {
  Device::reset();
  m_sched.cancel(m_conversion);
  m_sched.cancel(m_pace);
  m_busy = false;
  m_fifo.clear();
  m_pace_origin = m_pace_count = 0;
  update_lines();
}

bool Adc::read(uint32_t offset, uint32_t& value) {
  if (offset == kFIFO) {
    // Reading pops; reading an empty FIFO sets FCS.UNDER.
    if (m_fifo.empty()) {
      m_regs.at(kFCS).set_bits(kFcsUnder, true);
      value = 0;
    } else {
      value = m_fifo.front();
      m_fifo.pop_front();
      update_lines();
    }
    return true;
  }
  return Device::read(offset, value);
}

double Adc::channel_voltage(unsigned channel) const {
  if (channel < kTemperatureChannel) return m_input ? m_input(channel) : 0.0;
  if (channel == kTemperatureChannel && (m_regs.at(kCS).value() & kCsTsEn))
    return kTempV27 - kTempSlope * (m_temperature_c - 27.0);
  return 0.0;
}

uint16_t Adc::code_for(double volts) {
  const double code = std::floor(volts / kVref * 4096.0 + 0.5);
  if (!(code > 0)) return 0;  // also NaN
  return code >= 4095 ? 4095 : uint16_t(code);
}

bool Adc::running_many() const {
  const uint32_t cs = m_regs.at(kCS).value();
  return (cs & kCsEn) && (cs & kCsStartMany);
}

uint64_t Adc::sys_cycles_for(uint64_t adc_cycles_x256) const {
  const uint32_t adc = m_adc_hz ? m_adc_hz() : 0, sys = m_sys_hz ? m_sys_hz() : 0;
  if (!adc || !sys) return UINT64_MAX;
  const u128 den = u128(adc) * 256;
  const u128 c = (u128(adc_cycles_x256) * sys + den - 1) / den;
  return c >= UINT64_MAX ? UINT64_MAX : uint64_t(c);
}

uint64_t Adc::pace_x256() const {
  // DIV: total period 1 + INT + FRAC/256 clk_adc cycles.
  return 256 + (m_regs.at(kDIV).value() & 0xffffff);
}

void Adc::start_conversion() {
  const unsigned channel = (m_regs.at(kCS).value() >> kCsAinselLsb) & 7;
  m_sample = code_for(channel_voltage(channel));
  m_busy = true;
  m_conv_adc_hz = m_adc_hz ? m_adc_hz() : 0;
  m_conv_sys_hz = m_sys_hz ? m_sys_hz() : 0;
  m_sched.cancel(m_conversion);
  const uint64_t cycles = sys_cycles_for(uint64_t(kConversionCycles) * 256);
  if (cycles == UINT64_MAX) {
    m_done_cycle = UINT64_MAX;  // no clk_adc: it finishes once the clock runs (clocks_changed)
    return;
  }
  m_done_cycle = m_sched.now() + cycles;
  m_conversion = m_sched.at(m_done_cycle, [this] { finish_conversion(); });
}

void Adc::finish_conversion() {
  m_conversion = EventId{};
  m_busy = false;
  Register& cs = m_regs.at(kCS);
  m_regs.at(kRESULT).set(m_sample);
  Register& fcs = m_regs.at(kFCS);
  if (fcs.value() & kFcsEn) {
    // A result that finds the FIFO full is lost and sets OVER (datasheet 4.9.3).
    if (fifo_level() >= kFifoDepth) {
      fcs.set_bits(kFcsOver, true);
    } else {
      m_fifo.push_back((fcs.value() & kFcsShift) ? uint16_t(m_sample >> 4) : m_sample);
    }
    update_lines();
  }
  // Round robin: AINSEL moves to the next enabled channel above it, wrapping.
  const uint32_t rrobin = (cs.value() >> kCsRrobinLsb) & 0x1f;
  if (rrobin) {
    unsigned ch = (cs.value() >> kCsAinselLsb) & 7;
    for (unsigned i = 0; i < kChannels; ++i) {
      ch = (ch + 1) % kChannels;
      if (rrobin & (1u << ch)) break;
    }
    cs.set((cs.value() & ~kCsAinsel) | (ch << kCsAinselLsb));
  }
  // Back-to-back START_MANY: the next conversion starts as this one ends.
  if (running_many() && pace_x256() <= uint64_t(kConversionCycles) * 256) start_conversion();
}

void Adc::restart_pacing() {
  m_sched.cancel(m_pace);
  m_pace_origin = m_sched.now();
  m_pace_count = 0;
  schedule_next_many();
}

void Adc::schedule_next_many() {
  m_sched.cancel(m_pace);
  if (!running_many() || pace_x256() <= uint64_t(kConversionCycles) * 256) return;
  const uint64_t offset = sys_cycles_for((m_pace_count + 1) * pace_x256());
  if (offset == UINT64_MAX) return;
  m_pace = m_sched.at(m_pace_origin + offset, [this] { pace_event(); });
}

void Adc::pace_event() {
  m_pace = EventId{};
  ++m_pace_count;
  if (!m_busy) start_conversion();
  schedule_next_many();
}

void Adc::clocks_changed() {
  const uint32_t adc = m_adc_hz ? m_adc_hz() : 0, sys = m_sys_hz ? m_sys_hz() : 0;
  if (m_busy && (adc != m_conv_adc_hz || sys != m_conv_sys_hz)) {
    // What is left of the conversion, in clk_adc cycles at the old rates, at the new ones.
    const uint64_t now = m_sched.now();
    uint64_t left_x256 = uint64_t(kConversionCycles) * 256;
    if (m_done_cycle != UINT64_MAX && m_conv_sys_hz && m_done_cycle > now)
      left_x256 = uint64_t(u128(m_done_cycle - now) * m_conv_adc_hz * 256 / m_conv_sys_hz);
    else if (m_done_cycle != UINT64_MAX)
      left_x256 = 0;
    m_sched.cancel(m_conversion);
    m_conv_adc_hz = adc;
    m_conv_sys_hz = sys;
    const uint64_t cycles = sys_cycles_for(left_x256);
    m_done_cycle = cycles == UINT64_MAX ? UINT64_MAX : now + cycles;
    if (m_done_cycle != UINT64_MAX)
      m_conversion = m_sched.at(m_done_cycle, [this] { finish_conversion(); });
  }
  if (running_many()) restart_pacing();
}

uint32_t Adc::interrupt_status() const {
  const uint32_t thresh = (m_regs.at(kFCS).value() >> kFcsThreshLsb) & 0xf;
  const uint32_t intr = fifo_level() >= thresh ? 1u : 0u;
  return ((intr & m_regs.at(kINTE).value()) | m_regs.at(kINTF).value()) & 1u;
}

void Adc::update_lines() {
  const bool irq = interrupt_status() != 0;
  if (irq != m_irq_level) {
    m_irq_level = irq;
    m_irqs.set_irq_level(kAdcIrqFifo, irq);
  }
  const uint32_t fcs = m_regs.at(kFCS).value();
  const unsigned thresh = (fcs >> kFcsThreshLsb) & 0xf;
  const bool dreq = (fcs & kFcsDreqEn) && !m_fifo.empty() && fifo_level() >= thresh;
  if (dreq != m_dreq_level) {
    m_dreq_level = dreq;
    m_dreqs.set_dreq_level(kDreqAdc, dreq);
  }
}

}  // namespace vpico::rp2040
