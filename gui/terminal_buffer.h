// TerminalBuffer: the bytes a serial port printed, as the lines a terminal would show. Enough of
// a terminal for a REPL: "\n" starts a line, "\r" returns to its start (the next character
// overwrites), backspace moves left; of the escape sequences (ESC [ n final), cursor left and
// right (D, C) and erase to the end of the line (K) are followed, the others dropped; other
// control characters are ignored. Keeps the last `max_lines` lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace vpico::gui {

class TerminalBuffer {
 public:
  explicit TerminalBuffer(size_t max_lines = 2000) : m_max_lines(max_lines) {
    m_lines.emplace_back();
  }

  void write(uint8_t byte);
  void write(std::string_view bytes) {
    for (char c : bytes)
      write(static_cast<uint8_t>(c));
  }
  const std::deque<std::string>& lines() const { return m_lines; }
  // Lines joined with "\n" (tests, copying).
  std::string text() const;
  // Bytes written so far: a view redraws when this changes.
  uint64_t generation() const { return m_generation; }
  void clear();

 private:
  enum class Escape { None, Esc, Csi };
  size_t m_max_lines;
  std::deque<std::string> m_lines;
  size_t m_column = 0;
  Escape m_escape = Escape::None;
  size_t m_param = 0;
  uint64_t m_generation = 0;
};

}  // namespace vpico::gui
