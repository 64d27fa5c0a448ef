#include "vcd_writer.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "loader/image.h"
#include "machine.h"

namespace vpico {

struct VcdWriter::State {
  struct Change {
    uint64_t ns;
    uint8_t pin;
    bool level;
  };
  std::array<bool, Pins::kCount> initial{};
  uint64_t start_ns = 0;
  std::vector<Change> changes;
  bool truncated = false;
  bool active = true;
};

VcdWriter::VcdWriter(Machine& machine) : m_state(std::make_shared<State>()), m_machine(machine) {
  for (unsigned p = 0; p < Pins::kCount; ++p)
    m_state->initial[p] = machine.pins().level(p);
  m_state->start_ns = machine.time_ns();
  std::weak_ptr<State> weak = m_state;
  Machine* m = &machine;
  machine.pins().observe([weak, m](unsigned pin, bool level, uint64_t cycle) {
    auto s = weak.lock();
    if (!s || !s->active) return;
    if (s->changes.size() >= kMaxChanges) {
      s->truncated = true;
      return;
    }
    const uint64_t now = m->cycles();
    const uint64_t back =
        now > cycle && m->sys_hz() ? (now - cycle) * 1'000'000'000ull / m->sys_hz() : 0;
    const uint64_t t = m->time_ns();
    s->changes.push_back({t > back ? t - back : 0, uint8_t(pin), level});
  });
}

VcdWriter::~VcdWriter() {
  m_state->active = false;
}

size_t VcdWriter::changes() const {
  return m_state->changes.size();
}

Result<void> VcdWriter::write(const std::string& path) const {
  const State& s = *m_state;
  auto code = [](unsigned pin) { return char('!' + pin); };  // one printable character per pin
  std::string out =
      "$date vpico run $end\n$version vpico $end\n$timescale 1ns $end\n$scope module pico $end\n";
  for (unsigned p = 0; p < Pins::kCount; ++p)
    out += fmt::format("$var wire 1 {} GP{} $end\n", code(p), p);
  out += "$upscope $end\n$enddefinitions $end\n";
  if (s.truncated)
    out += fmt::format("$comment recording stopped after {} changes $end\n", kMaxChanges);
  out += fmt::format("#{}\n$dumpvars\n", s.start_ns);
  for (unsigned p = 0; p < Pins::kCount; ++p)
    out += fmt::format("{}{}\n", s.initial[p] ? 1 : 0, code(p));
  out += "$end\n";
  uint64_t last = s.start_ns;
  for (const auto& c : s.changes) {
    const uint64_t t = std::max(c.ns, last);  // times never go back in a VCD
    if (t != last) out += fmt::format("#{}\n", t);
    last = t;
    out += fmt::format("{}{}\n", c.level ? 1 : 0, code(c.pin));
  }
  const uint64_t end = std::max(last, m_machine.time_ns());
  if (end != last) out += fmt::format("#{}\n", end);
  return write_file_atomically(
      path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(out.data()), out.size()));
}

}  // namespace vpico
