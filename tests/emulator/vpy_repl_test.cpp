// vpy's REPL on UART0 of the emulated Pico (firmware/vpy, image vpy-rp2040): typed a line at a
// time, as a person types, and through the raw REPL as pyboard.py and mpremote drive a board.
#include "vpy_repl_fixture.h"

#include <string>

#include "usb_host.h"

using namespace vpico;

namespace {

class VpyRepl : public VpyReplFixture {};

TEST_F(VpyRepl, BannerAndExpressions) {
  EXPECT_EQ(type("1 + 1"), "1 + 1\r\n2\r\n>>> ");
  EXPECT_EQ(type("x = 6 * 7"), "x = 6 * 7\r\n>>> ");
  EXPECT_EQ(type("print('x is', x)"), "print('x is', x)\r\nx is 42\r\n>>> ");
}

TEST_F(VpyRepl, CompoundStatementWithAutoIndent) {
  // The line after one ending in ':' starts indented by four spaces (echoed as the next key
  // arrives); blank lines then close the block as on MicroPython's boards.
  EXPECT_EQ(type("for i in range(3):", "... "), "for i in range(3):\r\n... ");
  EXPECT_EQ(type("print(i * i)", "... "), "    print(i * i)\r\n... ");
  std::string out = type("\r\r");
  EXPECT_NE(out.find("\r\n0\r\n1\r\n4\r\n>>> "), std::string::npos) << out;
}

TEST_F(VpyRepl, ErrorsPrintATraceback) {
  EXPECT_EQ(type("1 / 0"),
            "1 / 0\r\nTraceback (most recent call last):\r\n"
            "  File \"<stdin>\", line 1, in <module>\r\n"
            "ZeroDivisionError: divide by zero\r\n>>> ");
}

TEST_F(VpyRepl, RawReplRunsCodeAsPyboardDoes) {
  SerialPort* uart = m_machine->serial("uart0");
  uart->clear_output();
  uart->send("\r\x01");  // Ctrl-A: raw REPL
  ASSERT_TRUE(run_until("raw REPL; CTRL-B to exit\r\n>"));
  uart->clear_output();
  uart->send("print(sum(range(10)))\x04");
  ASSERT_TRUE(run_until("\x04>"));
  EXPECT_EQ(uart->output(), "OK45\r\n\x04\x04>");
  uart->clear_output();
  uart->send("\x02");  // Ctrl-B: back to the friendly REPL
  ASSERT_TRUE(run_until(">>> "));
}

TEST_F(VpyRepl, CtrlCInterruptsRunningCode) {
  SerialPort* uart = m_machine->serial("uart0");
  uart->clear_output();
  uart->send("while True: pass\r\r");
  RunCondition c;
  c.max_time_ns = 200'000'000;  // 0.2 s of board time inside the loop
  m_machine->run(c);
  uart->send("\x03");
  ASSERT_TRUE(run_until(">>> ")) << uart->output();
  EXPECT_NE(uart->output().find("KeyboardInterrupt"), std::string::npos) << uart->output();
  EXPECT_EQ(type("2 + 3"), "2 + 3\r\n5\r\n>>> ");
}

TEST_F(VpyRepl, SleepWaitsInWfiNotInALoop) {
  // time.sleep waits for a TIMER alarm in WFI: 30 s of board time pass while the cores run
  // almost no instructions (a busy wait would run ~100 million at 12 MHz).
  const uint64_t t0 = m_machine->time_ns();
  const uint64_t n0 = m_machine->instructions();
  EXPECT_EQ(type("import time; time.sleep(30); print('woke')", ">>> ", 40'000'000'000),
            "import time; time.sleep(30); print('woke')\r\nwoke\r\n>>> ");
  EXPECT_GE(m_machine->time_ns() - t0, 30'000'000'000u);
  EXPECT_LT(m_machine->time_ns() - t0, 30'100'000'000u);
  EXPECT_LT(m_machine->instructions() - n0, 2'000'000u);
  // sleep_ms and sleep_us too.
  const uint64_t t1 = m_machine->time_ns();
  type("time.sleep_ms(1500); time.sleep_us(250000)");
  EXPECT_GE(m_machine->time_ns() - t1, 1'750'000'000u);
  EXPECT_LT(m_machine->time_ns() - t1, 1'800'000'000u);
}

TEST_F(VpyRepl, CtrlCEndsASleep) {
  SerialPort* uart = m_machine->serial("uart0");
  uart->clear_output();
  uart->send("import time; time.sleep(1000)\r");
  RunCondition c;
  c.max_time_ns = 500'000'000;
  m_machine->run(c);
  const uint64_t t0 = m_machine->time_ns();
  uart->send("\x03");
  ASSERT_TRUE(run_until(">>> ")) << uart->output();
  EXPECT_NE(uart->output().find("KeyboardInterrupt"), std::string::npos) << uart->output();
  EXPECT_LT(m_machine->time_ns() - t0, 100'000'000u);  // well before the 1000 s were up
}

TEST_F(VpyRepl, PasteModeTakesABlockAtOnce) {
  // Far more than the UART's 32-byte FIFO in one go: the receive interrupt keeps up.
  std::string block;
  for (int i = 0; i < 12; i++)
    block += "v" + std::to_string(i) + " = " + std::to_string(i) + " * 1000 + 7  # filler\r\n";
  block += "print(v0 + v11, len(str(v5)))\r\n";
  ASSERT_GT(block.size(), 300u);
  SerialPort* uart = m_machine->serial("uart0");
  uart->clear_output();
  uart->send("\x05");
  ASSERT_TRUE(run_until("=== "));
  uart->clear_output();
  uart->send(block + "\x04");
  ASSERT_TRUE(run_until(">>> ")) << uart->output();
  EXPECT_NE(uart->output().find("11014 4\r\n>>> "), std::string::npos) << uart->output();
}

TEST_F(VpyRepl, CtrlDSoftResets) {
  type("y = 1");
  SerialPort* uart = m_machine->serial("uart0");
  uart->clear_output();
  uart->send("\x04");
  ASSERT_TRUE(run_until(">>> "));
  EXPECT_NE(uart->output().find("MPY: soft reboot"), std::string::npos) << uart->output();
  EXPECT_NE(type("y").find("NameError"), std::string::npos);
}

}  // namespace

// The same REPL on the USB CDC port, as a PC's terminal on /dev/ttyACM0 sees it: the virtual
// host enumerates the board, then a line typed there is echoed and answered there, and Ctrl-C
// from there interrupts running code.
TEST_F(VpyRepl, UsbCdcPortRunsTheReplToo) {
  RunCondition settle;
  settle.max_time_ns = 300'000'000;
  m_machine->run(settle);
  ASSERT_TRUE(m_machine->usb_host().configured());
  SerialPort* usb = m_machine->serial("usb");
  ASSERT_NE(usb, nullptr);
  usb->clear_output();
  usb->send("print(6 * 7)\r");
  RunCondition c;
  c.serial = RunCondition::SerialText{"usb", "42\r\n>>> "};
  c.max_time_ns = 1'000'000'000;
  ASSERT_EQ(m_machine->run(c).reason, StopReason::SerialMatch) << usb->output();
  EXPECT_EQ(usb->output(), "print(6 * 7)\r\n42\r\n>>> ");
  usb->clear_output();
  usb->send("while True: pass\r\r");
  m_machine->run(settle);
  usb->send("\x03");
  c.serial = RunCondition::SerialText{"usb", ">>> "};
  ASSERT_EQ(m_machine->run(c).reason, StopReason::SerialMatch) << usb->output();
  EXPECT_NE(usb->output().find("KeyboardInterrupt"), std::string::npos) << usb->output();
}
