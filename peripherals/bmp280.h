// Bosch BMP280 barometric pressure and temperature sensor on I2C (Bosch datasheet
// BST-BMP280-DS001: register map 4.2, I2C protocol 5.2, compensation 3.11.3 and 8.2).
//
// Register map modelled:
//   0x88..0x9F  calib00..calib23: dig_T1..dig_P9, little-endian, read-only. The values are the
//               datasheet's worked example (3.12): T1 27504, T2 26435, T3 -1000, P1 36477,
//               P2 -10685, P3 3024, P4 2855, P5 140, P6 -7, P7 15500, P8 -14600, P9 6000.
//   0xD0        id = 0x58.
//   0xE0        reset: writing 0xB6 resets the registers (reads 0).
//   0xF3        status: measuring and im_update read 0 (conversions are instantaneous).
//   0xF4        ctrl_meas: osrs_t[7:5], osrs_p[4:2], mode[1:0].
//   0xF5        config: t_sb[7:5], filter[4:2], spi3w_en[0] (stored only).
//   0xF7..0xF9  press_msb, press_lsb, press_xlsb[7:4]: the 20-bit raw pressure.
//   0xFA..0xFC  temp_msb, temp_lsb, temp_xlsb[7:4]: the 20-bit raw temperature.
// Other addresses read 0 and ignore writes.
//
// Raw values: the part holds a temperature (0.01 degC) and a pressure (Pa) that a test or
// harness sets; a measurement stores the raw ADC values whose compensation with the trimming
// above (the datasheet's 32-bit integer formulas, as pico-sdk examples and Bosch's driver use
// them) comes closest to them, found by bisection (compensation is monotonic in the raw value).
// The raw values keep 16 + (osrs - 1) bits as the datasheet's resolution table says (3.3.1,
// 3.3.2); an oversampling of 0 skips the measurement and leaves 0x80000.
//
// Timing and modes: a write of mode 01/10 (forced) measures once and returns to sleep; mode 11
// (normal) measures on the write and again at every START addressed to the part, so reads
// always see the current values (t_sb's period is not modelled). The IIR filter is not modelled
// (its steady state is its input). SPI and the 3-wire interface are not modelled.
//
// I2C (5.2): address 0x76 (SDO to GND) or 0x77 (SDO to VDDIO). A write sends a register address
// then data; further bytes alternate register address and data (no auto-increment on writes).
// A read returns registers from the last address written, incrementing after each byte.
#pragma once

#include <array>
#include <cstdint>

#include "i2c_bus.h"

namespace vpico::peripherals {

class Bmp280 : public I2cTarget {
 public:
  struct Trimming {
    uint16_t t1;
    int16_t t2, t3;
    uint16_t p1;
    int16_t p2, p3, p4, p5, p6, p7, p8, p9;
  };
  // The datasheet's example trimming (3.12).
  static constexpr Trimming kExampleTrimming{27504, 26435, -1000, 36477, -10685, 3024,
                                             2855,  140,   -7,    15500, -14600, 6000};
  static constexpr uint8_t kChipId = 0x58;

  explicit Bmp280(uint8_t address = 0x76);

  uint8_t address() const { return m_address; }
  // The conditions the sensor measures: temperature in 0.01 degC, pressure in Pa, clamped to the
  // operating range (1.1: -40..85 degC, 300..1100 hPa).
  static constexpr int32_t kMinTemperature = -4000, kMaxTemperature = 8500;
  static constexpr uint32_t kMinPressure = 30000, kMaxPressure = 110000;
  void set_temperature_centi(int32_t centi_celsius);
  void set_pressure_pa(uint32_t pascal);
  int32_t temperature_centi() const { return m_temperature; }
  uint32_t pressure_pa() const { return m_pressure; }

  // A register as the firmware would read it (no side effects).
  uint8_t reg(uint8_t address) const { return m_regs[address]; }
  // Power-on reset of the registers (and what a 0xB6 write to 0xE0 does).
  void power_on_reset();

  // The datasheet's compensation formulas (3.11.3, 32-bit integer versions).
  static int32_t compensate_temperature(int32_t adc_t, const Trimming& trim, int32_t& t_fine);
  static uint32_t compensate_pressure(int32_t adc_p, int32_t t_fine, const Trimming& trim);

  // I2cTarget
  bool start(uint8_t address, bool read) override;
  bool write_byte(uint8_t byte) override;
  uint8_t read_byte(bool ack) override;
  void stop() override;

 private:
  void measure();
  void store_raw(uint8_t msb_reg, uint32_t raw20, unsigned osrs);

  uint8_t m_address;
  std::array<uint8_t, 256> m_regs{};
  Trimming m_trim = kExampleTrimming;
  int32_t m_temperature = 2500;  // 25.00 degC
  uint32_t m_pressure = 101325;  // one standard atmosphere
  bool m_addressed = false;
  bool m_expect_register = true;  // the next written byte is a register address
  uint8_t m_pointer = 0;
};

}  // namespace vpico::peripherals
