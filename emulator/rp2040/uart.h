// UART0/UART1, ARM PrimeCell PL011 (datasheet 4.2). Modelled: data register with the 32-entry
// TX and RX FIFOs (or 1-entry holding registers when LCR_H.FEN=0), the flag register, baud rate
// divisors latched by an LCR_H write, frame timing in clk_sys cycles derived from clk_peri,
// interrupts (RX and TX set on FIFO level transitions, receive timeout, overrun) with masks and the
// IRQ line, the PrimeCell ID registers. Not modelled: modem lines, break, parity/framing errors
// (the host side never sends bad frames), IrDA. DMA requests (datasheet 4.2, the PL011 TRM's DMA
// interface; single requests): TX while the TX FIFO is not full, RX while the RX FIFO is not empty,
// each gated by UARTDMACR.TXDMAE/RXDMAE; with DMAONERR, an error interrupt (overrun) holds the RX
// request low.
#pragma once

#include <deque>
#include <functional>

#include "device.h"
#include "scheduler.h"
#include "serial_port.h"

namespace vpico::rp2040 {

class Uart : public Device {
 public:
  Uart(unsigned index, Scheduler& scheduler, SerialPort& port, IrqSink& irqs,
       std::function<uint32_t()> peri_hz, std::function<uint32_t()> sys_hz);
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;

  // The DMA's request lines (DREQ_UART0_TX/RX or DREQ_UART1_TX/RX).
  void attach_dreq(DreqSink& dreqs) {
    m_dreqs = &dreqs;
    update_dreq();
  }
  bool enabled() const { return m_regs.at(0x030).value() & 1; }
  // Nothing waiting to be sent or being sent.
  bool tx_idle() const { return m_tx.empty() && !m_tx_busy; }
  // clk_sys cycles one frame takes at the latched baud rate (0 when the UART cannot run).
  uint64_t frame_cycles() const;

 private:
  bool fifo_enabled() const { return m_regs.at(0x02c).value() & (1u << 4); }
  size_t fifo_depth() const { return fifo_enabled() ? 32 : 1; }
  void write_data(uint32_t value);
  uint32_t read_data();
  void start_tx();
  void tx_done();
  void poll_rx();
  void rx_done();
  void update_irq();
  void update_dreq();
  uint32_t raw_interrupts() const;
  void update_fifo_interrupts();
  void arm_rx_timeout();

  unsigned m_index;
  Scheduler& m_sched;
  SerialPort& m_port;
  IrqSink& m_irqs;
  std::function<uint32_t()> m_peri_hz, m_sys_hz;

  std::deque<uint8_t> m_tx;
  std::deque<uint16_t> m_rx;  // data + error bits 8..11
  bool m_tx_busy = false, m_rx_busy = false;
  EventId m_tx_event, m_rx_event, m_rt_event;
  uint32_t m_ibrd = 0, m_fbrd = 0;  // latched by an LCR_H write
  uint32_t m_ris = 0;               // latched interrupt bits: TX (5), RX (4), RT (6), OE (10)
  bool m_tx_low = true, m_rx_high = false;  // FIFO levels against the triggers, last seen
  bool m_irq_level = false;
  DreqSink* m_dreqs = nullptr;
  bool m_dreq_tx = false, m_dreq_rx = false;
};

}  // namespace vpico::rp2040
