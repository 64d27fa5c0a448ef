#include "test_command.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "board.h"
#include "duration.h"
#include "emulated_target.h"
#include "junit.h"
#include "loader/image.h"
#include "run_command.h"
#include "runner.h"
#include "scenario.h"
#include "serial_device_target.h"

namespace vpico::cli {

namespace fs = std::filesystem;
using namespace vpico::scenarios;

namespace {

// --- the result of a child process, handed to the parent as a JSON file ---

nlohmann::json to_json(const ScenarioResult& r) {
  nlohmann::json j;
  j["name"] = r.name;
  j["file"] = r.file.string();
  j["target"] = r.target;
  j["verdict"] = int(r.verdict);
  j["message"] = r.message;
  j["failed_step"] = r.failed_step ? int64_t(*r.failed_step) : int64_t(-1);
  j["time_ns"] = r.time_ns;
  j["steps_total"] = r.steps_total;
  j["steps_run"] = r.steps_run;
  j["steps_skipped"] = r.steps_skipped;
  j["log"] = r.log;
  // Serial bytes are not always UTF-8: carried as arrays of byte values.
  nlohmann::json serial = nlohmann::json::object();
  for (const auto& [port, bytes] : r.serial)
    serial[port] = std::vector<uint8_t>(bytes.begin(), bytes.end());
  j["serial"] = serial;
  return j;
}

ScenarioResult from_json(const nlohmann::json& j) {
  ScenarioResult r;
  r.name = j.at("name").get<std::string>();
  r.file = j.at("file").get<std::string>();
  r.target = j.at("target").get<std::string>();
  r.verdict = Verdict(j.at("verdict").get<int>());
  r.message = j.at("message").get<std::string>();
  int64_t failed = j.at("failed_step").get<int64_t>();
  if (failed >= 0) r.failed_step = size_t(failed);
  r.time_ns = j.at("time_ns").get<uint64_t>();
  r.steps_total = j.at("steps_total").get<size_t>();
  r.steps_run = j.at("steps_run").get<size_t>();
  r.steps_skipped = j.at("steps_skipped").get<size_t>();
  r.log = j.at("log").get<std::vector<std::string>>();
  for (const auto& [port, bytes] : j.at("serial").items()) {
    auto v = bytes.get<std::vector<uint8_t>>();
    r.serial[port] = std::string(v.begin(), v.end());
  }
  return r;
}

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// --- finding scenario files ---

struct Entry {
  fs::path file;
  std::optional<Scenario> scenario;
  std::optional<ScenarioResult> early;  // could not be read or checked
  fs::path artefact_dir;
};

bool is_scenario_file(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

std::vector<Entry> collect(const std::vector<std::string>& paths) {
  std::vector<Entry> out;
  std::set<fs::path> seen;
  auto add = [&](const fs::path& p) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(p, ec);
    if (ec) key = p;
    if (!seen.insert(key).second) return;
    Entry e;
    e.file = p;
    out.push_back(std::move(e));
  };
  for (const std::string& arg : paths) {
    const fs::path p(arg);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
           it.increment(ec))
        if (it->is_regular_file(ec) && is_scenario_file(it->path())) found.push_back(it->path());
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        Entry e;
        e.file = p;
        e.early =
            error_result(p, p.filename().string(),
                         fmt::format("{}: no scenario files (*.yaml, *.yml) in this folder", arg));
        out.push_back(std::move(e));
      }
      for (const fs::path& f : found)
        add(f);
    } else {
      add(p);
    }
  }
  return out;
}

