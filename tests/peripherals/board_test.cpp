// Board files: parsing Wokwi-shaped diagrams into parts and nets, every error message, and each
// part acting on a real Machine's pins.
#include "board.h"

#include <gtest/gtest.h>

#include <string>

#include "bmp280_part.h"
#include "led.h"
#include "machine.h"
#include "potentiometer.h"
#include "push_button.h"

using namespace vpico;
using namespace vpico::peripherals;

namespace {

std::string diagram(const std::string& parts, const std::string& connections) {
  return R"({"version": 1, "parts": [{"type": "wokwi-pi-pico", "id": "pico"})" +
         (parts.empty() ? "" : ", " + parts) + R"(], "connections": [)" + connections + "]}";
}

std::unique_ptr<Machine> machine() {
  auto m = Machine::create();
  EXPECT_TRUE(m.ok());
  return std::move(*m);
}

std::string error_of(const std::string& text) {
  auto b = Board::parse(text, "board.json");
  EXPECT_FALSE(b.ok()) << "parsed: " << text;
  return b.ok() ? "" : b.error().message;
}

std::string attach_error_of(const std::string& text) {
  auto b = Board::parse(text, "board.json");
  EXPECT_TRUE(b.ok()) << b.error().message;
  if (!b.ok()) return "";
  auto m = machine();
  auto r = (*b)->attach(*m);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.error().message;
}

const char* kLed = R"({"type": "wokwi-led", "id": "led1", "attrs": {"color": "green"}})";
const char* kButton = R"({"type": "wokwi-pushbutton", "id": "btn1"})";

}  // namespace

TEST(BoardFile, TheExampleBoardsParse) {
  for (const char* name : {"button_led.json", "bmp280.json"}) {
    auto b = Board::load(std::string(VPICO_SOURCE_DIR) + "/peripherals/boards/" + name);
    ASSERT_TRUE(b.ok()) << b.error().message;
    auto m = machine();
    EXPECT_TRUE((*b)->attach(*m).ok()) << name;
  }
}

TEST(BoardFile, PartPinsJoinNetsThroughConnections) {
  auto b = Board::parse(diagram(kLed, R"(["pico:GP15", "led1:A", "green", []],
                                         ["led1:C", "pico:GND.8", "black", []])"),
                        "board.json");
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ((*b)->net_of("led1", "A").describe(), "GP15");
  EXPECT_EQ((*b)->net_of("led1", "C").describe(), "GND");
  EXPECT_EQ(static_cast<Led*>((*b)->part("led1"))->colour(), "green");
}

TEST(BoardFile, BadJsonNamesLineAndColumn) {
  const std::string e = error_of("{\n  \"parts\": [\n    {\"type\": \"wokwi-led\",, }\n  ]\n}");
  EXPECT_NE(e.find("board.json:3:"), std::string::npos) << e;
  EXPECT_NE(e.find("not valid JSON"), std::string::npos) << e;
}

TEST(BoardFile, ErrorsNameTheFileAndTheProblem) {
  EXPECT_NE(error_of(diagram(R"({"type": "wokwi-servo", "id": "s1"})", ""))
                .find("board.json: part 2 ('s1'): unknown part type 'wokwi-servo' (vpico knows: "
                      "wokwi-pi-pico, wokwi-led"),
            std::string::npos);
  EXPECT_NE(
      error_of(diagram(std::string(kLed) + "," + kLed, "")).find("the id 'led1' is used twice"),
      std::string::npos);
  EXPECT_NE(error_of(R"({"parts": [{"type": "wokwi-led", "id": "l"}]})").find("no Pico"),
            std::string::npos);
  EXPECT_NE(error_of(diagram(kLed, R"(["pico:GP15", "led2:A", "", []])"))
                .find("connection 1: no part has the id 'led2'"),
            std::string::npos);
  EXPECT_NE(error_of(diagram(kLed, R"(["pico:GP15", "led1:B", "", []])"))
                .find("part 'led1' (wokwi-led) has no pin 'B' (its pins: A, C)"),
            std::string::npos);
  EXPECT_NE(error_of(diagram(kLed, R"(["pico:GP25", "led1:A", "", []])")).find("no pin 'GP25'"),
            std::string::npos);
  EXPECT_NE(error_of(diagram("", R"(["pico:GP2", "pico:GP3", "", []])"))
                .find("GP2 and GP3 are wired together"),
            std::string::npos);
  EXPECT_NE(error_of(diagram("", R"(["pico:3V3", "pico:GND.1", "", []])")).find("short circuit"),
            std::string::npos);
  EXPECT_NE(error_of(diagram("", R"(["pico-GP2", "x", "", []])")).find("is not \"part:pin\""),
            std::string::npos);
  EXPECT_NE(error_of("[1, 2]").find("board.json: a board file is a JSON object"),
            std::string::npos);
}

