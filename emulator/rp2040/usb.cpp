#include "usb.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "address_map.h"

namespace vpico::rp2040 {

namespace {
// Buffer control word, one half per buffer (datasheet 4.1.2.5.1; usb_device_dpram.h).
constexpr uint32_t kBcFull = 1u << 15, kBcLast = 1u << 14, kBcPid = 1u << 13,
                   kBcResetSel = 1u << 12, kBcStall = 1u << 11, kBcAvailable = 1u << 10,
                   kBcLength = 0x3ffu;
// Endpoint control word (EP1..15).
constexpr uint32_t kEcEnable = 1u << 31, kEcDouble = 1u << 30, kEcIntPerBuff = 1u << 29,
                   kEcIntPerDouble = 1u << 28, kEcIntOnStall = 1u << 17, kEcIntOnNak = 1u << 16;
// SIE_CTRL.
constexpr uint32_t kSieEp0IntStall = 1u << 31, kSieEp0Double = 1u << 30, kSieEp0Int1Buf = 1u << 29,
                   kSieEp0Int2Buf = 1u << 28, kSieEp0IntNak = 1u << 27, kSiePullupEn = 1u << 16;
constexpr uint32_t kMainControllerEn = 1u << 0, kMainHostNdevice = 1u << 1;
constexpr uint32_t kMuxToPhy = 1u << 0;
constexpr uint32_t kPwrVbusDetect = 1u << 2, kPwrVbusDetectOverrideEn = 1u << 3;
constexpr uint32_t kEp0Buffer = 0x100;
constexpr uint32_t kUsbHz = 48'000'000;
}  // namespace

Usb::Usb(IrqSink& irqs, std::function<uint32_t()> usb_hz)
    : Device("USBCTRL_REGS", kUsbRegsBase), m_irqs(irqs), m_usb_hz(std::move(usb_hz)) {
  auto attach_and_irq = [this](uint32_t, uint32_t) { update_irq(); };
  m_regs.define("ADDR_ENDP", kAddrEndp)
      .field("ADDRESS", 0, 7)
      .field("ENDPOINT", 16, 4)
      .on_write(attach_and_irq);
  // Host mode's interrupt endpoint address registers: kept, not used.
  for (unsigned i = 1; i < 16; ++i)
    m_regs.define(fmt::format("ADDR_ENDP{}", i), kAddrEndp + 4 * i)
        .field("ADDRESS", 0, 7)
        .field("ENDPOINT", 16, 4)
        .field("INTEP_DIR", 25, 1)
        .field("INTEP_PREAMBLE", 26, 1);
  m_regs.define("MAIN_CTRL", kMainCtrl)
      .field("CONTROLLER_EN", 0, 1)
      .field("HOST_NDEVICE", 1, 1)
      .field("SIM_TIMING", 31, 1)
      .on_write(attach_and_irq);
  m_regs.define("SOF_WR", kSofWr).field("COUNT", 0, 11, Access::WO);
  m_regs.define("SOF_RD", kSofRd).field("COUNT", 0, 11, Access::RO).on_read([this] {
    return frame_number && m_connected ? uint32_t(frame_number() & 0x7ff) : 0u;
  });
  m_regs.define("SIE_CTRL", kSieCtrl)
      .field("START_TRANS", 0, 1, Access::SC)
      .field("SEND_SETUP", 1, 1)
      .field("SEND_DATA", 2, 1)
      .field("RECEIVE_DATA", 3, 1)
      .field("STOP_TRANS", 4, 1, Access::SC)
      .field("PREAMBLE_EN", 6, 1)
      .field("SOF_SYNC", 8, 1)
      .field("SOF_EN", 9, 1)
      .field("KEEP_ALIVE_EN", 10, 1)
      .field("VBUS_EN", 11, 1)
      .field("RESUME", 12, 1, Access::SC)
      .field("RESET_BUS", 13, 1, Access::SC)
      .field("PULLDOWN_EN", 15, 1)
      .field("PULLUP_EN", 16, 1)
      .field("RPU_OPT", 17, 1)
      .field("TRANSCEIVER_PD", 18, 1)
      .field("DIRECT_DM", 24, 1)
      .field("DIRECT_DP", 25, 1)
      .field("DIRECT_EN", 26, 1)
      .field("EP0_INT_NAK", 27, 1)
      .field("EP0_INT_2BUF", 28, 1)
      .field("EP0_INT_1BUF", 29, 1)
      .field("EP0_DOUBLE_BUF", 30, 1)
      .field("EP0_INT_STALL", 31, 1)
      .on_write(attach_and_irq);
  m_regs.define("SIE_STATUS", kSieStatus)
      .field("VBUS_DETECTED", 0, 1, Access::RO)
      .field("LINE_STATE", 2, 2, Access::RO)
      .field("SUSPENDED", 4, 1, Access::RO)
      .field("SPEED", 8, 2, Access::RO)
      .field("VBUS_OVER_CURR", 10, 1, Access::RO)
      .field("RESUME", 11, 1, Access::W1C)
      .field("CONNECTED", 16, 1, Access::RO)
      .field("SETUP_REC", 17, 1, Access::W1C)
      .field("TRANS_COMPLETE", 18, 1, Access::W1C)
      .field("BUS_RESET", 19, 1, Access::W1C)
      .field("CRC_ERROR", 24, 1, Access::W1C)
      .field("BIT_STUFF_ERROR", 25, 1, Access::W1C)
      .field("RX_OVERFLOW", 26, 1, Access::W1C)
      .field("RX_TIMEOUT", 27, 1, Access::W1C)
      .field("NAK_REC", 28, 1, Access::W1C)
      .field("STALL_REC", 29, 1, Access::W1C)
      .field("ACK_REC", 30, 1, Access::W1C)
      .field("DATA_SEQ_ERROR", 31, 1, Access::W1C)
      .on_read([this] { return sie_status(); });
  m_regs.define("INT_EP_CTRL", kIntEpCtrl).field("INT_EP_ACTIVE", 1, 15);
  m_regs.define("BUFF_STATUS", kBuffStatus).access(Access::W1C).on_write(attach_and_irq);
  m_regs.define("BUFF_CPU_SHOULD_HANDLE", kBuffCpuShouldHandle).access(Access::RO);
  m_regs.define("EP_ABORT", kEpAbort).on_write([this](uint32_t, uint32_t now) {
    // An endpoint being aborted finishes at once: no transaction is ever half done here.
    Register& done = m_regs.at(kEpAbortDone);
    done.set(done.value() | now);
    update_irq();
  });
  m_regs.define("EP_ABORT_DONE", kEpAbortDone).access(Access::W1C).on_write(attach_and_irq);
  m_regs.define("EP_STALL_ARM", kEpStallArm).field("EP0_IN", 0, 1).field("EP0_OUT", 1, 1);
  m_regs.define("NAK_POLL", kNakPoll, 0x00100010)
      .field("DELAY_LS", 0, 10)
      .field("DELAY_FS", 16, 10);
  m_regs.define("EP_STATUS_STALL_NAK", kEpStatusStallNak)
      .access(Access::W1C)
      .on_write(attach_and_irq);
  m_regs.define("USB_MUXING", kUsbMuxing)
      .field("TO_PHY", 0, 1)
      .field("TO_EXTPHY", 1, 1)
      .field("TO_DIGITAL_PAD", 2, 1)
      .field("SOFTCON", 3, 1)
      .on_write(attach_and_irq);
  m_regs.define("USB_PWR", kUsbPwr)
      .field("VBUS_EN", 0, 1)
      .field("VBUS_EN_OVERRIDE_EN", 1, 1)
      .field("VBUS_DETECT", 2, 1)
      .field("VBUS_DETECT_OVERRIDE_EN", 3, 1)
      .field("OVERCURR_DETECT", 4, 1)
      .field("OVERCURR_DETECT_EN", 5, 1)
      .on_write(attach_and_irq);
  // The PHY's direct drive, pulls and trims: kept as plain registers (receive bits read 0).
  m_regs.define("USBPHY_DIRECT", kUsbphyDirect)
      .field("CONTROLS", 0, 16)
      .field("RX_AND_OVV", 16, 7, Access::RO);
  m_regs.define("USBPHY_DIRECT_OVERRIDE", kUsbphyDirectOverride).field("OVERRIDE_EN", 0, 16);
  m_regs.define("USBPHY_TRIM", kUsbphyTrim, 0x1f1f)
      .field("DP_PULLDN_TRIM", 0, 5)
      .field("DM_PULLDN_TRIM", 8, 5);
  m_regs.define("INTR", kIntr).field("INTR", 0, 20, Access::RO).on_read([this] { return intr(); });
  m_regs.define("INTE", kInte).field("INTE", 0, 20).on_write(attach_and_irq);
  m_regs.define("INTF", kIntf).field("INTF", 0, 20).on_write(attach_and_irq);
  m_regs.define("INTS", kInts).field("INTS", 0, 20, Access::RO).on_read([this] {
    return (intr() & m_regs.at(kInte).value()) | m_regs.at(kIntf).value();
  });
}

void Usb::reset() {
  Device::reset();
  m_sel.fill(0);
  m_done.fill(0);
  m_connected = false;
  m_conn_changed = false;
  m_sof_read = 0;
  m_sof_seen = false;
  update_irq();
}

bool Usb::read(uint32_t offset, uint32_t& value) {
  Register* r = m_regs.find(offset);
  if (!r) return false;
  value = r->read();
  if (offset == kSofRd) {
    // Reading SOF_RD clears INTR.DEV_SOF (datasheet 4.1.4, INTR).
    m_sof_read = uint16_t(value);
    m_sof_seen = false;
    update_irq();
  }
  return true;
}

bool Usb::write(uint32_t offset, uint32_t value, uint32_t mask) {
  Register* r = m_regs.find(offset);
  if (!r) return false;
  // The SET/CLR/XOR aliases clear W1C bits they touch: TinyUSB and pico-sdk write
  // usb_hw_clear->sie_status / ->buf_status to acknowledge events.
  const uint32_t ones = mask == 0xffffffffu ? value : mask;
  if (mask != 0xffffffffu) {
    uint32_t w1c = 0;
    for (const Field& f : r->fields())
      if (f.access == Access::W1C) w1c |= f.mask();
    value = (value & ~w1c) | (mask & w1c);
  }
  if (offset == kSieStatus && (ones & kStConnected)) m_conn_changed = false;
  r->write(value, mask);
  if (offset == kSieStatus) update_irq();
  return true;
}

uint32_t Usb::dpram_word(uint32_t offset) const {
  uint32_t v;
  std::memcpy(&v, &m_dpram[offset & 0xffc], 4);
  return v;
}

void Usb::dpram_write(uint32_t offset, uint32_t value, uint32_t byte_mask) {
  offset &= 0xffc;
  const uint32_t old = dpram_word(offset);
  const uint32_t now = (old & ~byte_mask) | (value & byte_mask);
  std::memcpy(&m_dpram[offset], &now, 4);
  if (offset < 0x80 || offset >= 0x100) return;
  const unsigned ep = (offset - 0x80) / 8;
  const bool in = (offset & 4) == 0;
  if (byte_mask & value & kBcResetSel) m_sel[status_bit(ep, in)] = 0;
  if ((now & (kBcAvailable | kBcAvailable << 16)) && on_buffer_armed) on_buffer_armed(ep, in);
}

bool Usb::attached() const {
  return attach_problem().empty();
}

std::string Usb::attach_problem() const {
  const uint32_t main = m_regs.at(kMainCtrl).value();
  if (!(main & kMainControllerEn)) return "MAIN_CTRL.CONTROLLER_EN is 0";
  if (main & kMainHostNdevice) return "the controller is in host mode (not modelled)";
  if (!(m_regs.at(kSieCtrl).value() & kSiePullupEn)) return "SIE_CTRL.PULLUP_EN is 0";
  if (!(m_regs.at(kUsbMuxing).value() & kMuxToPhy)) return "USB_MUXING.TO_PHY is 0";
  if (!(sie_status() & kStVbusDetected))
    return "VBUS is not detected (a Pico does not wire VBUS to the controller: firmware sets "
           "USB_PWR.VBUS_DETECT and VBUS_DETECT_OVERRIDE_EN)";
  const uint32_t hz = m_usb_hz ? m_usb_hz() : kUsbHz;
  // USB 2.0 7.1.11: a full-speed device keeps its bit rate within 0.25 %.
  if (hz < kUsbHz - kUsbHz / 400 || hz > kUsbHz + kUsbHz / 400)
    return fmt::format("clk_usb runs at {} Hz, not 48 MHz", hz);
  return {};
}

void Usb::bus_reset() {
  Register& st = m_regs.at(kSieStatus);
  st.set(st.value() | kStBusReset);
  update_irq();
}

void Usb::set_connected(bool connected) {
  if (connected == m_connected) return;
  m_connected = connected;
  m_conn_changed = true;
  update_irq();
}

void Usb::start_of_frame() {
  m_sof_seen = true;
  update_irq();
}

bool Usb::sof_wanted() const {
  return m_regs.at(kInte).value() & kIntDevSof;
}

Usb::Endpoint Usb::endpoint(unsigned ep, bool in) const {
  if (ep == 0) {
    const uint32_t c = m_regs.at(kSieCtrl).value();
    return Endpoint{true,
                    (c & kSieEp0Double) != 0,
                    (c & kSieEp0Int1Buf) != 0,
                    (c & kSieEp0Int2Buf) != 0,
                    (c & kSieEp0IntNak) != 0,
                    (c & kSieEp0IntStall) != 0,
                    kEp0Buffer};
  }
  const uint32_t c = dpram_word(0x08 + (ep - 1) * 8 + (in ? 0 : 4));
  return Endpoint{(c & kEcEnable) != 0,
                  (c & kEcDouble) != 0,
                  (c & kEcIntPerBuff) != 0,
                  (c & kEcIntPerDouble) != 0,
                  (c & kEcIntOnNak) != 0,
                  (c & kEcIntOnStall) != 0,
                  c & 0xffc0u};
}

bool Usb::addressed(uint8_t address) const {
  return attached() && m_connected && (m_regs.at(kAddrEndp).value() & 0x7f) == address;
}

bool Usb::refuse(unsigned ep, bool in, const Endpoint& e, UsbHandshake& answer) {
  const unsigned bit = status_bit(ep, in);
  const uint32_t bc = dpram_word(buffer_control_offset(ep, in));
  Register& stall_nak = m_regs.at(kEpStatusStallNak);
  // On EP0 a STALL needs EP_STALL_ARM as well (datasheet 4.1.4, EP_STALL_ARM).
  bool stall = (bc & kBcStall) != 0;
  if (ep == 0) stall = stall && (m_regs.at(kEpStallArm).value() & (in ? 1u : 2u));
  if (stall) {
    if (e.int_on_stall) stall_nak.set(stall_nak.value() | 1u << bit);
    update_irq();
    answer = UsbHandshake::Stall;
    return true;
  }
  const unsigned sel = e.double_buffered ? m_sel[bit] : 0;
  const uint32_t half = sel ? bc >> 16 : bc & 0xffff;
  const bool aborted = m_regs.at(kEpAbort).value() & (1u << bit);
  if (aborted || !(half & kBcAvailable)) {
    if (e.int_on_nak) stall_nak.set(stall_nak.value() | 1u << bit);
    update_irq();
    answer = UsbHandshake::Nak;
    return true;
  }
  return false;
}

void Usb::buffer_done(unsigned ep, bool in, const Endpoint& e, unsigned sel, uint32_t half) {
  const unsigned bit = status_bit(ep, in);
  if (half & kBcLast) {
    Register& st = m_regs.at(kSieStatus);
    st.set(st.value() | kStTransComplete);
  }
  // INTERRUPT_PER_BUFF: every buffer; INTERRUPT_PER_DOUBLE_BUFF: once both are done.
  bool raise = e.int_per_buff;
  if (!raise && e.double_buffered && e.int_per_double) raise = sel == 1;
  if (raise) {
    Register& bs = m_regs.at(kBuffStatus);
    bs.set(bs.value() | 1u << bit);
    Register& which = m_regs.at(kBuffCpuShouldHandle);
    which.set_bits(1u << bit, sel == 1);
  }
  if (e.double_buffered) m_sel[bit] ^= 1;
  update_irq();
}

UsbHandshake Usb::setup(uint8_t address, std::span<const uint8_t, 8> packet) {
  if (!addressed(address)) return UsbHandshake::None;
  // A SETUP is always accepted, into the first 8 bytes of the DPRAM (datasheet 4.1.2.5).
  std::memcpy(m_dpram.data(), packet.data(), 8);
  Register& st = m_regs.at(kSieStatus);
  st.set(st.value() | kStSetupRec);
  m_regs.at(kEpStallArm).set(0);  // the controller clears EP0's stall arms on a SETUP
  m_sel[status_bit(0, true)] = m_sel[status_bit(0, false)] = 0;
  update_irq();
  return UsbHandshake::Ack;
}

UsbHandshake Usb::in(uint8_t address, uint8_t ep, bool& data1, std::vector<uint8_t>& data) {
  data.clear();
  if (ep >= 16 || !addressed(address)) return UsbHandshake::None;
  const Endpoint e = endpoint(ep, true);
  if (!e.enabled) return UsbHandshake::None;
  UsbHandshake answer;
  if (refuse(ep, true, e, answer)) return answer;
  const unsigned bit = status_bit(ep, true);
  const unsigned sel = e.double_buffered ? m_sel[bit] : 0;
  const uint32_t off = buffer_control_offset(ep, true);
  uint32_t bc = dpram_word(off);
  uint32_t half = sel ? bc >> 16 : bc & 0xffff;
  const uint32_t start = e.buffer + sel * 64;
  const uint32_t len = std::min<uint32_t>(half & kBcLength, start < 4096 ? 4096 - start : 0);
  if (!(half & kBcFull))
    warn(fmt::format("usb ep{} in not full", ep),
         fmt::format("USB EP{} IN: buffer {} is AVAILABLE but not FULL; sent anyway", ep, sel));
  data.assign(m_dpram.begin() + start, m_dpram.begin() + start + len);
  data1 = (half & kBcPid) != 0;
  // The controller writes the status back: the buffer is no longer available nor full.
  const uint32_t done = half & ~(kBcAvailable | kBcFull);
  bc = sel ? (bc & 0xffff) | done << 16 : (bc & 0xffff0000u) | done;
  std::memcpy(&m_dpram[off], &bc, 4);
  buffer_done(ep, true, e, sel, half);
  return UsbHandshake::Ack;
}

int Usb::peek_in(uint8_t address, uint8_t ep) const {
  if (ep >= 16 || !addressed(address)) return -1;
  const Endpoint e = endpoint(ep, true);
  if (!e.enabled) return -1;
  const uint32_t bc = dpram_word(buffer_control_offset(ep, true));
  if ((bc & kBcStall) && (ep != 0 || (m_regs.at(kEpStallArm).value() & 1))) return -1;
  if (m_regs.at(kEpAbort).value() & (1u << status_bit(ep, true))) return -1;
  const unsigned sel = e.double_buffered ? m_sel[status_bit(ep, true)] : 0;
  const uint32_t half = sel ? bc >> 16 : bc & 0xffff;
  if (!(half & kBcAvailable)) return -1;
  return int(half & kBcLength);
}

UsbHandshake Usb::out(uint8_t address, uint8_t ep, bool data1, std::span<const uint8_t> data) {
  if (ep >= 16 || !addressed(address)) return UsbHandshake::None;
  const Endpoint e = endpoint(ep, false);
  if (!e.enabled) return UsbHandshake::None;
  UsbHandshake answer;
  if (refuse(ep, false, e, answer)) return answer;
  const unsigned bit = status_bit(ep, false);
  const unsigned sel = e.double_buffered ? m_sel[bit] : 0;
  const uint32_t off = buffer_control_offset(ep, false);
  uint32_t bc = dpram_word(off);
  uint32_t half = sel ? bc >> 16 : bc & 0xffff;
  if (((half & kBcPid) != 0) != data1) {
    // SIE_STATUS.DATA_SEQ_ERROR: the packet's PID is not the one the buffer expects. The
    // host gets its ACK (to it the packet was a repeat) and the buffer stays armed.
    Register& st = m_regs.at(kSieStatus);
    st.set(st.value() | kStDataSeqError);
    warn(fmt::format("usb ep{} out pid", ep),
         fmt::format("USB EP{} OUT: the host sent DATA{} but the buffer expects DATA{} "
                     "(SIE_STATUS.DATA_SEQ_ERROR); packet dropped",
                     ep, data1 ? 1 : 0, data1 ? 0 : 1));
    update_irq();
    return UsbHandshake::Ack;
  }
  const uint32_t start = e.buffer + sel * 64;
  uint32_t room = half & kBcLength;
  if (start + room > 4096) room = start < 4096 ? 4096 - start : 0;
  uint32_t n = uint32_t(data.size());
  if (n > room) {
    warn(fmt::format("usb ep{} out overflow", ep),
         fmt::format("USB EP{} OUT: {} bytes arrived for a buffer of LENGTH {}; truncated", ep, n,
                     room));
    n = room;
  }
  std::memcpy(&m_dpram[start], data.data(), n);
  const uint32_t done = (half & ~(kBcAvailable | kBcLength)) | kBcFull | n;
  bc = sel ? (bc & 0xffff) | done << 16 : (bc & 0xffff0000u) | done;
  std::memcpy(&m_dpram[off], &bc, 4);
  buffer_done(ep, false, e, sel, half);
  return UsbHandshake::Ack;
}

uint32_t Usb::sie_status() const {
  uint32_t v = m_regs.at(kSieStatus).value();
  const uint32_t pwr = m_regs.at(kUsbPwr).value();
  // The Pico does not wire VBUS to the controller's VBUS_DETECT input (it is sensed on GPIO24):
  // only the override tells the controller that VBUS is there.
  if ((pwr & kPwrVbusDetectOverrideEn) && (pwr & kPwrVbusDetect)) v |= kStVbusDetected;
  if (m_connected) v |= kStConnected | (1u << 2);  // LINE_STATE = J (full speed idle)
  return v;
}

uint32_t Usb::intr() const {
  const uint32_t st = sie_status();
  uint32_t r = 0;
  auto from = [&](uint32_t status_bit_mask, uint32_t int_bit) {
    if (st & status_bit_mask) r |= int_bit;
  };
  from(kStTransComplete, kIntTransComplete);
  if (m_regs.at(kBuffStatus).value()) r |= kIntBuffStatus;
  from(kStDataSeqError, kIntErrorDataSeq);
  from(1u << 27, 1u << 6);  // RX_TIMEOUT
  from(1u << 26, 1u << 7);  // RX_OVERFLOW
  from(1u << 25, 1u << 8);  // BIT_STUFF_ERROR
  from(1u << 24, 1u << 9);  // CRC_ERROR
  from(1u << 29, kIntStall);
  from(kStVbusDetected, kIntVbusDetect);
  from(kStBusReset, kIntBusReset);
  if (m_conn_changed) r |= kIntDevConnDis;
  from(kStResume, kIntDevResume);
  from(kStSetupRec, kIntSetupReq);
  if (m_sof_seen || (m_connected && frame_number && (frame_number() & 0x7ff) != m_sof_read))
    r |= kIntDevSof;
  if (m_regs.at(kEpAbortDone).value()) r |= kIntAbortDone;
  if (m_regs.at(kEpStatusStallNak).value()) r |= kIntEpStallNak;
  return r;
}

void Usb::update_irq() {
  const bool level = ((intr() & m_regs.at(kInte).value()) | m_regs.at(kIntf).value()) != 0;
  if (level != m_irq) {
    m_irq = level;
    m_irqs.set_irq_level(kUsbctrlIrq, level);
  }
  const bool sof = sof_wanted();
  if (sof != m_sof_interest) {
    m_sof_interest = sof;
    if (on_sof_interest) on_sof_interest(sof);
  }
  // The host watches the line: D+ pulled up (or not) by a controller that can talk (or not).
  const bool a = attached();
  const bool pull = pulls_up();
  if (a != m_was_attached || pull != m_was_pulling) {
    m_was_attached = a;
    m_was_pulling = pull;
    if (on_attach_change) on_attach_change();
  }
}

bool Usb::pulls_up() const {
  return (m_regs.at(kSieCtrl).value() & kSiePullupEn) &&
         (m_regs.at(kMainCtrl).value() & kMainControllerEn);
}

void Usb::warn(const std::string& key, const std::string& message) {
  if (on_warning) on_warning(key, message);
}

UsbDpram::UsbDpram(Usb& usb) : Device("USBCTRL_DPRAM", kUsbDpramBase, 0x1000), m_usb(usb) {}

void UsbDpram::reset() {
  std::fill(m_usb.dpram().begin(), m_usb.dpram().end(), uint8_t(0));
}

bool UsbDpram::read(uint32_t offset, uint32_t& value) {
  if (offset >= 0x1000) return false;
  value = m_usb.dpram_word(offset);
  return true;
}

bool UsbDpram::write(uint32_t offset, uint32_t value, uint32_t mask) {
  if (offset >= 0x1000) return false;
  m_usb.dpram_write(offset, value, mask);
  return true;
}

}  // namespace vpico::rp2040
