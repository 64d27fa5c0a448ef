#include "board.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bmp280_part.h"
#include "led.h"
#include "loader/file_io.h"
#include "machine.h"
#include "potentiometer.h"
#include "push_button.h"

namespace vpico::peripherals {

namespace {

using json = nlohmann::json;

constexpr const char* kKnownTypes =
    "wokwi-pi-pico, wokwi-led, wokwi-pushbutton, wokwi-pushbutton-6mm, wokwi-potentiometer, "
    "wokwi-slide-potentiometer, vpico-bmp280";

// The Pico's header pins as Wokwi's wokwi-pi-pico names them (Raspberry Pi Pico datasheet,
// "Pinout"): GP0..GP22 and GP26..GP28 (GP23..25 and GP29 are on no header pin), eight GNDs and
// AGND, the supplies, and the control pins (not modelled: wired, they carry nothing).
std::optional<Net> pico_pin(std::string_view pin) {
  Net n;
  if (auto g = parse_gpio_name(pin); g && pin.substr(0, 2) == "GP") {
    if (*g > 28 || (*g >= 23 && *g <= 25)) return std::nullopt;
    n.gpio = *g;
    return n;
  }
  static const std::set<std::string_view> grounds{"GND.1", "GND.2", "GND.3", "GND.4", "GND.5",
                                                  "GND.6", "GND.7", "GND.8", "AGND"};
  static const std::set<std::string_view> supplies{"3V3", "VSYS", "VBUS"};
  static const std::set<std::string_view> others{"3V3_EN", "RUN", "ADC_VREF"};
  if (grounds.count(pin))
    n.ground = true;
  else if (supplies.count(pin))
    n.power = true;
  else if (!others.count(pin))
    return std::nullopt;
  return n;
}

std::string line_and_column(std::string_view text, size_t byte) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return fmt::format("{}:{}", line, column);
}

// Wokwi writes attribute values as strings; numbers are accepted too.
std::optional<double> number_attr(const json& attrs, const char* name) {
  if (!attrs.is_object() || !attrs.contains(name)) return std::nullopt;
  const json& v = attrs[name];
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (end && *end == 0 && !s.empty()) return d;
  }
  return std::nullopt;
}

std::string string_attr(const json& attrs, const char* name) {
  if (attrs.is_object() && attrs.contains(name) && attrs[name].is_string())
    return attrs[name].get<std::string>();
  return "";
}

// Union-find over "part:pin" endpoints.
class Nets {
 public:
  size_t id(const std::string& endpoint) {
    auto [it, fresh] = m_ids.emplace(endpoint, m_parent.size());
    if (fresh) m_parent.push_back(m_parent.size());
    return it->second;
  }
  size_t root(size_t i) {
    while (m_parent[i] != i)
      i = m_parent[i] = m_parent[m_parent[i]];
    return i;
  }
  void join(size_t a, size_t b) { m_parent[root(a)] = root(b); }
  std::optional<size_t> find(const std::string& endpoint) {
    auto it = m_ids.find(endpoint);
    if (it == m_ids.end()) return std::nullopt;
    return root(it->second);
  }
  const std::map<std::string, size_t>& endpoints() const { return m_ids; }

 private:
  std::map<std::string, size_t> m_ids;
  std::vector<size_t> m_parent;
};

}  // namespace

std::optional<unsigned> parse_gpio_name(std::string_view name) {
  if (name.substr(0, 2) == "GP") name.remove_prefix(2);
  if (name.empty() || name.size() > 2) return std::nullopt;
  unsigned n = 0;
  for (char c : name) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + unsigned(c - '0');
  }
  if (n >= 30) return std::nullopt;
  return n;
}

Result<std::unique_ptr<Board>> Board::load(const std::filesystem::path& file) {
  auto bytes = loader::read_file(file.string());
  if (!bytes) return bytes.error();
  return parse(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()),
               file.string());
}

