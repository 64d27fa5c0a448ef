#include "terminal_buffer.h"

#include <gtest/gtest.h>

using vpico::gui::TerminalBuffer;

TEST(TerminalBuffer, SplitsLinesAndDropsCarriageReturns) {
  TerminalBuffer t;
  t.write("hello\r\nworld\r\n>>> ");
  EXPECT_EQ(t.text(), "hello\nworld\n>>> ");
}

TEST(TerminalBuffer, CarriageReturnOverwritesTheLine) {
  TerminalBuffer t;
  t.write("12345\rab");
  EXPECT_EQ(t.text(), "ab345");
}

TEST(TerminalBuffer, BackspaceAndEraseToEndOfLineEditTheLine) {
  TerminalBuffer t;
  t.write(">>> prinz\b \bt");
  EXPECT_EQ(t.text(), ">>> print");
  t.write("\x1b[3D\x1b[K");  // three left, erase to the end: what line editors send
  EXPECT_EQ(t.text(), ">>> pr");
}

TEST(TerminalBuffer, DropsOtherEscapeSequencesAndControls) {
  TerminalBuffer t;
  t.write("\x1b[1;32mgreen\x1b[0m\x07!");
  EXPECT_EQ(t.text(), "green!");
}

TEST(TerminalBuffer, KeepsTheLastLines) {
  TerminalBuffer t(3);
  t.write("1\n2\n3\n4\n5");
  EXPECT_EQ(t.text(), "3\n4\n5");
}

TEST(TerminalBuffer, GenerationChangesWithEveryByte) {
  TerminalBuffer t;
  const uint64_t g = t.generation();
  t.write('x');
  EXPECT_NE(t.generation(), g);
}
