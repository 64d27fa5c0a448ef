// EmulatedTarget: a scenario's steps against a virtual Pico (Machine). Time is virtual and
// every run is deterministic: the same scenario gives the same bytes at the same cycles.
#pragma once

#include <memory>
#include <string>

#include "machine.h"
#include "target.h"
#include "trace_tail.h"
#include "vcd_writer.h"

namespace vpico::scenarios {

struct EmulatedTargetOptions {
  // The image for scenarios without `firmware:` (vpico's default firmware).
  std::filesystem::path default_firmware;
  // Where `firmware: vpico:NAME` images are; empty: the default firmware's folder.
  std::filesystem::path firmware_dir;
  // Builds the parts of a scenario's `board:` file; empty: board files are refused.
  BoardFactory board_factory;
  MachineConfig machine;
};

class EmulatedTarget : public Target {
 public:
  // Creates the machine, loads the scenario's image, wires its board and resets it. Errors name
  // the scenario file and the line of `firmware:` or `board:`.
  static Result<std::unique_ptr<EmulatedTarget>> create(const Scenario& scenario,
                                                        const EmulatedTargetOptions& options);

  std::string description() const override;
  bool has_pins() const override { return true; }
  uint64_t now_ns() const override;
  const std::string& serial_output(const std::string& port) override;
  Result<void> write_serial(const std::string& port, std::string_view bytes) override;
  RunOutcome run(const Until& until, uint64_t timeout_ns) override;
  Result<bool> read_pin(const PinRef& pin) override;
  Result<void> set_pin(unsigned gpio, std::optional<bool> level) override;
  Result<void> set_control(const std::string& part, const std::string& control,
                           double value) override;
  void write_artefacts(const std::filesystem::path& dir) override;

  Machine& machine() { return *m_machine; }

 private:
  EmulatedTarget() = default;
  std::string describe_fault(const Fault& fault);

  std::filesystem::path m_image_path;
  // Declared before the machine so that the machine (which refers to the parts) goes first.
  std::unique_ptr<BoardParts> m_parts;
  std::unique_ptr<Machine> m_machine;
  // Declared after the machine: they go first, and the trace detaches from the cores.
  std::unique_ptr<VcdWriter> m_vcd;
  TraceTail m_trace;
  uint64_t m_start_ns = 0;
  std::string m_no_output;
};

}  // namespace vpico::scenarios
