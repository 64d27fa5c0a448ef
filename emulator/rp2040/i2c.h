// I2C0/I2C1, Synopsys DW_apb_i2c (RP2040 datasheet 4.3; registers from pico-sdk
// hardware/regs/i2c.h). Off-chip parts are reached through the buses (i2c_bus.h) whose SDA and
// SCL pads are routed to this controller when a transaction STARTs.
//
// Modelled, master mode: IC_CON (writable only while IC_ENABLE.ENABLE = 0, SPEED 0/3 read back
// as 2), IC_TAR (7-bit target; SPECIAL + GC_OR_START = 0 sends a general call), IC_DATA_CMD
// with CMD (read), STOP, RESTART and FIRST_DATA_BYTE, the 16-entry TX (commands) and RX FIFOs,
// IC_TXFLR/IC_RXFLR, IC_RX_TL/IC_TX_TL (clamped to 15), IC_STATUS, IC_ENABLE (ENABLE, ABORT,
// TX_CMD_BLOCK), IC_ENABLE_STATUS.IC_EN, IC_RAW_INTR_STAT / IC_INTR_MASK / IC_INTR_STAT and the
// I2Cn_IRQ line, every IC_CLR_* register (cleared by a read, which returns 0), IC_TX_ABRT_SOURCE
// (7B_ADDR_NOACK, TXDATA_NOACK, GCALL_NOACK, MASTER_DIS, USER_ABRT and TX_FLUSH_CNT; the FIFOs
// stay flushed until IC_CLR_TX_ABRT or IC_CLR_INTR is read), IC_DMA_CR / IC_DMA_TDLR /
// IC_DMA_RDLR and the DREQ_I2Cn_TX/RX lines, TX_EMPTY with and without IC_CON.TX_EMPTY_CTRL.
//
// Bus behaviour (4.3.7): a command popped while the bus is free sends START + address; the bus
// is then held (IC_EMPTYFIFO_HOLD_MASTER_EN = 1) until a command with STOP has run. A RESTART is
// sent for a command with RESTART set, a change of direction or of IC_TAR; with IC_RESTART_EN = 0
// a STOP and a START are sent instead. Clearing IC_ENABLE.ENABLE flushes the FIFOs but does not
// release a held bus: pico-sdk disables the block to change IC_TAR between the two halves of a
// write-then-read ("nostop"), and on silicon the second half starts with a repeated START.
// A NACK aborts: the TX FIFO (counted in TX_FLUSH_CNT) and RX FIFO are flushed, TX_ABRT is
// raised and a STOP is sent. Setting IC_ENABLE.ABORT aborts likewise after the byte in flight.
//
// Timing: ic_clk is clk_sys (datasheet 4.3.14), so the SCL period is, in clk_sys cycles,
// (HCNT + IC_FS_SPKLEN + 7) + (LCNT + 1) with the SS or FS counts chosen by IC_CON.SPEED
// (4.3.14.1). A byte with its acknowledge takes 9 periods; a START or RESTART and a STOP take
// one period each. Bytes move in one scheduler event each; no per-bit events.
//
// Not modelled: slave mode (IC_SAR, IC_SLV_DATA_NACK_ONLY, IC_ACK_GENERAL_CALL and the slave
// interrupt bits RD_REQ, RX_DONE, GEN_CALL, RESTART_DET exist as registers but no outside
// controller ever addresses the block), 10-bit addressing (IC_TAR bits 7..9 are ignored), START
// BYTE, high-speed mode, arbitration, clock stretching by parts, IC_SDA_HOLD/IC_SDA_SETUP
// timing (stored only), RX_FIFO_FULL_HLD_CTRL (a byte read into a full RX FIFO is lost with
// RX_OVER), IC_COMP_PARAM_1 (reads 0, as the register header says of the silicon).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include "device.h"
#include "i2c_bus.h"
#include "scheduler.h"

namespace vpico::rp2040 {

class I2c : public Device {
 public:
  // The buses whose SDA and SCL pads are routed to this controller now (looked up at START).
  using Route = std::function<std::vector<I2cBus*>()>;

  I2c(unsigned index, Scheduler& scheduler, IrqSink& irqs, DreqSink& dreqs, Route route);
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;

  // clk_sys cycles of one SCL period with the current counts.
  uint64_t scl_period() const;
  // A START has been sent and no STOP yet (the bus is this controller's).
  bool bus_held() const { return m_held; }

  static constexpr unsigned kFifoDepth = 16;

 private:
  enum class Phase { Idle, Address, Data, Stop };
  uint32_t raw_interrupts() const;
  bool enabled() const;
  bool command_in_flight() const { return m_phase == Phase::Address || m_phase == Phase::Data; }
  void kick();
  void address_done();
  void data_done();
  void byte_finished();
  void abort(uint32_t source, bool send_stop);
  void begin_stop();
  void stop_done();
  void write_data_cmd(uint32_t value);
  uint32_t read_data_cmd();
  uint32_t clear_on_read(uint32_t offset);
  void disabled();
  void update();

  unsigned m_index;
  Scheduler& m_sched;
  IrqSink& m_irqs;
  DreqSink& m_dreqs;
  Route m_route;

  std::deque<uint16_t> m_tx;  // IC_DATA_CMD bits 0..10
  std::deque<uint16_t> m_rx;  // data, and bit 11 FIRST_DATA_BYTE
  Phase m_phase = Phase::Idle;
  bool m_held = false;          // between START and STOP
  bool m_read = false;          // direction of the current addressing
  uint8_t m_address = 0;        // address of the current addressing
  bool m_first_byte = false;    // the next data byte is the first after an address
  bool m_restart_then = false;  // a STOP is being sent only to START again (RESTART_EN = 0)
  uint16_t m_cmd = 0;           // the command in flight
  std::vector<I2cBus*> m_buses;
  EventId m_event;
  uint32_t m_latched = 0;  // latched raw interrupt bits
  uint32_t m_abrt_source = 0;
  bool m_ic_en = false;
  bool m_irq_level = false;
  bool m_dreq_tx = false, m_dreq_rx = false;
};

}  // namespace vpico::rp2040
