// Part: an off-chip part of a board file (DESIGN.md "Off-chip parts and wiring"), wired to the
// Pico through nets. A part knows the nets its pins are on (a GPIO, ground, the 3.3 V supply, or
// nothing) and acts on the Machine's pins and buses; it knows no RP2040 register.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "result.h"

namespace vpico {
class Machine;
class Pins;
}  // namespace vpico

namespace vpico::peripherals {

// What a part's pin is connected to, through the board file's connections.
struct Net {
  std::optional<unsigned> gpio;  // a Pico GPIO (GP0..GP28)
  bool ground = false;           // GND, AGND
  bool power = false;            // 3V3 (VSYS and VBUS count as a high level too)
  bool connected() const { return gpio || ground || power; }
  std::string describe() const;  // "GP15", "GND", "3V3", "nothing"
  // The net's level now (a floating net reads low) and the fraction of time it is high.
  bool level(const Pins& pins) const;
  double duty(const Pins& pins) const;
};

class Part {
 public:
  Part(std::string id, std::string type) : m_id(std::move(id)), m_type(std::move(type)) {}
  virtual ~Part() = default;
  const std::string& id() const { return m_id; }
  const std::string& type() const { return m_type; }

  // The part's pin names, as its Wokwi type names them.
  virtual std::vector<std::string> pin_names() const = 0;
  // Checks the wiring (nets by pin name, in pin_names() order) and connects to the machine. The
  // Machine must outlive the part's use of it. Errors name what is wrong with the wiring.
  virtual Result<void> attach(Machine& machine, const std::vector<Net>& nets) = 0;
  // Controls a scenario or the GUI sets (Wokwi's set-control): names and ranges.
  struct Control {
    std::string name;
    double min, max;
  };
  virtual std::vector<Control> controls() const { return {}; }
  Result<void> set_control(std::string_view name, double value);
  virtual double control(std::string_view name) const {
    (void)name;
    return 0;
  }

 protected:
  virtual void apply_control(std::string_view name, double value) {
    (void)name;
    (void)value;
  }

 private:
  std::string m_id, m_type;
};

}  // namespace vpico::peripherals
