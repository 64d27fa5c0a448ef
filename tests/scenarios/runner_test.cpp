// The runner against the emulated Pico: vpy's REPL (the default firmware) and firmware test
// images, passing and failing scenarios, artefacts, and the BoardParts seam.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "emulated_target.h"
#include "runner.h"
#include "scenario.h"

using namespace vpico;
using namespace vpico::scenarios;
namespace fs = std::filesystem;

namespace {

const fs::path kFirmware(VPICO_FIRMWARE_DIR);
const fs::path kData = fs::path(VPICO_SOURCE_DIR) / "tests/scenarios/data";

EmulatedTargetOptions options() {
  EmulatedTargetOptions o;
  o.default_firmware = kFirmware / "vpy-rp2040.elf";
  o.firmware_dir = kFirmware;
  return o;
}

class ScenarioRun : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kFirmware / "vpy-rp2040.elf") || !fs::exists(kFirmware / "hello.elf")) {
      if (VPICO_FIRMWARE_BUILT) FAIL() << "firmware images were not built in " << kFirmware;
      GTEST_SKIP() << "firmware not built";
    }
  }

  ScenarioResult run_text(const std::string& text, const EmulatedTargetOptions& o = options()) {
    auto s = parse_scenario_text(text, "inline.yaml");
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    if (!s.ok()) return {};
    return run(*s, o);
  }
  ScenarioResult run(const Scenario& s, const EmulatedTargetOptions& o = options()) {
    auto t = EmulatedTarget::create(s, o);
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    if (!t.ok()) return {};
    m_target = std::move(*t);
    return run_scenario(s, *m_target);
  }
  std::string log(const ScenarioResult& r) {
    std::string s;
    for (const std::string& l : r.log)
      s += l + "\n";
    return s;
  }

  std::unique_ptr<EmulatedTarget> m_target;
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

}  // namespace

TEST_F(ScenarioRun, VpyReplPromptWriteAndAnswer) {
  ScenarioResult r = run_text(
      "timeout: 5s\nsteps:\n  - wait-serial: '>>> '\n  - write-serial: \"print(1+1)\\r\"\n"
      "  - wait-serial: \"\\r\\n2\\r\\n\"\n  - wait-serial: '>>> '\n"
      "  - write-serial: \"1/0\\r\"\n  - wait-serial: 'ZeroDivisionError'\n");
  EXPECT_EQ(r.verdict, Verdict::Pass) << r.message << "\n" << log(r);
  EXPECT_EQ(r.steps_run, 6u);
  EXPECT_GT(r.time_ns, 0u);
  EXPECT_NE(r.serial.at("uart0").find(">>> print(1+1)\r\n2\r\n>>> "), std::string::npos);
}

TEST_F(ScenarioRun, EachWaitSerialConsumesOneOccurrence) {
  // "blink" twice needs two blinks: the second wait starts after the first match.
  ScenarioResult r = run_text(
      "firmware: vpico:hello.elf\ntimeout: 1s\nsteps:\n  - wait-serial: 'blink'\n"
      "  - wait-serial: 'blink'\n  - expect-pin: {pin: GP25, value: 1}\n");
  ASSERT_EQ(r.verdict, Verdict::Pass) << r.message;
  const std::string& out = r.serial.at("uart0");
  // The second match is the start of "blink 2", as soon as its letters have come.
  EXPECT_NE(out.find("blink 1\nblink"), std::string::npos) << out;
  EXPECT_EQ(out.find("blink 2\n"), std::string::npos) << out;
}

TEST_F(ScenarioRun, TextThatCameDuringADelayCounts) {
  ScenarioResult r = run_text(
      "firmware: vpico:hello.elf\nsteps:\n  - delay: 250ms\n  - wait-serial: 'blink 1'\n"
      "  - wait-serial: 'blink 2'\n");
  ASSERT_EQ(r.verdict, Verdict::Pass) << r.message;
  // Both were already there: no time passed after the delay (which ends on the first cycle
  // at or past 250 ms: a cycle of clk_sys is 83 ns at 12 MHz).
  EXPECT_GE(r.time_ns, 250'000'000u);
  EXPECT_LT(r.time_ns, 250'000'100u);
}

TEST_F(ScenarioRun, WaitPinAndExpectPinFollowTheLed) {
  auto s = load_scenario(fs::path(VPICO_SOURCE_DIR) / "scenarios/examples/hello_blink.yaml");
  ASSERT_TRUE(s.ok()) << s.error().message;
  ScenarioResult r = run(*s);
  EXPECT_EQ(r.verdict, Verdict::Pass) << r.message << "\n" << log(r);
  EXPECT_EQ(r.steps_run, s->steps.size());
}

