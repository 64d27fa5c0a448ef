#include "runner.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include <fmt/format.h>

#include "duration.h"

namespace vpico::scenarios {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Pass:
      return "PASS";
    case Verdict::Fail:
      return "FAIL";
    case Verdict::Error:
      return "ERROR";
  }
  return "?";
}

std::string tail(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return printable(text);
  return "..." + printable(std::string_view(text).substr(text.size() - max_bytes));
}

ScenarioResult error_result(const std::filesystem::path& file, const std::string& name,
                            const std::string& message) {
  ScenarioResult r;
  r.file = file;
  r.name = name;
  r.verdict = Verdict::Error;
  r.message = message;
  return r;
}

namespace {

uint64_t scaled(uint64_t ns, double scale) {
  double v = double(ns) * scale;
  return v >= 1.8e19 ? UINT64_MAX : uint64_t(std::llround(v));
}

class Run {
 public:
  Run(const Scenario& s, Target& t, const RunnerOptions& o)
      : m_s(s),
        m_t(t),
        m_deadline(scaled(s.timeout_ns, o.timeout_scale)),
        m_scale(o.timeout_scale) {}

  ScenarioResult go();

 private:
  struct StepEnd {
    Verdict verdict = Verdict::Pass;
    std::string message;  // failure / error detail, or a note for a passing step
    bool skipped = false;
  };
  StepEnd step(const Step& st);
  StepEnd wait(const Step& st, const Until& until, std::optional<uint64_t> step_timeout,
               const std::string& what_port);
  // Time left for a wait: the step's own timeout, bounded by the scenario's.
  uint64_t time_for(std::optional<uint64_t> step_timeout, bool* scenario_bound) const {
    const uint64_t now = m_t.now_ns();
    const uint64_t left = m_deadline > now ? m_deadline - now : 0;
    if (step_timeout) {
      uint64_t own = scaled(*step_timeout, m_scale);
      if (own <= left) {
        *scenario_bound = false;
        return own;
      }
    }
    *scenario_bound = true;
    return left;
  }
  std::string since_cursor(const std::string& port) {
    const std::string& out = m_t.serial_output(port);
    size_t from = std::min(m_cursor[port], out.size());
    std::string_view rest = std::string_view(out).substr(from);
    if (rest.empty())
      return fmt::format("nothing new on {} (it sent {} bytes in all)", port, out.size());
    return fmt::format("{} since the last match: '{}'", port, tail(std::string(rest)));
  }

