#include "spi.h"

#include <fmt/format.h>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Offsets and bits (pico-sdk hardware/regs/spi.h; PL022 TRM).
constexpr uint32_t kCR0 = 0x00, kCR1 = 0x04, kDR = 0x08, kSR = 0x0c, kCPSR = 0x10, kIMSC = 0x14,
                   kRIS = 0x18, kMIS = 0x1c, kICR = 0x20, kDMACR = 0x24;
constexpr uint32_t kCr1Lbm = 1u << 0, kCr1Sse = 1u << 1, kCr1Ms = 1u << 2;
constexpr uint32_t kSrTfe = 1u << 0, kSrTnf = 1u << 1, kSrRne = 1u << 2, kSrRff = 1u << 3,
                   kSrBsy = 1u << 4;
constexpr uint32_t kRor = 1u << 0, kRt = 1u << 1, kRx = 1u << 2, kTx = 1u << 3;
constexpr uint32_t kDmaTx = 1u << 1, kDmaRx = 1u << 0;
constexpr size_t kFifoDepth = 8;
constexpr unsigned kTimeoutBits = 32;  // receive timeout (PL022 TRM 2.5: 32 bit periods)
}  // namespace

Spi::Spi(unsigned index, Scheduler& scheduler, IrqSink& irqs, DreqSink& dreqs,
         std::function<uint32_t()> peri_hz, std::function<uint32_t()> sys_hz)
    : Device(index ? "SPI1" : "SPI0", index ? kSpi1Base : kSpi0Base),
      m_index(index),
      m_sched(scheduler),
      m_irqs(irqs),
      m_dreqs(dreqs),
      m_peri_hz(std::move(peri_hz)),
      m_sys_hz(std::move(sys_hz)) {
  m_regs.define("SSPCR0", kCR0, 0)
      .field("DSS", 0, 4)
      .field("FRF", 4, 2)
      .field("SPO", 6, 1)
      .field("SPH", 7, 1)
      .field("SCR", 8, 8);
  m_regs.define("SSPCR1", kCR1, 0)
      .field("LBM", 0, 1)
      .field("SSE", 1, 1)
      .field("MS", 2, 1)
      .field("SOD", 3, 1)
      .on_write([this](uint32_t, uint32_t v) {
        if ((v & kCr1Ms) && on_warning)
          on_warning(name() + ":slave",
                     name() + ": slave mode (SSPCR1.MS) is not modelled; frames run as a master");
        if (v & kCr1Sse) start_frame();
        update();
      });
  m_regs.define("SSPDR", kDR, 0).field("DATA", 0, 16);  // handled in read()/write()
  m_regs.define("SSPSR", kSR, 0x3).access(Access::RO);  // computed in read()
  m_regs.define("SSPCPSR", kCPSR, 0).field("CPSDVSR", 0, 8);
  m_regs.define("SSPIMSC", kIMSC, 0)
      .field("RORIM", 0, 1)
      .field("RTIM", 1, 1)
      .field("RXIM", 2, 1)
      .field("TXIM", 3, 1)
      .on_write([this](uint32_t, uint32_t) { update(); });
  m_regs.define("SSPRIS", kRIS, 0x8).access(Access::RO).on_read([this] {
    return raw_interrupts();
  });
  m_regs.define("SSPMIS", kMIS, 0).access(Access::RO).on_read([this] {
    return raw_interrupts() & m_regs.at(kIMSC).value();
  });
  m_regs.define("SSPICR", kICR, 0)
      .field("RORIC", 0, 1, Access::SC)
      .field("RTIC", 1, 1, Access::SC)
      .on_write([this](uint32_t, uint32_t v) {
        m_latched &= ~(v & (kRor | kRt));
        update();
      });
  m_regs.define("SSPDMACR", kDMACR, 0)
      .field("RXDMAE", 0, 1)
      .field("TXDMAE", 1, 1)
      .on_write([this](uint32_t, uint32_t) { update(); });
  const uint32_t ids[8] = {0x22, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
  for (unsigned i = 0; i < 8; ++i)
    m_regs
        .define(fmt::format("{}{}", i < 4 ? "SSPPERIPHID" : "SSPPCELLID", i % 4), 0xfe0 + 4 * i,
                ids[i])
        .access(Access::RO);
}

void Spi::reset() {
  Device::reset();
  m_sched.cancel(m_frame_event);
  m_sched.cancel(m_timeout_event);
  m_frame_event = m_timeout_event = EventId{};
  m_tx.clear();
  m_rx.clear();
  m_busy = false;
  m_latched = 0;
  update();
}

bool Spi::read(uint32_t offset, uint32_t& value) {
  if (offset == kDR) {
    value = 0;
    if (!m_rx.empty()) {
      value = m_rx.front();
      m_rx.pop_front();
      if (m_rx.empty()) {
        m_sched.cancel(m_timeout_event);
        m_timeout_event = EventId{};
      }
      update();
    }
    return true;
  }
  if (offset == kSR) {
    value = 0;
    if (m_tx.empty()) value |= kSrTfe;
    if (m_tx.size() < kFifoDepth) value |= kSrTnf;
    if (!m_rx.empty()) value |= kSrRne;
    if (m_rx.size() >= kFifoDepth) value |= kSrRff;
    if (enabled() && (m_busy || !m_tx.empty())) value |= kSrBsy;
    return true;
  }
  return Device::read(offset, value);
}

bool Spi::write(uint32_t offset, uint32_t value, uint32_t mask) {
  if (offset == kDR) {
    // Written while full: the PL022 drops the data.
    if (m_tx.size() < kFifoDepth) m_tx.push_back(uint16_t(value & 0xffff));
    start_frame();
    update();
    return true;
  }
  if (offset == kSR) return true;
  return Device::write(offset, value, mask);
}

uint64_t Spi::frame_cycles() const {
  const uint32_t peri = m_peri_hz ? m_peri_hz() : 0, sys = m_sys_hz ? m_sys_hz() : 0;
  const uint32_t cpsdvsr = m_regs.at(kCPSR).value() & 0xfe;  // bit 0 reads as written, use even
  const uint32_t scr = (m_regs.at(kCR0).value() >> 8) & 0xff;
  if (!peri || !sys || cpsdvsr == 0) return 0;
  // bit period = CPSDVSR x (1 + SCR) clk_peri periods (datasheet 4.4.3.7), converted to clk_sys.
  const uint64_t peri_ticks = uint64_t(frame_bits()) * cpsdvsr * (1 + scr);
  return (peri_ticks * sys + peri - 1) / peri;
}

void Spi::start_frame() {
  if (m_busy || m_tx.empty() || !enabled()) return;
  const uint64_t cycles = frame_cycles();
  if (cycles == 0) {
    if (on_warning)
      on_warning(name() + ":clock",
                 name() +
                     ": SSPCPSR.CPSDVSR = 0 or no clk_peri: the serial clock is off, frames "
                     "never start");
    return;
  }
  if ((m_regs.at(kCR0).value() & 0xf) < 3 && on_warning)
    on_warning(name() + ":dss",
               name() + ".SSPCR0.DSS < 3 is reserved (frames are 4 to 16 bits): sent as " +
                   std::to_string(frame_bits()) + "-bit frames");
  m_busy = true;
  m_frame_event = m_sched.at(m_sched.now() + cycles, [this] {
    m_frame_event = EventId{};
    frame_done();
  });
}

void Spi::frame_done() {
  m_busy = false;
  if (m_tx.empty()) return;
  const unsigned bits = frame_bits();
  const uint16_t mask = uint16_t((1u << bits) - 1);
  const uint16_t mosi = m_tx.front() & mask;
  m_tx.pop_front();
  uint16_t miso = 0;
  if (m_regs.at(kCR1).value() & kCr1Lbm)
    miso = mosi;
  else if (exchange)
    miso = exchange(mosi, bits) & mask;
  if (m_rx.size() < kFifoDepth)
    m_rx.push_back(miso);
  else
    m_latched |= kRor;  // overrun: the frame is lost
  arm_timeout();
  start_frame();
  update();
}

void Spi::arm_timeout() {
  m_sched.cancel(m_timeout_event);
  m_timeout_event = EventId{};
  const uint64_t frame = frame_cycles();
  if (m_rx.empty() || frame == 0) return;
  const uint64_t cycles = frame * kTimeoutBits / frame_bits();
  m_timeout_event = m_sched.at(m_sched.now() + cycles, [this] {
    m_timeout_event = EventId{};
    if (!m_rx.empty()) m_latched |= kRt;
    update();
  });
}

uint32_t Spi::raw_interrupts() const {
  uint32_t v = m_latched;
  if (m_tx.size() <= kFifoDepth / 2) v |= kTx;
  if (m_rx.size() >= kFifoDepth / 2) v |= kRx;
  return v;
}

void Spi::update() {
  const bool level = (raw_interrupts() & m_regs.at(kIMSC).value()) != 0;
  if (level != m_irq_level) {
    m_irq_level = level;
    m_irqs.set_irq_level(m_index ? kSpi1Irq : kSpi0Irq, level);
  }
  const uint32_t dma = m_regs.at(kDMACR).value();
  m_dreqs.set_dreq_level(m_index ? kDreqSpi1Tx : kDreqSpi0Tx,
                         (dma & kDmaTx) && m_tx.size() < kFifoDepth);
  m_dreqs.set_dreq_level(m_index ? kDreqSpi1Rx : kDreqSpi0Rx, (dma & kDmaRx) && !m_rx.empty());
}

}  // namespace vpico::rp2040
