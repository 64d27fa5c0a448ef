#include "i2c.h"

#include <algorithm>

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
// Register offsets (pico-sdk hardware/regs/i2c.h).
constexpr uint32_t kCON = 0x00, kTAR = 0x04, kSAR = 0x08, kDATA_CMD = 0x10, kSS_HCNT = 0x14,
                   kSS_LCNT = 0x18, kFS_HCNT = 0x1c, kFS_LCNT = 0x20, kINTR_STAT = 0x2c,
                   kINTR_MASK = 0x30, kRAW_INTR_STAT = 0x34, kRX_TL = 0x38, kTX_TL = 0x3c,
                   kCLR_INTR = 0x40, kCLR_GEN_CALL = 0x68, kENABLE = 0x6c, kSTATUS = 0x70,
                   kTXFLR = 0x74, kRXFLR = 0x78, kSDA_HOLD = 0x7c, kTX_ABRT_SOURCE = 0x80,
                   kSLV_DATA_NACK_ONLY = 0x84, kDMA_CR = 0x88, kDMA_TDLR = 0x8c, kDMA_RDLR = 0x90,
                   kSDA_SETUP = 0x94, kACK_GENERAL_CALL = 0x98, kENABLE_STATUS = 0x9c,
                   kFS_SPKLEN = 0xa0, kCLR_RESTART_DET = 0xa8, kCOMP_PARAM_1 = 0xf4,
                   kCOMP_VERSION = 0xf8, kCOMP_TYPE = 0xfc;

// IC_CON bits.
constexpr uint32_t kMasterMode = 1u << 0, kRestartEn = 1u << 5, kTxEmptyCtrl = 1u << 8;
// IC_TAR bits.
constexpr uint32_t kGcOrStart = 1u << 10, kSpecial = 1u << 11;
// IC_DATA_CMD bits.
constexpr uint16_t kCmdRead = 1u << 8, kCmdStop = 1u << 9, kCmdRestart = 1u << 10,
                   kFirstDataByte = 1u << 11;
// IC_ENABLE bits.
constexpr uint32_t kEnable = 1u << 0, kAbort = 1u << 1, kTxCmdBlock = 1u << 2;
// IC_RAW_INTR_STAT bits.
constexpr uint32_t kRxUnder = 1u << 0, kRxOver = 1u << 1, kRxFull = 1u << 2, kTxOver = 1u << 3,
                   kTxEmpty = 1u << 4, kRdReq = 1u << 5, kTxAbrt = 1u << 6, kRxDone = 1u << 7,
                   kActivity = 1u << 8, kStopDet = 1u << 9, kStartDet = 1u << 10,
                   kGenCall = 1u << 11, kRestartDet = 1u << 12;
constexpr uint32_t kAllLatched = kRxUnder | kRxOver | kTxOver | kRdReq | kTxAbrt | kRxDone |
                                 kActivity | kStopDet | kStartDet | kGenCall | kRestartDet;
// IC_TX_ABRT_SOURCE bits.
constexpr uint32_t kAbrt7bAddrNoack = 1u << 0, kAbrtTxdataNoack = 1u << 3,
                   kAbrtGcallNoack = 1u << 4, kAbrtGcallRead = 1u << 5, kAbrtMasterDis = 1u << 11,
                   kAbrtUserAbrt = 1u << 16;
constexpr unsigned kTxFlushCntLsb = 23;

// Clock cycles of the phases, in SCL periods (see the header).
constexpr uint64_t kStartPeriods = 1, kBytePeriods = 9, kStopPeriods = 1;
}  // namespace