  const Scenario& m_s;
  Target& m_t;
  uint64_t m_deadline;
  double m_scale;
  std::map<std::string, size_t> m_cursor;
};

Run::StepEnd Run::wait(const Step& st, const Until& until, std::optional<uint64_t> step_timeout,
                       const std::string& what) {
  bool scenario_bound = false;
  const uint64_t budget = time_for(step_timeout, &scenario_bound);
  RunOutcome o = m_t.run(until, budget);
  switch (o.end) {
    case RunEnd::Met:
      if (until.serial) m_cursor[until.serial->port] = o.match_at + until.serial->text.size();
      return {};
    case RunEnd::Timeout: {
      std::string why = scenario_bound ? fmt::format("the scenario's timeout ({}) ran out",
                                                     format_duration(m_deadline))
                                       : fmt::format("not within {}", format_duration(budget));
      std::string got;
      if (until.serial) got = "; got " + since_cursor(until.serial->port);
      if (until.pin) {
        auto level = m_t.read_pin(*until.pin);
        got = level ? fmt::format("; {} is {}", until.pin->describe(), int(*level)) : "";
      }
      return {Verdict::Fail, fmt::format("{}: {}{}", what, why, got)};
    }
    case RunEnd::Idle:
      return {Verdict::Fail,
              fmt::format("{}: {}{}", what, o.detail,
                          until.serial ? "; got " + since_cursor(until.serial->port) : "")};
    case RunEnd::Fault:
      return {Verdict::Fail, fmt::format("{}: {}", what, o.detail)};
    case RunEnd::Error:
      return {Verdict::Error, o.detail};
  }
  (void)st;
  return {Verdict::Error, "unknown end of run"};
}

Run::StepEnd Run::step(const Step& st) {
  if (st.needs_pins() && !m_t.has_pins())
    return {Verdict::Pass, "skipped: " + m_t.description() + " shows no pins", true};
  if (auto* d = std::get_if<DelayStep>(&st.action)) {
    const uint64_t now = m_t.now_ns();
    const uint64_t left = m_deadline > now ? m_deadline - now : 0;
    const bool cut = d->ns > left;
    RunOutcome o = m_t.run(Until{}, cut ? left : d->ns);
    if (o.end == RunEnd::Fault) return {Verdict::Fail, o.detail};
    if (o.end == RunEnd::Error) return {Verdict::Error, o.detail};
    if (cut)
      return {Verdict::Fail, fmt::format("the scenario's timeout ({}) ran out during this delay",
                                         format_duration(m_deadline))};
    return {};
  }
  if (auto* w = std::get_if<WaitSerialStep>(&st.action)) {
    Until u;
    u.serial = Until::Serial{w->port, w->text, m_cursor[w->port]};
    return wait(st, u, w->timeout_ns,
                fmt::format("'{}' did not appear on {}", printable(w->text), w->port));
  }
  if (auto* w = std::get_if<WriteSerialStep>(&st.action)) {
    if (auto r = m_t.write_serial(w->port, w->bytes); !r)
      return {Verdict::Error, r.error().message};
    return {};
  }
  if (auto* e = std::get_if<ExpectPinStep>(&st.action)) {
    auto level = m_t.read_pin(e->pin);
    if (!level) return {Verdict::Error, level.error().message};
    if (*level != e->value)
      return {Verdict::Fail, fmt::format("expected {} to be {}, it is {}", e->pin.describe(),
                                         int(e->value), int(*level))};
    return {};
  }
  if (auto* w = std::get_if<WaitPinStep>(&st.action)) {
    Until u;
    u.pin = w->pin;
    u.pin_value = w->value;
    return wait(st, u, w->timeout_ns,
                fmt::format("{} did not become {}", w->pin.describe(), int(w->value)));
  }
  if (auto* p = std::get_if<SetPinStep>(&st.action)) {
    if (auto r = m_t.set_pin(*p->pin.gpio, p->value); !r)
      return {Verdict::Error, r.error().message};
    return {};
  }
  if (auto* c = std::get_if<SetControlStep>(&st.action)) {
    if (auto r = m_t.set_control(c->part, c->control, c->value); !r)
      return {Verdict::Error, r.error().message};
    return {};
  }
  return {Verdict::Error, "unknown step"};
}

ScenarioResult Run::go() {
  ScenarioResult r;
  r.name = m_s.name;
  r.file = m_s.file;
  r.target = m_t.description();
  r.steps_total = m_s.steps.size();
  r.verdict = Verdict::Pass;
  std::set<std::string> ports{m_s.serial};
  for (const Step& st : m_s.steps) {
    if (auto* w = std::get_if<WaitSerialStep>(&st.action)) ports.insert(w->port);
    if (auto* w = std::get_if<WriteSerialStep>(&st.action)) ports.insert(w->port);
  }
  r.log.push_back(fmt::format("scenario '{}' ({}) on {}", m_s.name, m_s.file.string(), r.target));
  for (size_t i = 0; i < m_s.steps.size(); ++i) {
    const Step& st = m_s.steps[i];
    StepEnd e = step(st);
    const std::string head = fmt::format("[{:12.6f} s] step {} ({}) {}", m_t.now_ns() / 1e9, i + 1,
                                         m_s.where(st), st.describe());
    if (e.skipped) {
      ++r.steps_skipped;
      r.log.push_back(head + ": " + e.message);
      continue;
    }
    ++r.steps_run;
    if (e.verdict == Verdict::Pass) {
      r.log.push_back(head + ": ok");
      continue;
    }
    r.log.push_back(fmt::format("{}: {}: {}", head, verdict_name(e.verdict), e.message));
    r.verdict = e.verdict;
    r.failed_step = i;
    r.message = fmt::format("{}: step {} ({}): {}", m_s.where(st), i + 1, st.kind, e.message);
    break;
  }
  r.time_ns = m_t.now_ns();
  r.log.push_back(fmt::format("[{:12.6f} s] {}{}", r.time_ns / 1e9, verdict_name(r.verdict),
                              r.message.empty() ? "" : ": " + r.message));
  for (const std::string& p : ports)
    r.serial[p] = m_t.serial_output(p);
  return r;
}

}  // namespace

ScenarioResult run_scenario(const Scenario& scenario, Target& target,
                            const RunnerOptions& options) {
  return Run(scenario, target, options).go();
}

Result<void> write_artefacts(const ScenarioResult& result, Target* target,
                             const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return make_error(fmt::format("{}: cannot create: {}", dir.string(), ec.message()));
  for (const auto& [port, bytes] : result.serial) {
    std::ofstream out(dir / ("serial-" + port + ".log"), std::ios::binary);
    out << bytes;
    if (!out) return make_error(fmt::format("{}: cannot write", (dir / port).string()));
  }
  std::ofstream steps(dir / "steps.log");
  for (const std::string& line : result.log)
    steps << line << '\n';
  if (result.log.empty() && !result.message.empty()) steps << result.message << '\n';
  if (!steps) return make_error(fmt::format("{}: cannot write", (dir / "steps.log").string()));
  if (target) target->write_artefacts(dir);
  return {};
}

}  // namespace vpico::scenarios
