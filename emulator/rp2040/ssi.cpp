#include "rp2040/ssi.h"

#include <algorithm>

#include <fmt/format.h>

#include "diagnostics.h"
#include "flash_chip.h"
#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {

// Register offsets (pico-sdk hardware/regs/ssi.h).
constexpr uint32_t kMwcr = 0x0c, kTxftlr = 0x18, kRxftlr = 0x1c, kTxflr = 0x20, kRxflr = 0x24,
                   kImr = 0x2c, kIsr = 0x30, kRisr = 0x34, kTxoicr = 0x38, kRxoicr = 0x3c,
                   kRxuicr = 0x40, kMsticr = 0x44, kIcr = 0x48, kDmacr = 0x4c, kDmatdlr = 0x50,
                   kDmardlr = 0x54, kRxSampleDly = 0xf0;
constexpr uint32_t kDrLast = 0x60 + 35 * 4;  // DR0..DR35 all reach the FIFOs

// CTRLR0.TMOD values.
constexpr unsigned kTxAndRx = 0, kTxOnly = 1, kRxOnly = 2, kEepromRead = 3;
// SR bits.
constexpr uint32_t kSrBusy = 1u << 0, kSrTfnf = 1u << 1, kSrTfe = 1u << 2, kSrRfne = 1u << 3,
                   kSrRff = 1u << 4;

uint32_t low_bits(uint32_t v, unsigned bits) {
  return bits >= 32 ? v : v & ((1u << bits) - 1);
}

}  // namespace

struct Ssi::Config {
  unsigned frame_bits;  // DFS_32 + 1
  unsigned frf;         // 0 Motorola SPI
  bool scph, scpol, srl, sste;
  unsigned tmod;
  unsigned spi_frf;  // 0 standard, 1 dual, 2 quad
  uint32_t ndf;
  uint32_t sckdv;
  unsigned trans_type;  // 0 1C1A, 1 1C2A, 2 2C2A
  unsigned addr_bits;   // ADDR_L * 4
  unsigned inst_bits;   // 0, 4, 8, 16
  unsigned wait;        // WAIT_CYCLES
  bool ddr;
  uint8_t xip_cmd;

  bool wide() const { return spi_frf == 1 || spi_frf == 2; }
  unsigned width() const { return spi_frf == 1 ? 2 : spi_frf == 2 ? 4 : 1; }
  unsigned inst_width() const { return wide() && trans_type == 2 ? width() : 1; }
  unsigned addr_width() const { return wide() && trans_type != 0 ? width() : 1; }
  unsigned header_entries() const { return (inst_bits ? 1u : 0u) + (addr_bits ? 1u : 0u); }
  bool reads() const { return tmod == kRxOnly || tmod == kEepromRead; }
  unsigned clocks(unsigned bits, unsigned lines) const { return (bits + lines - 1) / lines; }
};

Ssi::Ssi() : Ssi(nullptr, nullptr, nullptr) {}

Ssi::Ssi(Diagnostics& diag, Scheduler& sched, FlashChip& flash) : Ssi(&diag, &sched, &flash) {}

Ssi::Ssi(Diagnostics* diag, Scheduler* sched, QspiTarget* flash)
    : Device("XIP_SSI", kXipSsiBase), m_diag(diag), m_sched(sched), m_flash(flash) {
  define_registers();
}

