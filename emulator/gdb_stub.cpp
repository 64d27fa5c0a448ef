#include "gdb_stub.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace vpico {

namespace rsp {

uint8_t checksum(std::string_view data) {
  uint8_t sum = 0;
  for (char c : data)
    sum = uint8_t(sum + uint8_t(c));
  return sum;
}

std::string escape(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  for (char c : data) {
    if (c == '#' || c == '$' || c == '}' || c == '*') {
      out += '}';
      out += char(c ^ 0x20);
    } else {
      out += c;
    }
  }
  return out;
}

std::string unescape(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '}' && i + 1 < data.size())
      out += char(data[++i] ^ 0x20);
    else
      out += data[i];
  }
  return out;
}

std::string frame(std::string_view payload) {
  const std::string body = escape(payload);
  return fmt::format("${}#{:02x}", body, checksum(body));
}

std::string to_hex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes)
    out += fmt::format("{:02x}", uint8_t(c));
  return out;
}

namespace {
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = hex_digit(hex[i]), lo = hex_digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += char(hi * 16 + lo);
  }
  return out;
}

void Reader::feed(std::string_view bytes) {
  m_buffer.append(bytes);
}

bool Reader::has_interrupt() const {
  // Only outside a packet: a 0x03 inside binary data is data.
  size_t i = 0;
  while (i < m_buffer.size()) {
    if (m_buffer[i] == '\x03') return true;
    if (m_buffer[i] == '$') {
      size_t hash = m_buffer.find('#', i);
      if (hash == std::string::npos) return false;
      i = hash + 3;
      continue;
    }
    ++i;
  }
  return false;
}

std::optional<Reader::Item> Reader::next() {
  while (!m_buffer.empty()) {
    const char c = m_buffer[0];
    if (c == '+' || c == '-' || c == '\x03') {
      m_buffer.erase(0, 1);
      return Item{c == '+' ? Kind::Ack : c == '-' ? Kind::Nak : Kind::Interrupt, {}};
    }
    if (c != '$') {  // noise between packets
      m_buffer.erase(0, 1);
      continue;
    }
    // '#' cannot appear escaped inside a packet ('}' 0x03 is its escape), so the first one ends
    // it.
    const size_t hash = m_buffer.find('#');
    if (hash == std::string::npos || hash + 3 > m_buffer.size()) return std::nullopt;
    const std::string_view body(m_buffer.data() + 1, hash - 1);
    auto sum = from_hex(std::string_view(m_buffer.data() + hash + 1, 2));
    Item item{Kind::BadPacket, {}};
    if (sum && uint8_t((*sum)[0]) == checksum(body)) item = {Kind::Packet, unescape(body)};
    m_buffer.erase(0, hash + 3);
    return item;
  }
  return std::nullopt;
}

}  // namespace rsp

namespace {

// Register numbers of target.xml: r0-r12, sp, lr, pc, xpsr, msp, psp, primask, control.
constexpr int kRegs[] = {UC_ARM_REG_R0,     UC_ARM_REG_R1,  UC_ARM_REG_R2,  UC_ARM_REG_R3,
                         UC_ARM_REG_R4,     UC_ARM_REG_R5,  UC_ARM_REG_R6,  UC_ARM_REG_R7,
                         UC_ARM_REG_R8,     UC_ARM_REG_R9,  UC_ARM_REG_R10, UC_ARM_REG_R11,
                         UC_ARM_REG_R12,    UC_ARM_REG_SP,  UC_ARM_REG_LR,  UC_ARM_REG_PC,
                         UC_ARM_REG_XPSR,   UC_ARM_REG_MSP, UC_ARM_REG_PSP, UC_ARM_REG_PRIMASK,
                         UC_ARM_REG_CONTROL};
constexpr unsigned kRegCount = sizeof kRegs / sizeof kRegs[0];
constexpr unsigned kPcReg = 15;

const char kTargetXml[] = R"(<?xml version="1.0"?>
<!DOCTYPE target SYSTEM "gdb-target.dtd">
<target version="1.0">
  <architecture>arm</architecture>
  <feature name="org.gnu.gdb.arm.m-profile">
    <reg name="r0" bitsize="32" regnum="0"/>
    <reg name="r1" bitsize="32"/>
    <reg name="r2" bitsize="32"/>
    <reg name="r3" bitsize="32"/>
    <reg name="r4" bitsize="32"/>
    <reg name="r5" bitsize="32"/>
    <reg name="r6" bitsize="32"/>
    <reg name="r7" bitsize="32"/>
    <reg name="r8" bitsize="32"/>
    <reg name="r9" bitsize="32"/>
    <reg name="r10" bitsize="32"/>
    <reg name="r11" bitsize="32"/>
    <reg name="r12" bitsize="32"/>
    <reg name="sp" bitsize="32" type="data_ptr"/>
    <reg name="lr" bitsize="32"/>
    <reg name="pc" bitsize="32" type="code_ptr"/>
    <reg name="xpsr" bitsize="32"/>
  </feature>
  <feature name="org.gnu.gdb.arm.m-system">
    <reg name="msp" bitsize="32" type="data_ptr"/>
    <reg name="psp" bitsize="32" type="data_ptr"/>
  </feature>
  <feature name="org.vpico.arm.m0plus-special">
    <reg name="primask" bitsize="32" group="system"/>
    <reg name="control" bitsize="32" group="system"/>
  </feature>
</target>
)";

