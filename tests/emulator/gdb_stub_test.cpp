// The GDB stub: the packet layer alone, then a small RSP client in the test driving the stub over
// loopback against firmware/tests/hello, the machine's debugger API's effect on time (none), and
// gdb-multiarch itself when it is installed.
#include "gdb_stub.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "loader/image.h"
#include "machine.h"

using namespace vpico;
namespace fs = std::filesystem;

namespace {

TEST(RspFraming, ChecksumIsTheByteSumModulo256) {
  EXPECT_EQ(rsp::checksum("OK"), 0x9a);
  EXPECT_EQ(rsp::frame("OK"), "$OK#9a");
  EXPECT_EQ(rsp::frame(""), "$#00");
}

TEST(RspFraming, EscapesTheFourSpecialBytes) {
  EXPECT_EQ(rsp::escape("a#b$c}d*e"), std::string("a}\x03"
                                                  "b}\x04"
                                                  "c}]d}\x0a"
                                                  "e"));
  const std::string all = "#$}*\x03 plain";
  EXPECT_EQ(rsp::unescape(rsp::escape(all)), all);
  // The checksum covers the escaped bytes on the wire.
  const std::string wire = rsp::frame("}");
  EXPECT_EQ(wire, fmt::format("$}}]#{:02x}", rsp::checksum("}]")));
}

TEST(RspFraming, ReaderSplitsPacketsAcksAndInterrupts) {
  rsp::Reader r;
  r.feed("+$g#67-$m0,4#00");
  r.feed("\x03$X0,2:}]}\x03#");
  const std::string x_body = "X0,2:}]}\x03";
  r.feed(fmt::format("{:02x}", rsp::checksum(x_body)));
  EXPECT_TRUE(r.has_interrupt());
  auto a = r.next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->kind, rsp::Reader::Kind::Ack);
  auto g = r.next();
  ASSERT_TRUE(g);
  EXPECT_EQ(g->kind, rsp::Reader::Kind::Packet);
  EXPECT_EQ(g->payload, "g");
  EXPECT_EQ(r.next()->kind, rsp::Reader::Kind::Nak);
  EXPECT_EQ(r.next()->kind, rsp::Reader::Kind::BadPacket);  // wrong checksum
  EXPECT_EQ(r.next()->kind, rsp::Reader::Kind::Interrupt);
  auto x = r.next();
  ASSERT_TRUE(x);
  EXPECT_EQ(x->kind, rsp::Reader::Kind::Packet);
  EXPECT_EQ(x->payload, std::string("X0,2:}#"));
  EXPECT_FALSE(r.next());
  r.feed("$qC#b");  // incomplete: waits for the second checksum digit
  EXPECT_FALSE(r.next());
  r.feed("4");
  EXPECT_EQ(r.next()->payload, "qC");
}

const ImageSymbol* symbol(const Image& image, const std::string& name) {
  for (const ImageSymbol& s : image.symbols)
    if (s.name == name) return &s;
  return nullptr;
}

fs::path hello_elf() {
  return fs::path(VPICO_FIRMWARE_DIR) / "hello.elf";
}

// A minimal gdb: frames packets, checks acks, returns reply payloads.
class RspClient {
 public:
  bool connect(uint16_t port) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::connect(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RspClient() { close(); }
  void close() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }
  void send_raw(const std::string& s) {
    ASSERT_EQ(::send(m_fd, s.data(), s.size(), 0), ssize_t(s.size()));
  }
  // Sends a packet, returns the reply's payload ("<no reply>" when the stub hung up).
  std::string command(const std::string& payload) {
    send_raw(rsp::frame(payload));
    return reply();
  }
  std::string reply() {
    for (;;) {
      while (auto item = m_reader.next()) {
        if (item->kind != rsp::Reader::Kind::Packet) continue;
        if (m_ack) send_raw("+");
        return item->payload;
      }
      char buf[4096];
      ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
      if (n <= 0) return "<no reply>";
      m_reader.feed(std::string_view(buf, size_t(n)));
    }
  }
  bool m_ack = true;