I2c::I2c(unsigned index, Scheduler& scheduler, IrqSink& irqs, DreqSink& dreqs, Route route)
    : Device(index ? "I2C1" : "I2C0", index ? kI2c1Base : kI2c0Base),
      m_index(index),
      m_sched(scheduler),
      m_irqs(irqs),
      m_dreqs(dreqs),
      m_route(std::move(route)) {
  // Registers that "can be written only when IC_ENABLE[0] is 0; writes at other times have no
  // effect" (register descriptions in hardware/regs/i2c.h).
  auto only_while_disabled = [this](uint32_t offset) {
    return [this, offset](uint32_t old, uint32_t) {
      if (enabled()) m_regs.at(offset).set(old);
    };
  };
  m_regs.define("IC_CON", kCON, 0x65)
      .field("MASTER_MODE", 0, 1)
      .field("SPEED", 1, 2)
      .field("IC_10BITADDR_SLAVE", 3, 1)
      .field("IC_10BITADDR_MASTER", 4, 1)
      .field("IC_RESTART_EN", 5, 1)
      .field("IC_SLAVE_DISABLE", 6, 1)
      .field("STOP_DET_IFADDRESSED", 7, 1)
      .field("TX_EMPTY_CTRL", 8, 1)
      .field("RX_FIFO_FULL_HLD_CTRL", 9, 1)
      .field("STOP_DET_IF_MASTER_ACTIVE", 10, 1, Access::RO)
      .on_write([this](uint32_t old, uint32_t now) {
        Register& r = m_regs.at(kCON);
        if (enabled()) {
          r.set(old);
          return;
        }
        // SPEED outside 1..IC_MAX_SPEED_MODE (2, fast) reads back as 2.
        const uint32_t speed = (now >> 1) & 3;
        if (speed == 0 || speed == 3) r.set((now & ~6u) | (2u << 1));
      });
  m_regs.define("IC_TAR", kTAR, 0x55)
      .field("IC_TAR", 0, 10)
      .field("GC_OR_START", 10, 1)
      .field("SPECIAL", 11, 1)
      .on_write(only_while_disabled(kTAR));
  m_regs.define("IC_SAR", kSAR, 0x55).field("IC_SAR", 0, 10).on_write(only_while_disabled(kSAR));
  m_regs.define("IC_DATA_CMD", kDATA_CMD, 0)
      .field("DAT", 0, 8)
      .field("CMD", 8, 1)
      .field("STOP", 9, 1)
      .field("RESTART", 10, 1)
      .field("FIRST_DATA_BYTE", 11, 1, Access::RO)
      .on_read([this]() -> uint32_t { return m_rx.empty() ? 0 : m_rx.front(); });
  // SCL counts: minimum 6 (HCNT) and 8 (LCNT); smaller writes store the minimum.
  struct Count {
    const char* name;
    uint32_t offset, reset, minimum;
  };
  for (Count c :
       {Count{"IC_SS_SCL_HCNT", kSS_HCNT, 0x28, 6}, Count{"IC_SS_SCL_LCNT", kSS_LCNT, 0x2f, 8},
        Count{"IC_FS_SCL_HCNT", kFS_HCNT, 0x06, 6}, Count{"IC_FS_SCL_LCNT", kFS_LCNT, 0x0d, 8}}) {
    m_regs.define(c.name, c.offset, c.reset)
        .field(c.name, 0, 16)
        .on_write([this, c](uint32_t old, uint32_t now) {
          Register& r = m_regs.at(c.offset);
          if (enabled())
            r.set(old);
          else if (now < c.minimum)
            r.set(c.minimum);
        });
  }
  m_regs.define("IC_INTR_STAT", kINTR_STAT, 0)
      .field("INTR_STAT", 0, 13, Access::RO)
      .on_read([this] { return raw_interrupts() & m_regs.at(kINTR_MASK).value(); });
  m_regs.define("IC_INTR_MASK", kINTR_MASK, 0x8ff)
      .field("MASK", 0, 13)
      .on_write([this](uint32_t, uint32_t) { update(); });
  m_regs.define("IC_RAW_INTR_STAT", kRAW_INTR_STAT, 0)
      .field("RAW_INTR_STAT", 0, 13, Access::RO)
      .on_read([this] { return raw_interrupts(); });
  // Thresholds above the FIFO depth store depth - 1.
  for (auto [name, offset] : {std::pair{"IC_RX_TL", kRX_TL}, std::pair{"IC_TX_TL", kTX_TL}}) {
    m_regs.define(name, offset, 0)
        .field(name, 0, 8)
        .on_write([this, offset](uint32_t, uint32_t now) {
          if (now > kFifoDepth - 1) m_regs.at(offset).set(kFifoDepth - 1);
          update();
        });
  }
  const char* clr_names[] = {"IC_CLR_INTR",      "IC_CLR_RX_UNDER", "IC_CLR_RX_OVER",
                             "IC_CLR_TX_OVER",   "IC_CLR_RD_REQ",   "IC_CLR_TX_ABRT",
                             "IC_CLR_RX_DONE",   "IC_CLR_ACTIVITY", "IC_CLR_STOP_DET",
                             "IC_CLR_START_DET", "IC_CLR_GEN_CALL"};
  for (uint32_t i = 0; i < 11; ++i)
    m_regs.define(clr_names[i], kCLR_INTR + 4 * i, 0).field(clr_names[i], 0, 1, Access::RO);
  m_regs.define("IC_CLR_RESTART_DET", kCLR_RESTART_DET, 0)
      .field("CLR_RESTART_DET", 0, 1, Access::RO);
  m_regs.define("IC_ENABLE", kENABLE, 0)
      .field("ENABLE", 0, 1)
      .field("ABORT", 1, 1)
      .field("TX_CMD_BLOCK", 2, 1)
      .on_write([this](uint32_t old, uint32_t now) {
        Register& r = m_regs.at(kENABLE);
        if ((old & kEnable) && !(now & kEnable)) disabled();
        if (!(old & kEnable) && (now & kEnable)) m_ic_en = true;
        if (now & kAbort & ~old) {
          // ABORT is honoured only while enabled, and only when there is a transfer to end.
          if (!(now & kEnable) || (!m_held && m_phase == Phase::Idle))
            r.set(r.value() & ~kAbort);
          else if (m_phase == Phase::Idle)
            abort(kAbrtUserAbrt, true);
          // In flight: the byte finishes, then byte_finished() aborts; a STOP under way ends it.
        }
        kick();
        update();
      });
  m_regs.define("IC_STATUS", kSTATUS, 0x06).field("STATUS", 0, 7, Access::RO).on_read([this] {
    const bool active = m_held || m_phase != Phase::Idle;
    uint32_t v = 0;
    if (active) v |= 1u << 0 | 1u << 5;           // ACTIVITY, MST_ACTIVITY
    if (m_tx.size() < kFifoDepth) v |= 1u << 1;   // TFNF
    if (m_tx.empty()) v |= 1u << 2;               // TFE
    if (!m_rx.empty()) v |= 1u << 3;              // RFNE
    if (m_rx.size() >= kFifoDepth) v |= 1u << 4;  // RFF
    return v;
  });
  m_regs.define("IC_TXFLR", kTXFLR, 0).field("TXFLR", 0, 5, Access::RO).on_read([this] {
    return uint32_t(m_tx.size());
  });
  m_regs.define("IC_RXFLR", kRXFLR, 0).field("RXFLR", 0, 5, Access::RO).on_read([this] {
    return uint32_t(m_rx.size());
  });
  m_regs.define("IC_SDA_HOLD", kSDA_HOLD, 1)
      .field("IC_SDA_TX_HOLD", 0, 16)
      .field("IC_SDA_RX_HOLD", 16, 8);
  m_regs.define("IC_TX_ABRT_SOURCE", kTX_ABRT_SOURCE, 0)
      .field("TX_ABRT_SOURCE", 0, 32, Access::RO)
      .on_read([this] { return m_abrt_source; });
  m_regs.define("IC_SLV_DATA_NACK_ONLY", kSLV_DATA_NACK_ONLY, 0).field("NACK", 0, 1);
  m_regs.define("IC_DMA_CR", kDMA_CR, 0)
      .field("RDMAE", 0, 1)
      .field("TDMAE", 1, 1)
      .on_write([this](uint32_t, uint32_t) { update(); });
  m_regs.define("IC_DMA_TDLR", kDMA_TDLR, 0)
      .field("DMATDL", 0, 4)
      .on_write([this](uint32_t, uint32_t) { update(); });
  m_regs.define("IC_DMA_RDLR", kDMA_RDLR, 0)
      .field("DMARDL", 0, 4)
      .on_write([this](uint32_t, uint32_t) { update(); });
  m_regs.define("IC_SDA_SETUP", kSDA_SETUP, 0x64).field("SDA_SETUP", 0, 8);
  m_regs.define("IC_ACK_GENERAL_CALL", kACK_GENERAL_CALL, 1).field("ACK_GEN_CALL", 0, 1);
  m_regs.define("IC_ENABLE_STATUS", kENABLE_STATUS, 0)
      .field("IC_EN", 0, 1, Access::RO)
      .field("SLV_DISABLED_WHILE_BUSY", 1, 1, Access::RO)
      .field("SLV_RX_DATA_LOST", 2, 1, Access::RO)
      .on_read([this] { return m_ic_en ? 1u : 0u; });
  m_regs.define("IC_FS_SPKLEN", kFS_SPKLEN, 7)
      .field("IC_FS_SPKLEN", 0, 8)
      .on_write([this](uint32_t old, uint32_t now) {
        Register& r = m_regs.at(kFS_SPKLEN);
        if (enabled())
          r.set(old);
        else if (now < 1)
          r.set(1);  // minimum 1
      });
  m_regs.define("IC_COMP_PARAM_1", kCOMP_PARAM_1, 0).access(Access::RO);
  m_regs.define("IC_COMP_VERSION", kCOMP_VERSION, 0x3230312a).access(Access::RO);
  m_regs.define("IC_COMP_TYPE", kCOMP_TYPE, 0x44570140).access(Access::RO);
}

