// TraceTail: the last blocks each core ran, with symbols and disassembly.
#include "trace_tail.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "machine.h"

using namespace vpico;
namespace fs = std::filesystem;

TEST(TraceTail, ShowsTheLastBlocksWithSymbolsAndInstructions) {
  const fs::path elf = fs::path(VPICO_FIRMWARE_DIR) / "hello.elf";
  if (!fs::exists(elf)) {
    if (VPICO_FIRMWARE_BUILT) FAIL() << elf << " was not built";
    GTEST_SKIP() << "firmware not built";
  }
  auto image = load_image(elf.string());
  ASSERT_TRUE(image.ok());
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE((*m)->load(*image).ok());
  ASSERT_TRUE((*m)->reset().ok());
  TraceTail trace;
  trace.attach(**m);
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "blink 2"};
  c.max_time_ns = 1'000'000'000;
  ASSERT_EQ((*m)->run(c).reason, StopReason::SerialMatch);
  const std::string t = trace.text();
  EXPECT_NE(t.find("core 0: the last 48 blocks it ran"), std::string::npos) << t;
  // hello waits in main's delay loop between blinks, or writes in uart0_putc.
  EXPECT_TRUE(t.find("(main+") != std::string::npos || t.find("(uart0_") != std::string::npos) << t;
  EXPECT_NE(t.find("times in a row"), std::string::npos) << t;  // the delay loop
#if VPICO_HAVE_CAPSTONE
  EXPECT_NE(t.find("subs"), std::string::npos) << t;  // disassembled
#endif
  trace.detach();
}
