// USBCTRL, the RP2040's full-speed USB controller, in device mode (datasheet 4.1; pico-sdk
// hardware/regs/usb.h, usb_device_dpram.h). Two blocks on the bus:
//   Usb       the registers at 0x50110000 (with the atomic aliases)
//   UsbDpram  the 4 KB dual-port RAM at 0x50100000: setup packet, endpoint control and buffer
//             control words, data buffers. Plain memory for the cores (8/16/32-bit accesses,
//             no aliases); the controller only notices writes to buffer control words.
//
// The far end of the cable is not here: the virtual host (emulator/usb_host.h) calls the
// token entry points below (setup/in/out) as packets cross the bus, on virtual time.
//
// Modelled (device mode): attach (MAIN_CTRL.CONTROLLER_EN, SIE_CTRL.PULLUP_EN, USB_MUXING.TO_PHY,
// VBUS detect from USB_PWR's override, clk_usb at 48 MHz); bus reset (SIE_STATUS.BUS_RESET);
// SETUP reception into DPRAM 0..7 (SETUP_REC, clears EP_STALL_ARM); ADDR_ENDP address matching;
// EP0 with the SIE_CTRL EP0_* options and EP1..15 with their endpoint control words (ENABLE,
// DOUBLE_BUFFERED, INTERRUPT_PER_BUFF / _PER_DOUBLE_BUFF, INTERRUPT_ON_NAK / _ON_STALL,
// BUFFER_ADDRESS); the buffer control handshake (AVAILABLE, FULL, LENGTH, DATA_PID, LAST ->
// TRANS_COMPLETE, STALL with EP_STALL_ARM on EP0, RESET of the buffer selector); BUFF_STATUS,
// BUFF_CPU_SHOULD_HANDLE, DATA_SEQ_ERROR on an OUT whose PID differs from the buffer's;
// EP_ABORT / EP_ABORT_DONE (done at once: transactions are atomic here); EP_STATUS_STALL_NAK;
// SOF_RD and the DEV_SOF interrupt (frame numbers come from the host); INTR/INTE/INTF/INTS and
// the USBCTRL_IRQ line. W1C bits are cleared through the SET/CLR/XOR aliases too (TinyUSB and
// pico-sdk clear SIE_STATUS and BUFF_STATUS with the CLR alias).
// Not modelled: host mode (HOST_NDEVICE, SOF_WR, INT_EP_CTRL, NAK_POLL and the host DPRAM
// layout: registers kept, nothing happens), suspend/resume and remote wake-up, isochronous
// timing (an isochronous endpoint is handled like a bulk one), the PHY's direct controls and
// trims (kept as registers), line state other than idle J, bit-level errors (CRC, bit stuff,
// RX timeout/overflow are never raised: the virtual cable is perfect).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "device.h"
#include "scheduler.h"

namespace vpico::rp2040 {

// What a device answers to a token (USB 2.0 8.4.5).
enum class UsbHandshake { Ack, Nak, Stall, None /* no answer: the host times out */ };

class Usb : public Device {
 public:
  Usb(IrqSink& irqs, std::function<uint32_t()> usb_hz);
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;

  // clk_usb may have changed (the controller only talks at 48 MHz).
  void clocks_changed() { update_irq(); }

  // --- the DPRAM (UsbDpram forwards to these) ---
  std::span<uint8_t, 4096> dpram() { return m_dpram; }
  uint32_t dpram_word(uint32_t offset) const;
  void dpram_write(uint32_t offset, uint32_t value, uint32_t byte_mask);

  // --- the cable, as the virtual host sees it ---
  // D+ pulled up by an enabled device controller that sees VBUS and runs from a 48 MHz clk_usb.
  bool attached() const;
  // An enabled controller has its D+ pull-up on (whether or not it can then talk).
  bool pulls_up() const;
  // Why not attached, for diagnostics ("" when attached).
  std::string attach_problem() const;
  // The host drives a bus reset (SE0 for >= 10 ms; the device flags it).
  void bus_reset();
  // The host's (re)connection state as the device sees it (SIE_STATUS.CONNECTED).
  void set_connected(bool connected);
  // A start-of-frame went by (only called while sof_wanted(): INTR.DEV_SOF is otherwise
  // computed from frame_number when read).
  void start_of_frame();
  bool sof_wanted() const;
  // Token + data + handshake, each as one atomic step at the end of its bus time.
  UsbHandshake setup(uint8_t address, std::span<const uint8_t, 8> packet);
  UsbHandshake out(uint8_t address, uint8_t ep, bool data1, std::span<const uint8_t> data);
  UsbHandshake in(uint8_t address, uint8_t ep, bool& data1, std::vector<uint8_t>& data);
  // The length of the data packet an IN token would get now, or -1 for none (NAK, STALL, no
  // answer). No side effects: the host times its transaction with it.
  int peek_in(uint8_t address, uint8_t ep) const;