TEST_F(ScenarioRun, SetPinDrivesAndReleasesAPad) {
  // GPIO14 is not used by `hello`: driven high it reads 1; released, the pad's pull-down wins.
  ScenarioResult r = run_text(
      "firmware: vpico:hello.elf\nsteps:\n  - wait-serial: 'hello'\n"
      "  - set-pin: {pin: GP14, value: 1}\n  - expect-pin: {pin: GP14, value: 1}\n"
      "  - set-pin: {pin: GP14, value: 0}\n  - expect-pin: {pin: 14, value: 0}\n"
      "  - set-pin: {pin: GP14, value: 1}\n  - set-pin: {pin: GP14, value: z}\n"
      "  - expect-pin: {pin: GP14, value: 0}\n");
  EXPECT_EQ(r.verdict, Verdict::Pass) << r.message << "\n" << log(r);
}

TEST_F(ScenarioRun, ExpectPinMismatchFailsWithBothLevels) {
  ScenarioResult r = run_text(
      "firmware: vpico:hello.elf\nsteps:\n  - wait-serial: 'blink 1'\n"
      "  - expect-pin: {part-id: pico, pin: GP25, value: 0}\n");
  EXPECT_EQ(r.verdict, Verdict::Fail);
  EXPECT_EQ(r.message, "inline.yaml:4: step 2 (expect-pin): expected pico:GP25 to be 0, it is 1");
}

TEST_F(ScenarioRun, FailingWaitNamesStepLineExpectedAndGot) {
  auto s = load_scenario(kData / "failing.yaml");
  ASSERT_TRUE(s.ok()) << s.error().message;
  ScenarioResult r = run(*s);
  EXPECT_EQ(r.verdict, Verdict::Fail);
  ASSERT_TRUE(r.failed_step);
  EXPECT_EQ(*r.failed_step, 1u);
  EXPECT_EQ(r.steps_run, 2u);
  EXPECT_NE(r.message.find("failing.yaml:9: step 2 (wait-serial): 'blink 99' did not appear on "
                           "uart0: not within 300 ms; got uart0 since the last match: '"),
            std::string::npos)
      << r.message;
  EXPECT_NE(r.message.find("blink 2\\n'"), std::string::npos) << r.message;  // the tail
}

TEST_F(ScenarioRun, FailureArtefactsHoldSerialAndStepLogs) {
  auto s = load_scenario(kData / "failing.yaml");
  ASSERT_TRUE(s.ok());
  ScenarioResult r = run(*s);
  ASSERT_EQ(r.verdict, Verdict::Fail);
  const fs::path dir = fs::path(::testing::TempDir()) / "scenario_artefacts";
  fs::remove_all(dir);
  ASSERT_TRUE(write_artefacts(r, m_target.get(), dir).ok());
  EXPECT_NE(read(dir / "serial-uart0.log").find("hello from core 0\nblink 1\n"), std::string::npos);
  std::string steps = read(dir / "steps.log");
  EXPECT_NE(steps.find("step 2 (" + (kData / "failing.yaml").string() + ":9)"), std::string::npos)
      << steps;
  EXPECT_NE(steps.find("FAIL"), std::string::npos) << steps;
}

TEST_F(ScenarioRun, ScenarioTimeoutEndsAWait) {
  ScenarioResult r = run_text(
      "firmware: vpico:hello.elf\ntimeout: 50ms\nsteps:\n  - wait-serial: 'never printed'\n");
  EXPECT_EQ(r.verdict, Verdict::Fail);
  EXPECT_NEAR(double(r.time_ns), 50e6, 100);
  EXPECT_NE(r.message.find("the scenario's timeout (50 ms) ran out"), std::string::npos)
      << r.message;
}

TEST_F(ScenarioRun, TimeoutScaleStretchesTimeoutsNotDelays) {
  auto s = parse_scenario_text(
      "firmware: vpico:hello.elf\ntimeout: 50ms\nsteps:\n  - delay: 10ms\n"
      "  - wait-serial: {text: 'never printed', timeout: 20ms}\n",
      "inline.yaml");
  ASSERT_TRUE(s.ok());
  auto t = EmulatedTarget::create(*s, options());
  ASSERT_TRUE(t.ok());
  RunnerOptions ro;
  ro.timeout_scale = 2.0;
  ScenarioResult r = run_scenario(*s, **t, ro);
  EXPECT_EQ(r.verdict, Verdict::Fail);
  EXPECT_NEAR(double(r.time_ns), 50e6, 100);  // 10 ms delay + 2 x 20 ms
  EXPECT_NE(r.message.find("not within 40 ms"), std::string::npos) << r.message;
}

TEST_F(ScenarioRun, DelayPastTheScenarioTimeoutFails) {
  ScenarioResult r = run_text("firmware: vpico:hello.elf\ntimeout: 50ms\nsteps:\n  - delay: 1s\n");
  EXPECT_EQ(r.verdict, Verdict::Fail);
  EXPECT_NEAR(double(r.time_ns), 50e6, 100);
  EXPECT_NE(r.message.find("ran out during this delay"), std::string::npos) << r.message;
}

