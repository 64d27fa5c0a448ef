// The real-board transport against a pseudo-terminal: a thread on the master side plays a board
// with a MicroPython-like prompt. Serial steps run; steps that need pins are skipped with a note.
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>

#include "runner.h"
#include "scenario.h"
#include "serial_device_target.h"

using namespace vpico::scenarios;

namespace {

// The "board": prints a banner and a prompt, answers "print(1+1)\r" with "2", echoes the rest.
class FakeBoard {
 public:
  FakeBoard() {
    // Raw from the start: a pty's slave echoes by default, and the banner written before the
    // target opens the port would come back to the "board" as input.
    termios raw{};
    cfmakeraw(&raw);
    if (openpty(&m_master, &m_slave, nullptr, &raw, nullptr) != 0) return;
    m_path = ttyname(m_slave);
    m_thread = std::thread([this] { serve(); });
  }
  ~FakeBoard() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    if (m_master >= 0) close(m_master);
    if (m_slave >= 0) close(m_slave);
  }
  const std::string& path() const { return m_path; }

 private:
  void say(const std::string& s) { (void)!write(m_master, s.data(), s.size()); }
  void serve() {
    say("fake board 1.0\r\n>>> ");
    std::string line;
    while (!m_stop) {
      pollfd p{m_master, POLLIN, 0};
      if (poll(&p, 1, 20) <= 0) continue;
      char buf[256];
      ssize_t n = read(m_master, buf, sizeof buf);
      if (n <= 0) continue;
      for (ssize_t i = 0; i < n; ++i) {
        if (buf[i] != '\r') {
          line += buf[i];
          continue;
        }
        say(line + "\r\n");
        if (line == "print(1+1)") say("2\r\n");
        say(">>> ");
        line.clear();
      }
    }
  }

  int m_master = -1, m_slave = -1;
  std::string m_path;
  std::thread m_thread;
  std::atomic<bool> m_stop{false};
};

}  // namespace

TEST(SerialDeviceTarget, SerialStepsRunAndPinStepsAreSkipped) {
  FakeBoard board;
  ASSERT_FALSE(board.path().empty());
  auto s = parse_scenario_text(
      "name: on a board\nfirmware: not-used.uf2\ntimeout: 20s\nsteps:\n"
      "  - wait-serial: '>>> '\n"
      "  - write-serial: \"print(1+1)\\r\"\n"
      "  - wait-serial: \"\\r\\n2\\r\\n\"\n"
      "  - expect-pin: {part-id: pico, pin: GP25, value: 1}\n"
      "  - set-pin: {pin: GP14, value: 1}\n"
      "  - delay: 10ms\n"
      "  - wait-serial: {text: '>>> ', port: usb}\n",
      "board.yaml");
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto t = SerialDeviceTarget::open(board.path());
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_FALSE((*t)->has_pins());
  ScenarioResult r = run_scenario(*s, **t);
  std::string log;
  for (const std::string& l : r.log)
    log += l + "\n";
  EXPECT_EQ(r.verdict, Verdict::Pass) << r.message << "\n" << log;
  EXPECT_EQ(r.steps_run, 5u);
  EXPECT_EQ(r.steps_skipped, 2u);
  EXPECT_NE(
      log.find("expect-pin pico:GP25 == 1: skipped: board on " + board.path() + " shows no pins"),
      std::string::npos)
      << log;
}

TEST(SerialDeviceTarget, TextThatNeverComesFailsWithWhatCame) {
  FakeBoard board;
  ASSERT_FALSE(board.path().empty());
  auto s = parse_scenario_text(
      "steps:\n  - wait-serial: '>>> '\n  - wait-serial: {text: 'never', timeout: 100ms}\n",
      "board.yaml");
  ASSERT_TRUE(s.ok());
  auto t = SerialDeviceTarget::open(board.path());
  ASSERT_TRUE(t.ok());
  ScenarioResult r = run_scenario(*s, **t);
  EXPECT_EQ(r.verdict, Verdict::Fail);
  EXPECT_NE(r.message.find("board.yaml:3: step 2 (wait-serial): 'never' did not appear on uart0: "
                           "not within 100 ms; got nothing new on uart0"),
            std::string::npos)
      << r.message;
}

TEST(SerialDeviceTarget, MissingDeviceIsAClearError) {
  auto t = SerialDeviceTarget::open("/dev/nonexistent-tty");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("/dev/nonexistent-tty: cannot open"), std::string::npos);
}

TEST(SerialDeviceTarget, ARegularFileIsNotASerialPort) {
  auto t = SerialDeviceTarget::open(VPICO_SOURCE_DIR "/CMakeLists.txt");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("not a serial port"), std::string::npos) << t.error().message;
}