  // Hooks for the host (all optional).
  std::function<uint16_t()> frame_number;                     // current 11-bit frame number
  std::function<void()> on_attach_change;                     // attached() or pulls_up() changed
  std::function<void(bool)> on_sof_interest;                  // sof_wanted() changed
  std::function<void(unsigned ep, bool in)> on_buffer_armed;  // an AVAILABLE bit was written
  std::function<void(const std::string& key, const std::string& message)> on_warning;

  // Register offsets (datasheet 4.1.4).
  static constexpr uint32_t kAddrEndp = 0x00, kMainCtrl = 0x40, kSofWr = 0x44, kSofRd = 0x48,
                            kSieCtrl = 0x4c, kSieStatus = 0x50, kIntEpCtrl = 0x54,
                            kBuffStatus = 0x58, kBuffCpuShouldHandle = 0x5c, kEpAbort = 0x60,
                            kEpAbortDone = 0x64, kEpStallArm = 0x68, kNakPoll = 0x6c,
                            kEpStatusStallNak = 0x70, kUsbMuxing = 0x74, kUsbPwr = 0x78,
                            kUsbphyDirect = 0x7c, kUsbphyDirectOverride = 0x80, kUsbphyTrim = 0x84,
                            kIntr = 0x8c, kInte = 0x90, kIntf = 0x94, kInts = 0x98;
  // INTR bits.
  static constexpr uint32_t kIntTransComplete = 1u << 3, kIntBuffStatus = 1u << 4,
                            kIntErrorDataSeq = 1u << 5, kIntStall = 1u << 10,
                            kIntVbusDetect = 1u << 11, kIntBusReset = 1u << 12,
                            kIntDevConnDis = 1u << 13, kIntDevSuspend = 1u << 14,
                            kIntDevResume = 1u << 15, kIntSetupReq = 1u << 16,
                            kIntDevSof = 1u << 17, kIntAbortDone = 1u << 18,
                            kIntEpStallNak = 1u << 19;
  // SIE_STATUS bits.
  static constexpr uint32_t kStVbusDetected = 1u << 0, kStSuspended = 1u << 4, kStResume = 1u << 11,
                            kStConnected = 1u << 16, kStSetupRec = 1u << 17,
                            kStTransComplete = 1u << 18, kStBusReset = 1u << 19,
                            kStDataSeqError = 1u << 31;

 private:
  struct Endpoint {
    bool enabled, double_buffered, int_per_buff, int_per_double, int_on_nak, int_on_stall;
    uint32_t buffer;  // DPRAM offset of buffer 0
  };
  Endpoint endpoint(unsigned ep, bool in) const;
  static uint32_t buffer_control_offset(unsigned ep, bool in) {
    return 0x80 + ep * 8 + (in ? 0 : 4);
  }
  static unsigned status_bit(unsigned ep, bool in) { return ep * 2 + (in ? 0 : 1); }
  bool addressed(uint8_t address) const;
  // Common front of in()/out(): STALL or NAK (nullopt = go on with buffer `sel`).
  bool refuse(unsigned ep, bool in, const Endpoint& e, UsbHandshake& answer);
  void buffer_done(unsigned ep, bool in, const Endpoint& e, unsigned sel, uint32_t bc_after);
  uint32_t sie_status() const;
  uint32_t intr() const;
  void update_irq();
  void warn(const std::string& key, const std::string& message);

  IrqSink& m_irqs;
  std::function<uint32_t()> m_usb_hz;
  std::array<uint8_t, 4096> m_dpram{};
  std::array<uint8_t, 32> m_sel{};   // buffer selector per endpoint direction (status bit order)
  std::array<uint8_t, 32> m_done{};  // buffers completed since the last double-buffer interrupt
  bool m_connected = false;
  bool m_conn_changed = false;
  uint16_t m_sof_read = 0;  // frame number at the last SOF_RD read
  bool m_sof_seen = false;  // a start_of_frame() since the last SOF_RD read
  bool m_irq = false;
  bool m_sof_interest = false;
  bool m_was_attached = false;
  bool m_was_pulling = false;
};

// The DPRAM as a bus block: byte-addressable memory; buffer control writes reach the controller.
class UsbDpram : public Device {
 public:
  explicit UsbDpram(Usb& usb);
  void reset() override;
  bool read(uint32_t offset, uint32_t& value) override;
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override;
  bool peek(uint32_t offset, uint32_t& value) override { return read(offset, value); }
  bool has_atomic_aliases() const override { return false; }
  bool byte_lanes() const override { return true; }

 private:
  Usb& m_usb;
};

}  // namespace vpico::rp2040