Result<std::unique_ptr<Board>> Board::parse(std::string_view text, const std::string& file_name) {
  auto fail = [&](const std::string& what) { return Error{file_name + ": " + what}; };
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann's message names the byte; say line and column as editors do.
    std::string what = e.what();
    if (auto p = what.find("]: "); p != std::string::npos) what = what.substr(p + 3);
    return Error{fmt::format("{}:{}: not valid JSON: {}", file_name,
                             line_and_column(text, e.byte ? e.byte - 1 : 0), what)};
  }
  if (!doc.is_object())
    return fail("a board file is a JSON object with \"parts\" and \"connections\"");
  if (!doc.contains("parts") || !doc["parts"].is_array())
    return fail("no \"parts\" list (a board file lists its parts, the Pico among them)");

  auto board = std::unique_ptr<Board>(new Board);
  board->m_file = file_name;
  std::map<std::string, size_t> index;  // part id -> index in m_parts
  size_t n = 0;
  for (const json& p : doc["parts"]) {
    ++n;
    if (!p.is_object() || !p.contains("type") || !p["type"].is_string() || !p.contains("id") ||
        !p["id"].is_string())
      return fail(fmt::format("part {}: each part needs a \"type\" and an \"id\" (strings)", n));
    const std::string type = p["type"].get<std::string>();
    const std::string id = p["id"].get<std::string>();
    const json attrs = p.contains("attrs") ? p["attrs"] : json::object();
    if (id.empty() || id.find(':') != std::string::npos)
      return fail(fmt::format("part {}: the id '{}' must be non-empty and have no ':'", n, id));
    if (index.count(id) || id == board->m_pico_id)
      return fail(fmt::format("part {}: the id '{}' is used twice", n, id));
    std::unique_ptr<Part> part;
    if (type == "wokwi-pi-pico") {
      if (!board->m_pico_id.empty())
        return fail(
            fmt::format("part {} ('{}'): a second Pico ('{}' is one already); vpico "
                        "models one board",
                        n, id, board->m_pico_id));
      board->m_pico_id = id;
      continue;
    } else if (type == "wokwi-led") {
      part = std::make_unique<Led>(id, string_attr(attrs, "color"));
    } else if (type == "wokwi-pushbutton" || type == "wokwi-pushbutton-6mm") {
      part = std::make_unique<PushButton>(id, type);
    } else if (type == "wokwi-potentiometer" || type == "wokwi-slide-potentiometer") {
      const double value = number_attr(attrs, "value").value_or(0);
      if (value < 0 || value > 1023)
        return fail(fmt::format("part {} ('{}'): attrs.value {} is out of 0..1023", n, id, value));
      part = std::make_unique<Potentiometer>(id, type, value / 1023.0);
    } else if (type == "vpico-bmp280") {
      const std::string a = string_attr(attrs, "address");
      const double address = a.empty() ? number_attr(attrs, "address").value_or(0x76)
                                       : double(std::strtoul(a.c_str(), nullptr, 0));
      if (address != 0x76 && address != 0x77)
        return fail(fmt::format("part {} ('{}'): a BMP280's address is 0x76 or 0x77", n, id));
      part = std::make_unique<Bmp280Part>(id, uint8_t(address));
    } else {
      return fail(fmt::format("part {} ('{}'): unknown part type '{}' (vpico knows: {})", n, id,
                              type, kKnownTypes));
    }
    index.emplace(id, board->m_parts.size());
    board->m_parts.push_back(std::move(part));
  }
  if (board->m_pico_id.empty())
    return fail("no Pico among the parts (add {\"type\": \"wokwi-pi-pico\", \"id\": \"pico\"})");

  // Connections: each joins two endpoints into one net.
  Nets nets;
  auto endpoint = [&](const json& e, size_t k) -> Result<std::string> {
    if (!e.is_string())
      return fail(fmt::format("connection {}: endpoints are strings \"part:pin\"", k));
    const std::string s = e.get<std::string>();
    const size_t colon = s.find(':');
    if (colon == std::string::npos)
      return fail(fmt::format("connection {}: '{}' is not \"part:pin\"", k, s));
    const std::string id = s.substr(0, colon), pin = s.substr(colon + 1);
    if (id == board->m_pico_id) {
      if (!pico_pin(pin))
        return fail(
            fmt::format("connection {}: the Pico has no pin '{}' (GP0..GP22, GP26..GP28, "
                        "GND.1..GND.8, AGND, 3V3, 3V3_EN, VSYS, VBUS, RUN, ADC_VREF)",
                        k, pin));
      return s;
    }
    auto it = index.find(id);
    if (it == index.end())
      return fail(fmt::format("connection {}: no part has the id '{}'", k, id));
    const auto names = board->m_parts[it->second]->pin_names();
    if (std::find(names.begin(), names.end(), pin) == names.end()) {
      std::string list;
      for (const auto& nm : names)
        list += (list.empty() ? "" : ", ") + nm;
      return fail(fmt::format("connection {}: part '{}' ({}) has no pin '{}' (its pins: {})", k, id,
                              board->m_parts[it->second]->type(), pin, list));
    }
    return s;
  };
  if (doc.contains("connections")) {
    if (!doc["connections"].is_array()) return fail("\"connections\" must be a list");
    size_t k = 0;
    for (const json& c : doc["connections"]) {
      ++k;
      if (!c.is_array() || c.size() < 2)
        return fail(
            fmt::format("connection {}: a connection is [\"part:pin\", \"part:pin\", "
                        "colour, route]",
                        k));
      auto a = endpoint(c[0], k);
      if (!a) return a.error();
      auto b = endpoint(c[1], k);
      if (!b) return b.error();
      nets.join(nets.id(*a), nets.id(*b));
    }
  }

  // What each net holds: its Pico pins.
  std::map<size_t, Net> held;
  std::map<size_t, std::string> held_names;
  for (const auto& [ep, id] : nets.endpoints()) {
    const size_t colon = ep.find(':');
    if (ep.substr(0, colon) != board->m_pico_id) continue;
    const Net pin = *pico_pin(ep.substr(colon + 1));
    Net& net = held[nets.root(id)];
    std::string& names = held_names[nets.root(id)];
    if (pin.gpio && net.gpio && *net.gpio != *pin.gpio)
      return fail(
          fmt::format("GP{} and GP{} are wired together: a wire between two GPIOs is not "
                      "modelled in board files yet (vpico run --wire FROM:TO is one-way)",
                      *net.gpio, *pin.gpio));
    if (pin.gpio) net.gpio = pin.gpio;
    net.ground |= pin.ground;
    net.power |= pin.power;
    names += (names.empty() ? "" : ", ") + ep.substr(colon + 1);
    if (net.ground && net.power)
      return fail(fmt::format("a net joins ground and the supply ({}): a short circuit", names));
  }
  for (const auto& [root, net] : held)
    if (net.gpio && (net.ground || net.power)) board->m_tied.emplace_back(*net.gpio, net.power);
  for (const auto& part : board->m_parts) {
    std::vector<Net> pin_nets;
    for (const auto& pin : part->pin_names()) {
      auto r = nets.find(part->id() + ":" + pin);
      pin_nets.push_back(r && held.count(*r) ? held[*r] : Net{});
    }
    board->m_nets.push_back(std::move(pin_nets));
  }
  return board;
}

