// GdbStub: a GDB Remote Serial Protocol server for one Machine (DESIGN.md: "gdb-multiarch -ex
// 'target remote :3333' works"). It drives the machine only through Machine's debugger API.
//
// Supported: one client over TCP (127.0.0.1 by default); packets with checksums and acks, and
// QStartNoAckMode; ? g G p P m M X; c s (optional address); vCont? and vCont;c/C/s/S/t;
// Z0/Z1 breakpoints (both the same: code hooks, any number); Z2/Z3/Z4 watchpoints on memory;
// qSupported, qXfer:features:read:target.xml (ARM M-profile: r0-r12 sp lr pc xpsr, then msp psp
// and primask control); threads 1 and 2 for cores 0 and 1 (qfThreadInfo, qsThreadInfo, qC, Hg,
// Hc, T, qThreadExtraInfo); qAttached; D (detach: the machine runs on); k; Ctrl-C (0x03) while
// running, polled at quantum boundaries. Virtual time only moves while gdb lets the machine run.
// Stop replies: T05thread:N; (breakpoint, BKPT, step, with watch:/rwatch:/awatch:ADDR; for a
// watchpoint), T02 after Ctrl-C, T0b (SIGSEGV) when the firmware faults (on_fault gets the
// report to print).
//
// Not supported (refused with an error or empty reply, never faked): memory reads and writes
// and watchpoints on MMIO registers (a read can have side effects, e.g. pop a FIFO), watching
// DMA transfers, non-stop mode, run-length encoded packets from gdb, the extended-remote
// commands (vRun, R), and reverse execution. A step runs one instruction of the chosen core;
// the other core keeps its place in the deterministic quantum interleaving, so it may run up to
// one quantum during a step of its sibling, as it would without the debugger.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "fault.h"
#include "machine.h"
#include "result.h"

namespace vpico {

// The packet layer, separate so that it can be tested alone.
namespace rsp {
uint8_t checksum(std::string_view data);
// Binary data in a packet: '#', '$', '}' and '*' become '}' followed by the byte xor 0x20.
std::string escape(std::string_view data);
std::string unescape(std::string_view data);
// "$" + escape(payload) + "#" + two hex digits of the escaped data's checksum.
std::string frame(std::string_view payload);
std::string to_hex(std::string_view bytes);
std::optional<std::string> from_hex(std::string_view hex);

// Splits the byte stream from gdb into packets, acks and interrupts.
class Reader {
 public:
  enum class Kind { Packet, BadPacket, Ack, Nak, Interrupt };
  struct Item {
    Kind kind;
    std::string payload;  // unescaped, for Packet
  };
  void feed(std::string_view bytes);
  std::optional<Item> next();
  bool has_interrupt() const;

 private:
  std::string m_buffer;
};
}  // namespace rsp

class GdbStub {
 public:
  explicit GdbStub(Machine& machine);
  ~GdbStub();
  GdbStub(const GdbStub&) = delete;
  GdbStub& operator=(const GdbStub&) = delete;

  // Binds and listens (port 0: any free port); returns the port.
  Result<uint16_t> listen(uint16_t port, const std::string& host = "127.0.0.1");
  // Waits for gdb to connect.
  Result<void> accept();
  enum class End { Detached, Killed, Disconnected };
  // Serves the connected client until it detaches, kills or hangs up. The machine does not run
  // before gdb asks it to.
  End serve();

  // Called when the firmware faults (the stub then reports SIGSEGV to gdb).
  std::function<void(const Fault&)> on_fault;
  // Called at each quantum boundary while the machine runs (the host's own work: output).
  std::function<void()> on_quantum;

 private:
  std::optional<std::string> handle(const std::string& packet);
  std::string resume(bool step, unsigned step_core);
  std::string stop_reply(const RunResult& r);
  std::string read_registers(unsigned core);
  bool write_register(unsigned core, unsigned n, uint32_t value);
  std::optional<uint32_t> read_register(unsigned core, unsigned n);
  std::string query_xfer(const std::string& packet);
  std::string vcont(const std::string& packet);
  std::string breakpoint(const std::string& packet, bool insert);
  bool send_packet(const std::string& payload);
  bool read_more(bool block);  // false: the client hung up
  void close_client();
  unsigned thread_core(int thread) const;

  Machine& m_machine;
  int m_listen_fd = -1;
  int m_fd = -1;
  rsp::Reader m_reader;
  bool m_ack = true;
  bool m_hung_up = false;
  int m_thread_g = 1;  // gdb thread ids: 1 = core 0, 2 = core 1
  int m_thread_c = 1;
  std::string m_last_stop = "T05thread:1;";
  std::optional<End> m_end;
  // What gdb inserted, taken out when it goes away without removing them.
  std::set<uint32_t> m_breakpoints;
  std::set<std::tuple<uint32_t, uint32_t, WatchKind>> m_watchpoints;
  void remove_all_points();
};

}  // namespace vpico