 private:
  int m_fd = -1;
  rsp::Reader m_reader;
};

uint32_t le32(const std::string& hex, size_t reg) {
  auto bytes = rsp::from_hex(hex.substr(reg * 8, 8));
  if (!bytes) return 0xdeadbeef;
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | uint8_t((*bytes)[size_t(i)]);
  return v;
}

class GdbStubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(hello_elf())) {
      if (VPICO_FIRMWARE_BUILT) FAIL() << hello_elf() << " was not built";
      GTEST_SKIP() << "firmware not built";
    }
    auto image = load_image(hello_elf().string());
    ASSERT_TRUE(image.ok()) << image.error().message;
    m_image = std::make_unique<Image>(std::move(*image));
    auto m = Machine::create();
    ASSERT_TRUE(m.ok());
    m_machine = std::move(*m);
    ASSERT_TRUE(m_machine->load(*m_image).ok());
    ASSERT_TRUE(m_machine->reset().ok());
    m_stub = std::make_unique<GdbStub>(*m_machine);
    m_stub->on_fault = [this](const Fault& f) { m_fault_message = f.message; };
    auto port = m_stub->listen(0);
    ASSERT_TRUE(port.ok()) << port.error().message;
    m_server = std::thread([this] {
      if (m_stub->accept()) m_end = m_stub->serve();
    });
    ASSERT_TRUE(m_client.connect(*port));
  }
  void TearDown() override {
    m_client.close();
    if (m_server.joinable()) m_server.join();
  }
  uint32_t address_of(const std::string& name) {
    const ImageSymbol* s = symbol(*m_image, name);
    EXPECT_TRUE(s) << name;
    return s ? s->address : 0;
  }
  uint32_t pc() { return le32(m_client.command("pf"), 0); }

  std::unique_ptr<Image> m_image;
  std::unique_ptr<Machine> m_machine;
  std::unique_ptr<GdbStub> m_stub;
  std::thread m_server;
  RspClient m_client;
  std::optional<GdbStub::End> m_end;
  std::string m_fault_message;
};

TEST_F(GdbStubTest, HandshakeAdvertisesFeaturesAndNoAckMode) {
  const std::string s = m_client.command("qSupported:multiprocess+;swbreak+;xmlRegisters=arm");
  EXPECT_NE(s.find("PacketSize="), std::string::npos) << s;
  EXPECT_NE(s.find("qXfer:features:read+"), std::string::npos) << s;
  EXPECT_EQ(m_client.command("QStartNoAckMode"), "OK");
  m_client.m_ack = false;
  EXPECT_EQ(m_client.command("qAttached"), "1");
  EXPECT_EQ(m_client.command("vCont?"), "vCont;c;C;s;S;t");
  EXPECT_EQ(m_client.command("?"), "T05thread:1;");
  EXPECT_EQ(m_client.command("vMustReplyEmpty"), "");
}

TEST_F(GdbStubTest, TargetXmlDescribesAnArmMProfileCore) {
  std::string xml;
  for (int i = 0; i < 100; ++i) {
    const std::string part =
        m_client.command(fmt::format("qXfer:features:read:target.xml:{:x},80", xml.size()));
    ASSERT_FALSE(part.empty());
    xml += part.substr(1);
    if (part[0] == 'l') break;
    ASSERT_EQ(part[0], 'm');
  }
  EXPECT_NE(xml.find("org.gnu.gdb.arm.m-profile"), std::string::npos);
  for (const char* reg : {"\"r0\"", "\"r12\"", "\"sp\"", "\"lr\"", "\"pc\"", "\"xpsr\""})
    EXPECT_NE(xml.find(reg), std::string::npos) << reg;
  EXPECT_EQ(m_client.command("qXfer:features:read:other.xml:0,100"), "E00");
}

