#include "usb_host.h"

#include <algorithm>

#include <fmt/format.h>

namespace vpico {

namespace {
using rp2040::UsbHandshake;

// Bit times on a full-speed bus (USB 2.0 8.3-8.4): a token is SYNC + PID + 11 bits + CRC5
// + EOP; a data packet SYNC + PID + payload + CRC16 + EOP; a handshake SYNC + PID + EOP; and
// about 8 bit times of turnaround before each answer. Bit stuffing is not counted.
constexpr uint64_t kTokenBits = 35, kHandshakeBits = 19, kTurnaroundBits = 8;
constexpr uint64_t data_bits(uint64_t n) {
  return 35 + 8 * n;
}
constexpr uint64_t bits_ns(uint64_t bits) {
  return bits * 1000 / 12;  // 12 Mbit/s
}
// A transaction whose data packet went (SETUP, OUT, or an IN the device answered with data).
constexpr uint64_t data_transaction_ns(uint64_t n) {
  return bits_ns(kTokenBits + kTurnaroundBits + data_bits(n) + kTurnaroundBits + kHandshakeBits);
}
// An IN answered by NAK or STALL, or nothing at all.
constexpr uint64_t kShortTransactionNs = bits_ns(kTokenBits + kTurnaroundBits + kHandshakeBits);
constexpr uint64_t kSofNs = bits_ns(kTokenBits + kTurnaroundBits);

const char* handshake_name(UsbHandshake h) {
  switch (h) {
    case UsbHandshake::Ack:
      return "ACK";
    case UsbHandshake::Nak:
      return "NAK";
    case UsbHandshake::Stall:
      return "STALL";
    case UsbHandshake::None:
      return "no answer";
  }
  return "?";
}

std::string decode_string(const std::vector<uint8_t>& d) {
  std::string s;
  if (d.size() < 2 || d[1] != 3) return s;
  size_t end = std::min<size_t>(d.size(), d[0]);
  for (size_t i = 2; i + 1 < end; i += 2) {
    uint16_t c = uint16_t(d[i] | d[i + 1] << 8);
    s.push_back(c < 0x80 ? char(c) : '?');
  }
  return s;
}
}  // namespace

const char* usb_host_state_name(UsbHost::State state) {
  switch (state) {
    case UsbHost::State::Detached:
      return "detached";
    case UsbHost::State::Debouncing:
      return "debouncing";
    case UsbHost::State::Resetting:
      return "resetting";
    case UsbHost::State::Enumerating:
      return "enumerating";
    case UsbHost::State::Configured:
      return "configured";
    case UsbHost::State::Failed:
      return "failed";
  }
  return "?";
}

UsbHost::UsbHost(Scheduler& scheduler, rp2040::Usb& usb, SerialPort& port, Clock clock,
                 std::function<void(const std::string&, const std::string&)> warn)
    : m_sched(scheduler),
      m_usb(usb),
      m_port(port),
      m_clock(std::move(clock)),
      m_warn(std::move(warn)) {
  m_usb.frame_number = [this] { return frame_number(); };
  m_usb.on_attach_change = [this] { line_changed(); };
  m_usb.on_sof_interest = [this](bool on) { sof_interest(on); };
  m_usb.on_buffer_armed = [this](unsigned ep, bool in) { buffer_armed(ep, in); };
  m_port.set_input_notifier([this] { kick(); });
}

void UsbHost::reset() {
  ++m_generation;
  for (EventId* e : {&m_line_event, &m_txn_event, &m_deadline_event, &m_sof_event, &m_step_event})
    m_sched.cancel(*e);
  m_state = State::Detached;
  m_info = DeviceInfo{};
  m_address = 0;
  m_frames = false;
  m_busy = false;
  m_has_control = false;
  m_ep0_nak_wait = false;
  m_out_chunk.clear();
  m_in = m_out = Pipe{};
  m_usb.set_connected(false);
}

uint16_t UsbHost::frame_number() const {
  if (!m_frames) return 0;
  const uint64_t now = m_clock.now_ns();
  return uint16_t(((now - std::min(now, m_frame_origin_ns)) / kFrameNs) & 0x7ff);
}

void UsbHost::at_ns(uint64_t t, std::function<void()> fn, EventId& id) {
  const uint64_t now = m_clock.now_ns();
  m_sched.cancel(id);
  const uint64_t gen = m_generation;
  id = m_sched.after(m_clock.cycles_for(t > now ? t - now : 0), [this, gen, fn = std::move(fn)] {
    if (gen == m_generation) fn();
  });
}

// --- attach, reset -------------------------------------------------------------------------

void UsbHost::line_changed() {
  if (m_usb.attached()) {
    if (m_state == State::Detached) {
      m_state = State::Debouncing;
      at_ns(
          m_clock.now_ns() + kDebounceNs, [this] { begin_reset(); }, m_line_event);
    }
    return;
  }
  // The device has gone (pull-up off, controller off or reset) or cannot talk any more.
  if (m_state != State::Detached) {
    const State was = m_state;
    reset();
    (void)was;
  }
  if (m_usb.pulls_up()) {
    // Firmware often sets the pull-up before the rest; only a problem that lasts is reported.
    at_ns(
        m_clock.now_ns() + kFrameNs,
        [this] {
          if (m_usb.pulls_up() && !m_usb.attached())
            warn("usb attach " + m_usb.attach_problem(),
                 "USB: the device pulls D+ up but cannot talk to the host: " +
                     m_usb.attach_problem());
        },
        m_line_event);
  }
}

void UsbHost::begin_reset() {
  if (!m_usb.attached()) return line_changed();
  m_state = State::Resetting;
  m_frames = false;
  m_address = 0;
  m_usb.set_connected(true);
  m_usb.bus_reset();
  at_ns(
      m_clock.now_ns() + kResetNs, [this] { end_reset(); }, m_line_event);
}

void UsbHost::end_reset() {
  m_frames = true;
  m_frame_origin_ns = m_clock.now_ns();
  m_bus_free_ns = m_frame_origin_ns;
  m_state = State::Enumerating;
  if (m_usb.sof_wanted()) sof_interest(true);
  at_ns(
      m_clock.now_ns() + kRecoveryNs, [this] { enumerate(0); }, m_step_event);
}

// --- frames ----------------------------------------------------------------------------------

void UsbHost::sof_interest(bool on) {
  if (!on) {
    m_sched.cancel(m_sof_event);
    return;
  }
  if (!m_frames || m_sof_event.valid()) return;
  const uint64_t now = m_clock.now_ns();
  const uint64_t k = (now - std::min(now, m_frame_origin_ns)) / kFrameNs;
  at_ns(
      m_frame_origin_ns + (k + 1) * kFrameNs, [this] { frame_tick(); }, m_sof_event);
}

void UsbHost::frame_tick() {
  m_sof_event = EventId{};
  if (!m_frames || !m_usb.sof_wanted()) return;
  m_usb.start_of_frame();
  sof_interest(true);
}

uint64_t UsbHost::schedule_slot(uint64_t duration_ns) {
  uint64_t start = std::max(m_clock.now_ns(), m_bus_free_ns);
  if (!m_frames) return start;
  const uint64_t frame_start =
      m_frame_origin_ns + (start - std::min(start, m_frame_origin_ns)) / kFrameNs * kFrameNs;
  if (start < frame_start + kSofNs) start = frame_start + kSofNs;
  // A transaction never runs into the next frame's SOF.
  if (start + duration_ns > frame_start + kFrameNs) start = frame_start + kFrameNs + kSofNs;
  return start;
}

// --- enumeration -----------------------------------------------------------------------------

void UsbHost::fail(const std::string& why) {
  warn("usb enumeration", "USB: enumeration failed: " + why);
  m_state = State::Failed;
  m_has_control = false;
  m_sched.cancel(m_deadline_event);
}

void UsbHost::get_descriptor(uint8_t type, uint8_t index, uint16_t lang, uint16_t length,
                             std::string what, std::function<void(bool ok)> done) {
  control(0x80, 6, uint16_t(type << 8 | index), lang, length, {}, std::move(what), std::move(done));
}

void UsbHost::enumerate(int step) {
  const std::vector<uint8_t>& d = m_control.data;
  auto next = [this, step] { enumerate(step + 1); };
  switch (step) {
    case 0:
      m_mps0 = 8;  // the least EP0 can take, until the device says
      get_descriptor(1, 0, 0, 8, "GET_DESCRIPTOR(device, 8 bytes)", [this, next](bool ok) {
        const std::vector<uint8_t>& d = m_control.data;
        if (!ok) return fail(m_control.what + " was stalled");
        if (d.size() < 8 || d[1] != 1)
          return fail(
              fmt::format("the device descriptor's first 8 bytes are malformed ({} "
                          "bytes, type {})",
                          d.size(), d.size() > 1 ? d[1] : 0));
        const uint8_t mps = d[7];
        if (mps != 8 && mps != 16 && mps != 32 && mps != 64)
          return fail(fmt::format("bMaxPacketSize0 is {} (8, 16, 32 or 64 at full speed)", mps));
        m_mps0 = mps;
        m_info.max_packet0 = mps;
        next();
      });
      return;
    case 1:
      control(0x00, 5, 1, 0, 0, {}, "SET_ADDRESS(1)", [this, next](bool ok) {
        if (!ok) return fail(m_control.what + " was stalled");
        m_address = 1;
        m_info.address = 1;
        at_ns(m_clock.now_ns() + kSetAddressNs, next, m_step_event);
      });
      return;
    case 2:
      get_descriptor(1, 0, 0, 18, "GET_DESCRIPTOR(device)", [this, next](bool ok) {
        const std::vector<uint8_t>& d = m_control.data;
        if (!ok) return fail(m_control.what + " was stalled");
        if (d.size() != 18 || d[0] != 18 || d[1] != 1)
          return fail(fmt::format("the device descriptor is malformed ({} bytes, bLength {})",
                                  d.size(), d.empty() ? 0 : d[0]));
        m_info.vendor = uint16_t(d[8] | d[9] << 8);
        m_info.product = uint16_t(d[10] | d[11] << 8);
        m_config.assign(d.begin(), d.end());  // kept for the string indices
        next();
      });
      return;
    case 3:
      get_descriptor(2, 0, 0, 9, "GET_DESCRIPTOR(configuration, 9 bytes)", [this, next](bool ok) {
        const std::vector<uint8_t>& d = m_control.data;
        if (!ok) return fail(m_control.what + " was stalled");
        if (d.size() != 9 || d[1] != 2 || uint16_t(d[2] | d[3] << 8) < 9)
          return fail("the configuration descriptor's header is malformed");
        m_info.configuration = d[5];
        next();
      });
      return;
    default:
      break;
  }
  if (step == 4) {
    // m_config holds the device descriptor until the full configuration replaces it.
    const uint16_t total = m_control.data.size() >= 4
                               ? uint16_t(m_control.data[2] | m_control.data[3] << 8)
                               : uint16_t(9);
    const std::array<uint8_t, 3> strings{m_config[14], m_config[15], m_config[16]};
    get_descriptor(
        2, 0, 0, total, "GET_DESCRIPTOR(configuration)", [this, next, total, strings](bool ok) {
          if (!ok) return fail(m_control.what + " was stalled");
          if (m_control.data.size() != total)
            return fail(fmt::format("the configuration is {} bytes, wTotalLength {}",
                                    m_control.data.size(), total));
          if (!parse_configuration(m_control.data)) return;
          // Strings: language 0, then the ones the device descriptor names.
          if (!strings[0] && !strings[1] && !strings[2]) return enumerate(6);
          get_descriptor(3, 0, 0, 255, "GET_DESCRIPTOR(string 0)", [this, strings](bool ok) {
            const std::vector<uint8_t>& d = m_control.data;
            if (ok && d.size() >= 4 && d[1] == 3) m_lang = uint16_t(d[2] | d[3] << 8);
            fetch_string(strings[0], &m_info.manufacturer, [this, strings] {
              fetch_string(strings[1], &m_info.product_name, [this, strings] {
                fetch_string(strings[2], &m_info.serial_number, [this] { enumerate(6); });
              });
            });
          });
          (void)next;
        });
    return;
  }
  (void)d;
  if (step == 6) {
    control(0x00, 9, m_info.configuration, 0, 0, {},
            fmt::format("SET_CONFIGURATION({})", m_info.configuration), [this](bool ok) {
              if (!ok) return fail(m_control.what + " was stalled");
              if (!m_info.cdc) {
                warn("usb no cdc",
                     "USB: the device is configured but has no CDC-ACM interface: nothing is "
                     "connected to serial port 'usb'");
                m_state = State::Configured;
                return;
              }
              enumerate(7);
            });
    return;
  }
  if (step == 7) {
    // SET_LINE_CODING: 115200 baud, 1 stop bit, no parity, 8 data bits (CDC PSTN 6.3.10).
    std::vector<uint8_t> coding{0x00, 0xc2, 0x01, 0x00, 0, 0, 8};
    control(0x21, 0x20, 0, m_info.cdc_comm_interface, 7, coding, "SET_LINE_CODING",
            [this](bool ok) {
              if (!ok) warn("usb line coding", "USB: the device refused SET_LINE_CODING");
              enumerate(8);
            });
    return;
  }
  if (step == 8) {
    control(0x21, 0x22, 3, m_info.cdc_comm_interface, 0, {}, "SET_CONTROL_LINE_STATE(DTR|RTS)",
            [this](bool ok) {
              if (!ok) warn("usb line state", "USB: the device refused SET_CONTROL_LINE_STATE");
              m_state = State::Configured;
              m_in = Pipe{m_info.cdc_in, m_info.cdc_in_size, false, false};
              m_out = Pipe{m_info.cdc_out, m_info.cdc_out_size, false, false};
              kick();
            });
    return;
  }
}

void UsbHost::fetch_string(uint8_t index, std::string* into, std::function<void()> next) {
  if (!index) return next();
  get_descriptor(3, index, m_lang, 255, fmt::format("GET_DESCRIPTOR(string {})", index),
                 [this, into, next = std::move(next)](bool ok) {
                   if (ok) *into = decode_string(m_control.data);
                   next();
                 });
}

bool UsbHost::parse_configuration(const std::vector<uint8_t>& c) {
  int comm = -1, data_if = -1, current_class = -1, current_if = -1, current_alt = 0;
  uint8_t in = 0, out = 0;
  uint16_t in_size = 0, out_size = 0;
  for (size_t i = 0; i < c.size();) {
    const uint8_t len = c[i];
    if (len < 2 || i + len > c.size())
      return fail(fmt::format("a descriptor at offset {} of the configuration has bLength {} "
                              "(the configuration is {} bytes)",
                              i, len, c.size())),
             false;
    const uint8_t type = c[i + 1];
    if (type == 4 && len >= 9) {  // interface
      current_if = c[i + 2];
      current_alt = c[i + 3];
      current_class = c[i + 5];
      if (comm < 0 && c[i + 5] == 2 && c[i + 6] == 2) comm = current_if;
    } else if (type == 5 && len >= 7) {  // endpoint
      const uint8_t addr = c[i + 2], attrs = c[i + 3];
      const uint16_t size = uint16_t((c[i + 4] | c[i + 5] << 8) & 0x7ff);
      if (current_class == 0x0a && current_alt == 0 && (attrs & 3) == 2 &&
          (data_if < 0 || data_if == current_if)) {
        data_if = current_if;
        if ((addr & 0x80) && !in) {
          in = addr & 0x0f;
          in_size = size;
        } else if (!(addr & 0x80) && !out) {
          out = addr & 0x0f;
          out_size = size;
        }
      }
    }
    i += len;
  }
  if (comm >= 0 && in && out) {
    if (in_size == 0 || in_size > 64 || out_size == 0 || out_size > 64)
      return fail(fmt::format("the CDC data endpoints' wMaxPacketSize ({} IN, {} OUT) are not "
                              "1..64 as full-speed bulk endpoints need",
                              in_size, out_size)),
             false;
    m_info.cdc = true;
    m_info.cdc_comm_interface = uint8_t(comm);
    m_info.cdc_in = in;
    m_info.cdc_out = out;
    m_info.cdc_in_size = in_size;
    m_info.cdc_out_size = out_size;
  }
  return true;
}

// --- control transfers -----------------------------------------------------------------------

void UsbHost::control(uint8_t request_type, uint8_t request, uint16_t value, uint16_t index,
                      uint16_t length, std::vector<uint8_t> out, std::string what,
                      std::function<void(bool ok)> done) {
  m_control = Control{};
  m_control.setup = {request_type,    request,
                     uint8_t(value),  uint8_t(value >> 8),
                     uint8_t(index),  uint8_t(index >> 8),
                     uint8_t(length), uint8_t(length >> 8)};
  m_control.what = std::move(what);
  m_control.length = length;
  m_control.dir_in = request_type & 0x80;
  m_control.data = m_control.dir_in ? std::vector<uint8_t>{} : std::move(out);
  m_control.done = std::move(done);
  m_has_control = true;
  m_ep0_nak_wait = false;
  at_ns(
      m_clock.now_ns() + kControlTimeoutNs,
      [this] {
        if (!m_has_control) return;
        const std::string what = m_control.what;
        const int stage = m_control.stage;
        fail(
            fmt::format("{} timed out after {} s in its {} stage (the device kept answering "
                        "NAK: no buffer was made AVAILABLE)",
                        what, kControlTimeoutNs / 1'000'000'000,
                        stage == 0   ? "setup"
                        : stage == 1 ? "data"
                                     : "status"));
      },
      m_deadline_event);
  kick();
}

void UsbHost::finish_control(bool ok) {
  m_sched.cancel(m_deadline_event);
  m_has_control = false;
  if (ok) ++m_controls_done;
  auto done = std::move(m_control.done);
  if (done) done(ok);
}

// --- transactions ----------------------------------------------------------------------------

void UsbHost::buffer_armed(unsigned ep, bool in) {
  if (ep == 0) m_ep0_nak_wait = false;
  if (in && ep == m_in.ep) m_in.nak_wait = false;
  if (!in && ep == m_out.ep) m_out.nak_wait = false;
  kick();
}

void UsbHost::kick() {
  if (m_busy || !m_frames) return;
  if (m_state != State::Enumerating && m_state != State::Configured) return;
  enum class Kind { Control, In, Out } kind;
  uint64_t duration = 0;
  if (m_has_control) {
    if (m_ep0_nak_wait) return;
    kind = Kind::Control;
    const Control& c = m_control;
    if (c.stage == 0) {
      duration = data_transaction_ns(8);
    } else if ((c.stage == 1) == c.dir_in) {  // an IN: data stage of a read, status of a write
      const int n = m_usb.peek_in(m_address, 0);
      duration = n < 0 ? kShortTransactionNs : data_transaction_ns(uint64_t(n));
    } else {
      const size_t left = c.stage == 1 ? c.data.size() - c.offset : 0;
      duration = data_transaction_ns(std::min<size_t>(left, m_mps0));
    }
  } else if (m_state == State::Configured && m_info.cdc) {
    const bool can_out = !m_out.nak_wait && (!m_out_chunk.empty() || m_port.has_input());
    const bool can_in = !m_in.nak_wait;
    if (can_out && (m_prefer_out || !can_in)) {
      kind = Kind::Out;
      while (m_out_chunk.size() < m_out.size && m_port.has_input())
        m_out_chunk.push_back(m_port.take_input());
      duration = data_transaction_ns(m_out_chunk.size());
    } else if (can_in) {
      kind = Kind::In;
      const int n = m_usb.peek_in(m_address, m_in.ep);
      duration = n < 0 ? kShortTransactionNs : data_transaction_ns(uint64_t(n));
    } else {
      return;
    }
    m_prefer_out = kind == Kind::In;
  } else {
    return;
  }
  const uint64_t end = schedule_slot(duration) + duration;
  m_busy = true;
  at_ns(
      end,
      [this, kind, end] {
        m_busy = false;
        m_bus_free_ns = end;
        if (kind == Kind::Control)
          control_transaction();
        else if (kind == Kind::In)
          bulk_in();
        else
          bulk_out();
        kick();
      },
      m_txn_event);
}

void UsbHost::control_transaction() {
  Control& c = m_control;
  auto no_answer = [&](const char* stage) {
    if (++c.tries < 3) return;
    fail(
        fmt::format("{}: the device did not answer the {} (address {})", c.what, stage, m_address));
  };
  auto stalled = [&](const char* stage) {
    warn("usb stall " + c.what,
         fmt::format("USB: the device stalled {} in its {} stage", c.what, stage));
    finish_control(false);
  };
  if (c.stage == 0) {
    const UsbHandshake h = m_usb.setup(m_address, c.setup);
    if (h != UsbHandshake::Ack) return no_answer("SETUP");
    c.tries = 0;
    c.stage = c.length ? 1 : 2;
    c.toggle = true;
    return;
  }
  const bool in_phase = (c.stage == 1) == c.dir_in;
  UsbHandshake h;
  std::vector<uint8_t> got;
  bool pid = false;
  if (in_phase) {
    h = m_usb.in(m_address, 0, pid, got);
  } else {
    const size_t n = c.stage == 1 ? std::min<size_t>(c.data.size() - c.offset, m_mps0) : 0;
    h = m_usb.out(m_address, 0, c.toggle,
                  std::span<const uint8_t>(c.data.data() + (c.stage == 1 ? c.offset : 0), n));
    if (h == UsbHandshake::Ack && c.stage == 1) c.offset += n;
  }
  if (h == UsbHandshake::Nak) {
    m_ep0_nak_wait = true;
    return;
  }
  if (h == UsbHandshake::Stall) return stalled(c.stage == 1 ? "data" : "status");
  if (h == UsbHandshake::None) return no_answer(in_phase ? "IN token" : "OUT token");
  c.tries = 0;
  if (in_phase && pid != c.toggle) {
    // The host takes a wrong DATA PID for a repeat of a packet it already has (USB 2.0 8.6.4).
    warn("usb ep0 pid " + c.what,
         fmt::format("USB: EP0 IN sent DATA{} where DATA{} was due during {}; the host ignored "
                     "the packet",
                     pid ? 1 : 0, c.toggle ? 1 : 0, c.what));
    return;
  }
  if (c.stage == 2) {
    if (!got.empty())
      warn("usb status data " + c.what,
           fmt::format("USB: {}: the status stage carried {} bytes instead of none", c.what,
                       got.size()));
    return finish_control(true);
  }
  c.toggle = !c.toggle;
  if (c.dir_in) {
    const size_t room = c.length - c.data.size();
    if (got.size() > room || got.size() > m_mps0)
      warn("usb babble " + c.what,
           fmt::format("USB: {}: the device sent a packet of {} bytes (max packet {}, {} bytes "
                       "left to read); extra bytes dropped",
                       c.what, got.size(), m_mps0, room));
    c.data.insert(c.data.end(), got.begin(), got.begin() + std::min(got.size(), room));
    if (got.size() < m_mps0 || c.data.size() >= c.length) {
      c.stage = 2;
      c.toggle = true;
    }
  } else if (c.offset >= c.data.size()) {
    c.stage = 2;
    c.toggle = true;
  }
}

void UsbHost::bulk_in() {
  bool pid = false;
  std::vector<uint8_t> got;
  const UsbHandshake h = m_usb.in(m_address, m_in.ep, pid, got);
  if (h == UsbHandshake::Ack) {
    if (pid != m_in.toggle) {
      warn(fmt::format("usb ep{} in pid", m_in.ep),
           fmt::format("USB: EP{} IN sent DATA{} where DATA{} was due; the host ignored the "
                       "packet",
                       m_in.ep, pid ? 1 : 0, m_in.toggle ? 1 : 0));
      return;
    }
    m_in.toggle = !m_in.toggle;
    for (uint8_t b : got)
      m_port.transmit(b);
    return;
  }
  m_in.nak_wait = true;
  if (h != UsbHandshake::Nak)
    warn(fmt::format("usb ep{} in {}", m_in.ep, handshake_name(h)),
         fmt::format("USB: bulk IN EP{} answered {}; polling it again once the firmware arms "
                     "a buffer",
                     m_in.ep, handshake_name(h)));
}

void UsbHost::bulk_out() {
  const UsbHandshake h = m_usb.out(m_address, m_out.ep, m_out.toggle, m_out_chunk);
  if (h == UsbHandshake::Ack) {
    m_out.toggle = !m_out.toggle;
    m_out_chunk.clear();
    return;
  }
  m_out.nak_wait = true;
  if (h != UsbHandshake::Nak)
    warn(fmt::format("usb ep{} out {}", m_out.ep, handshake_name(h)),
         fmt::format("USB: bulk OUT EP{} answered {}; sending again once the firmware arms a "
                     "buffer",
                     m_out.ep, handshake_name(h)));
}

}  // namespace vpico
