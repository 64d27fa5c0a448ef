#include "bmp280_part.h"

#include <cmath>

#include <fmt/format.h>

#include "machine.h"

namespace vpico::peripherals {

Bmp280Part::Bmp280Part(std::string id, uint8_t address)
    : Part(std::move(id), "vpico-bmp280"), m_sensor(address) {}

Result<void> Bmp280Part::attach(Machine& machine, const std::vector<Net>& nets) {
  if (!nets[0].gpio || !nets[1].gpio)
    return Error{fmt::format("SDA and SCL go to GPIOs (they are wired to {} and {})",
                             nets[0].describe(), nets[1].describe())};
  if (auto r = machine.attach_i2c(*nets[0].gpio, *nets[1].gpio, m_sensor); !r) return r.error();
  return {};
}

double Bmp280Part::control(std::string_view name) const {
  if (name == "temperature") return m_sensor.temperature_centi() / 100.0;
  if (name == "pressure") return m_sensor.pressure_pa() / 100.0;
  return 0;
}

void Bmp280Part::apply_control(std::string_view name, double value) {
  if (name == "temperature") m_sensor.set_temperature_centi(int32_t(std::lround(value * 100)));
  if (name == "pressure") m_sensor.set_pressure_pa(uint32_t(std::lround(value * 100)));
}

}  // namespace vpico::peripherals
