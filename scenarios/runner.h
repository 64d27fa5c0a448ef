// ScenarioRunner: runs a scenario's steps, in order, against a Target (target.h) and says how
// it went: PASS (every step did what it expects), FAIL (the firmware did not: a text that never
// came, a pin at the wrong level, a fault) or ERROR (the scenario could not be run as written:
// a missing image, a board that refuses a control, a broken transport).
//
// Serial text: each port has a cursor. wait-serial matches text that appeared after the cursor
// (anywhere, across lines) and moves the cursor to the end of the match; text that came during
// an earlier delay or write still counts, and each wait consumes one occurrence, so waiting for
// "tick" twice needs two ticks. (Wokwi matches within one line received after the wait began;
// here prompts without a newline such as ">>> " work too, and text that came before the wait
// started is not lost.)
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "result.h"
#include "scenario.h"
#include "target.h"

namespace vpico::scenarios {

enum class Verdict { Pass, Fail, Error };
const char* verdict_name(Verdict v);  // "PASS", "FAIL", "ERROR"

struct ScenarioResult {
  std::string name;
  std::filesystem::path file;
  std::string target;  // Target::description()
  Verdict verdict = Verdict::Error;
  // For FAIL and ERROR: where and what, "file:line: step 3 (wait-serial): ..." .
  std::string message;
  std::optional<size_t> failed_step;  // 0-based
  uint64_t time_ns = 0;               // target time at the end
  size_t steps_total = 0, steps_run = 0, steps_skipped = 0;
  std::vector<std::string> log;               // one line per step, with its time
  std::map<std::string, std::string> serial;  // port -> everything it sent
};

struct RunnerOptions {
  // Multiplies the scenario's timeout and the steps' timeouts (not delays): for slow boards.
  double timeout_scale = 1.0;
};

ScenarioResult run_scenario(const Scenario& scenario, Target& target,
                            const RunnerOptions& options = {});

// A result for a scenario that never started (unreadable file, missing image).
ScenarioResult error_result(const std::filesystem::path& file, const std::string& name,
                            const std::string& message);

// Failure artefacts in `dir` (created): serial-<port>.log for each port, steps.log (the step
// log and the verdict), and whatever the target adds (Target::write_artefacts) when given.
Result<void> write_artefacts(const ScenarioResult& result, Target* target,
                             const std::filesystem::path& dir);

// The last `max_bytes` of `text`, printable (escapes), with "..." when cut.
std::string tail(const std::string& text, size_t max_bytes = 400);

}  // namespace vpico::scenarios
