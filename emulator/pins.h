// Pins: the 30 GPIO pads of bank 0 as nets. A pad's level is resolved from the chip's output
// (function select, SIO or peripheral output, overrides, pad output disable), external drivers
// (parts, tests, the GUI) and the pad's pull-up/pull-down (RP2040 datasheet 2.19).
// Analog: a pad may also carry a voltage from an analog source (a potentiometer, a test), which
// the ADC samples on GPIO26..29. The analog voltage does not change the digital level.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace vpico {

class Pins {
 public:
  static constexpr unsigned kCount = 30;
  using Observer = std::function<void(unsigned pin, bool level, uint64_t cycle)>;

  // What the chip does with a pad, filled in by IO_BANK0 / PADS_BANK0 / SIO.
  struct ChipDrive {
    bool output_enable = false;
    bool output = false;
  };
  struct Pad {
    bool pull_up = false;
    bool pull_down = true;  // PADS_BANK0 reset: PDE=1 (datasheet 2.19.6.3)
    bool input_enable = true;
    bool output_disable = false;
  };

  // Resolved level as a scope would see it.
  bool level(unsigned pin) const { return m_level[pin]; }
  bool chip_drives(unsigned pin) const {
    return m_chip[pin].output_enable && !m_pad[pin].output_disable;
  }
  // External drive: a level, or nullopt to release the pin.
  void drive(unsigned pin, std::optional<bool> level);
  void observe(Observer observer) { m_observers.push_back(std::move(observer)); }
  uint64_t change_count(unsigned pin) const { return m_changes[pin]; }

  // Analog side. IOVDD on the Pico: 3.3 V.
  static constexpr double kIoVdd = 3.3;
  // An analog source on the pin (volts, clamped to 0..IOVDD), or nullopt to remove it.
  void set_voltage(unsigned pin, std::optional<double> volts);
  // The voltage an ADC input sees: the chip's own output driver wins (0 V or IOVDD), then the
  // analog source, then the resolved digital level (0 V or IOVDD; a floating pad keeps its last
  // level, 0 V from reset).
  double voltage(unsigned pin) const;

  // Chip side.
  void set_chip(unsigned pin, ChipDrive drive);
  void set_pad(unsigned pin, Pad pad);
  const Pad& pad(unsigned pin) const { return m_pad[pin]; }
  void set_clock(std::function<uint64_t()> now) { m_now = std::move(now); }
  // Changes made until this is cleared happened at `cycle` (a lazily run block such as PIO
  // reports pin changes after the fact); nullopt returns to the clock.
  void stamp_changes_at(std::optional<uint64_t> cycle) { m_stamp = cycle; }
  void reset();

 private:
  void resolve(unsigned pin);

  std::array<ChipDrive, kCount> m_chip{};
  std::array<Pad, kCount> m_pad{};
  std::array<std::optional<bool>, kCount> m_external{};
  std::array<std::optional<double>, kCount> m_analog{};
  std::array<bool, kCount> m_level{};
  std::array<uint64_t, kCount> m_changes{};
  std::vector<Observer> m_observers;
  std::function<uint64_t()> m_now;
  std::optional<uint64_t> m_stamp;
};

}  // namespace vpico
