// SerialPort: the byte endpoints of a UART or USB CDC port, seen from the host side
// (DESIGN.md "Machine ... serial(port) gives byte endpoints"). The device pulls input at its own
// pace and pushes output when a byte has left the wire.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace vpico {

class SerialPort {
 public:
  using Listener = std::function<void(uint8_t byte)>;

  explicit SerialPort(std::string name) : m_name(std::move(name)) {}

  const std::string& name() const { return m_name; }

  // Host side.
  void send(std::string_view bytes);  // queue bytes for the firmware to receive
  void on_output(Listener listener) { m_listeners.push_back(std::move(listener)); }
  const std::string& output() const { return m_output; }  // everything transmitted so far
  void clear_output() { m_output.clear(); }

  // Device side.
  void transmit(uint8_t byte);
  bool has_input() const { return !m_input.empty(); }
  size_t input_size() const { return m_input.size(); }
  uint8_t take_input();
  // The device wants to know when input arrives while it is idle.
  void set_input_notifier(std::function<void()> fn) { m_notify_input = std::move(fn); }

 private:
  std::string m_name;
  std::string m_output;
  std::deque<uint8_t> m_input;
  std::vector<Listener> m_listeners;
  std::function<void()> m_notify_input;
};

}  // namespace vpico
