#include "terminal_buffer.h"

namespace vpico::gui {

void TerminalBuffer::write(uint8_t byte) {
  ++m_generation;
  switch (m_escape) {
    case Escape::Esc:
      m_escape = byte == '[' ? Escape::Csi : Escape::None;
      m_param = 0;
      return;
    case Escape::Csi:
      if (byte >= '0' && byte <= '9') {
        m_param = m_param * 10 + (byte - '0');
        if (m_param > 9999) m_param = 9999;
        return;
      }
      if (byte >= 0x40 && byte <= 0x7e) {  // the final byte: the line editing REPLs use
        m_escape = Escape::None;
        const size_t n = m_param ? m_param : 1;
        std::string& line = m_lines.back();
        if (byte == 'K' && m_param == 0 && m_column < line.size()) line.resize(m_column);
        if (byte == 'D') m_column = n > m_column ? 0 : m_column - n;
        if (byte == 'C') m_column += n;
        if (line.size() < m_column) line.resize(m_column, ' ');
      }
      return;
    case Escape::None:
      break;
  }
  std::string& line = m_lines.back();
  switch (byte) {
    case 0x1b:
      m_escape = Escape::Esc;
      return;
    case '\n':
      m_lines.emplace_back();
      m_column = 0;
      while (m_lines.size() > m_max_lines)
        m_lines.pop_front();
      return;
    case '\r':
      m_column = 0;
      return;
    case '\b':
      if (m_column > 0) --m_column;
      return;
    case '\t':
      do {
        write(static_cast<uint8_t>(' '));
      } while (m_column % 8 != 0);
      return;
    default:
      break;
  }
  if (byte < 0x20 || byte == 0x7f) return;
  if (m_column < line.size())
    line[m_column] = static_cast<char>(byte);
  else
    line.push_back(static_cast<char>(byte));
  ++m_column;
}

std::string TerminalBuffer::text() const {
  std::string s;
  for (size_t i = 0; i < m_lines.size(); ++i) {
    if (i) s += '\n';
    s += m_lines[i];
  }
  return s;
}

void TerminalBuffer::clear() {
  m_lines.clear();
  m_lines.emplace_back();
  m_column = 0;
  m_escape = Escape::None;
  ++m_generation;
}

}  // namespace vpico::gui