std::string le32_hex(uint32_t v) {
  return fmt::format("{:02x}{:02x}{:02x}{:02x}", v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
                     v >> 24);
}

std::optional<uint32_t> parse_le32(std::string_view hex) {
  auto bytes = rsp::from_hex(hex);
  if (!bytes || bytes->size() != 4) return std::nullopt;
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | uint8_t((*bytes)[size_t(i)]);
  return v;
}

std::optional<uint64_t> parse_hex(std::string_view s) {
  if (s.empty() || s.size() > 16) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return std::nullopt;
    v = v * 16 + unsigned(d);
  }
  return v;
}

// "addr,len" (then anything after `stop`).
bool parse_addr_len(std::string_view s, uint64_t& addr, uint64_t& len) {
  const size_t comma = s.find(',');
  if (comma == std::string_view::npos) return false;
  auto a = parse_hex(s.substr(0, comma));
  auto l = parse_hex(s.substr(comma + 1));
  if (!a || !l || *a > 0xffffffffu || *l > 0x100000) return false;
  addr = *a;
  len = *l;
  return true;
}

// A thread id as gdb writes it: hex, "-1" for all, "0" for any.
std::optional<int> parse_thread(std::string_view s) {
  if (s == "-1") return -1;
  auto v = parse_hex(s);
  if (!v || *v > 0xffff) return std::nullopt;
  return int(*v);
}

}  // namespace

GdbStub::GdbStub(Machine& machine) : m_machine(machine) {}

GdbStub::~GdbStub() {
  close_client();
  if (m_listen_fd >= 0) ::close(m_listen_fd);
}

Result<uint16_t> GdbStub::listen(uint16_t port, const std::string& host) {
  m_listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (m_listen_fd < 0) return make_error(fmt::format("gdb stub: socket: {}", std::strerror(errno)));
  int one = 1;
  ::setsockopt(m_listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1)
    return make_error(fmt::format("gdb stub: '{}' is not an IPv4 address", host));
  if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(m_listen_fd, 1) != 0)
    return make_error(
        fmt::format("gdb stub: cannot listen on {}:{}: {}", host, port, std::strerror(errno)));
  socklen_t len = sizeof addr;
  ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &len);
  return uint16_t(ntohs(addr.sin_port));
}

Result<void> GdbStub::accept() {
  for (;;) {
    m_fd = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (m_fd >= 0) break;
    if (errno != EINTR)
      return make_error(fmt::format("gdb stub: accept: {}", std::strerror(errno)));
  }
  int one = 1;
  ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  m_ack = true;
  m_hung_up = false;
  m_end.reset();
  m_machine.set_debugger_attached(true);
  return {};
}

void GdbStub::close_client() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
}

