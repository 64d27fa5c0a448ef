// SPI0/SPI1, ARM PrimeCell PL022 SSP (datasheet 4.4). Modelled, master mode: SSPCR0 (data size
// 4-16 bits, SCR), SSPCR1 (SSE, LBM loopback), the 8-entry TX and RX FIFOs behind SSPDR, SSPSR,
// the bit rate clk_peri / (CPSDVSR * (1 + SCR)) with frames taking (DSS + 1) bit periods in
// clk_sys cycles, the interrupts (TX FIFO at most half full, RX FIFO at least half full, receive
// timeout after 32 bit periods without a frame, receive overrun), the SPI IRQ line, DMA requests
// (TX while the TX FIFO has room, RX while the RX FIFO holds data, each gated by SSPDMACR), and
// the PrimeCell ID registers. The data a frame receives comes from `exchange` (the machine
// routes it to the parts on the pins; LBM loops TX back instead).
// Not modelled: slave mode (SSPCR1.MS = 1: reported, frames still run as a master), the TI and
// Microwire frame formats' pin timing (data flows as in Motorola format), SOD.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class Spi : public Device {
 public:
  Spi(unsigned index, Scheduler& scheduler, IrqSink& irqs, DreqSink& dreqs,
      std::function<uint32_t()> peri_hz, std::function<uint32_t()> sys_hz);
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;

  bool enabled() const { return m_regs.at(0x04).value() & 2; }
  bool clock_polarity_high() const { return m_regs.at(0x00).value() & (1u << 6); }
  unsigned frame_bits() const { return (m_regs.at(0x00).value() & 0xf) + 1; }
  // clk_sys cycles one frame takes (0 when the bit rate is not set up).
  uint64_t frame_cycles() const;
  // One frame on the wires: MOSI out, MISO back (set by the machine). Without it MISO reads 0.
  std::function<uint16_t(uint16_t mosi, unsigned bits)> exchange;
  std::function<void(const std::string& key, const std::string& message)> on_warning;

 private:
  void start_frame();
  void frame_done();
  void arm_timeout();
  void update();
  uint32_t raw_interrupts() const;

  unsigned m_index;
  Scheduler& m_sched;
  IrqSink& m_irqs;
  DreqSink& m_dreqs;
  std::function<uint32_t()> m_peri_hz, m_sys_hz;
  std::deque<uint16_t> m_tx, m_rx;
  bool m_busy = false;  // a frame is on the wires
  EventId m_frame_event, m_timeout_event;
  uint32_t m_latched = 0;  // RTRIS, RORRIS (cleared through SSPICR)
  bool m_irq_level = false;
};

}  // namespace vpico::rp2040
