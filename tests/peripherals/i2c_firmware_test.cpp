// The i2c firmware image (firmware/tests/i2c) with a BMP280 wired to GPIO4/GPIO5 through the
// Machine API: the scan finds it and the image reads and compensates what the part measures.
#include <gtest/gtest.h>

#include <filesystem>

#include "bmp280.h"
#include "loader/image.h"
#include "machine.h"

using namespace vpico;
namespace fs = std::filesystem;

namespace {
std::string run_i2c_image(Machine& m) {
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "DONE\n"};
  c.max_time_ns = 5'000'000'000;
  RunResult r = m.run(c);
  EXPECT_EQ(r.reason, StopReason::SerialMatch) << stop_reason_name(r.reason);
  return m.serial("uart0")->output();
}

struct I2cImage : ::testing::Test {
  std::unique_ptr<Machine> machine;
  void SetUp() override {
    const fs::path elf = fs::path(VPICO_FIRMWARE_DIR) / "i2c.elf";
    if (!fs::exists(elf)) {
      if (VPICO_FIRMWARE_BUILT) FAIL() << elf << " was not built";
      GTEST_SKIP() << "firmware not built";
    }
    auto image = load_image(elf.string());
    ASSERT_TRUE(image.ok()) << image.error().message;
    auto m = Machine::create();
    ASSERT_TRUE(m.ok());
    machine = std::move(*m);
    ASSERT_TRUE(machine->load(*image).ok());
    ASSERT_TRUE(machine->reset().ok());
  }
};
}  // namespace

TEST_F(I2cImage, ScanFindsAnAttachedBmp280AndReadsIt) {
  peripherals::Bmp280 sensor(0x76);
  sensor.set_temperature_centi(2150);
  sensor.set_pressure_pa(98765);
  ASSERT_TRUE(machine->attach_i2c(4, 5, sensor).ok());
  const std::string out = run_i2c_image(*machine);
  EXPECT_NE(out.find("PASS scan: device at 0x00000076\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("scan: no device answers"), std::string::npos) << out;
  EXPECT_NE(out.find("PASS bmp280 chip id\n"), std::string::npos) << out;
  EXPECT_NE(out.find("PASS bmp280 temperature 2150 centi-degC\n"), std::string::npos) << out;
  // The 32-bit compensation rounds: within a pascal or two of the set pressure.
  const size_t at = out.find("PASS bmp280 pressure ");
  ASSERT_NE(at, std::string::npos) << out;
  const long pa = std::stol(out.substr(at + 21));
  EXPECT_NEAR(pa, 98765, 2) << out;
  EXPECT_EQ(out.find("FAIL"), std::string::npos) << out;
}

TEST_F(I2cImage, APartOnPinsNotRoutedToI2cIsNotSeen) {
  // GPIO8/9 are I2C0 pins too, but the image routes only GPIO4/5 to the controller.
  peripherals::Bmp280 sensor(0x76);
  ASSERT_TRUE(machine->attach_i2c(8, 9, sensor).ok());
  const std::string out = run_i2c_image(*machine);
  EXPECT_NE(out.find("PASS scan: no device answers\n"), std::string::npos) << out;
}

TEST(MachineI2c, RefusesPinsThatAreNotAnSdaSclPair) {
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  peripherals::Bmp280 sensor;
  EXPECT_FALSE((*m)->attach_i2c(5, 4, sensor).ok());  // swapped
  EXPECT_FALSE((*m)->attach_i2c(4, 7, sensor).ok());  // I2C0 SDA with I2C1 SCL
  EXPECT_FALSE((*m)->attach_i2c(30, 31, sensor).ok());
  EXPECT_TRUE((*m)->attach_i2c(2, 3, sensor).ok());  // I2C1
  EXPECT_TRUE((*m)->attach_i2c(4, 9, sensor).ok());  // any SDA and SCL of one controller
}