// A folder name from a scenario name: letters, digits, '-', '_' and '.'; others become '_'.
std::string folder_name(const std::string& name) {
  std::string s;
  for (char c : name)
    s +=
        (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  if (s.empty() || s == "." || s == "..") s = "scenario";
  return s;
}

// --- one scenario, in the child process ---

ScenarioResult run_one(const Entry& e, const TestOptions& o) {
  const Scenario& s = *e.scenario;
  std::unique_ptr<Target> target;
  if (!o.target.empty()) {
    auto t = SerialDeviceTarget::open(o.target, o.baud);
    if (!t) return error_result(s.file, s.name, t.error().message);
    target = std::move(*t);
  } else {
    EmulatedTargetOptions eo;
    eo.default_firmware = o.default_firmware.empty() ? default_firmware_path() : o.default_firmware;
    eo.board_factory = o.board_factory ? o.board_factory : default_board_factory();
    auto t = EmulatedTarget::create(s, eo);
    if (!t) return error_result(s.file, s.name, t.error().message);
    target = std::move(*t);
  }
  RunnerOptions ro;
  ro.timeout_scale = o.timeout_scale;
  ScenarioResult r = run_scenario(s, *target, ro);
  if (r.verdict != Verdict::Pass && !e.artefact_dir.empty()) {
    if (auto w = write_artefacts(r, target.get(), e.artefact_dir); !w)
      r.log.push_back("artefacts: " + w.error().message);
  }
  return r;
}

[[noreturn]] void child_main(const Entry& e, const TestOptions& o, const fs::path& result_file) {
  ScenarioResult r = run_one(e, o);
  if (r.verdict != Verdict::Pass && !e.artefact_dir.empty() && r.log.empty())
    (void)write_artefacts(r, nullptr, e.artefact_dir);
  const std::string text = dump(to_json(r));
  auto w = write_file_atomically(
      result_file.string(),
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  _exit(w ? 0 : 3);
}

// --- the parent ---

struct Job {
  size_t index;
  pid_t pid;
  std::chrono::steady_clock::time_point start;
  fs::path result_file;
  bool killed = false;
};

ScenarioResult collect_child(const Entry& e, const Job& job, int status, double host_timeout_s) {
  const std::string& name = e.scenario->name;
  if (job.killed)
    return error_result(
        e.file, name,
        fmt::format("{}: stopped after {} s of host time, before its virtual-time limit: the "
                    "emulator may be stuck (raise --host-timeout if the machine is just slow)",
                    e.file.string(), host_timeout_s));
  if (WIFSIGNALED(status))
    return error_result(
        e.file, name,
        fmt::format("{}: the scenario's process crashed (signal {}: {})", e.file.string(),
                    WTERMSIG(status), strsignal(WTERMSIG(status))));
  std::ifstream in(job.result_file, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in || buf.str().empty())
    return error_result(e.file, name,
                        fmt::format("{}: the scenario's process ended (status {}) without a result",
                                    e.file.string(), WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  try {
    return from_json(nlohmann::json::parse(buf.str()));
  } catch (const std::exception& ex) {
    return error_result(e.file, name,
                        fmt::format("{}: unreadable result from the scenario's process: {}",
                                    e.file.string(), ex.what()));
  }
}

void print_result(const ScenarioResult& r, const Entry& e, bool verbose) {
  std::string steps = r.steps_total ? fmt::format("{}/{} steps", r.steps_run, r.steps_total) : "";
  if (r.steps_skipped) steps += fmt::format(" ({} skipped)", r.steps_skipped);
  fmt::print("{:<5} {:<32} {:>14}  {:<20} {}\n", verdict_name(r.verdict), r.name,
             r.steps_total ? format_duration(r.time_ns) : "", steps, r.file.string());
  if (r.verdict != Verdict::Pass) {
    fmt::print("      {}\n", r.message);
    // Expected vs got is in the message; the last output of each port helps too.
    for (const auto& [port, bytes] : r.serial)
      fmt::print("      {} (last bytes): '{}'\n", port, tail(bytes, 300));
    if (!e.artefact_dir.empty()) fmt::print("      artefacts: {}\n", e.artefact_dir.string());
  }
  if (verbose)
    for (const std::string& line : r.log)
      fmt::print("      {}\n", line);
  std::fflush(stdout);
}

}  // namespace

namespace {

// A board file's parts (peripherals/board.h) as a scenario sees them.
class BoardFileParts : public scenarios::BoardParts {
 public:
  explicit BoardFileParts(std::unique_ptr<peripherals::Board> board) : m_board(std::move(board)) {}
  Result<void> set_control(const std::string& part_id, const std::string& control,
                           double value) override {
    return m_board->set_control(part_id, control, value);
  }
  Result<bool> pin_level(const std::string& part_id, const std::string& pin) override {
    return m_board->pin_level(part_id, pin);
  }

 private:
  std::unique_ptr<peripherals::Board> m_board;
};

}  // namespace

scenarios::BoardFactory default_board_factory() {
  return [](const std::filesystem::path& file,
            Machine& machine) -> Result<std::unique_ptr<scenarios::BoardParts>> {
    auto board = peripherals::Board::load(file);
    if (!board) return board.error();
    if (auto r = (*board)->attach(machine); !r) return r.error();
    return std::unique_ptr<scenarios::BoardParts>(new BoardFileParts(std::move(*board)));
  };
}

void add_test_command(CLI::App& app, TestOptions& o, int& exit_status) {
  CLI::App* test = app.add_subcommand(
      "test", "Run scenario files (YAML): serial, pins, parts; PASS/FAIL per scenario");
  test->footer(
      "Each scenario runs in its own process, on a fresh emulated Pico in virtual time (or on a\n"
      "real board with --target, where steps that need pins are skipped). See "
      "scenarios/README.md.\n"
      "Exit status:\n"
      "  0    every scenario passed\n"
      "  1    a scenario failed or could not run, or bad options\n"
      "Examples:\n"
      "  vpico test scenarios/examples\n"
      "  vpico test tests/ -j4 --junit results.xml --artifacts out/\n"
      "  vpico test repl.yaml --target /dev/ttyACM0");
  test->add_option("paths", o.paths, "Scenario files, or folders searched for *.yaml / *.yml")
      ->required()
      ->type_name("PATH");
  test->add_option("-j,--jobs", o.jobs, "Scenarios run at the same time (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  test->add_option("--junit", o.junit, "Write a JUnit XML report to this file")->type_name("FILE");
  test->add_option("--artifacts,--artefacts", o.artifacts,
                   "Keep each failing scenario's serial logs and step log in DIR/<scenario>/")
      ->type_name("DIR");
  test->add_option("--target", o.target,
                   "Run on a real board through this serial device (e.g. /dev/ttyACM0) instead "
                   "of the emulator; forces -j 1")
      ->type_name("DEVICE");
  test->add_option("--baud", o.baud, "Baud rate of --target (default 115200)");
  test->add_option("--timeout-scale", o.timeout_scale,
                   "Multiply every timeout (not delays) by this factor, e.g. for a slow board")
      ->check(CLI::PositiveNumber);
  test->add_option("--host-timeout", o.host_timeout_s,
                   "Host seconds after which a scenario's process is stopped and reported as an "
                   "ERROR (a last resort; virtual-time limits normally end a scenario)")
      ->check(CLI::PositiveNumber);
  test->add_flag("-v,--verbose", o.verbose, "Print every scenario's step log");
  o.jobs = std::max(1u, std::thread::hardware_concurrency());
  test->callback([&o, &exit_status] {
    if (!o.board_factory) o.board_factory = default_board_factory();
    exit_status = test_command(o);
  });
}

int test_command(const TestOptions& o) {
  std::vector<Entry> entries = collect(o.paths);
  if (entries.empty()) {
    fmt::print(stderr, "vpico: test: no scenarios given\n");
    return 1;
  }
  // Check every file first: a malformed one is reported without running anything for it.
  std::set<std::string> used_dirs;
  for (Entry& e : entries) {
    if (e.early) continue;
    auto s = load_scenario(e.file);
    if (!s) {
      e.early = error_result(e.file, e.file.stem().string(), s.error().message);
      continue;
    }
    e.scenario = std::move(*s);
    if (!o.artifacts.empty()) {
      std::string base = folder_name(e.scenario->name), dir = base;
      for (int n = 2; !used_dirs.insert(dir).second; ++n)
        dir = fmt::format("{}-{}", base, n);
      e.artefact_dir = fs::path(o.artifacts) / dir;
    }
  }
  if (!o.artifacts.empty()) {
    // Artefacts of an earlier run would be mistaken for this one's.
    std::error_code ec;
    for (const std::string& d : used_dirs)
      fs::remove_all(fs::path(o.artifacts) / d, ec);
  }

  char tmpl[] = "/tmp/vpico-test-XXXXXX";
  const char* tmp = mkdtemp(tmpl);
  if (!tmp) {
    fmt::print(stderr, "vpico: test: cannot create a temporary folder: {}\n", std::strerror(errno));
    return 1;
  }
  const fs::path work(tmp);

  const unsigned jobs = o.target.empty() ? std::max(1u, o.jobs) : 1u;
  std::vector<std::optional<ScenarioResult>> results(entries.size());
  std::vector<size_t> queue;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].early)
      results[i] = *entries[i].early;
    else
      queue.push_back(i);
  }
  std::reverse(queue.begin(), queue.end());  // pop_back takes them in order
  std::vector<Job> running;
  size_t next_print = 0;
  // Lines come out in the order of the files, whatever order the processes finish in.
  auto print_ready = [&] {
    while (next_print < entries.size() && results[next_print]) {
      print_result(*results[next_print], entries[next_print], o.verbose);
      ++next_print;
    }
  };
  const auto host_limit = std::chrono::duration<double>(o.host_timeout_s);
  while (!queue.empty() || !running.empty()) {
    print_ready();
    while (running.size() < jobs && !queue.empty()) {
      const size_t i = queue.back();
      queue.pop_back();
      Job job{i, -1, std::chrono::steady_clock::now(), work / fmt::format("{}.json", i)};
      std::fflush(stdout);
      std::fflush(stderr);
      pid_t pid = fork();
      if (pid == 0) child_main(entries[i], o, job.result_file);
      if (pid < 0) {
        results[i] = error_result(entries[i].file, entries[i].scenario->name,
                                  fmt::format("cannot start a process: {}", std::strerror(errno)));
        continue;
      }
      job.pid = pid;
      running.push_back(job);
    }
    bool reaped = false;
    for (auto it = running.begin(); it != running.end();) {
      int status = 0;
      pid_t p = waitpid(it->pid, &status, WNOHANG);
      if (p == it->pid) {
        const Entry& e = entries[it->index];
        ScenarioResult r = collect_child(e, *it, status, o.host_timeout_s);
        // A process that died left no artefacts: write what the parent knows.
        if (r.verdict != Verdict::Pass && !e.artefact_dir.empty() && r.log.empty())
          (void)write_artefacts(r, nullptr, e.artefact_dir);
        results[it->index] = std::move(r);
        it = running.erase(it);
        reaped = true;
        continue;
      }
      if (!it->killed && std::chrono::steady_clock::now() - it->start > host_limit) {
        kill(it->pid, SIGKILL);
        it->killed = true;
      }
      ++it;
    }
    if (!reaped && !running.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  print_ready();
  std::error_code ec;
  fs::remove_all(work, ec);

  std::vector<ScenarioResult> all;
  size_t passed = 0, failed = 0, errors = 0;
  uint64_t total_ns = 0;
  for (auto& r : results) {
    all.push_back(*r);
    passed += r->verdict == Verdict::Pass;
    failed += r->verdict == Verdict::Fail;
    errors += r->verdict == Verdict::Error;
    total_ns += r->time_ns;
  }
  fmt::print("\n{} scenario{}: {} passed, {} failed, {} error{} ({} of {} time)\n", all.size(),
             all.size() == 1 ? "" : "s", passed, failed, errors, errors == 1 ? "" : "s",
             format_duration(total_ns), o.target.empty() ? "virtual" : "board");
  int status = passed == all.size() ? 0 : 1;
  if (!o.junit.empty()) {
    if (auto w = write_junit(o.junit, all); !w) {
      fmt::print(stderr, "vpico: test: {}\n", w.error().message);
      status = 1;
    }
  }
  std::fflush(stdout);
  return status;
}

}  // namespace vpico::cli
