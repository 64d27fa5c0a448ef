// The SIO's inter-processor FIFOs, or mailboxes (RP2040 datasheet 2.3.1.4; pico-sdk
// hardware/regs/sio.h FIFO_ST, FIFO_WR, FIFO_RD). Two FIFOs, 32 bits wide and 8 words deep:
// core 0 writes the one core 1 reads, and the other way round. Each core sees its own FIFO_ST:
// VLD (its RX FIFO holds data), RDY (its TX FIFO has room), and the sticky error flags WOF
// (it wrote while its TX FIFO was full; the word was dropped) and ROE (it read while its RX
// FIFO was empty; the FIFO did not change). Each core's SIO interrupt (SIO_IRQ_PROC0/1, IRQ 15
// and 16) is the OR of VLD, WOF and ROE in that core's FIFO_ST.
//
// Modelled: everything above. Choices where the documents say nothing:
// - A read from an empty FIFO returns 0 (the datasheet calls the data invalid, not its value).
// - WOF and ROE clear when a 1 is written to their bit: RP2040.svd declares them oneToClear.
//   The datasheet's prose (2.3.1.4) says any write to FIFO_ST clears them; pico-sdk always
//   writes 0xff, which both readings agree on.
#pragma once

#include <array>
#include <cstdint>

namespace vpico::rp2040 {

class SioFifos {
 public:
  static constexpr unsigned kDepth = 8;
  // FIFO_ST bits (pico-sdk hardware/regs/sio.h).
  static constexpr uint32_t kVld = 1u << 0, kRdy = 1u << 1, kWof = 1u << 2, kRoe = 1u << 3;

  void reset();

  // FIFO_ST as core `core` reads it.
  uint32_t status(unsigned core) const;
  // A write to core `core`'s FIFO_ST: clears the sticky flags whose bits are written as 1.
  void write_status(unsigned core, uint32_t value);
  // FIFO_WR: pushes onto the FIFO the other core reads; when it is full, sets WOF and drops
  // the word. Returns whether the word was queued.
  bool push(unsigned core, uint32_t value);
  // FIFO_RD: pops from the FIFO this core reads; when it is empty, sets ROE and returns 0.
  uint32_t pop(unsigned core);
  // What FIFO_RD would return, without popping or flagging (debugger, traces).
  uint32_t peek(unsigned core) const;
  unsigned level(unsigned core) const { return m_rx[core].count; }  // words waiting for `core`

  // Level of SIO_IRQ_PROC<core>: VLD | WOF | ROE of that core's FIFO_ST.
  bool irq_level(unsigned core) const { return (status(core) & (kVld | kWof | kRoe)) != 0; }

 private:
  struct Fifo {
    std::array<uint32_t, kDepth> words{};
    unsigned head = 0, count = 0;
  };
  std::array<Fifo, 2> m_rx;            // m_rx[c]: the FIFO core c reads (and core 1-c writes)
  std::array<uint32_t, 2> m_sticky{};  // WOF/ROE per core
};

}  // namespace vpico::rp2040