void Ssi::define_registers() {
  // Registers the DW_apb_ssi only lets software change while SSIENR = 0.
  auto locked = [this](Register& r) {
    r.on_write([this, &r](uint32_t old_value, uint32_t new_value) {
      if (!enabled() || old_value == new_value) return;
      r.set(old_value);
      warn("locked:" + r.name(), fmt::format("XIP_SSI.{} written while SSIENR = 1: ignored, as the "
                                             "DW_apb_ssi does (disable the SSI first), {}",
                                             r.name(), m_diag ? m_diag->where() : ""));
    });
  };
  locked(m_regs.define("CTRLR0", kCtrlr0, 0)
             .field("DFS", 0, 4)
             .field("FRF", 4, 2)
             .field("SCPH", 6, 1)
             .field("SCPOL", 7, 1)
             .field("TMOD", 8, 2)
             .field("SLV_OE", 10, 1)
             .field("SRL", 11, 1)
             .field("CFS", 12, 4)
             .field("DFS_32", 16, 5)
             .field("SPI_FRF", 21, 2)
             .field("SSTE", 24, 1));
  locked(m_regs.define("CTRLR1", kCtrlr1, 0).field("NDF", 0, 16));
  m_regs.define("SSIENR", kSsienr, 0)
      .field("SSI_EN", 0, 1)
      .on_write([this](uint32_t old_value, uint32_t new_value) {
        if ((old_value ^ new_value) & 1) on_enable_change(new_value & 1);
      });
  locked(
      m_regs.define("MWCR", kMwcr, 0).field("MWMOD", 0, 1).field("MDD", 1, 1).field("MHS", 2, 1));
  m_regs.define("SER", kSer, 0).field("SER", 0, 1).on_write([this](uint32_t, uint32_t) {
    try_start(now());
    update_cs(now());
  });
  Register& baudr = m_regs.define("BAUDR", kBaudr, 0).field("SCKDV", 0, 16);
  baudr.on_write([this, &baudr](uint32_t old_value, uint32_t new_value) {
    if (enabled() && old_value != new_value) {
      baudr.set(old_value);
      warn("locked:BAUDR", "XIP_SSI.BAUDR written while SSIENR = 1: ignored");
      return;
    }
    baudr.set(new_value & 0xfffe);  // SCKDV is even: its LSB reads 0
  });
  m_regs.define("TXFTLR", kTxftlr, 0).field("TFT", 0, 8);
  m_regs.define("RXFTLR", kRxftlr, 0).field("RFT", 0, 8);
  m_regs.define("TXFLR", kTxflr, 0).field("TFTFL", 0, 8, Access::RO).on_read([this] {
    return uint32_t(m_tx.size());
  });
  m_regs.define("RXFLR", kRxflr, 0).field("RXTFL", 0, 8, Access::RO).on_read([this] {
    return uint32_t(m_rx.size());
  });
  m_regs.define("SR", kSr, 0)
      .field("BUSY", 0, 1, Access::RO)
      .field("TFNF", 1, 1, Access::RO)
      .field("TFE", 2, 1, Access::RO)
      .field("RFNE", 3, 1, Access::RO)
      .field("RFF", 4, 1, Access::RO)
      .field("TXE", 5, 1, Access::RO)
      .field("DCOL", 6, 1, Access::RO)
      .on_read([this] {
        uint32_t v = 0;
        if (m_active) v |= kSrBusy;
        if (m_tx.size() < kFifoDepth) v |= kSrTfnf;
        if (m_tx.empty()) v |= kSrTfe;
        if (!m_rx.empty()) v |= kSrRfne;
        if (m_rx.size() >= kFifoDepth) v |= kSrRff;
        return v;
      });
  const char* const causes[6] = {"TXE", "TXO", "RXU", "RXO", "RXF", "MST"};
  Register& imr = m_regs.define("IMR", kImr, 0);
  Register& isr = m_regs.define("ISR", kIsr, 0);
  Register& risr = m_regs.define("RISR", kRisr, 0);
  for (unsigned i = 0; i < 6; ++i) {
    imr.field(std::string(causes[i]) + "IM", i, 1);
    isr.field(std::string(causes[i]) + "IS", i, 1, Access::RO);
    risr.field(std::string(causes[i]) + "IR", i, 1, Access::RO);
  }
  isr.on_read([this, &imr] { return raw_interrupts() & imr.value(); });
  risr.on_read([this] { return raw_interrupts(); });
  // Clear-on-read registers: reads are handled in read(); these views have no side effect.
  m_regs.define("TXOICR", kTxoicr, 0).field("TXOICR", 0, 1, Access::RO).on_read([this] {
    return uint32_t(m_txo);
  });
  m_regs.define("RXOICR", kRxoicr, 0).field("RXOICR", 0, 1, Access::RO).on_read([this] {
    return uint32_t(m_rxo);
  });
  m_regs.define("RXUICR", kRxuicr, 0).field("RXUICR", 0, 1, Access::RO).on_read([this] {
    return uint32_t(m_rxu);
  });
  m_regs.define("MSTICR", kMsticr, 0).field("MSTICR", 0, 1, Access::RO);
  m_regs.define("ICR", kIcr, 0).field("ICR", 0, 1, Access::RO).on_read([this] {
    return uint32_t(m_txo || m_rxo || m_rxu);
  });
  m_regs.define("DMACR", kDmacr, 0).field("RDMAE", 0, 1).field("TDMAE", 1, 1);
  m_regs.define("DMATDLR", kDmatdlr, 0).field("DMATDL", 0, 8);
  m_regs.define("DMARDLR", kDmardlr, 0).field("DMARDL", 0, 8);
  m_regs.define("IDR", 0x58, 0x51535049).access(Access::RO);
  m_regs.define("SSI_VERSION_ID", 0x5c, 0x3430312a).access(Access::RO);
  for (uint32_t off = kDr0; off <= kDrLast; off += 4) {
    // The data registers: reads pop the RX FIFO and writes push the TX FIFO (in read() and
    // write()); this view shows the oldest received frame.
    m_regs.define("DR" + std::to_string((off - kDr0) / 4), off, 0).on_read([this] {
      return m_rx.empty() ? 0u : m_rx.front();
    });
  }
  locked(m_regs.define("RX_SAMPLE_DLY", kRxSampleDly, 0).field("RSD", 0, 8));
  locked(m_regs.define("SPI_CTRLR0", kSpiCtrlr0, 0x03000000)
             .field("TRANS_TYPE", 0, 2)
             .field("ADDR_L", 2, 4)
             .field("INST_L", 8, 2)
             .field("WAIT_CYCLES", 11, 5)
             .field("SPI_DDR_EN", 16, 1)
             .field("INST_DDR_EN", 17, 1)
             .field("SPI_RXDS_EN", 18, 1)
             .field("XIP_CMD", 24, 8));
  m_regs.define("TXD_DRIVE_EDGE", 0xf8, 0).field("TDE", 0, 8);
}