TEST(BoardFile, EachPartChecksItsWiring) {
  EXPECT_NE(attach_error_of(diagram(R"({"type": "wokwi-potentiometer", "id": "p"})",
                                    R"(["p:SIG", "pico:GP2", "", []])"))
                .find("board.json: part 'p' (wokwi-potentiometer): SIG is wired to GP2"),
            std::string::npos);
  EXPECT_NE(attach_error_of(diagram(kButton, R"(["btn1:1.l", "pico:GP2", "", []],
                                               ["btn1:2.l", "pico:GP3", "", []])"))
                .find("between two GPIOs"),
            std::string::npos);
  EXPECT_NE(attach_error_of(diagram(kButton, R"(["btn1:1.l", "pico:GP2", "", []])"))
                .find("GND or 3V3 on the other"),
            std::string::npos);
}

TEST(BoardFile, AnLedLightsWhenItsAnodeIsHighAndItsCathodeLow) {
  // Active low: 3V3 to the anode, the cathode to GP16.
  auto b = Board::parse(
      diagram(kLed, R"(["pico:3V3", "led1:A", "", []], ["led1:C", "pico:GP16", "", []])"),
      "board.json");
  ASSERT_TRUE(b.ok());
  auto m = machine();
  ASSERT_TRUE((*b)->attach(*m).ok());
  auto* led = static_cast<Led*>((*b)->part("led1"));
  m->pins().drive(16, true);
  EXPECT_FALSE(led->lit());
  m->pins().drive(16, false);
  EXPECT_TRUE(led->lit());
  EXPECT_DOUBLE_EQ(led->brightness(), 1.0);
  // PWM at 25 % high on the cathode: lit 75 % of the time.
  m->pins().drive_waveform(16, Waveform::make(1000 * Waveform::kSub, 250 * Waveform::kSub, 0));
  EXPECT_NEAR(led->brightness(), 0.75, 1e-9);
  auto level = (*b)->pin_level("led1", "A");
  ASSERT_TRUE(level.ok());
  EXPECT_TRUE(*level);  // on 3V3
}

TEST(BoardFile, AButtonToGroundPullsItsGpioLowWhilePressed) {
  auto b = Board::parse(
      diagram(kButton, R"(["pico:GP14", "btn1:1.r", "", []], ["btn1:2.l", "pico:GND.3", "", []])"),
      "board.json");
  ASSERT_TRUE(b.ok());
  auto m = machine();
  ASSERT_TRUE((*b)->attach(*m).ok());
  m->pins().set_pad(14, Pins::Pad{true, false, true, false});  // the pad's pull-up
  EXPECT_TRUE(m->pins().level(14));
  ASSERT_TRUE((*b)->set_control("btn1", "pressed", 1).ok());
  EXPECT_FALSE(m->pins().level(14));
  ASSERT_TRUE((*b)->set_control("btn1", "pressed", 0).ok());
  EXPECT_TRUE(m->pins().level(14));
  // Controls: an unknown one, and a value out of range, are refused by name.
  auto bad = (*b)->set_control("btn1", "presed", 1);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("has no control 'presed' (it has: pressed)"),
            std::string::npos);
  EXPECT_FALSE((*b)->set_control("btn1", "pressed", 2).ok());
  EXPECT_FALSE((*b)->set_control("nobody", "pressed", 1).ok());
}

TEST(BoardFile, AButtonTo3V3DrivesItsGpioHigh) {
  auto b = Board::parse(
      diagram(kButton, R"(["pico:GP14", "btn1:1.l", "", []], ["btn1:2.r", "pico:3V3", "", []])"),
      "board.json");
  ASSERT_TRUE(b.ok());
  auto m = machine();
  ASSERT_TRUE((*b)->attach(*m).ok());
  EXPECT_FALSE(m->pins().level(14));  // the reset pull-down
  ASSERT_TRUE((*b)->set_control("btn1", "pressed", 1).ok());
  EXPECT_TRUE(m->pins().level(14));
}

TEST(BoardFile, APotentiometerPutsItsPositionOnAnAdcPin) {
  auto b = Board::parse(
      diagram(R"({"type": "wokwi-slide-potentiometer", "id": "p", "attrs": {"value": "1023"}})",
              R"(["p:SIG", "pico:GP27", "", []], ["p:VCC", "pico:3V3", "", []],
                                   ["p:GND", "pico:GND.1", "", []])"),
      "board.json");
  ASSERT_TRUE(b.ok()) << b.error().message;
  auto m = machine();
  ASSERT_TRUE((*b)->attach(*m).ok());
  EXPECT_NEAR(m->pins().voltage(27), 3.3, 1e-9);
  ASSERT_TRUE((*b)->set_control("p", "position", 0.25).ok());
  EXPECT_NEAR(m->pins().voltage(27), 0.825, 1e-9);
  EXPECT_FALSE((*b)->set_control("p", "position", 1.5).ok());
}

TEST(BoardFile, AGpioWiredStraightToGroundIsHeldLow) {
  auto b = Board::parse(diagram("", R"(["pico:GP6", "pico:GND.2", "", []])"), "board.json");
  ASSERT_TRUE(b.ok());
  auto m = machine();
  m->pins().set_pad(6, Pins::Pad{true, false, true, false});
  ASSERT_TRUE((*b)->attach(*m).ok());
  EXPECT_FALSE(m->pins().level(6));
}

TEST(BoardFile, ABmp280PartJoinsTheI2cBusOfItsPins) {
  auto b = Board::load(std::string(VPICO_SOURCE_DIR) + "/peripherals/boards/bmp280.json");
  ASSERT_TRUE(b.ok()) << b.error().message;
  auto m = machine();
  ASSERT_TRUE((*b)->attach(*m).ok());
  auto* part = static_cast<Bmp280Part*>((*b)->part("sensor"));
  ASSERT_TRUE((*b)->set_control("sensor", "temperature", 31.25).ok());
  EXPECT_EQ(part->sensor().temperature_centi(), 3125);
  ASSERT_TRUE((*b)->set_control("sensor", "pressure", 1000).ok());
  EXPECT_EQ(part->sensor().pressure_pa(), 100000u);
  // SDA on an I2C1 pin with SCL on an I2C0 pin: no controller has that pair.
  auto bad =
      Board::parse(diagram(R"({"type": "vpico-bmp280", "id": "s"})",
                           R"(["s:SDA", "pico:GP2", "", []], ["s:SCL", "pico:GP5", "", []])"),
                   "board.json");
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE((*bad)->attach(*m).ok());
}