void I2c::reset() {
  Device::reset();
  m_sched.cancel(m_event);
  m_tx.clear();
  m_rx.clear();
  m_phase = Phase::Idle;
  m_held = m_read = m_first_byte = m_restart_then = false;
  m_address = 0;
  m_cmd = 0;
  m_buses.clear();
  m_latched = 0;
  m_abrt_source = 0;
  m_ic_en = false;
  update();
}

bool I2c::enabled() const {
  return m_regs.at(kENABLE).value() & kEnable;
}

bool I2c::read(uint32_t offset, uint32_t& value) {
  if (offset == kDATA_CMD) {
    value = read_data_cmd();
    return true;
  }
  if ((offset >= kCLR_INTR && offset <= kCLR_GEN_CALL) || offset == kCLR_RESTART_DET) {
    value = clear_on_read(offset);
    return true;
  }
  return Device::read(offset, value);
}

bool I2c::write(uint32_t offset, uint32_t value, uint32_t mask) {
  if (offset == kDATA_CMD) {
    write_data_cmd(value & mask);
    return true;
  }
  return Device::write(offset, value, mask);
}

uint64_t I2c::scl_period() const {
  // Datasheet 4.3.14.1: the high period is HCNT + SPKLEN + 7 ic_clk cycles and the low period
  // LCNT + 1; ic_clk is clk_sys. SPEED 1 uses the standard-mode counts, 2 the fast-mode ones.
  const bool standard = ((m_regs.at(kCON).value() >> 1) & 3) == 1;
  const uint64_t hcnt = m_regs.at(standard ? kSS_HCNT : kFS_HCNT).value();
  const uint64_t lcnt = m_regs.at(standard ? kSS_LCNT : kFS_LCNT).value();
  const uint64_t spklen = m_regs.at(kFS_SPKLEN).value();
  return (hcnt + spklen + 7) + (lcnt + 1);
}

