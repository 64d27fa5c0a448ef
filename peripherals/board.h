// Board: a board file — the parts wired to the Pico — read from JSON in the shape of Wokwi's
// diagram.json, so Wokwi projects can be brought over (DESIGN.md "Off-chip parts and wiring"):
//
//   {"version": 1,
//    "parts": [{"type": "wokwi-pi-pico", "id": "pico"},
//              {"type": "wokwi-led", "id": "led1", "attrs": {"color": "red"}}],
//    "connections": [["pico:GP15", "led1:A", "green", []], ["led1:C", "pico:GND.8", "black", []]]}
//
// Connections join "part:pin" endpoints into nets (their colour and route are drawing hints,
// ignored). Each part pin's net tells it what it is tied to: a Pico GPIO, GND or 3V3. Parts:
// wokwi-pi-pico (exactly one), wokwi-led, wokwi-pushbutton(-6mm), wokwi-potentiometer,
// wokwi-slide-potentiometer, vpico-bmp280; see each part's header. A net that joins a GPIO
// straight to GND or 3V3 holds it there. Other keys of the file (Wokwi's "editor", a part's
// "top"/"left"...) are ignored.
//
// Errors name the file and the problem: JSON syntax (with line and column), an unknown part type
// (listing the known ones), a duplicate id, a connection to an unknown part or pin, two GPIOs in
// one net, and each part's own wiring rules.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "part.h"
#include "result.h"

namespace vpico::peripherals {

class Board {
 public:
  static Result<std::unique_ptr<Board>> load(const std::filesystem::path& file);
  static Result<std::unique_ptr<Board>> parse(std::string_view text, const std::string& file_name);

  // Wires every part to the machine. The Machine must outlive the board's use of it.
  Result<void> attach(Machine& machine);

  const std::string& file() const { return m_file; }
  const std::string& pico_id() const { return m_pico_id; }
  const std::vector<std::unique_ptr<Part>>& parts() const { return m_parts; }
  Part* part(std::string_view id) const;
  Result<void> set_control(std::string_view part_id, std::string_view control, double value);
  // A pin's level: of the Pico ("pico", "GP25" or "25") or of a part's pin through its net.
  Result<bool> pin_level(std::string_view part_id, std::string_view pin) const;
  // The net a part's pin is on (after parsing).
  Net net_of(std::string_view part_id, std::string_view pin) const;

 private:
  std::string m_file;
  std::string m_pico_id;
  std::vector<std::unique_ptr<Part>> m_parts;
  // Per part (same order as m_parts): its pins' nets, in its pin_names() order.
  std::vector<std::vector<Net>> m_nets;
  std::vector<std::pair<unsigned, bool>> m_tied;  // GPIOs a net holds at GND (false) or 3V3
  Machine* m_machine = nullptr;
};

// "GP15" or "15" -> 15 (0..29); nullopt otherwise.
std::optional<unsigned> parse_gpio_name(std::string_view name);

}  // namespace vpico::peripherals
