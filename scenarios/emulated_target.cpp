#include "emulated_target.h"

#include <fstream>

#include <fmt/format.h>

#include "loader/image.h"

namespace vpico::scenarios {

Result<std::unique_ptr<EmulatedTarget>> EmulatedTarget::create(
    const Scenario& s, const EmulatedTargetOptions& options) {
  std::unique_ptr<EmulatedTarget> t(new EmulatedTarget);
  const std::string where_fw =
      s.firmware ? fmt::format("{}:{}: firmware: ", s.file.string(), s.firmware_line)
                 : fmt::format("{}: the default firmware: ", s.file.string());
  t->m_image_path = s.firmware ? *s.firmware : options.default_firmware;
  if (s.firmware_builtin)
    t->m_image_path = (options.firmware_dir.empty() ? options.default_firmware.parent_path()
                                                    : options.firmware_dir) /
                      *s.firmware;
  std::error_code ec;
  if (!std::filesystem::exists(t->m_image_path, ec))
    return make_error(fmt::format("{}{}: no such file", where_fw, t->m_image_path.string()));
  Result<Image> image = load_image(t->m_image_path.string());
  if (!image) return make_error(where_fw + image.error().message);
  auto created = Machine::create(options.machine);
  if (!created) return make_error(fmt::format("{}: {}", s.file.string(), created.error().message));
  t->m_machine = std::move(*created);
  Machine& m = *t->m_machine;
  if (s.board) {
    const std::string where_board = fmt::format("{}:{}: board: ", s.file.string(), s.board_line);
    if (!options.board_factory)
      return make_error(where_board + "board files are not supported by this build");
    if (!std::filesystem::exists(*s.board, ec))
      return make_error(fmt::format("{}{}: no such file", where_board, s.board->string()));
    auto parts = options.board_factory(*s.board, m);
    if (!parts) return make_error(where_board + parts.error().message);
    // The machine must go before the parts: hand the parts to the member declared first.
    t->m_parts = std::move(*parts);
  }
  if (auto r = m.load(*image); !r) return make_error(where_fw + r.error().message);
  if (auto r = m.reset(); !r) return make_error(where_fw + "cannot boot: " + r.error().message);
  t->m_start_ns = m.time_ns();
  t->m_vcd = std::make_unique<VcdWriter>(m);  // every pin change, for the failure artefacts
  t->m_trace.attach(m);                       // the last blocks each core ran, likewise
  return t;
}

std::string EmulatedTarget::description() const {
  return "emulated Pico running " + m_image_path.filename().string();
}

uint64_t EmulatedTarget::now_ns() const {
  return m_machine->time_ns() - m_start_ns;
}

const std::string& EmulatedTarget::serial_output(const std::string& port) {
  SerialPort* p = m_machine->serial(port);
  return p ? p->output() : m_no_output;
}

Result<void> EmulatedTarget::write_serial(const std::string& port, std::string_view bytes) {
  SerialPort* p = m_machine->serial(port);
  if (!p) return make_error(fmt::format("serial port '{}' is not modelled", port));
  p->send(bytes);
  return {};
}

std::string EmulatedTarget::describe_fault(const Fault& f) {
  const Image* image = m_machine->image();
  std::string where = image ? image->describe_address(f.pc) : fmt::format("0x{:08x}", f.pc);
  return fmt::format("firmware fault: {} on core {} at PC {}: {}", fault_kind_name(f.kind), f.core,
                     where, f.message);
}

RunOutcome EmulatedTarget::run(const Until& until, uint64_t timeout_ns) {
  Machine& m = *m_machine;
  RunCondition c;
  c.max_time_ns = timeout_ns;
  // Serial text is searched from the runner's cursor, which may lie before the start of this
  // run (text that came during an earlier delay counts), so the search is ours rather than
  // RunCondition::serial's (which only sees output of this run). It runs at each quantum
  // boundary, which is deterministic.
  SerialPort* port = until.serial ? m.serial(until.serial->port) : nullptr;
  if (until.serial && !port)
    return {RunEnd::Error, 0, fmt::format("serial port '{}' is not modelled", until.serial->port)};
  size_t search_from = until.serial ? until.serial->from : 0;
  std::optional<size_t> found;
  auto serial_met = [&] {
    const std::string& out = port->output();
    const std::string& text = until.serial->text;
    size_t pos = out.find(text, search_from);
    if (pos != std::string::npos) {
      found = pos;
      return true;
    }
    if (out.size() >= text.size())
      search_from = std::max(search_from, out.size() - text.size() + 1);
    return false;
  };
  // A Pico pin is watched by the machine (exact cycle, also for PIO-driven pins); a part's pin
  // is polled at quantum boundaries.
  const bool part_pin = until.pin && !until.pin->is_pico();
  if (until.pin && until.pin->is_pico())
    c.pin = RunCondition::PinLevel{*until.pin->gpio, until.pin_value};
  bool part_pin_met = false;
  std::string part_pin_error;
  c.on_quantum = [&] {
    if (port && serial_met()) return false;
    if (part_pin) {
      auto level = m_parts->pin_level(until.pin->part, until.pin->pin);
      if (!level) {
        part_pin_error = level.error().message;
        return false;
      }
      if (*level == until.pin_value) {
        part_pin_met = true;
        return false;
      }
    }
    return true;
  };
  if (part_pin && !m_parts) return {RunEnd::Error, 0, "the scenario has no board"};
  // A delay lets time pass even while every core sleeps with nothing scheduled (a later step
  // may wake it); a wait ends at once then, since nothing could ever satisfy it.
  bool time_passes = !until.serial && !until.pin;
  c.host_input_open = &time_passes;
  RunResult r = m.run(c);
  switch (r.reason) {
    case StopReason::PinMatch:
    case StopReason::SerialMatch:
      return {RunEnd::Met, 0, {}};
    case StopReason::HostStop:
      if (found) return {RunEnd::Met, *found, {}};
      if (part_pin_met) return {RunEnd::Met, 0, {}};
      return {RunEnd::Error, 0, part_pin_error.empty() ? "stopped" : part_pin_error};
    case StopReason::TimeLimit:
    case StopReason::CycleLimit:
      return {RunEnd::Timeout, 0, {}};
    case StopReason::Idle:
      return {RunEnd::Idle, 0,
              "every core is asleep and nothing is scheduled: nothing can happen any more"};
    case StopReason::Fault:
      return {RunEnd::Fault, 0, r.fault ? describe_fault(*r.fault) : "firmware fault"};
  }
  return {RunEnd::Error, 0, "unknown stop reason"};
}

Result<bool> EmulatedTarget::read_pin(const PinRef& pin) {
  if (pin.is_pico()) return m_machine->pins().level(*pin.gpio);
  if (!m_parts) return make_error(fmt::format("part '{}': the scenario has no board", pin.part));
  return m_parts->pin_level(pin.part, pin.pin);
}

Result<void> EmulatedTarget::set_pin(unsigned gpio, std::optional<bool> level) {
  if (gpio >= Pins::kCount) return make_error(fmt::format("the Pico has no GPIO {}", gpio));
  m_machine->pins().drive(gpio, level);
  return {};
}

Result<void> EmulatedTarget::set_control(const std::string& part, const std::string& control,
                                         double value) {
  if (!m_parts) return make_error(fmt::format("part '{}': the scenario has no board", part));
  return m_parts->set_control(part, control, value);
}

void EmulatedTarget::write_artefacts(const std::filesystem::path& dir) {
  // Warnings about unmodelled registers often explain a firmware that waits for ever.
  const auto& warnings = m_machine->diagnostics().warnings();
  if (!warnings.empty()) {
    std::ofstream out(dir / "warnings.log");
    for (const std::string& w : warnings)
      out << w << '\n';
  }
  // Every pin's level over the run (GTKWave, PulseView).
  if (m_vcd) {
    if (auto r = m_vcd->write((dir / "pins.vcd").string()); !r) {
      std::ofstream out(dir / "pins.vcd.error");
      out << r.error().message << '\n';
    }
  }
  // The last instructions each core executed, disassembled, with their symbols.
  if (auto r = m_trace.write((dir / "trace-tail.txt").string()); !r) {
    std::ofstream out(dir / "trace-tail.txt.error");
    out << r.error().message << '\n';
  }
}

}  // namespace vpico::scenarios
