// A vpico Machine running vpy's board firmware (firmware/vpy, image vpy-rp2040) at its REPL on
// UART0, and a way to type lines into it as a person types: shared by the tests of the REPL
// and of the machine module.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "loader/image.h"
#include "machine.h"

namespace vpico {

class VpyReplFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path elf = std::filesystem::path(VPICO_FIRMWARE_DIR) / "vpy-rp2040.elf";
    if (!std::filesystem::exists(elf)) {
      if (VPICO_FIRMWARE_BUILT) FAIL() << elf << " was not built";
      GTEST_SKIP() << "firmware not built";
    }
    auto image = load_image(elf.string());
    ASSERT_TRUE(image.ok()) << image.error().message;
    auto m = Machine::create();
    ASSERT_TRUE(m.ok());
    m_machine = std::move(*m);
    ASSERT_TRUE(m_machine->load(*image).ok());
    ASSERT_TRUE(m_machine->reset().ok());
    ASSERT_TRUE(run_until(">>> "));
  }

  // Runs until `text` appears in the output of this run (at most `limit_ns` of board time).
  bool run_until(const std::string& text, uint64_t limit_ns = 5'000'000'000) {
    RunCondition c;
    c.serial = RunCondition::SerialText{"uart0", text};
    c.max_time_ns = limit_ns;
    RunResult r = m_machine->run(c);
    return r.reason == StopReason::SerialMatch;
  }

  // Runs `ns` of board time.
  void run_for(uint64_t ns) {
    RunCondition c;
    c.max_time_ns = ns;
    m_machine->run(c);
  }

  // Types `line` and Enter, and returns what the board printed up to the next `prompt`.
  // (One line at a time: a UART has no flow control, and typing faster than the REPL echoes
  // would overrun its receive FIFO, as on a real board.)
  std::string type(const std::string& line, const std::string& prompt = ">>> ",
                   uint64_t limit_ns = 5'000'000'000) {
    SerialPort* uart = m_machine->serial("uart0");
    uart->clear_output();
    uart->send(line + "\r");
    EXPECT_TRUE(run_until(prompt, limit_ns)) << "after typing " << line << ":\n" << uart->output();
    return uart->output();
  }

  // What an expression prints at the REPL: the text between the echoed line and the prompt.
  std::string eval(const std::string& expr, uint64_t limit_ns = 5'000'000'000) {
    const std::string out = type(expr, ">>> ", limit_ns);
    const std::string echo = expr + "\r\n";
    std::string result = out.rfind(echo, 0) == 0 ? out.substr(echo.size()) : out;
    const std::string prompt = "\r\n>>> ";
    if (result.size() >= prompt.size() &&
        result.compare(result.size() - prompt.size(), prompt.size(), prompt) == 0) {
      result.resize(result.size() - prompt.size());
    } else if (result == ">>> ") {
      result.clear();
    }
    return result;
  }

  std::unique_ptr<Machine> m_machine;
};

}  // namespace vpico