TEST_F(GdbStubTest, ReadsRegistersAtReset) {
  const std::string g = m_client.command("g");
  ASSERT_EQ(g.size(), 21u * 8) << g;
  const uint32_t pc = le32(g, 15), sp = le32(g, 13);
  EXPECT_TRUE(pc < 0x4000 || (pc >= 0x10000000 && pc < 0x10200000)) << std::hex << pc;
  EXPECT_GT(sp, 0x20000000u);
  EXPECT_LE(sp, 0x20042000u);
  EXPECT_EQ(m_client.command("pf"), g.substr(15 * 8, 8));
  EXPECT_EQ(m_client.command("p99"), "E01");
  // Writing a register reads back.
  EXPECT_EQ(m_client.command("P0=78563412"), "OK");
  EXPECT_EQ(m_client.command("p0"), "78563412");
}

TEST_F(GdbStubTest, BreakpointStepAndInterrupt) {
  const uint32_t putc = address_of("uart0_putc");
  EXPECT_EQ(m_client.command(fmt::format("Z0,{:x},2", putc)), "OK");
  EXPECT_EQ(m_client.command("c"), "T05thread:1;");
  EXPECT_EQ(pc(), putc);
  EXPECT_EQ(m_machine->serial("uart0")->output(), "");  // stopped before the first character

  // Memory as the image has it: the vector table after boot2.
  const std::string hex = m_client.command("m10000100,20");
  ASSERT_EQ(hex.size(), 64u) << hex;
  std::vector<uint8_t> expected(32);
  for (const ImageSegment& s : m_image->segments)
    for (uint32_t i = 0; i < 32; ++i)
      if (0x10000100 + i >= s.address && 0x10000100 + i < s.address + s.bytes.size())
        expected[i] = s.bytes[0x10000100 + i - s.address];
  EXPECT_EQ(hex, rsp::to_hex(std::string(expected.begin(), expected.end())));
  EXPECT_EQ(m_client.command("m40034000,4"), "E14");  // MMIO is refused, not faked

  // One instruction (movs r3, #32): the breakpoint under PC is stepped over.
  EXPECT_EQ(m_client.command("vCont;s:1;c"), "T05thread:1;");
  EXPECT_EQ(pc(), putc + 2);
  EXPECT_EQ(m_client.command("p3"), "20000000");
  // Continuing hits the breakpoint again at the next character.
  EXPECT_EQ(m_client.command("c"), "T05thread:1;");
  EXPECT_EQ(pc(), putc);
  EXPECT_EQ(m_client.command("p0"), "65000000");  // 'e', the second character of "hello"

  EXPECT_EQ(m_client.command(fmt::format("z0,{:x},2", putc)), "OK");
  m_client.send_raw(rsp::frame("c"));
  m_client.send_raw("\x03");
  EXPECT_EQ(m_client.reply(), "T02thread:1;");
  EXPECT_NE(m_client.command("g").size(), 0u);
}

TEST_F(GdbStubTest, WriteWatchpointStopsAfterTheStore) {
  const uint32_t putc = address_of("uart0_putc");
  const uint32_t udec = address_of("uart0_put_udec");
  EXPECT_EQ(m_client.command(fmt::format("Z0,{:x},2", putc)), "OK");
  EXPECT_EQ(m_client.command("c"), "T05thread:1;");
  EXPECT_EQ(m_client.command(fmt::format("z0,{:x},2", putc)), "OK");
  // A stack word below uart0_puts' frame: the next store there is uart0_put_udec's push.
  const uint32_t sp = le32(m_client.command("pd"), 0);
  EXPECT_EQ(m_client.command(fmt::format("Z2,{:x},4", sp)), "OK");
  EXPECT_EQ(m_client.command("c"), fmt::format("T05thread:1;watch:{:x};", sp));
  EXPECT_EQ(pc(), udec + 2);  // after `push {r3-r7, lr}`
  EXPECT_EQ(m_client.command(fmt::format("z2,{:x},4", sp)), "OK");
  EXPECT_EQ(m_client.command("Z2,40034000,4"), "E01");  // MMIO cannot be watched
}

