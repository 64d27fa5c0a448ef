// DMA controller (RP2040 datasheet 2.5; register facts from pico-sdk hardware/regs/dma.h and
// RP2040.svd). A bus master with 12 channels that moves data through the machine's bus
// (DmaBus) the way the cores' loads and stores do.
//
// Modelled:
//   - per channel READ_ADDR, WRITE_ADDR, TRANS_COUNT, CTRL_TRIG and the three alias layouts
//     AL1..AL3, each triggering on its last register (2.5.2.1). TRANS_COUNT reads the live
//     counter; writes set the reload value (DBG_TCR), copied into the live counter at each
//     trigger (2.5.1.2). A trigger starts a channel that is enabled and not busy; a write of 0
//     to a trigger register is a null trigger: nothing starts, and with IRQ_QUIET the channel's
//     interrupt is raised (2.5.2.3);
//   - CTRL: EN (clearing it pauses a busy channel), HIGH_PRIORITY, DATA_SIZE, INCR_READ,
//     INCR_WRITE, RING_SIZE/RING_SEL, CHAIN_TO, TREQ_SEL, IRQ_QUIET, BSWAP, SNIFF_EN, BUSY and the
//     error flags: a transfer the bus refuses (nothing mapped there, a write to ROM or flash,
//     SIO or the Cortex private bus, which the DMA cannot reach: datasheet 2.1) sets READ_ERROR
//     or WRITE_ERROR (AHB_ERROR is their OR), halts the channel without chaining and always
//     raises its interrupt;
//   - chaining, MULTI_CHAN_TRIGGER, CHAN_ABORT (completes at once: reads back 0, no IRQ);
//   - INTR, INTE0/INTF0/INTS0, INTE1/INTF1/INTS1 and the DMA_IRQ_0/1 lines;
//   - pacing: TREQ 0..39 are the blocks' DREQ levels (a channel transfers while its DREQ is
//     high, from the cycle after it rose; blocks lower it as soon as a transfer fills or drains
//     their FIFO), 59..62 the X/Y
//     fractional pacing timers of clk_sys, 63 unpaced;
//   - the sniffer: CRC-32, bit-reversed CRC-32, CRC-16-CCITT, bit-reversed CRC-16-CCITT, XOR
//     reduction (parity), 32-bit sum; SNIFF_CTRL.BSWAP, OUT_REV and OUT_INV (applied on reads);
//   - N_CHANNELS, FIFO_LEVELS (reads 0), DBG_CTDREQ (1 while the channel's request is
//     asserted), DBG_TCR.
//
// Timing: at most one transfer per clk_sys cycle over all channels; a triggered channel's first
// transfer is the cycle after the trigger, its completion (BUSY low, IRQ, chain) the cycle after
// its last transfer. Arbitration, simplified from 2.5.3: each round serves every ready
// HIGH_PRIORITY channel once, in channel order from the last one served, then one ready
// low-priority channel round-robin. Transfers run in scheduler events, in bursts of up to
// kMaxBurst cycles that stop at any other pending event, so peripherals see each transfer at
// its own cycle. A completion is always an event at its own cycle, so a core sees BUSY drop and
// the IRQ rise no earlier than on the chip; within a burst, data, READ_ADDR/WRITE_ADDR and
// TRANS_COUNT may lead the cores by up to one burst.
// Not modelled: bus contention with the cores (the DMA never stalls them nor they it), the
// DMA's internal FIFOs and pipeline latency, the DREQ credit counter (pacing is by level).
#pragma once

#include <array>
#include <cstdint>
#include <functional>

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

// The system bus as the DMA's read and write masters see it (the machine provides it).
class DmaBus {
 public:
  virtual ~DmaBus() = default;
  // One bus transfer of `size` bytes (1, 2 or 4). False is a bus error.
  virtual bool dma_read(uint32_t address, unsigned size, uint32_t& value) = 0;
  virtual bool dma_write(uint32_t address, unsigned size, uint32_t value) = 0;
  // A burst of transfers is over: the place to act on what its writes changed (code in RAM).
  virtual void dma_burst_done() {}
};

class Dma : public Device {
 public:
  static constexpr unsigned kChannels = 12;
  static constexpr unsigned kMaxBurst = 128;  // cycles of transfers per scheduler event

  Dma(Scheduler& scheduler, IrqSink& irqs, DmaBus& bus);
  void reset() override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;

  // A block's DREQ line (rp2040::Dreq numbers) has this level now.
  void set_dreq_level(unsigned dreq, bool level);

  // Transfers done since power-on (benchmarks, tests).
  uint64_t transfers() const { return m_transfers; }
  // PWM slices (bit per slice) a busy channel is paced by: the PWM must produce their wrap
  // DREQ pulses (Pwm::set_dreq_wanted). Called when the set changes.
  std::function<void(uint32_t slices)> on_pwm_dreqs_wanted;

 private:
  struct Channel {
    uint32_t read_addr = 0, write_addr = 0;
    uint32_t count = 0;         // the live transfer counter
    uint32_t reload = 0;        // TRANS_COUNT as last written (DBG_TCR)
    uint32_t ctrl = 0;          // CTRL with BUSY and the error flags
    uint64_t ready_at = 0;      // first cycle the running sequence may transfer
    uint64_t finish_at = 0;     // a completion due at this cycle (0 = none)
    bool finish_error = false;  // the completion is a halt on a bus error
    uint64_t timer_used = 0;    // pacing-timer requests the sequence has used
  };
  struct PacingTimer {
    uint32_t x = 0, y = 0;
    uint64_t anchor = 0;  // the cycle X/Y was written: requests count from there
  };

  void define_registers();
  uint32_t channel_read(unsigned ch, unsigned field) const;
  void channel_write(unsigned ch, unsigned index, uint32_t value, uint32_t mask);
  void trigger(unsigned ch, uint64_t t);
  void null_trigger(unsigned ch);
  void abort(uint32_t mask);
  void raise(unsigned ch);
  void update_irq();

  // Pacing.
  uint64_t timer_requests(unsigned timer, uint64_t t) const;
  uint64_t timer_cycle_of_request(unsigned timer, uint64_t n) const;
  bool request_ok(const Channel& c, uint64_t t) const;
  bool runnable(const Channel& c) const;
  int pick(uint64_t t);

  // Time.
  void kick();
  void schedule_next();
  void run();
  void finish_due(uint64_t t);
  void transfer(unsigned ch, uint64_t t);
  void sniff(uint32_t data, unsigned size);

  Scheduler& m_sched;
  IrqSink& m_irqs;
  DmaBus& m_bus;
  std::array<Channel, kChannels> m_ch{};
  std::array<PacingTimer, 4> m_timers{};
  std::array<bool, 64> m_dreq{};
  // PWM wrap DREQs are one-cycle pulses (datasheet 2.5.3.2: the DMA counts DREQ pulses as
  // credits): each rise is one credit for the channels paced by it, spent by a transfer.
  std::array<uint32_t, 8> m_pwm_credits{};
  uint32_t m_pwm_wanted = 0;
  void update_pwm_wanted();
  std::array<uint64_t, 64> m_dreq_since{};  // the cycle each DREQ last rose: it counts after
  uint32_t m_served_high = 0;               // HIGH_PRIORITY channels served in the current round
  unsigned m_last_high = kChannels - 1, m_last_low = kChannels - 1;
  uint64_t m_cursor = 0;  // the first cycle whose transfer slot is still free
  EventId m_event;
  bool m_in_burst = false;
  bool m_irq_level[2] = {false, false};
  uint64_t m_transfers = 0;
};

}  // namespace vpico::rp2040
