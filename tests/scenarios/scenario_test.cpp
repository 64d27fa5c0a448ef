// Scenario files: each step kind parsed into its typed form, and each mistake reported with the
// file, the line and the step.
#include <gtest/gtest.h>

#include "scenario.h"

using namespace vpico::scenarios;

namespace {

Scenario parse_ok(const std::string& text) {
  auto s = parse_scenario_text(text, "dir/t.yaml");
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? *s : Scenario{};
}

std::string parse_error(const std::string& text) {
  auto s = parse_scenario_text(text, "dir/t.yaml");
  EXPECT_FALSE(s.ok());
  return s.ok() ? "" : s.error().message;
}

}  // namespace

TEST(ScenarioParse, TopLevelKeys) {
  Scenario s = parse_ok(
      "name: n\nversion: 1\nauthor: me\nfirmware: fw/x.uf2\nserial: usb\ntimeout: 2s\nsteps: []\n");
  EXPECT_EQ(s.name, "n");
  EXPECT_EQ(s.author, "me");
  ASSERT_TRUE(s.firmware);
  EXPECT_EQ(s.firmware->generic_string(), "dir/fw/x.uf2");
  EXPECT_FALSE(s.firmware_builtin);
  EXPECT_EQ(s.serial, "usb");
  EXPECT_EQ(s.timeout_ns, 2'000'000'000u);
  EXPECT_FALSE(s.board);
}

TEST(ScenarioParse, DefaultsAndBuiltinFirmware) {
  Scenario s = parse_ok("steps: []\n");
  EXPECT_EQ(s.name, "t");  // the file's stem
  EXPECT_EQ(s.serial, "uart0");
  EXPECT_EQ(s.timeout_ns, 30'000'000'000u);
  EXPECT_FALSE(s.firmware);
  Scenario b = parse_ok("firmware: vpico:hello.elf\nsteps: []\n");
  EXPECT_TRUE(b.firmware_builtin);
  EXPECT_EQ(b.firmware->string(), "hello.elf");
}

TEST(ScenarioParse, DelayStep) {
  Scenario s = parse_ok("steps:\n  - delay: 30ms\n");
  ASSERT_EQ(s.steps.size(), 1u);
  EXPECT_EQ(std::get<DelayStep>(s.steps[0].action).ns, 30'000'000u);
  EXPECT_EQ(s.steps[0].line, 2u);
  EXPECT_EQ(s.steps[0].kind, "delay");
}

TEST(ScenarioParse, WaitSerialShortAndLongForms) {
  Scenario s = parse_ok(
      "serial: uart1\nsteps:\n  - wait-serial: '>>> '\n"
      "  - name: answer\n    wait-serial: {text: '2', port: usb, timeout: 1s}\n");
  ASSERT_EQ(s.steps.size(), 2u);
  auto& a = std::get<WaitSerialStep>(s.steps[0].action);
  EXPECT_EQ(a.text, ">>> ");
  EXPECT_EQ(a.port, "uart1");
  EXPECT_FALSE(a.timeout_ns);
  auto& b = std::get<WaitSerialStep>(s.steps[1].action);
  EXPECT_EQ(b.text, "2");
  EXPECT_EQ(b.port, "usb");
  EXPECT_EQ(*b.timeout_ns, 1'000'000'000u);
  EXPECT_EQ(s.steps[1].name, "answer");
  EXPECT_EQ(s.steps[1].line, 4u);
}

TEST(ScenarioParse, WriteSerialTextEscapesAndBytes) {
  Scenario s = parse_ok(
      "steps:\n  - write-serial: \"print(1)\\r\"\n  - write-serial: 'raw\\r'\n"
      "  - write-serial: [3, 0x04]\n  - write-serial: {text: hi, port: usb}\n");
  ASSERT_EQ(s.steps.size(), 4u);
  EXPECT_EQ(std::get<WriteSerialStep>(s.steps[0].action).bytes, "print(1)\r");
  EXPECT_EQ(std::get<WriteSerialStep>(s.steps[1].action).bytes, "raw\\r");  // single quotes
  EXPECT_EQ(std::get<WriteSerialStep>(s.steps[2].action).bytes, std::string("\x03\x04"));
  EXPECT_EQ(std::get<WriteSerialStep>(s.steps[3].action).port, "usb");
}

TEST(ScenarioParse, PinSteps) {
  Scenario s = parse_ok(
      "steps:\n  - expect-pin: {part-id: pico, pin: GP25, value: 1}\n"
      "  - wait-pin: {pin: '7', value: 0, timeout: 2s}\n"
      "  - set-pin: {pin: GPIO14, value: z}\n  - set-pin: {pin: GP2, value: 1}\n");
  ASSERT_EQ(s.steps.size(), 4u);
  auto& e = std::get<ExpectPinStep>(s.steps[0].action);
  EXPECT_EQ(*e.pin.gpio, 25u);
  EXPECT_TRUE(e.value);
  auto& w = std::get<WaitPinStep>(s.steps[1].action);
  EXPECT_EQ(*w.pin.gpio, 7u);
  EXPECT_FALSE(w.value);
  EXPECT_EQ(*w.timeout_ns, 2'000'000'000u);
  EXPECT_FALSE(std::get<SetPinStep>(s.steps[2].action).value);
  EXPECT_EQ(*std::get<SetPinStep>(s.steps[2].action).pin.gpio, 14u);
  EXPECT_TRUE(*std::get<SetPinStep>(s.steps[3].action).value);
  for (const Step& st : s.steps)
    EXPECT_TRUE(st.needs_pins());
}

TEST(ScenarioParse, SetControlAndPartPinsNeedABoard) {
  Scenario s = parse_ok(
      "board: diagram.json\nsteps:\n  - set-control: {part-id: btn1, control: pressed, value: 1}\n"
      "  - expect-pin: {part-id: led1, pin: A, value: 1}\n");
  ASSERT_EQ(s.steps.size(), 2u);
  auto& c = std::get<SetControlStep>(s.steps[0].action);
  EXPECT_EQ(c.part, "btn1");
  EXPECT_EQ(c.control, "pressed");
  EXPECT_EQ(c.value, 1.0);
  auto& e = std::get<ExpectPinStep>(s.steps[1].action);
  EXPECT_EQ(e.pin.part, "led1");
  EXPECT_FALSE(e.pin.is_pico());
  EXPECT_EQ(s.board->generic_string(), "dir/diagram.json");
}

TEST(ScenarioParse, PicoPinNames) {
  EXPECT_EQ(parse_pico_pin("GP25"), 25u);
  EXPECT_EQ(parse_pico_pin("25"), 25u);
  EXPECT_EQ(parse_pico_pin("GPIO0"), 0u);
  EXPECT_FALSE(parse_pico_pin("GP30"));
  EXPECT_FALSE(parse_pico_pin("LED"));
  EXPECT_FALSE(parse_pico_pin("GP"));
}

TEST(ScenarioErrors, UnknownTopLevelKeyNamesFileAndLine) {
  std::string e = parse_error("name: x\nstpes: []\n");
  EXPECT_NE(e.find("dir/t.yaml:2:1: unknown key 'stpes'"), std::string::npos) << e;
}

TEST(ScenarioErrors, UnknownStepNamesFileLineAndStep) {
  std::string e = parse_error("steps:\n  - delay: 1ms\n  - wait-serail: x\n");
  EXPECT_NE(e.find("dir/t.yaml:3:5: step 2 (wait-serail): unknown step 'wait-serail'"),
            std::string::npos)
      << e;
}

TEST(ScenarioErrors, UnknownStepKeyIsAnError) {
  std::string e = parse_error("steps:\n  - wait-serial: {text: a, timout: 1s}\n");
  EXPECT_NE(e.find("dir/t.yaml:2:"), std::string::npos) << e;
  EXPECT_NE(e.find("step 1 (wait-serial): unknown key 'timout' in wait-serial"), std::string::npos)
      << e;
}

TEST(ScenarioErrors, DurationWithoutUnit) {
  std::string e = parse_error("steps:\n  - delay: 1ms\n  - delay: 500\n");
  EXPECT_NE(e.find("dir/t.yaml:3:12: step 2 (delay): delay: duration '500' has no unit"),
            std::string::npos)
      << e;
}

TEST(ScenarioErrors, BadPinAndValue) {
  std::string e = parse_error("steps:\n  - expect-pin: {pin: GP31, value: 1}\n");
  EXPECT_NE(e.find(":2:"), std::string::npos) << e;
  EXPECT_NE(e.find("the Pico has no pin 'GP31'"), std::string::npos) << e;
  e = parse_error("steps:\n  - expect-pin: {pin: GP1, value: high}\n");
  EXPECT_NE(e.find("value must be 0 or 1"), std::string::npos) << e;
  e = parse_error("steps:\n  - set-pin: {pin: GP1, value: 2}\n");
  EXPECT_NE(e.find("0, 1 or z"), std::string::npos) << e;
  e = parse_error("steps:\n  - expect-pin: {value: 1}\n");
  EXPECT_NE(e.find("expect-pin needs 'pin'"), std::string::npos) << e;
}

TEST(ScenarioErrors, PartWithoutBoard) {
  std::string e =
      parse_error("steps:\n  - set-control: {part-id: btn1, control: pressed, value: 1}\n");
  EXPECT_NE(e.find("step 1 (set-control): part 'btn1' is not on any board"), std::string::npos)
      << e;
  e = parse_error("steps:\n  - wait-pin: {part-id: led1, pin: A, value: 1}\n");
  EXPECT_NE(e.find("part 'led1' is not on any board"), std::string::npos) << e;
}

TEST(ScenarioErrors, TwoActionsInOneStep) {
  std::string e = parse_error("steps:\n  - delay: 1ms\n    wait-serial: x\n");
  EXPECT_NE(e.find("dir/t.yaml:3:5: step 1"), std::string::npos) << e;
  EXPECT_NE(e.find("one action per step"), std::string::npos) << e;
}

TEST(ScenarioErrors, UnknownPort) {
  std::string e = parse_error("steps:\n  - wait-serial: {text: a, port: uart2}\n");
  EXPECT_NE(e.find("unknown serial port 'uart2'"), std::string::npos) << e;
}

TEST(ScenarioErrors, BadYamlNamesTheLine) {
  std::string e = parse_error("name: x\nsteps:\n  - wait-serial: [a, b\n");
  // An unclosed list is noticed at the end of the file (line 4, after the last newline).
  EXPECT_EQ(e.rfind("dir/t.yaml:4:1: end of sequence flow not found", 0), 0u) << e;
  e = parse_error("name: x\n  bad: indent\n");
  EXPECT_EQ(e.rfind("dir/t.yaml:2:", 0), 0u) << e;
}

TEST(ScenarioErrors, ScreenshotIsNotSupportedYet) {
  std::string e = parse_error("steps:\n  - take-screenshot: {part-id: lcd1, save-to: a.png}\n");
  EXPECT_NE(e.find("displays are not modelled"), std::string::npos) << e;
}

TEST(ScenarioErrors, StepsMissingOrNotAList) {
  EXPECT_NE(parse_error("name: x\n").find("no 'steps:'"), std::string::npos);
  EXPECT_NE(parse_error("steps: 3\n").find("steps must be a list"), std::string::npos);
  EXPECT_NE(parse_error("version: 2\nsteps: []\n").find("unsupported scenario version"),
            std::string::npos);
}

TEST(ScenarioErrors, MissingFile) {
  auto s = load_scenario("/nonexistent/x.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "/nonexistent/x.yaml: no such scenario file");
}
