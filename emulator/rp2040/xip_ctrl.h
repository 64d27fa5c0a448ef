// XIP_CTRL (datasheet 2.6.3) and the XIP_AUX port of its streaming FIFO. Modelled: CTRL (EN,
// ERR_BADWRITE, POWER_DOWN, which forces EN to 0), FLUSH and STAT.FLUSH_READY, and the flash
// streaming engine (2.6.3.4): writing STREAM_CTR != 0 reads STREAM_CTR words from flash,
// starting at STREAM_ADDR, into the 2-entry STREAM_FIFO (read here at 0x1c or at any address of
// XIP_AUX), one word per 8 SSI clock periods (a quad-I/O read moves 4 bits per SCK; SCK is
// clk_sys / BAUDR), pausing while the FIFO is full. DREQ_XIP_STREAM is raised while the FIFO
// holds data. Writing 0 to STREAM_CTR halts the stream and drops the word in flight.
// Choices: a flush completes at once (vpico keeps no cache tags: code the cores run is
// invalidated when flash changes, see FlashChip), so FLUSH_READY reads 1; STREAM_FIFO read when
// empty returns 0. Not modelled: the cache itself, so the hit and access counters CTR_HIT and
// CTR_ACC are left unmodelled (reads are reported, not faked); XIP_IRQ.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class XipCtrl : public Device {
 public:
  // flash: the flash contents as XIP sees them; sck_divider: XIP_SSI's BAUDR (clk_sys per SCK).
  XipCtrl(Scheduler& scheduler, DreqSink& dreqs, std::span<const uint8_t> flash,
          std::function<uint32_t()> sck_divider);
  void reset() override;
  // Pops the streaming FIFO (XIP_AUX reads and STREAM_FIFO reads).
  uint32_t pop_stream_fifo();
  unsigned stream_fifo_level() const { return m_fifo_count; }

 private:
  void schedule_fetch();
  void fetch_word();
  void update_dreq();
  uint32_t stat() const;

  Scheduler& m_sched;
  DreqSink& m_dreqs;
  std::span<const uint8_t> m_flash;
  std::function<uint32_t()> m_sck_divider;
  std::array<uint32_t, 2> m_fifo{};
  unsigned m_fifo_head = 0, m_fifo_count = 0;
  EventId m_fetch;
};

// XIP_AUX (0x50400000): the streaming FIFO on the AHB-lite fabric, for the DMA (datasheet 2.6.3.4).
// Every word address reads STREAM_FIFO; writes are ignored.
class XipAux : public Device {
 public:
  explicit XipAux(XipCtrl& ctrl);
  bool read(uint32_t offset, uint32_t& value) override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;
  bool peek(uint32_t offset, uint32_t& value) override;
  bool has_atomic_aliases() const override { return false; }

 private:
  XipCtrl& m_ctrl;
};

}  // namespace vpico::rp2040
