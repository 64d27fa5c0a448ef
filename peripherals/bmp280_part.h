// The BMP280 sensor as a board-file part ("vpico-bmp280": Wokwi has no BMP280; pins SDA, SCL,
// VCC, GND; attrs.address "0x76" or "0x77"). SDA and SCL go to a GPIO pair of one I2C controller
// (Machine::i2c_bus). Controls "temperature" (degC, -40..85) and "pressure" (hPa, 300..1100).
#pragma once

#include "bmp280.h"
#include "part.h"

namespace vpico::peripherals {

class Bmp280Part : public Part {
 public:
  Bmp280Part(std::string id, uint8_t address);
  std::vector<std::string> pin_names() const override { return {"SDA", "SCL", "VCC", "GND"}; }
  Result<void> attach(Machine& machine, const std::vector<Net>& nets) override;
  std::vector<Control> controls() const override {
    return {{"temperature", -40, 85}, {"pressure", 300, 1100}};
  }
  double control(std::string_view name) const override;
  Bmp280& sensor() { return m_sensor; }

 protected:
  void apply_control(std::string_view name, double value) override;

 private:
  Bmp280 m_sensor;
};

}  // namespace vpico::peripherals