bool GdbStub::read_more(bool block) {
  if (m_fd < 0 || m_hung_up) return false;
  char buf[4096];
  for (;;) {
    ssize_t n = ::recv(m_fd, buf, sizeof buf, block ? 0 : MSG_DONTWAIT);
    if (n > 0) {
      m_reader.feed(std::string_view(buf, size_t(n)));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && !block && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    m_hung_up = true;
    return false;
  }
}

bool GdbStub::send_packet(const std::string& payload) {
  const std::string wire = rsp::frame(payload);
  for (int attempt = 0; attempt < 8; ++attempt) {
    size_t sent = 0;
    while (sent < wire.size()) {
      ssize_t n = ::send(m_fd, wire.data() + sent, wire.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        m_hung_up = true;
        return false;
      }
      sent += size_t(n);
    }
    if (!m_ack) return true;
    // Wait for gdb's '+' (or '-': send again).
    for (;;) {
      auto item = m_reader.next();
      if (!item) {
        if (!read_more(true)) return false;
        continue;
      }
      if (item->kind == rsp::Reader::Kind::Ack) return true;
      if (item->kind == rsp::Reader::Kind::Nak) break;
    }
  }
  return false;
}

unsigned GdbStub::thread_core(int thread) const {
  return thread == 2 && m_machine.core_count() > 1 ? 1 : 0;
}

GdbStub::End GdbStub::serve() {
  while (!m_end) {
    auto item = m_reader.next();
    if (!item) {
      if (!read_more(true)) m_end = End::Disconnected;
      continue;
    }
    switch (item->kind) {
      case rsp::Reader::Kind::Ack:
      case rsp::Reader::Kind::Nak:
        break;
      case rsp::Reader::Kind::BadPacket:
        if (m_ack && ::send(m_fd, "-", 1, MSG_NOSIGNAL) != 1) m_end = End::Disconnected;
        break;
      case rsp::Reader::Kind::Interrupt:  // already stopped: say so again
        m_last_stop = fmt::format("T02thread:{:x};", m_thread_g);
        if (!send_packet(m_last_stop)) m_end = End::Disconnected;
        break;
      case rsp::Reader::Kind::Packet: {
        if (m_ack && ::send(m_fd, "+", 1, MSG_NOSIGNAL) != 1) {
          m_end = End::Disconnected;
          break;
        }
        const bool no_ack_next = item->payload == "QStartNoAckMode";
        auto reply = handle(item->payload);
        if (m_hung_up || (reply && !send_packet(*reply))) {
          m_end = End::Disconnected;
          break;
        }
        if (no_ack_next) m_ack = false;
        break;
      }
    }
  }
  close_client();
  remove_all_points();
  return *m_end;
}

void GdbStub::remove_all_points() {
  for (uint32_t a : m_breakpoints)
    m_machine.remove_breakpoint(a);
  for (const auto& [a, len, kind] : m_watchpoints)
    m_machine.remove_watchpoint(a, len, kind);
  m_breakpoints.clear();
  m_watchpoints.clear();
  m_machine.cancel_steps();
  m_machine.set_debugger_attached(false);
}

std::optional<std::string> GdbStub::handle(const std::string& p) {
  if (p.empty()) return "";
  const char cmd = p[0];
  const std::string_view args = std::string_view(p).substr(1);
  const unsigned core_g = thread_core(m_thread_g);
  switch (cmd) {
    case '?':
      return m_last_stop;
    case 'g':
      return read_registers(core_g);
    case 'G': {
      if (args.size() < kRegCount * 8) return "E01";
      for (unsigned n = 0; n < kRegCount; ++n) {
        auto v = parse_le32(args.substr(n * 8, 8));
        if (!v) return "E01";
        write_register(core_g, n, *v);
      }
      return "OK";
    }
    case 'p': {
      auto n = parse_hex(args);
      if (!n) return "E01";
      auto v = read_register(core_g, unsigned(*n));
      return v ? le32_hex(*v) : "E01";
    }
    case 'P': {
      const size_t eq = args.find('=');
      if (eq == std::string_view::npos) return "E01";
      auto n = parse_hex(args.substr(0, eq));
      auto v = parse_le32(args.substr(eq + 1));
      if (!n || !v || !write_register(core_g, unsigned(*n), *v)) return "E01";
      return "OK";
    }
    case 'm': {
      uint64_t addr, len;
      if (!parse_addr_len(args, addr, len)) return "E01";
      if (len == 0) return "";
      if (!m_machine.is_memory(uint32_t(addr), uint32_t(len))) return "E14";  // EFAULT
      std::string bytes(len, '\0');
      if (!m_machine.read_memory(uint32_t(addr),
                                 std::span(reinterpret_cast<uint8_t*>(bytes.data()), len)))
        return "E14";
      return rsp::to_hex(bytes);
    }
    case 'M':
    case 'X': {
      const size_t colon = args.find(':');
      uint64_t addr, len;
      if (colon == std::string_view::npos || !parse_addr_len(args.substr(0, colon), addr, len))
        return "E01";
      std::string data;
      if (cmd == 'M') {
        auto bytes = rsp::from_hex(args.substr(colon + 1));
        if (!bytes) return "E01";
        data = *bytes;
      } else {
        data = std::string(args.substr(colon + 1));  // already unescaped by the reader
      }
      if (data.size() != len) return "E01";
      if (len == 0) return "OK";
      auto r = m_machine.write_memory(
          uint32_t(addr), std::span(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
      return r ? "OK" : "E14";
    }
    case 'c':
    case 's': {
      if (!args.empty()) {
        auto a = parse_hex(args);
        if (!a) return "E01";
        m_machine.core(core_g).set_pc(uint32_t(*a));
      }
      const int t = m_thread_c > 0 ? m_thread_c : m_thread_g;
      return resume(cmd == 's', thread_core(t));
    }
    case 'C':
    case 'S':  // with a signal, which a Cortex-M0+ has no use for
      return resume(cmd == 'S', thread_core(m_thread_c > 0 ? m_thread_c : m_thread_g));
    case 'H': {
      if (args.empty()) return "E01";
      auto t = parse_thread(args.substr(1));
      if (!t || *t > int(m_machine.core_count())) return "E01";
      if (args[0] == 'g')
        m_thread_g = *t > 0 ? *t : 1;
      else if (args[0] == 'c')
        m_thread_c = *t;
      else
        return "E01";
      return "OK";
    }
    case 'T': {
      auto t = parse_thread(args);
      return t && *t >= 1 && *t <= int(m_machine.core_count()) ? "OK" : "E01";
    }
    case 'Z':
    case 'z':
      return breakpoint(p, cmd == 'Z');
    case 'D':
      m_machine.cancel_steps();
      m_end = End::Detached;
      return "OK";
    case 'k':
      m_end = End::Killed;
      return std::nullopt;
    case 'q':
    case 'Q':
      if (p.rfind("qSupported", 0) == 0)
        return "PacketSize=4000;qXfer:features:read+;QStartNoAckMode+;vContSupported+";
      if (p == "QStartNoAckMode") return "OK";
      if (p.rfind("qXfer:features:read:", 0) == 0) return query_xfer(p);
      if (p == "qfThreadInfo") return m_machine.core_count() > 1 ? "m1,2" : "m1";
      if (p == "qsThreadInfo") return "l";
      if (p == "qC") return fmt::format("QC{:x}", m_thread_g);
      if (p.rfind("qAttached", 0) == 0) return "1";
      if (p.rfind("qThreadExtraInfo,", 0) == 0) {
        auto t = parse_thread(std::string_view(p).substr(17));
        if (!t || *t < 1 || *t > int(m_machine.core_count())) return "E01";
        static const char* kStates[] = {"running", "sleeping", "halted", "faulted"};
        const unsigned core = unsigned(*t - 1);
        return rsp::to_hex(
            fmt::format("core {} ({})", core, kStates[int(m_machine.core(core).state())]));
      }
      if (p == "qSymbol::") return "OK";
      return "";
    case 'v':
      if (p == "vCont?") return "vCont;c;C;s;S;t";
      if (p.rfind("vCont;", 0) == 0) return vcont(p);
      if (p.rfind("vKill", 0) == 0) {
        m_end = End::Killed;
        return "OK";
      }
      return "";
    default:
      return "";
  }
}

std::string GdbStub::breakpoint(const std::string& p, bool insert) {
  // Ztype,addr,kind
  if (p.size() < 4 || p[2] != ',') return "E01";
  const char type = p[1];
  uint64_t addr, kind;
  std::string_view rest = std::string_view(p).substr(3);
  if (const size_t semi = rest.find(';'); semi != std::string_view::npos)
    rest = rest.substr(0, semi);  // conditions and commands: not supported, plain breakpoint
  if (!parse_addr_len(rest, addr, kind)) return "E01";
  switch (type) {
    case '0':
    case '1':
      if (!insert) {
        m_machine.remove_breakpoint(uint32_t(addr));
        m_breakpoints.erase(uint32_t(addr));
        return "OK";
      }
      if (!m_machine.add_breakpoint(uint32_t(addr))) return "E01";
      m_breakpoints.insert(uint32_t(addr));
      return "OK";
    case '2':
    case '3':
    case '4': {
      const WatchKind k = type == '2'   ? WatchKind::Write
                          : type == '3' ? WatchKind::Read
                                        : WatchKind::Access;
      const auto key = std::tuple(uint32_t(addr), uint32_t(kind), k);
      if (!insert) {
        m_machine.remove_watchpoint(uint32_t(addr), uint32_t(kind), k);
        m_watchpoints.erase(key);
        return "OK";
      }
      if (m_watchpoints.count(key)) return "OK";
      if (!m_machine.add_watchpoint(uint32_t(addr), uint32_t(kind), k)) return "E01";
      m_watchpoints.insert(key);
      return "OK";
    }
    default:
      return "";
  }
}

std::string GdbStub::vcont(const std::string& p) {
  // vCont;action[:thread];... The first action that names a thread (or the default one)
  // decides: a step of that core, else a continue.
  std::optional<unsigned> step_core;
  bool resume_any = false, stop_only = true;
  std::string_view rest = std::string_view(p).substr(6);
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    std::string_view action = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    std::optional<int> thread;
    if (const size_t colon = action.find(':'); colon != std::string_view::npos) {
      thread = parse_thread(action.substr(colon + 1));
      if (!thread) return "E01";
      action = action.substr(0, colon);
    }
    if (action.empty()) return "E01";
    const char a = action[0];
    if (a == 't') continue;
    stop_only = false;
    if (a == 's' || a == 'S') {
      if (!step_core) {
        const int t = thread && *thread > 0 ? *thread : m_thread_g;
        step_core = thread_core(t);
      }
    } else if (a == 'c' || a == 'C') {
      resume_any = true;
    } else {
      return "E01";
    }
  }
  if (stop_only) return fmt::format("T00thread:{:x};", m_thread_g);
  (void)resume_any;
  return resume(step_core.has_value(), step_core.value_or(0));
}

std::string GdbStub::resume(bool step, unsigned step_core) {
  m_machine.step_over_breakpoints();
  if (step) m_machine.request_step(step_core);
  RunCondition cond;
  unsigned quanta = 0;
  bool interrupted = false;
  cond.on_quantum = [&] {
    if (on_quantum) on_quantum();
    // A system call per quantum would cost more than the quantum: look every 64.
    if (++quanta % 64 == 0) {
      if (!read_more(false)) return false;
      if (m_reader.has_interrupt()) {
        interrupted = true;
        return false;
      }
    }
    return true;
  };
  RunResult r = m_machine.run(cond);
  m_machine.cancel_steps();
  if (on_quantum) on_quantum();
  if (m_hung_up) return "";
  if (r.reason == StopReason::Idle && !interrupted) {
    // Every core sleeps and nothing is scheduled: nothing can happen until gdb interrupts.
    while (!m_reader.has_interrupt())
      if (!read_more(true)) return "";
  }
  if (r.reason == StopReason::HostStop || r.reason == StopReason::Idle) {
    // Drop the 0x03 that stopped us (it is not a command).
    std::string kept;
    while (auto item = m_reader.next()) {
      if (item->kind == rsp::Reader::Kind::Interrupt) break;
      if (item->kind == rsp::Reader::Kind::Packet) kept = item->payload;  // unexpected; dropped
    }
  }
  m_last_stop = stop_reply(r);
  return m_last_stop;
}

std::string GdbStub::stop_reply(const RunResult& r) {
  if (r.debug) {
    const int thread = int(r.debug->core) + 1;
    m_thread_g = thread;
    std::string reply = fmt::format("T05thread:{:x};", thread);
    if (r.debug->kind == DebugStop::Kind::Watchpoint) {
      const char* kind = r.debug->access == WatchKind::Write  ? "watch"
                         : r.debug->access == WatchKind::Read ? "rwatch"
                                                              : "awatch";
      reply += fmt::format("{}:{:x};", kind, r.debug->address);
    }
    return reply;
  }
  if (r.reason == StopReason::Fault) {
    int thread = m_thread_g;
    if (r.fault) {
      if (on_fault) on_fault(*r.fault);
      thread = r.fault->core + 1;
      m_thread_g = thread;
    }
    return fmt::format("T0bthread:{:x};", thread);
  }
  return fmt::format("T02thread:{:x};", m_thread_g);  // Ctrl-C (or nothing left to run)
}

std::optional<uint32_t> GdbStub::read_register(unsigned core, unsigned n) {
  if (n >= kRegCount) return std::nullopt;
  uint32_t v = m_machine.core(core).reg(kRegs[n]);
  if (n == kPcReg) v &= ~1u;
  return v;
}

bool GdbStub::write_register(unsigned core, unsigned n, uint32_t value) {
  if (n >= kRegCount) return false;
  CortexM0Plus& c = m_machine.core(core);
  if (n == kPcReg)
    c.set_pc(value);
  else
    c.set_reg(kRegs[n], value);
  return true;
}

std::string GdbStub::read_registers(unsigned core) {
  std::string out;
  for (unsigned n = 0; n < kRegCount; ++n)
    out += le32_hex(*read_register(core, n));
  return out;
}

std::string GdbStub::query_xfer(const std::string& p) {
  // qXfer:features:read:annex:offset,length
  const std::string_view rest = std::string_view(p).substr(20);
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return "E01";
  if (rest.substr(0, colon) != "target.xml") return "E00";
  uint64_t offset, length;
  if (!parse_addr_len(rest.substr(colon + 1), offset, length)) return "E01";
  const std::string_view xml(kTargetXml);
  if (offset >= xml.size()) return "l";
  const std::string_view chunk = xml.substr(offset, length);
  return (offset + chunk.size() >= xml.size() ? "l" : "m") + std::string(chunk);
}

}  // namespace vpico