TEST_F(GdbStubTest, ThreadsAreTheTwoCores) {
  EXPECT_EQ(m_client.command("qfThreadInfo"), "m1,2");
  EXPECT_EQ(m_client.command("qsThreadInfo"), "l");
  EXPECT_EQ(m_client.command("qC"), "QC1");
  EXPECT_EQ(m_client.command("T2"), "OK");
  EXPECT_EQ(m_client.command("T3"), "E01");
  EXPECT_EQ(m_client.command("Hg2"), "OK");
  EXPECT_EQ(m_client.command("qC"), "QC2");
  EXPECT_EQ(m_client.command("g").size(), 21u * 8);
  EXPECT_EQ(m_client.command("Hc-1"), "OK");
  EXPECT_FALSE(m_client.command("qThreadExtraInfo,2").empty());
}

TEST_F(GdbStubTest, DetachLetsTheMachineRunOn) {
  const uint32_t putc = address_of("uart0_putc");
  EXPECT_EQ(m_client.command(fmt::format("Z0,{:x},2", putc)), "OK");
  EXPECT_EQ(m_client.command("c"), "T05thread:1;");
  EXPECT_EQ(m_client.command("D"), "OK");
  m_server.join();
  ASSERT_TRUE(m_end);
  EXPECT_EQ(*m_end, GdbStub::End::Detached);
  // The breakpoint went with the debugger.
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "blink 1\n"};
  c.max_time_ns = 2'000'000'000;
  EXPECT_EQ(m_machine->run(c).reason, StopReason::SerialMatch);
}

TEST_F(GdbStubTest, WriteMemoryChangesWhatRuns) {
  // Patch uart0_putc's first instruction into BKPT #1: the firmware stops there as at a
  // breakpoint, since a debugger is attached.
  const uint32_t putc = address_of("uart0_putc");
  EXPECT_EQ(m_client.command(fmt::format("M{:x},2:01be", putc)), "OK");
  EXPECT_EQ(m_client.command(fmt::format("m{:x},2", putc)), "01be");
  EXPECT_EQ(m_client.command("c"), "T05thread:1;");
  EXPECT_EQ(pc(), putc);
}

// The debugger's hooks must not change what the machine computes: the same cycles and output at
// the same point, whether it stopped at breakpoints or was stepped on the way.
struct Checkpoint {
  uint64_t cycles, instructions;
  std::string out;
};

Checkpoint run_hello(const std::function<void(Machine&, const Image&)>& debug) {
  auto image = load_image(hello_elf().string());
  EXPECT_TRUE(image.ok());
  auto m = Machine::create();
  EXPECT_TRUE(m.ok());
  Machine& machine = **m;
  EXPECT_TRUE(machine.load(*image).ok());
  EXPECT_TRUE(machine.reset().ok());
  if (debug) debug(machine, *image);
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "blink 1\n"};
  c.max_time_ns = 2'000'000'000;
  RunResult r = machine.run(c);
  EXPECT_EQ(r.reason, StopReason::SerialMatch);
  return {r.cycles, machine.instructions(), machine.serial("uart0")->output()};
}

TEST(MachineDebug, BreakpointsAndStepsDoNotChangeTime) {
  if (!fs::exists(hello_elf())) GTEST_SKIP() << "firmware not built";
  const Checkpoint plain = run_hello(nullptr);
  const Checkpoint stopped = run_hello([](Machine& m, const Image& image) {
    const uint32_t putc = symbol(image, "uart0_putc")->address;
    ASSERT_TRUE(m.add_breakpoint(putc).ok());
    m.set_debugger_attached(true);
    for (int hits = 0; hits < 5; ++hits) {
      RunResult r = m.run({});
      ASSERT_EQ(r.reason, StopReason::HostStop);
      ASSERT_TRUE(r.debug);
      EXPECT_EQ(r.debug->kind, DebugStop::Kind::Breakpoint);
      EXPECT_EQ(r.debug->pc, putc);
      EXPECT_EQ(m.core(0).pc(), putc);
      // A few single steps from the breakpoint.
      for (int i = 0; i < 3; ++i) {
        m.step_over_breakpoints();
        m.request_step(0);
        RunResult s = m.run({});
        ASSERT_TRUE(s.debug);
        EXPECT_EQ(s.debug->kind, DebugStop::Kind::Step);
      }
      m.step_over_breakpoints();
    }
    m.remove_breakpoint(putc);
  });
  EXPECT_EQ(stopped.out, plain.out);
  EXPECT_EQ(stopped.cycles, plain.cycles);
  EXPECT_EQ(stopped.instructions, plain.instructions);
}

