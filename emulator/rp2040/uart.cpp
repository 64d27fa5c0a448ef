#include "uart.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

namespace {
constexpr uint32_t kDR = 0x000, kRSR = 0x004, kFR = 0x018, kILPR = 0x020, kIBRD = 0x024,
                   kFBRD = 0x028, kLCR_H = 0x02c, kCR = 0x030, kIFLS = 0x034, kIMSC = 0x038,
                   kRIS = 0x03c, kMIS = 0x040, kICR = 0x044, kDMACR = 0x048;
// Interrupt bits (UARTRIS): RX 4, TX 5, RT 6, FE 7, PE 8, BE 9, OE 10.
constexpr uint32_t kRxI = 1u << 4, kTxI = 1u << 5, kRtI = 1u << 6, kOeI = 1u << 10;
// FIFO trigger levels for IFLS values 0..4: 1/8, 1/4, 1/2, 3/4, 7/8 of 32 (PL011 TRM 3.3.14).
constexpr unsigned kLevels[8] = {4, 8, 16, 24, 28, 16, 16, 16};
}  // namespace

Uart::Uart(unsigned index, Scheduler& scheduler, SerialPort& port, IrqSink& irqs,
           std::function<uint32_t()> peri_hz, std::function<uint32_t()> sys_hz)
    : Device(index ? "UART1" : "UART0", index ? kUart1Base : kUart0Base),
      m_index(index),
      m_sched(scheduler),
      m_port(port),
      m_irqs(irqs),
      m_peri_hz(std::move(peri_hz)),
      m_sys_hz(std::move(sys_hz)) {
  m_regs.define("UARTDR", kDR, 0)
      .field("DATA", 0, 8)
      .field("FE", 8, 1)
      .field("PE", 9, 1)
      .field("BE", 10, 1)
      .field("OE", 11, 1);
  m_regs.define("UARTRSR", kRSR, 0)
      .field("FE", 0, 1, Access::W1C)
      .field("PE", 1, 1, Access::W1C)
      .field("BE", 2, 1, Access::W1C)
      .field("OE", 3, 1, Access::W1C);
  m_regs.define("UARTFR", kFR, 0x90).access(Access::RO).on_read([this]() -> uint32_t {
    uint32_t v = 0;
    if (m_tx_busy || !m_tx.empty()) v |= 1u << 3;   // BUSY
    if (m_rx.empty()) v |= 1u << 4;                 // RXFE
    if (m_tx.size() >= fifo_depth()) v |= 1u << 5;  // TXFF
    if (m_rx.size() >= fifo_depth()) v |= 1u << 6;  // RXFF
    if (m_tx.empty()) v |= 1u << 7;                 // TXFE
    return v;
  });
  m_regs.define("UARTILPR", kILPR, 0).field("ILPDVSR", 0, 8);
  m_regs.define("UARTIBRD", kIBRD, 0).field("BAUD_DIVINT", 0, 16);
  m_regs.define("UARTFBRD", kFBRD, 0).field("BAUD_DIVFRAC", 0, 6);
  m_regs.define("UARTLCR_H", kLCR_H, 0)
      .field("BRK", 0, 1)
      .field("PEN", 1, 1)
      .field("EPS", 2, 1)
      .field("STP2", 3, 1)
      .field("FEN", 4, 1)
      .field("WLEN", 5, 2)
      .field("SPS", 7, 1)
      .on_write([this](uint32_t, uint32_t) {
        // PL011 TRM 3.3.6: the divisors take effect on a write to LCR_H.
        m_ibrd = m_regs.at(kIBRD).value();
        m_fbrd = m_regs.at(kFBRD).value();
        update_irq();
      });
  m_regs.define("UARTCR", kCR, 0x300)
      .field("UARTEN", 0, 1)
      .field("SIREN", 1, 1)
      .field("SIRLP", 2, 1)
      .field("LBE", 7, 1)
      .field("TXE", 8, 1)
      .field("RXE", 9, 1)
      .field("DTR", 10, 1)
      .field("RTS", 11, 1)
      .field("OUT1", 12, 1)
      .field("OUT2", 13, 1)
      .field("RTSEN", 14, 1)
      .field("CTSEN", 15, 1)
      .on_write([this](uint32_t, uint32_t) {
        start_tx();
        poll_rx();
      });
  m_regs.define("UARTIFLS", kIFLS, 0x12)
      .field("TXIFLSEL", 0, 3)
      .field("RXIFLSEL", 3, 3)
      .on_write([this](uint32_t, uint32_t) { update_irq(); });
  m_regs.define("UARTIMSC", kIMSC, 0).field("MASK", 0, 11).on_write([this](uint32_t, uint32_t) {
    update_irq();
  });
  m_regs.define("UARTRIS", kRIS, 0).field("RIS", 0, 11, Access::RO).on_read([this] {
    return raw_interrupts();
  });
  m_regs.define("UARTMIS", kMIS, 0).field("MIS", 0, 11, Access::RO).on_read([this] {
    return raw_interrupts() & m_regs.at(kIMSC).value();
  });
  m_regs.define("UARTICR", kICR, 0)
      .field("ICR", 0, 11, Access::WO)
      .on_write([this](uint32_t, uint32_t v) {
        m_ris &= ~v;
        update_irq();
      });
  m_regs.define("UARTDMACR", kDMACR, 0)
      .field("RXDMAE", 0, 1)
      .field("TXDMAE", 1, 1)
      .field("DMAONERR", 2, 1)
      .on_write([this](uint32_t, uint32_t) { update_dreq(); });
  // PrimeCell identification (PL011 r1p5, datasheet 4.2.8).
  const uint32_t ids[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
  const char* id_names[8] = {"UARTPERIPHID0", "UARTPERIPHID1", "UARTPERIPHID2", "UARTPERIPHID3",
                             "UARTPCELLID0",  "UARTPCELLID1",  "UARTPCELLID2",  "UARTPCELLID3"};
  for (unsigned i = 0; i < 8; ++i)
    m_regs.define(id_names[i], 0xfe0 + 4 * i, ids[i]).field("ID", 0, 8, Access::RO);
  port.set_input_notifier([this] { poll_rx(); });
}

bool Uart::read(uint32_t offset, uint32_t& value) {
  if (offset == kDR) {
    value = read_data();
    return true;
  }
  return Device::read(offset, value);
}

bool Uart::write(uint32_t offset, uint32_t value, uint32_t mask) {
  if (offset == kDR) {
    write_data(value & mask);
    return true;
  }
  return Device::write(offset, value, mask);
}

void Uart::reset() {
  Device::reset();
  m_tx.clear();
  m_rx.clear();
  m_tx_busy = m_rx_busy = false;
  m_sched.cancel(m_tx_event);
  m_sched.cancel(m_rx_event);
  m_sched.cancel(m_rt_event);
  m_ibrd = m_fbrd = 0;
  m_ris = 0;
  m_tx_low = true;  // empty, at or below any trigger level: no transition yet
  m_rx_high = false;
  update_irq();
}

uint64_t Uart::frame_cycles() const {
  const uint32_t peri = m_peri_hz ? m_peri_hz() : 0, sys = m_sys_hz ? m_sys_hz() : 0;
  const uint32_t div64 = (m_ibrd << 6) + m_fbrd;  // baud divisor in 1/64ths
  if (!peri || !sys || m_ibrd == 0) return 0;
  const uint32_t lcr = m_regs.at(kLCR_H).value();
  const unsigned bits = 1 + (5 + ((lcr >> 5) & 3)) + ((lcr >> 1) & 1) + ((lcr >> 3) & 1 ? 2 : 1);
  // frame = bits x 16 x divisor UARTCLK periods (PL011 TRM 3.3.6), converted to clk_sys.
  const uint64_t peri_ticks64 = uint64_t(bits) * 16 * div64;
  return (peri_ticks64 * sys + uint64_t(peri) * 64 - 1) / (uint64_t(peri) * 64);
}

void Uart::write_data(uint32_t value) {
  if (m_tx.size() >= fifo_depth()) return;  // written while full: the data is lost
  m_tx.push_back(uint8_t(value));
  start_tx();
  update_irq();
}

void Uart::start_tx() {
  const uint32_t cr = m_regs.at(kCR).value();
  if (m_tx_busy || m_tx.empty() || !(cr & 1) || !(cr & (1u << 8))) return;
  uint64_t cycles = frame_cycles();
  if (!cycles) return;  // no clock or no baud rate: the transmitter never starts
  m_tx_busy = true;
  m_tx_event = m_sched.after(cycles, [this] { tx_done(); });
}

void Uart::tx_done() {
  m_tx_event = EventId{};
  m_tx_busy = false;
  uint8_t byte = m_tx.front();
  m_tx.pop_front();
  const uint32_t cr = m_regs.at(kCR).value();
  if (cr & (1u << 7)) {  // loopback: TX feeds RX
    if (m_rx.size() < fifo_depth()) m_rx.push_back(byte);
  } else {
    m_port.transmit(byte);
  }
  start_tx();
  update_irq();
}

void Uart::poll_rx() {
  const uint32_t cr = m_regs.at(kCR).value();
  if (m_rx_busy || !m_port.has_input() || !(cr & 1) || !(cr & (1u << 9))) return;
  uint64_t cycles = frame_cycles();
  if (!cycles) return;
  m_rx_busy = true;
  m_rx_event = m_sched.after(cycles, [this] { rx_done(); });
}

void Uart::rx_done() {
  m_rx_event = EventId{};
  m_rx_busy = false;
  uint8_t byte = m_port.take_input();
  if (m_rx.size() >= fifo_depth()) {
    m_ris |= kOeI;  // overrun: the FIFO keeps its contents, the new byte is lost
    m_regs.at(kRSR).set_bits(1u << 3, true);
  } else {
    m_rx.push_back(byte);
  }
  arm_rx_timeout();
  poll_rx();
  update_irq();
}

void Uart::arm_rx_timeout() {
  // Receive timeout: the RX FIFO is not empty and nothing arrived for 32 bit periods.
  m_sched.cancel(m_rt_event);
  uint64_t frame = frame_cycles();
  if (!frame || m_rx.empty()) return;
  const uint32_t lcr = m_regs.at(kLCR_H).value();
  const unsigned bits = 1 + (5 + ((lcr >> 5) & 3)) + ((lcr >> 1) & 1) + ((lcr >> 3) & 1 ? 2 : 1);
  m_rt_event = m_sched.after(frame * 32 / bits, [this] {
    m_rt_event = EventId{};
    if (!m_rx.empty()) m_ris |= kRtI;
    update_irq();
  });
}

uint32_t Uart::read_data() {
  if (m_rx.empty()) return 0;
  uint16_t v = m_rx.front();
  m_rx.pop_front();
  m_ris &= ~kRtI;
  arm_rx_timeout();
  poll_rx();
  update_irq();
  return v;
}

uint32_t Uart::raw_interrupts() const {
  return m_ris;
}

// The TX and RX interrupts change state on FIFO level transitions (PL011 TRM 3.4.4, 3.4.5):
// TXRIS rises when the TX FIFO drops to or below its trigger level (without FIFOs: when the
// holding register empties) and falls when writes take it above the level again; RXRIS rises
// when the RX FIFO reaches its trigger level (without FIFOs: a byte arrives) and falls when reads
// take it below. UARTICR clears either at any time. So after reset, with nothing yet sent,
// TXRIS reads 0: drivers write the first bytes and take the interrupt when the FIFO drains.
void Uart::update_fifo_interrupts() {
  const uint32_t ifls = m_regs.at(kIFLS).value();
  const bool tx_low = fifo_enabled() ? m_tx.size() <= kLevels[ifls & 7] : m_tx.empty();
  const bool rx_high = fifo_enabled() ? m_rx.size() >= kLevels[(ifls >> 3) & 7] : !m_rx.empty();
  if (tx_low && !m_tx_low) m_ris |= kTxI;
  if (!tx_low) m_ris &= ~kTxI;
  if (rx_high && !m_rx_high) m_ris |= kRxI;
  if (!rx_high) m_ris &= ~kRxI;
  m_tx_low = tx_low;
  m_rx_high = rx_high;
}

void Uart::update_dreq() {
  if (!m_dreqs) return;
  const uint32_t dmacr = m_regs.at(kDMACR).value();
  const bool tx = (dmacr & 2) && m_tx.size() < fifo_depth();
  // DMAONERR: an error interrupt (only overrun is modelled) stops RX requests.
  const bool rx = (dmacr & 1) && !m_rx.empty() && !((dmacr & 4) && (m_ris & kOeI));
  const unsigned base = m_index ? kDreqUart1Tx : kDreqUart0Tx;
  if (tx != m_dreq_tx) {
    m_dreq_tx = tx;
    m_dreqs->set_dreq_level(base, tx);
  }
  if (rx != m_dreq_rx) {
    m_dreq_rx = rx;
    m_dreqs->set_dreq_level(base + 1, rx);
  }
}

void Uart::update_irq() {
  update_fifo_interrupts();
  update_dreq();
  bool level = (raw_interrupts() & m_regs.at(kIMSC).value()) != 0;
  if (level == m_irq_level) return;
  m_irq_level = level;
  m_irqs.set_irq_level(m_index ? kUart1Irq : kUart0Irq, level);
}

}  // namespace vpico::rp2040