uint64_t Ssi::now() const {
  return m_sched ? m_sched->now() : 0;
}

void Ssi::warn(const std::string& key, const std::string& message) {
  if (m_diag) m_diag->warn("ssi:" + key, message);
}

Ssi::Config Ssi::config() const {
  const uint32_t c0 = m_regs.at(kCtrlr0).value();
  const uint32_t spi = m_regs.at(kSpiCtrlr0).value();
  Config c;
  c.frame_bits = ((c0 >> 16) & 0x1f) + 1;
  c.frf = (c0 >> 4) & 3;
  c.scph = c0 & (1u << 6);
  c.scpol = c0 & (1u << 7);
  c.tmod = (c0 >> 8) & 3;
  c.srl = c0 & (1u << 11);
  c.spi_frf = (c0 >> 21) & 3;
  c.sste = c0 & (1u << 24);
  c.ndf = m_regs.at(kCtrlr1).value() & 0xffff;
  c.sckdv = m_regs.at(kBaudr).value() & 0xfffe;
  c.trans_type = spi & 3;
  c.addr_bits = ((spi >> 2) & 0xf) * 4;
  const unsigned inst_l = (spi >> 8) & 3;
  c.inst_bits = inst_l == 0 ? 0 : inst_l == 1 ? 4 : inst_l == 2 ? 8 : 16;
  c.wait = (spi >> 11) & 0x1f;
  c.ddr = spi & (3u << 16);
  c.xip_cmd = uint8_t(spi >> 24);
  return c;
}

QspiPins Ssi::pins() const {
  QspiPins p;
  if (m_io) m_io->apply(p);
  if (m_pads) m_pads->apply(p);
  return p;
}

void Ssi::reset() {
  // A power-on reset restarts the scheduler's time: transfers are worked out from now on.
  const uint64_t t = now();
  if (m_flash && t >= m_cursor) advance(t);
  m_cursor = t;
  if (m_sched) m_sched->cancel(m_xip_check);
  Device::reset();
  m_txo = m_rxo = m_rxu = false;
  abort();
  update_dma();
}

void Ssi::boot_rom_state() {
  sync();
  abort();
  m_regs.at(kSsienr).set(0);
  m_regs.at(kBaudr).set(6);
  m_regs.at(kCtrlr0).set(7u << 16);  // 8-bit frames, TX_AND_RX, standard SPI
  m_regs.at(kSer).set(1);
  m_regs.at(kSsienr).set(1);
  update_dma();
}

void Ssi::sync() {
  if (m_flash) advance(now());
  update_dma();
}

void Ssi::pins_changed() {
  if (!m_flash) return;
  const uint64_t t = std::max(m_cursor, now());
  try_start(t);
  update_cs(t);
  update_dma();
}

