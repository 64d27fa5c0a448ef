#include "xip_ctrl.h"

#include <cstring>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Offsets and bits (pico-sdk hardware/regs/xip.h).
constexpr uint32_t kCTRL = 0x00, kFLUSH = 0x04, kSTAT = 0x08, kSTREAM_ADDR = 0x14,
                   kSTREAM_CTR = 0x18, kSTREAM_FIFO = 0x1c;
constexpr uint32_t kCtrlEn = 1u << 0, kCtrlPowerDown = 1u << 3;
constexpr uint32_t kStatFlushReady = 1u << 0, kStatFifoEmpty = 1u << 1, kStatFifoFull = 1u << 2;
constexpr uint32_t kStreamCtrMask = 0x003fffff;
// A quad-I/O read moves 4 bits per SCK: 8 SCK periods per 32-bit word.
constexpr uint32_t kSckPerWord = 8;
}  // namespace

XipCtrl::XipCtrl(Scheduler& scheduler, DreqSink& dreqs, std::span<const uint8_t> flash,
                 std::function<uint32_t()> sck_divider)
    : Device("XIP_CTRL", kXipCtrlBase),
      m_sched(scheduler),
      m_dreqs(dreqs),
      m_flash(flash),
      m_sck_divider(std::move(sck_divider)) {
  m_regs.define("CTRL", kCTRL, 0x3)
      .field("EN", 0, 1)
      .field("ERR_BADWRITE", 1, 1)
      .field("POWER_DOWN", 3, 1)
      .on_write([this](uint32_t, uint32_t v) {
        // Powering the cache down forces EN to 0 (XIP_CTRL.POWER_DOWN).
        if (v & kCtrlPowerDown) m_regs.at(kCTRL).set(v & ~kCtrlEn);
      });
  m_regs.define("FLUSH", kFLUSH, 0).field("FLUSH", 0, 1, Access::SC);
  m_regs.define("STAT", kSTAT, 0x2).access(Access::RO).on_read([this] { return stat(); });
  m_regs.define("STREAM_ADDR", kSTREAM_ADDR, 0).field("STREAM_ADDR", 2, 30);
  m_regs.define("STREAM_CTR", kSTREAM_CTR, 0)
      .field("STREAM_CTR", 0, 22)
      .on_write([this](uint32_t, uint32_t v) {
        // A new value (0 included) drops the read in flight; nonzero starts a stream.
        m_sched.cancel(m_fetch);
        m_fetch = EventId{};
        if (v & kStreamCtrMask) schedule_fetch();
      });
  m_regs.define("STREAM_FIFO", kSTREAM_FIFO, 0).access(Access::RO).on_read([this] {
    return pop_stream_fifo();
  });
}

void XipCtrl::reset() {
  Device::reset();
  m_sched.cancel(m_fetch);
  m_fetch = EventId{};
  m_fifo_head = m_fifo_count = 0;
  update_dreq();
}

uint32_t XipCtrl::stat() const {
  uint32_t v = kStatFlushReady;
  if (m_fifo_count == 0) v |= kStatFifoEmpty;
  if (m_fifo_count == m_fifo.size()) v |= kStatFifoFull;
  return v;
}

uint32_t XipCtrl::pop_stream_fifo() {
  if (m_fifo_count == 0) return 0;
  const uint32_t v = m_fifo[m_fifo_head];
  m_fifo_head = (m_fifo_head + 1) % m_fifo.size();
  --m_fifo_count;
  update_dreq();
  // Room again: a stream that was waiting on a full FIFO goes on.
  if (!m_fetch.valid() && (m_regs.at(kSTREAM_CTR).value() & kStreamCtrMask)) schedule_fetch();
  return v;
}

void XipCtrl::schedule_fetch() {
  if (m_fetch.valid() || m_fifo_count == m_fifo.size()) return;
  const uint32_t div = m_sck_divider ? m_sck_divider() : 0;
  const uint64_t cycles = uint64_t(kSckPerWord) * (div ? div : 2);
  m_fetch = m_sched.at(m_sched.now() + cycles, [this] {
    m_fetch = EventId{};
    fetch_word();
  });
}

void XipCtrl::fetch_word() {
  Register& ctr = m_regs.at(kSTREAM_CTR);
  Register& addr = m_regs.at(kSTREAM_ADDR);
  const uint32_t count = ctr.value() & kStreamCtrMask;
  if (count == 0 || m_fifo_count == m_fifo.size()) return;
  // The stream reads through XIP: any of the four XIP aliases maps onto the flash.
  const uint32_t a = addr.value() & 0x00fffffcu;
  uint32_t word = 0xffffffffu;  // beyond the chip: an erased-looking bus value
  if (a + 4 <= m_flash.size()) std::memcpy(&word, m_flash.data() + a, 4);
  m_fifo[(m_fifo_head + m_fifo_count) % m_fifo.size()] = word;
  ++m_fifo_count;
  addr.set(addr.value() + 4);
  ctr.set(count - 1);
  update_dreq();
  if (count > 1) schedule_fetch();
}

void XipCtrl::update_dreq() {
  m_dreqs.set_dreq_level(kDreqXipStream, m_fifo_count > 0);
}

XipAux::XipAux(XipCtrl& ctrl) : Device("XIP_AUX", kXipAuxBase), m_ctrl(ctrl) {}

bool XipAux::read(uint32_t, uint32_t& value) {
  value = m_ctrl.pop_stream_fifo();
  return true;
}

bool XipAux::write(uint32_t, uint32_t, uint32_t) {
  return true;
}

bool XipAux::peek(uint32_t, uint32_t& value) {
  value = 0;
  return true;
}

}  // namespace vpico::rp2040