TEST(MachineDebug, BkptStopsForAnAttachedDebugger) {
  const fs::path elf = fs::path(VPICO_FIRMWARE_DIR) / "fault_bkpt.elf";
  if (!fs::exists(elf)) GTEST_SKIP() << "firmware not built";
  auto image = load_image(elf.string());
  ASSERT_TRUE(image.ok());
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE((*m)->load(*image).ok());
  ASSERT_TRUE((*m)->reset().ok());
  (*m)->set_debugger_attached(true);
  RunCondition c;
  c.max_time_ns = 2'000'000'000;
  RunResult r = (*m)->run(c);
  ASSERT_EQ(r.reason, StopReason::HostStop) << stop_reason_name(r.reason);
  ASSERT_TRUE(r.debug);
  EXPECT_EQ(r.debug->kind, DebugStop::Kind::Breakpoint);
  EXPECT_EQ(r.debug->pc, symbol(*image, "panic_with_bkpt")->address);
}

TEST(MachineDebug, WatchpointsAndWritesAreRefusedOnMmio) {
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE((*m)->add_watchpoint(0x40034000, 4, WatchKind::Write).ok());
  const uint8_t b[1] = {0};
  EXPECT_FALSE((*m)->write_memory(0xd0000010, b).ok());
  EXPECT_TRUE((*m)->write_memory(0x20000000, b).ok());
  EXPECT_TRUE((*m)->is_memory(0x10000000, 4));
  EXPECT_FALSE((*m)->is_memory(0x2003fffe, 0x10000));
}

// gdb-multiarch itself (not installed by scripts/setup: skipped without it).
TEST(GdbMultiarch, BreaksAtUartPutc) {
  const char* gdb = "/usr/bin/gdb-multiarch";
  if (!fs::exists(gdb)) GTEST_SKIP() << "gdb-multiarch is not installed";
  if (!fs::exists(hello_elf())) GTEST_SKIP() << "firmware not built";
  auto image = load_image(hello_elf().string());
  ASSERT_TRUE(image.ok());
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE((*m)->load(*image).ok());
  ASSERT_TRUE((*m)->reset().ok());
  GdbStub stub(**m);
  auto port = stub.listen(0);
  ASSERT_TRUE(port.ok());
  std::thread server([&] {
    if (stub.accept()) stub.serve();
  });
  const std::string cmd = fmt::format(
      "{} -nx -batch -ex 'set confirm off' -ex 'target remote :{}' -ex 'break uart0_putc' "
      "-ex 'continue' -ex 'info registers pc' -ex 'stepi' -ex 'info registers pc' "
      "-ex 'info threads' -ex 'x/2xw 0x10000100' -ex 'detach' {} 2>&1",
      gdb, *port, hello_elf().string());
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
      out.append(buf, n);
    pclose(p);
  }
  server.join();
  const uint32_t putc = symbol(*image, "uart0_putc")->address;
  EXPECT_NE(out.find(fmt::format("0x{:x} <uart0_putc>", putc)), std::string::npos) << out;
  EXPECT_NE(out.find(fmt::format("0x{:x} <uart0_putc+2>", putc + 2)), std::string::npos) << out;
  EXPECT_NE(out.find("Thread 2"), std::string::npos) << out;
  EXPECT_EQ((*m)->serial("uart0")->output(), "");
}

}  // namespace