void Ssi::update_dma() {
  if (!m_dreqs) return;
  const uint32_t dmacr = m_regs.at(kDmacr).value();
  const bool on = enabled();
  const bool tx = on && (dmacr & 2) && m_tx.size() <= (m_regs.at(kDmatdlr).value() & 0xff);
  const bool rx = on && (dmacr & 1) && m_rx.size() >= (m_regs.at(kDmardlr).value() & 0xff) + 1;
  if (tx != m_dreq_tx) {
    m_dreq_tx = tx;
    m_dreqs->set_dreq_level(kDreqXipSsiTx, tx);
  }
  if (rx != m_dreq_rx) {
    m_dreq_rx = rx;
    m_dreqs->set_dreq_level(kDreqXipSsiRx, rx);
  }
  // Transfers are worked out lazily, at accesses; with DMA requests on, the end of each step is
  // an event, since a FIFO level the DMA waits for may change there.
  if (!m_sched) return;
  if (!(dmacr & 3) || !m_active || !m_flash) {
    m_sched->cancel(m_dma_step);
    return;
  }
  if (m_dma_step.valid() && m_dma_step.cycle == m_step_end) return;
  m_sched->cancel(m_dma_step);
  m_dma_step = m_sched->at(m_step_end, [this] {
    m_dma_step = EventId{};
    advance(now());
    update_dma();
  });
}

bool Ssi::read(uint32_t offset, uint32_t& value) {
  if (!m_flash) return Device::read(offset, value);
  advance(now());
  if (m_dreqs) update_dma();  // the FIFOs may have moved
  if (offset >= kDr0 && offset <= kDrLast) {
    value = pop_rx();
    update_dma();
    return true;
  }
  switch (offset) {
    case kTxoicr:
      value = m_txo;
      m_txo = false;
      return true;
    case kRxoicr:
      value = m_rxo;
      m_rxo = false;
      return true;
    case kRxuicr:
      value = m_rxu;
      m_rxu = false;
      return true;
    case kIcr:
      value = m_txo || m_rxo || m_rxu;
      m_txo = m_rxo = m_rxu = false;
      return true;
    default:
      return Device::read(offset, value);
  }
}

bool Ssi::write(uint32_t offset, uint32_t value, uint32_t mask) {
  if (!m_flash) return Device::write(offset, value, mask);
  advance(now());
  bool ok = true;
  if (offset >= kDr0 && offset <= kDrLast) {
    if (m_sched) m_sched->cancel(m_xip_check);  // a command, not an XIP set-up
    push_tx(value);
  } else {
    ok = Device::write(offset, value, mask);
  }
  update_dma();
  return ok;
}

void Ssi::on_enable_change(bool on) {
  if (m_sched) m_sched->cancel(m_xip_check);
  if (!on) {
    // Disabling halts transfers at once and empties both FIFOs (DW_apb_ssi).
    abort();
    return;
  }
  if (m_flash && config().reads()) schedule_xip_check();
}

void Ssi::abort() {
  m_tx.clear();
  m_rx.clear();
  m_active = false;
  m_receiving = false;
  m_step = Step::None;
  if (m_flash) update_cs(std::max(m_cursor, now()));
}

void Ssi::push_tx(uint32_t value) {
  if (!enabled()) {
    warn("dr-disabled", fmt::format("XIP_SSI.DR0 written while SSIENR = 0: the FIFOs are held "
                                    "empty, the data is dropped, {}",
                                    m_diag ? m_diag->where() : ""));
    return;
  }
  if (m_tx.size() >= kFifoDepth) {
    m_txo = true;
    return;
  }
  m_tx.push_back(value);
  try_start(std::max(m_cursor, now()));
}

uint32_t Ssi::pop_rx() {
  if (m_rx.empty()) {
    m_rxu = true;
    return 0;
  }
  const uint32_t v = m_rx.front();
  m_rx.pop_front();
  return v;
}

void Ssi::push_rx(uint32_t value) {
  if (m_rx.size() >= kFifoDepth) {
    m_rxo = true;
    return;
  }
  m_rx.push_back(value);
}

uint32_t Ssi::raw_interrupts() const {
  uint32_t v = 0;
  if (m_tx.size() <= (m_regs.at(kTxftlr).value() & 0xff)) v |= 1u << 0;  // TXE
  if (m_txo) v |= 1u << 1;
  if (m_rxu) v |= 1u << 2;
  if (m_rxo) v |= 1u << 3;
  if (m_rx.size() > (m_regs.at(kRxftlr).value() & 0xff)) v |= 1u << 4;  // RXF
  return v;
}