Result<void> Board::attach(Machine& machine) {
  m_machine = &machine;
  for (const auto& [gpio, high] : m_tied)
    machine.pins().drive(gpio, high);
  for (size_t i = 0; i < m_parts.size(); ++i)
    if (auto r = m_parts[i]->attach(machine, m_nets[i]); !r)
      return Error{fmt::format("{}: part '{}' ({}): {}", m_file, m_parts[i]->id(),
                               m_parts[i]->type(), r.error().message)};
  return {};
}

Part* Board::part(std::string_view id) const {
  for (const auto& p : m_parts)
    if (p->id() == id) return p.get();
  return nullptr;
}

Result<void> Board::set_control(std::string_view part_id, std::string_view control, double value) {
  Part* p = part(part_id);
  if (!p) return Error{fmt::format("{}: no part has the id '{}'", m_file, part_id)};
  return p->set_control(control, value);
}

Net Board::net_of(std::string_view part_id, std::string_view pin) const {
  for (size_t i = 0; i < m_parts.size(); ++i) {
    if (m_parts[i]->id() != part_id) continue;
    const auto names = m_parts[i]->pin_names();
    for (size_t k = 0; k < names.size(); ++k)
      if (names[k] == pin) return m_nets[i][k];
  }
  return Net{};
}

Result<bool> Board::pin_level(std::string_view part_id, std::string_view pin) const {
  if (!m_machine) return Error{m_file + ": the board is not attached to a machine"};
  if (part_id == m_pico_id || part_id == "pico") {
    auto g = parse_gpio_name(pin);
    if (!g) return Error{fmt::format("the Pico has no GPIO '{}' (GP0..GP29)", pin)};
    return m_machine->pins().level(*g);
  }
  Part* p = part(part_id);
  if (!p) return Error{fmt::format("{}: no part has the id '{}'", m_file, part_id)};
  const auto names = p->pin_names();
  if (std::find(names.begin(), names.end(), pin) == names.end())
    return Error{fmt::format("part '{}' ({}) has no pin '{}'", part_id, p->type(), pin)};
  const Net net = net_of(part_id, pin);
  if (!net.connected())
    return Error{fmt::format("pin {} of part '{}' is connected to nothing", pin, part_id)};
  return net.level(m_machine->pins());
}

}  // namespace vpico::peripherals
