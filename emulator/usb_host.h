// UsbHost: the PC at the other end of the Pico's USB cable, part of the machine (DESIGN.md
// "Machine ... serial(port)"). It watches the controller's D+ pull-up, debounces the attach,
// drives a bus reset, enumerates whatever device the firmware presents with control transfers
// on EP0 (GET_DESCRIPTOR device 8 then 18 bytes, SET_ADDRESS, GET_DESCRIPTOR configuration 9
// bytes then all of it, string descriptors 0 and the ones the device names, SET_CONFIGURATION)
// and, when the configuration has a CDC-ACM function, sends SET_LINE_CODING (115200 8N1) and
// SET_CONTROL_LINE_STATE (DTR | RTS), then polls the bulk IN endpoint into a SerialPort and
// sends that port's input on the bulk OUT endpoint: serial("usb") works like a UART's port.
//
// Timing is virtual: 1 ms frames from the end of the bus reset (SOF_RD, the DEV_SOF interrupt),
// each transaction taking its bits' time at 12 Mbit/s (token, data with CRC, handshake and
// turnarounds; bit stuffing not counted) and never crossing a frame's SOF. A NAKed endpoint is
// tried again as soon as the firmware writes AVAILABLE into one of its buffers (a real host
// retries many times per frame; this costs no events while the device has nothing to say), so
// an idle device lets the machine go idle. Control transfers time out after 5 s (as Linux's
// usb_control_msg); failures, stalls and malformed descriptors become warnings, never crashes.
// Not modelled: hubs, more than one device, suspend (the host sends SOFs for ever), the CDC
// notification endpoint (never polled), other classes' traffic after enumeration.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rp2040/usb.h"
#include "scheduler.h"
#include "serial_port.h"

namespace vpico {

class UsbHost {
 public:
  enum class State {
    Detached,     // no pull-up seen
    Debouncing,   // pull-up seen; waiting the attach debounce
    Resetting,    // driving the bus reset and the reset recovery
    Enumerating,  // control transfers in progress
    Configured,   // SET_CONFIGURATION (and the CDC set-up, if any) done
    Failed,       // enumeration gave up (see the warnings)
  };
  struct Clock {
    std::function<uint64_t()> now_ns;                 // virtual time now
    std::function<uint64_t(uint64_t ns)> cycles_for;  // clk_sys cycles for a delay
  };
  // What enumeration learnt.
  struct DeviceInfo {
    uint16_t vendor = 0, product = 0;
    uint8_t max_packet0 = 0, address = 0, configuration = 0;
    std::string manufacturer, product_name, serial_number;
    bool cdc = false;
    uint8_t cdc_comm_interface = 0, cdc_in = 0, cdc_out = 0;  // endpoint numbers
    uint16_t cdc_in_size = 0, cdc_out_size = 0;
  };

  UsbHost(Scheduler& scheduler, rp2040::Usb& usb, SerialPort& port, Clock clock,
          std::function<void(const std::string& key, const std::string& message)> warn);

  // Chip reset: forget the device (the scheduler's events are already gone).
  void reset();
  State state() const { return m_state; }
  bool configured() const { return m_state == State::Configured; }
  const DeviceInfo& device() const { return m_info; }
  // Current frame number (0 before the first bus reset ends).
  uint16_t frame_number() const;
  // Control transfers completed since power-on (tests).
  unsigned control_transfers() const { return m_controls_done; }

  static constexpr uint64_t kDebounceNs = 20'000'000;   // attach debounce (USB 2.0 says 100 ms)
  static constexpr uint64_t kResetNs = 10'000'000;      // TDRST, USB 2.0 7.1.7.5
  static constexpr uint64_t kRecoveryNs = 10'000'000;   // TRSTRCY
  static constexpr uint64_t kSetAddressNs = 2'000'000;  // TDSETADDR
  static constexpr uint64_t kControlTimeoutNs = 5'000'000'000;
  static constexpr uint64_t kFrameNs = 1'000'000;

 private:
  struct Control {
    std::array<uint8_t, 8> setup{};
    std::string what;
    std::vector<uint8_t> data;  // OUT data, or the IN data received
    uint16_t length = 0;
    bool dir_in = false;
    int stage = 0;  // 0 setup, 1 data, 2 status
    size_t offset = 0;
    bool toggle = true;
    int tries = 0;
    std::function<void(bool ok)> done;
  };
  struct Pipe {
    uint8_t ep = 0;
    uint16_t size = 64;
    bool toggle = false;
    bool nak_wait = false;
  };

  void line_changed();
  void begin_reset();
  void end_reset();
  void enumerate(int step);
  void control(uint8_t request_type, uint8_t request, uint16_t value, uint16_t index,
               uint16_t length, std::vector<uint8_t> out, std::string what,
               std::function<void(bool ok)> done);
  void get_descriptor(uint8_t type, uint8_t index, uint16_t lang, uint16_t length, std::string what,
                      std::function<void(bool ok)> done);
  bool parse_configuration(const std::vector<uint8_t>& c);
  void fetch_string(uint8_t index, std::string* into, std::function<void()> next);
  void fail(const std::string& why);
  void finish_control(bool ok);

  // The transaction engine: one transaction on the bus at a time.
  void kick();
  void run_transaction();
  void control_transaction();
  void bulk_in();
  void bulk_out();
  uint64_t schedule_slot(uint64_t duration_ns);
  void at_ns(uint64_t t, std::function<void()> fn, EventId& id);
  void sof_interest(bool on);
  void frame_tick();
  void buffer_armed(unsigned ep, bool in);
  void warn(const std::string& key, const std::string& message) {
    if (m_warn) m_warn(key, message);
  }

  Scheduler& m_sched;
  rp2040::Usb& m_usb;
  SerialPort& m_port;
  Clock m_clock;
  std::function<void(const std::string&, const std::string&)> m_warn;

  State m_state = State::Detached;
  DeviceInfo m_info;
  uint8_t m_address = 0;
  uint16_t m_mps0 = 8;
  bool m_frames = false;
  uint64_t m_frame_origin_ns = 0;
  uint64_t m_bus_free_ns = 0;
  bool m_busy = false;  // a transaction is on the bus (its end event pending)
  bool m_ep0_nak_wait = false;
  bool m_has_control = false;
  Control m_control;
  Pipe m_in, m_out;
  std::vector<uint8_t> m_out_chunk;  // bytes of the OUT packet being sent
  bool m_prefer_out = false;
  std::vector<uint8_t> m_config;
  uint16_t m_lang = 0x0409;
  unsigned m_controls_done = 0;
  uint64_t m_generation = 0;  // bumps on detach/reset: late callbacks of an old session are dropped
  EventId m_line_event, m_txn_event, m_deadline_event, m_sof_event, m_step_event;
};

const char* usb_host_state_name(UsbHost::State state);

}  // namespace vpico