// --- Transfers --------------------------------------------------------------------------------

void Ssi::advance(uint64_t t) {
  if (t < m_cursor) t = m_cursor;  // the other core may lag behind within a quantum
  m_cursor = t;
  while (m_active && m_step_end <= t) {
    const uint64_t e = m_step_end;
    finish_step(e);
    if (!m_active) break;
    if (!start_step(e)) end_transfer(e);
  }
}

void Ssi::try_start(uint64_t t) {
  if (m_active || !m_flash || !enabled() || !(ser() & 1)) return;
  const Config c = config();
  if (c.sckdv == 0) {
    if (!m_tx.empty())
      warn("sckdv0", "XIP_SSI.BAUDR.SCKDV = 0: the serial clock is off, transfers never start");
    return;
  }
  size_t needed = 1;
  if (c.wide()) needed = std::max(1u, c.header_entries()) + (c.tmod == kTxOnly ? 1 : 0);
  if (m_tx.size() < needed) return;
  if (c.frf != 0)
    warn("frf",
         "XIP_SSI.CTRLR0.FRF selects the TI or Microwire frame format: vpico runs it as "
         "Motorola SPI");
  if (c.scph != c.scpol)
    warn("spi-mode",
         "XIP_SSI in SPI clock mode 1 or 2 (SCPH != SCPOL): the flash samples on "
         "the other edge and a real transfer would be corrupted; vpico runs it "
         "as mode 0");
  if (c.frame_bits < 4)
    warn("dfs", fmt::format("XIP_SSI.CTRLR0.DFS_32 = {}: frames under 4 bits are not valid",
                            c.frame_bits - 1));
  if (c.spi_frf == 3)
    warn("spi-frf", "XIP_SSI.CTRLR0.SPI_FRF = 3 is reserved: run as standard SPI");
  m_active = true;
  m_receiving = false;
  m_header_sent = false;
  m_step = Step::None;
  update_cs(t);
  if (!start_step(t)) end_transfer(t);
}

// Puts the next step of the transfer on the wire from cycle t; false when the transfer is over.
bool Ssi::start_step(uint64_t t) {
  const Config c = config();
  const bool first = m_step == Step::None;
  auto begin = [&](Step s, unsigned clocks) {
    m_step = s;
    m_step_end = t + uint64_t(clocks) * c.sckdv;
    return true;
  };
  auto receive = [&](Step s, unsigned lines) {
    if (!m_receiving) {
      m_receiving = true;
      m_rx_left = c.ndf + 1;
    }
    if (m_rx_left == 0) return false;
    --m_rx_left;
    return begin(s, c.clocks(c.frame_bits, lines));
  };
  if (!c.wide()) {
    if (c.tmod == kRxOnly && first && !m_tx.empty()) m_tx.pop_front();  // the start trigger
    if (c.tmod == kRxOnly || (c.tmod == kEepromRead && (m_receiving || m_tx.empty())))
      return receive(Step::RxFrame, 1);
    if (m_tx.empty()) return false;
    if (!first && c.sste && !c.scph) {
      // SSTE: chip select goes high for a moment between frames.
      m_active = false;
      update_cs(t);
      m_active = true;
      update_cs(t);
    }
    m_frame = m_tx.front();
    m_tx.pop_front();
    return begin(Step::Frame, c.frame_bits);
  }
  if (!m_header_sent) {
    m_header_sent = true;
    m_inst = m_addr = 0;
    if (c.inst_bits && !m_tx.empty()) {
      m_inst = m_tx.front();
      m_tx.pop_front();
    }
    if (c.addr_bits && !m_tx.empty()) {
      m_addr = m_tx.front();
      m_tx.pop_front();
    }
    if (c.header_entries() == 0 && !m_tx.empty()) m_tx.pop_front();  // the start trigger
    return begin(Step::Header, c.clocks(c.inst_bits, c.inst_width()) +
                                   c.clocks(c.addr_bits, c.addr_width()) + c.wait);
  }
  if (c.reads()) return receive(Step::WideRx, c.width());
  if (c.tmod == kTxAndRx)
    warn("wide-txrx",
         "XIP_SSI: TX_AND_RX with SPI_FRF dual/quad is not a valid combination; "
         "run as TX_ONLY");
  if (m_tx.empty()) return false;
  m_frame = m_tx.front();
  m_tx.pop_front();
  return begin(Step::WideTx, c.clocks(c.frame_bits, c.width()));
}