uint32_t I2c::raw_interrupts() const {
  uint32_t raw = m_latched;
  if (m_rx.size() >= m_regs.at(kRX_TL).value() + 1) raw |= kRxFull;
  const bool tx_level = m_tx.size() <= m_regs.at(kTX_TL).value();
  if (!enabled()) {
    // The TX FIFO is held flushed: TX_EMPTY shows while the state machine is still active.
    if (m_held || m_phase != Phase::Idle) raw |= kTxEmpty;
  } else if (m_regs.at(kCON).value() & kTxEmptyCtrl) {
    // Also waits for the most recently popped command to have left the shift register.
    if (tx_level && !command_in_flight()) raw |= kTxEmpty;
  } else if (tx_level) {
    raw |= kTxEmpty;
  }
  return raw;
}

void I2c::write_data_cmd(uint32_t value) {
  if (!enabled()) return;           // the FIFO is held in reset
  if (m_latched & kTxAbrt) return;  // flushed until IC_CLR_TX_ABRT is read
  if (m_tx.size() >= kFifoDepth) {
    m_latched |= kTxOver;
  } else {
    m_tx.push_back(uint16_t(value & 0x7ff));
    kick();
  }
  update();
}

uint32_t I2c::read_data_cmd() {
  if (m_rx.empty()) {
    m_latched |= kRxUnder;
    update();
    return 0;
  }
  const uint32_t v = m_rx.front();
  m_rx.pop_front();
  update();
  return v;
}

