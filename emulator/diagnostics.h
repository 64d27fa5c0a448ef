// Diagnostics: where warnings (unmodelled registers, odd configurations) and faults are reported.
// Repeated warnings for the same address are counted, not repeated. Under --strict an access to
// an unmodelled register becomes a fault that stops the run.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fault.h"

namespace vpico {

class Diagnostics {
 public:
  using AddressFormatter = std::function<std::string(uint32_t)>;

  bool strict = false;
  // Receives each distinct warning once (the CLI prints it to stderr).
  std::function<void(const std::string&)> on_warning;
  // Formats a code address with its symbol when the image has one.
  AddressFormatter format_address;

  // Set by the machine while a core runs; used for messages.
  int current_core = -1;
  std::function<uint32_t()> current_pc;
  std::function<uint64_t()> current_cycle;

  void unmodelled(bool is_write, uint32_t address, const std::string& what, uint32_t value = 0);
  void warn(const std::string& key, const std::string& message);
  void raise(Fault fault);

  // A fault raised from inside a bus callback; the machine stops at the next block boundary.
  std::optional<Fault>& pending_fault() { return m_pending; }
  const std::vector<Fault>& faults() const { return m_faults; }
  void record(const Fault& f) { m_faults.push_back(f); }
  const std::vector<std::string>& warnings() const { return m_warnings; }
  void clear();

  std::string where() const;  // "core 0, PC 0x10000234 (main+0x1c)"

 private:
  std::map<std::string, unsigned> m_seen;
  std::vector<std::string> m_warnings;
  std::vector<Fault> m_faults;
  std::optional<Fault> m_pending;
};

}  // namespace vpico