TEST_F(ScenarioRun, FirmwareFaultFailsTheWait) {
  auto s = load_scenario(kData / "fault.yaml");
  ASSERT_TRUE(s.ok());
  ScenarioResult r = run(*s);
  EXPECT_EQ(r.verdict, Verdict::Fail);
  EXPECT_NE(r.message.find("step 2 (wait-serial): 'DONE' did not appear on uart0: firmware fault: "
                           "breakpoint"),
            std::string::npos)
      << r.message;
  EXPECT_NE(r.message.find("panic_with_bkpt"), std::string::npos) << r.message;
}

TEST_F(ScenarioRun, SleepingFirmwareFailsAWaitAtOnce) {
  auto s = load_scenario(kData / "idle.yaml");
  ASSERT_TRUE(s.ok());
  ScenarioResult r = run(*s);
  EXPECT_EQ(r.verdict, Verdict::Fail);
  EXPECT_NE(r.message.find("every core is asleep"), std::string::npos) << r.message;
  EXPECT_LT(r.time_ns, 1'000'000'000u);  // virtual: it did not run out the 10 s
  EXPECT_GE(r.time_ns, 5'000'000u);      // the delay still let time pass
}

TEST_F(ScenarioRun, SameScenarioSameLogEveryTime) {
  auto s = load_scenario(fs::path(VPICO_SOURCE_DIR) / "scenarios/examples/vpy_repl.yaml");
  ASSERT_TRUE(s.ok());
  ScenarioResult a = run(*s);
  ScenarioResult b = run(*s);
  EXPECT_EQ(a.log, b.log);
  EXPECT_EQ(a.serial, b.serial);
  EXPECT_EQ(a.time_ns, b.time_ns);
}

TEST_F(ScenarioRun, MissingFirmwareNamesScenarioAndLine) {
  auto s = parse_scenario_text("name: x\nfirmware: nothere.uf2\nsteps: []\n", "dir/x.yaml");
  ASSERT_TRUE(s.ok());
  auto t = EmulatedTarget::create(*s, options());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message, "dir/x.yaml:2: firmware: dir/nothere.uf2: no such file");
}

TEST_F(ScenarioRun, BoardFileWithoutABoardModelIsRefused) {
  auto s = parse_scenario_text("board: diagram.json\nsteps: []\n", "dir/x.yaml");
  ASSERT_TRUE(s.ok());
  auto t = EmulatedTarget::create(*s, options());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message, "dir/x.yaml:1: board: board files are not supported by this build");
}

namespace {

// A board of one part, "btn1", whose pin "1" is wired to GPIO14 and "led1" whose pin "A" is
// GPIO25: enough to show that the runner goes through the BoardParts seam.
class FakeBoard : public BoardParts {
 public:
  explicit FakeBoard(Machine& m) : m_machine(m) {}
  Result<void> set_control(const std::string& part, const std::string& control,
                           double value) override {
    if (part != "btn1" || control != "pressed")
      return make_error("no control " + part + "." + control);
    m_machine.pins().drive(14, value != 0);
    ++controls;
    return {};
  }
  Result<bool> pin_level(const std::string& part, const std::string& pin) override {
    if (part == "led1" && pin == "A") return m_machine.pins().level(25);
    if (part == "btn1" && pin == "1") return m_machine.pins().level(14);
    return make_error("no pin " + part + ":" + pin);
  }
  int controls = 0;

 private:
  Machine& m_machine;
};

}  // namespace

TEST_F(ScenarioRun, BoardPartsSeam) {
  const fs::path dir = fs::path(::testing::TempDir()) / "board_seam";
  fs::create_directories(dir);
  std::ofstream(dir / "diagram.json") << "{}";
  auto s = parse_scenario_text(
      "firmware: vpico:hello.elf\nboard: diagram.json\nsteps:\n"
      "  - wait-pin: {part-id: led1, pin: A, value: 1}\n"
      "  - set-control: {part-id: btn1, control: pressed, value: 1}\n"
      "  - expect-pin: {part-id: btn1, pin: '1', value: 1}\n"
      "  - wait-pin: {part-id: led1, pin: A, value: 0, timeout: 1s}\n"
      "  - set-control: {part-id: btn1, control: volume, value: 1}\n",
      dir / "x.yaml");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EmulatedTargetOptions o = options();
  FakeBoard* board = nullptr;
  fs::path seen;
  o.board_factory = [&](const fs::path& file, Machine& m) -> Result<std::unique_ptr<BoardParts>> {
    seen = file;
    auto b = std::make_unique<FakeBoard>(m);
    board = b.get();
    return std::unique_ptr<BoardParts>(std::move(b));
  };
  ScenarioResult r = run(*s, o);
  EXPECT_EQ(seen, dir / "diagram.json");
  ASSERT_NE(board, nullptr);
  EXPECT_EQ(board->controls, 1);
  // The last step names a control the part does not have: the board's message, as an ERROR.
  EXPECT_EQ(r.verdict, Verdict::Error) << log(r);
  EXPECT_EQ(r.steps_run, 5u);
  EXPECT_NE(r.message.find(":8: step 5 (set-control): no control btn1.volume"), std::string::npos)
      << r.message;
}
