// `vpico run --i2c-part SPEC`: an off-chip I2C part wired to two pads for the run.
//   SPEC = bmp280[@ADDR][:KEY=VALUE,...], KEY = sda, scl (GPIO numbers; default 4 and 5, the
//   Pico's default I2C0 pins), t (degC, default 25), p (Pa, default 101325). ADDR defaults to
//   0x76 (0x77 with the sensor's SDO high). Example: bmp280@0x76:sda=4,scl=5,t=21.5
#pragma once

#include <cstdint>
#include <string>

#include "result.h"

namespace vpico::cli {

struct I2cPartSpec {
  std::string kind;  // "bmp280"
  uint8_t address = 0x76;
  unsigned sda = 4, scl = 5;
  int32_t temperature_centi = 2500;
  uint32_t pressure_pa = 101325;
};

Result<I2cPartSpec> parse_i2c_part_spec(const std::string& text);

}  // namespace vpico::cli