// The step that ends at cycle t has happened on the wire: exchange its bits with the flash.
void Ssi::finish_step(uint64_t t) {
  const Config c = config();
  const QspiPins p = pins();
  m_flash->set_time(t);
  switch (m_step) {
    case Step::Frame: {
      const uint32_t in = c.srl ? m_frame : shift_serial(p, m_frame, c.frame_bits);
      if (c.tmod == kTxAndRx) push_rx(low_bits(in, c.frame_bits));
      break;
    }
    case Step::RxFrame:
      push_rx(shift_in(p, c.frame_bits, 1));
      break;
    case Step::Header:
      if (c.inst_bits) shift_out(p, m_inst, c.inst_bits, c.inst_width());
      if (c.addr_bits) shift_out(p, m_addr, c.addr_bits, c.addr_width());
      idle_clocks(p, c.wait);
      if (c.ddr)
        warn("ddr", "XIP_SSI.SPI_CTRLR0 asks for DDR transfers: not modelled (run as SDR)");
      break;
    case Step::WideRx:
      push_rx(shift_in(p, c.frame_bits, c.width()));
      break;
    case Step::WideTx:
      shift_out(p, m_frame, c.frame_bits, c.width());
      break;
    case Step::None:
      break;
  }
}

void Ssi::end_transfer(uint64_t t) {
  m_active = false;
  m_receiving = false;
  m_step = Step::None;
  update_cs(t);
  try_start(t);  // entries pushed during a receive phase start the next transfer
}

void Ssi::update_cs(uint64_t t) {
  if (!m_flash) return;
  const bool low = !pins().ss_level(ss_n());
  if (low == m_cs_low) return;
  m_cs_low = low;
  if (low)
    m_flash->select(t);
  else
    m_flash->deselect(t);
}

// --- Bits on the wire -------------------------------------------------------------------------

uint8_t Ssi::clock(const QspiPins& p, uint8_t out, uint8_t oe) {
  uint8_t pad_out, pad_oe;
  p.drive(out, oe, pad_out, pad_oe);
  uint8_t levels;
  if (p.sclk) {
    levels = m_flash->clock(pad_out, pad_oe, p.pull);
  } else {
    levels = uint8_t(((pad_out & pad_oe) | (p.pull & ~pad_oe)) & 0xf);
    warn("sclk",
         "the flash gets no SCLK: IO_QSPI/PADS_QSPI do not pass the SSI's clock to the "
         "pin (GPIO_QSPI_SCLK_CTRL FUNCSEL/OUTOVER/OEOVER or the pad's OD)");
  }
  return p.sample(levels);
}

uint32_t Ssi::shift_serial(const QspiPins& p, uint32_t value, unsigned bits) {
  uint32_t in = 0;
  for (unsigned i = bits; i-- > 0;) {
    const uint8_t lines = clock(p, uint8_t((value >> i) & 1), 0x1);
    in = (in << 1) | ((lines >> 1) & 1);
  }
  return in;
}

void Ssi::shift_out(const QspiPins& p, uint32_t value, unsigned bits, unsigned width) {
  const uint8_t oe = uint8_t((1u << width) - 1);
  const unsigned clocks = (bits + width - 1) / width;
  for (unsigned k = clocks; k-- > 0;) {
    const unsigned shift = k * width;
    clock(p, uint8_t(shift >= 32 ? 0 : (value >> shift) & oe), oe);
  }
}

uint32_t Ssi::shift_in(const QspiPins& p, unsigned bits, unsigned width) {
  uint32_t in = 0;
  const unsigned clocks = (bits + width - 1) / width;
  for (unsigned k = 0; k < clocks; ++k) {
    const uint8_t lines = clock(p, 0, 0);
    if (width == 1)
      in = (in << 1) | ((lines >> 1) & 1);  // standard SPI: the flash answers on SD1
    else
      in = (in << width) | (lines & ((1u << width) - 1));
  }
  return low_bits(in, bits);
}

void Ssi::idle_clocks(const QspiPins& p, unsigned n) {
  for (unsigned i = 0; i < n; ++i)
    clock(p, 0, 0);
}

// --- XIP configuration check ------------------------------------------------------------------