uint32_t I2c::clear_on_read(uint32_t offset) {
  uint32_t bits = 0;
  switch (offset) {
    case kCLR_INTR:
      bits = kAllLatched;
      break;
    case kCLR_INTR + 0x04:
      bits = kRxUnder;
      break;
    case kCLR_INTR + 0x08:
      bits = kRxOver;
      break;
    case kCLR_INTR + 0x0c:
      bits = kTxOver;
      break;
    case kCLR_INTR + 0x10:
      bits = kRdReq;
      break;
    case kCLR_INTR + 0x14:
      bits = kTxAbrt;
      break;
    case kCLR_INTR + 0x18:
      bits = kRxDone;
      break;
    case kCLR_INTR + 0x1c:
      bits = kActivity;
      break;
    case kCLR_INTR + 0x20:
      bits = kStopDet;
      break;
    case kCLR_INTR + 0x24:
      bits = kStartDet;
      break;
    case kCLR_GEN_CALL:
      bits = kGenCall;
      break;
    case kCLR_RESTART_DET:
      bits = kRestartDet;
      break;
  }
  m_latched &= ~bits;
  // Clearing TX_ABRT also clears IC_TX_ABRT_SOURCE and lets the FIFOs take data again.
  if (bits & kTxAbrt) m_abrt_source = 0;
  update();
  return 0;
}

void I2c::disabled() {
  // Datasheet 4.3.10: the FIFOs are flushed and held in reset while the block is disabled. A
  // held bus stays held (see the header); IC_EN follows once the state machine is idle.
  m_tx.clear();
  m_rx.clear();
  if (!m_held && m_phase == Phase::Idle) {
    m_ic_en = false;
    m_latched &= ~(kTxOver | kRxOver | kRxUnder | kActivity | kGenCall);
  }
}

void I2c::kick() {
  if (m_phase != Phase::Idle || !enabled() || m_tx.empty()) return;
  const uint32_t en = m_regs.at(kENABLE).value();
  if (en & kTxCmdBlock) return;
  const uint32_t con = m_regs.at(kCON).value();
  if (!(con & kMasterMode)) {
    abort(kAbrtMasterDis, false);
    return;
  }
  const uint16_t cmd = m_tx.front();
  const bool read = cmd & kCmdRead;
  const uint32_t tar = m_regs.at(kTAR).value();
  const bool general_call = (tar & kSpecial) && !(tar & kGcOrStart);
  const uint8_t address = general_call ? 0 : uint8_t(tar & 0x7f);
  if (general_call && read) {
    abort(kAbrtGcallRead, false);
    return;
  }
  const bool address_phase =
      !m_held || (cmd & kCmdRestart) || read != m_read || address != m_address;
  if (m_held && address_phase && !(con & kRestartEn)) {
    // No repeated START allowed: STOP, then START afresh (4.3.7).
    m_restart_then = true;
    begin_stop();
    return;
  }
  m_tx.pop_front();
  m_cmd = cmd;
  const uint64_t period = scl_period();
  if (address_phase) {
    if (!m_held) m_buses = m_route ? m_route() : std::vector<I2cBus*>{};
    m_held = true;
    m_read = read;
    m_address = address;
    m_latched |= kStartDet | kActivity;
    m_phase = Phase::Address;
    m_event = m_sched.after((kStartPeriods + kBytePeriods) * period, [this] { address_done(); });
  } else {
    m_phase = Phase::Data;
    m_event = m_sched.after(kBytePeriods * period, [this] { data_done(); });
  }
}