void Ssi::schedule_xip_check() {
  if (!m_sched) return;
  m_sched->cancel(m_xip_check);
  m_xip_check = m_sched->after(kXipCheckDelay, [this] {
    m_xip_check = EventId{};
    check_xip();
  });
}

// Plays one XIP read the way the SSI would issue it for a bus access against the flash, as a dry
// run, and warns when a real chip would not return the flash contents. The XIP request is the
// 24-bit address left-aligned in a 32-bit word, with XIP_CMD in the low byte when INST_L = 0
// (the mode bits of a continuous read); the SSI sends its top ADDR_L*4 bits.
void Ssi::check_xip() {
  if (!m_flash || !enabled() || !config().reads()) return;
  advance(now());
  const Config c = config();
  const QspiPins p = pins();
  std::vector<std::string> problems;
  if (!(ser() & 1)) problems.push_back("SER = 0: no slave is selected, XIP reads never start");
  if (c.sckdv == 0) problems.push_back("BAUDR.SCKDV = 0: the serial clock is off");
  if (!p.sclk) problems.push_back("IO_QSPI/PADS_QSPI do not pass SCLK to the flash");
  if (p.ss_level(false)) problems.push_back("chip select cannot go low (GPIO_QSPI_SS overrides)");
  if (!p.ss_level(true))
    problems.push_back(
        "chip select is held low (GPIO_QSPI_SS_CTRL.OUTOVER): XIP reads would "
        "not be framed as separate commands");
  if (c.scph != c.scpol) problems.push_back("SPI clock mode 1 or 2 (SCPH != SCPOL)");
  if (c.ddr) problems.push_back("DDR transfers are not modelled");
  if (m_active || m_cs_low) problems.push_back("a serial transfer is still under way");

  if (problems.empty()) {
    const std::span<const uint8_t> mem = m_flash->contents();
    const uint64_t t = m_cursor;
    m_flash->begin_probe();
    for (uint32_t addr : {0x000000u, 0x000100u}) {
      if (mem.empty()) break;
      addr &= uint32_t(mem.size() - 1);
      m_flash->select(t);
      if (c.inst_bits) {
        const uint32_t inst = c.inst_bits == 16 ? uint32_t(c.xip_cmd) << 8 : c.xip_cmd;
        shift_out(p, inst, c.inst_bits, c.inst_width());
      }
      if (c.addr_bits) {
        const uint32_t word = c.inst_bits ? addr << 8 : (addr << 8) | c.xip_cmd;
        const uint32_t bits = std::min(c.addr_bits, 32u);
        shift_out(p, bits == 32 ? word : word >> (32 - bits), bits, c.addr_width());
      }
      idle_clocks(p, c.wait);
      std::vector<uint8_t> got;
      for (uint32_t f = 0; f <= c.ndf && f < 4; ++f) {
        const uint32_t frame = shift_in(p, c.frame_bits, c.width());
        for (unsigned b = c.frame_bits; b >= 8; b -= 8)
          got.push_back(uint8_t(frame >> (b - 8)));
      }
      m_flash->deselect(t);
      bool same = c.frame_bits % 8 == 0;
      for (size_t i = 0; same && i < got.size(); ++i)
        same = got[i] == mem[(addr + i) & (mem.size() - 1)];
      if (!same) {
        std::string want, have;
        for (size_t i = 0; i < got.size() && i < 8; ++i) {
          want += fmt::format("{:02x}", mem[(addr + i) & (mem.size() - 1)]);
          have += fmt::format("{:02x}", got[i]);
        }
        problems.push_back(
            fmt::format("an XIP read at flash offset 0x{:06x} would return {} "
                        "instead of {}",
                        addr, have, want));
        break;
      }
    }
    for (std::string& s : m_flash->end_probe())
      problems.insert(problems.begin(), std::move(s));
  }
  if (problems.empty()) return;
  std::string all;
  for (const std::string& s : problems)
    all += (all.empty() ? "" : "; ") + s;
  warn("xip:" + problems.front().substr(0, 40),
       fmt::format("XIP_SSI: this XIP set-up would not read the flash on a real RP2040 (vpico "
                   "keeps serving XIP reads from the flash image): {} [CTRLR0 0x{:08x}, "
                   "SPI_CTRLR0 0x{:08x}, BAUDR {}]",
                   all, m_regs.at(kCtrlr0).value(), m_regs.at(kSpiCtrlr0).value(), c.sckdv));
}

}  // namespace vpico::rp2040