void I2c::address_done() {
  m_event = EventId{};
  bool ack = false;
  for (I2cBus* bus : m_buses)
    ack |= bus->start(m_address, m_read);
  if (!ack) {
    abort(m_address == 0 ? kAbrtGcallNoack : kAbrt7bAddrNoack, true);
    return;
  }
  m_first_byte = true;
  m_phase = Phase::Data;
  m_event = m_sched.after(kBytePeriods * scl_period(), [this] { data_done(); });
  update();
}

void I2c::data_done() {
  m_event = EventId{};
  const bool stop = m_cmd & kCmdStop;
  if (m_cmd & kCmdRead) {
    // The controller acknowledges unless the read ends here (a STOP, or a write or RESTART next).
    const bool ack =
        !stop && (m_tx.empty() || (m_tx.front() & (kCmdRead | kCmdRestart)) == kCmdRead);
    uint8_t byte = 0xff;
    for (I2cBus* bus : m_buses)
      byte &= bus->read_byte(ack);
    if (m_rx.size() >= kFifoDepth)
      m_latched |= kRxOver;  // the byte is lost
    else
      m_rx.push_back(uint16_t(byte | (m_first_byte ? kFirstDataByte : 0)));
  } else {
    bool ack = false;
    for (I2cBus* bus : m_buses)
      ack |= bus->write_byte(uint8_t(m_cmd));
    if (!ack) {
      abort(kAbrtTxdataNoack, true);
      return;
    }
  }
  m_first_byte = false;
  m_phase = Phase::Idle;
  byte_finished();
}

void I2c::byte_finished() {
  if (m_regs.at(kENABLE).value() & kAbort)
    abort(kAbrtUserAbrt, true);
  else if (m_cmd & kCmdStop)
    begin_stop();
  else
    kick();  // the next command, or hold the bus (SCL low) until one comes
  update();
}

void I2c::abort(uint32_t source, bool send_stop) {
  m_sched.cancel(m_event);
  m_abrt_source = source | (uint32_t(m_tx.size()) << kTxFlushCntLsb);
  m_tx.clear();
  m_rx.clear();
  m_latched |= kTxAbrt;
  m_phase = Phase::Idle;
  m_restart_then = false;
  if (send_stop && m_held) {
    begin_stop();
  } else {
    Register& en = m_regs.at(kENABLE);
    en.set(en.value() & ~kAbort);
  }
  update();
}

void I2c::begin_stop() {
  m_phase = Phase::Stop;
  m_event = m_sched.after(kStopPeriods * scl_period(), [this] { stop_done(); });
  update();
}

void I2c::stop_done() {
  m_event = EventId{};
  for (I2cBus* bus : m_buses)
    bus->stop();
  m_buses.clear();
  m_held = false;
  m_phase = Phase::Idle;
  m_latched |= kStopDet;
  Register& en = m_regs.at(kENABLE);
  en.set(en.value() & ~kAbort);
  if (!enabled()) disabled();  // the block was disabled while the bus was busy
  m_restart_then = false;
  kick();
  update();
}

void I2c::update() {
  const bool level = (raw_interrupts() & m_regs.at(kINTR_MASK).value()) != 0;
  if (level != m_irq_level) {
    m_irq_level = level;
    m_irqs.set_irq_level(m_index ? kI2c1Irq : kI2c0Irq, level);
  }
  // DMA handshake (datasheet 4.3.15): TX while TXFLR <= DMATDL, RX while RXFLR > DMARDL.
  const uint32_t dma_cr = m_regs.at(kDMA_CR).value();
  const bool tx = (dma_cr & 2) && enabled() && m_tx.size() <= m_regs.at(kDMA_TDLR).value();
  const bool rx = (dma_cr & 1) && m_rx.size() >= m_regs.at(kDMA_RDLR).value() + 1;
  if (tx != m_dreq_tx) {
    m_dreq_tx = tx;
    m_dreqs.set_dreq_level(m_index ? kDreqI2c1Tx : kDreqI2c0Tx, tx);
  }
  if (rx != m_dreq_rx) {
    m_dreq_rx = rx;
    m_dreqs.set_dreq_level(m_index ? kDreqI2c1Rx : kDreqI2c0Rx, rx);
  }
}

}  // namespace vpico::rp2040
