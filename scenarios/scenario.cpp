#include "scenario.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "duration.h"

namespace vpico::scenarios {

namespace {

// A checking error carries its position; the caller turns it into "file:line:col: ...".
struct Problem {
  YAML::Mark mark;
  std::string message;
};

std::string kind_of(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return fmt::format("'{}'", n.Scalar());
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "an undefined value";
  }
}

class Checker {
 public:
  explicit Checker(const std::filesystem::path& file) : m_file(file) {}

  Result<Scenario> check(const YAML::Node& root);

 private:
  [[noreturn]] void fail(const YAML::Node& at, std::string message) {
    throw Problem{at.Mark(), std::move(message)};
  }
  std::string scalar(const YAML::Node& n, const char* what) {
    if (!n.IsScalar()) fail(n, fmt::format("{} must be text, not {}", what, kind_of(n)));
    return n.Scalar();
  }
  uint64_t duration(const YAML::Node& n, const char* what) {
    std::string s = scalar(n, what);
    auto d = parse_duration(s);
    if (!d) fail(n, fmt::format("{}: {}", what, d.error().message));
    return *d;
  }
  std::string port(const YAML::Node& n) {
    std::string p = scalar(n, "port");
    if (!is_known_port(p))
      fail(n, fmt::format("unknown serial port '{}' (ports: uart0, uart1, usb)", p));
    return p;
  }
  bool level(const YAML::Node& n) {
    std::string s = scalar(n, "value");
    if (s == "0") return false;
    if (s == "1") return true;
    fail(n, fmt::format("value must be 0 or 1, not '{}'", s));
  }
  double number(const YAML::Node& n, const char* what) {
    std::string s = scalar(n, what);
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !std::isfinite(v))
      fail(n, fmt::format("{} must be a number, not '{}'", what, s));
    return v;
  }
  // The keys of a step's parameter mapping, each checked against the known ones.
  std::map<std::string, YAML::Node> params(const YAML::Node& n, const std::string& kind,
                                           std::initializer_list<const char*> known,
                                           std::initializer_list<const char*> required) {
    if (!n.IsMap())
      fail(n, fmt::format("{} takes a mapping of {}, not {}", kind, join(known), kind_of(n)));
    std::map<std::string, YAML::Node> out;
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string key = scalar(it->first, "a key");
      if (std::find_if(known.begin(), known.end(), [&](const char* k) { return key == k; }) ==
          known.end())
        fail(it->first, fmt::format("unknown key '{}' in {} (known: {})", key, kind, join(known)));
      out[key] = it->second;
    }
    for (const char* r : required)
      if (!out.count(r)) fail(n, fmt::format("{} needs '{}'", kind, r));
    return out;
  }
  static std::string join(std::initializer_list<const char*> keys) {
    std::string s;
    for (const char* k : keys)
      s += (s.empty() ? "" : ", ") + std::string(k);
    return s;
  }
  PinRef pin(const std::map<std::string, YAML::Node>& p, bool pico_only) {
    PinRef ref;
    auto part = p.find("part-id");
    if (part != p.end()) ref.part = scalar(part->second, "part-id");
    const YAML::Node& pin_node = p.at("pin");
    ref.pin = scalar(pin_node, "pin");
    if (ref.part == kPicoPartId) {
      ref.gpio = parse_pico_pin(ref.pin);
      if (!ref.gpio)
        fail(pin_node,
             fmt::format("the Pico has no pin '{}' (write GP0..GP29, or a number 0..29)", ref.pin));
    } else if (pico_only) {
      fail(part->second, fmt::format("set-pin drives the Pico's own pins: part-id must be '{}' "
                                     "(use set-control for a part of the board)",
                                     kPicoPartId));
    } else if (!m_has_board) {
      fail(part->second, fmt::format("part '{}' is not on any board: the scenario has no "
                                     "'board:' file (the Pico itself is '{}')",
                                     ref.part, kPicoPartId));
    }
    return ref;
  }
  Step step(const YAML::Node& n, const Scenario& s);

  std::filesystem::path m_file;
  bool m_has_board = false;
};

Step Checker::step(const YAML::Node& n, const Scenario& s) {
  if (!n.IsMap())
    fail(n, fmt::format("a step is a mapping such as 'delay: 100ms', not {}", kind_of(n)));
  Step st;
  st.line = unsigned(n.Mark().line + 1);
  YAML::Node action_key, action;
  bool have_action = false;
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string key = scalar(it->first, "a key");
    if (key == "name") {
      st.name = scalar(it->second, "name");
      continue;
    }
    static const char* const kKinds[] = {"delay",    "wait-serial", "write-serial", "expect-pin",
                                         "wait-pin", "set-pin",     "set-control"};
    if (key == "take-screenshot")
      fail(it->first, "take-screenshot: displays are not modelled by vpico yet");
    if (std::find(std::begin(kKinds), std::end(kKinds), key) == std::end(kKinds))
      fail(it->first, fmt::format("unknown step '{}' (steps: delay, wait-serial, write-serial, "
                                  "expect-pin, wait-pin, set-pin, set-control)",
                                  key));
    if (have_action)
      fail(it->first, fmt::format("one action per step: '{}' and '{}' are both here (make them "
                                  "two steps)",
                                  action_key.Scalar(), key));
    action_key = it->first;
    action = it->second;
    have_action = true;
  }
  if (!have_action) fail(n, "the step has a name but no action");
  st.kind = action_key.Scalar();
  const std::string& k = st.kind;
  if (k == "delay") {
    st.action = DelayStep{duration(action, "delay")};
  } else if (k == "wait-serial") {
    WaitSerialStep w{"", s.serial, std::nullopt};
    if (action.IsMap()) {
      auto p = params(action, k, {"text", "port", "timeout"}, {"text"});
      w.text = scalar(p["text"], "text");
      if (p.count("port")) w.port = port(p["port"]);
      if (p.count("timeout")) w.timeout_ns = duration(p["timeout"], "timeout");
    } else {
      w.text = scalar(action, "wait-serial");
    }
    if (w.text.empty()) fail(action, "wait-serial: the text to wait for is empty");
    st.action = w;
  } else if (k == "write-serial") {
    WriteSerialStep w{"", s.serial};
    YAML::Node data = action;
    if (action.IsMap()) {
      auto p = params(action, k, {"text", "port"}, {"text"});
      data = p["text"];
      if (p.count("port")) w.port = port(p["port"]);
    }
    if (data.IsSequence()) {  // Wokwi: a list of byte values
      for (const YAML::Node& b : data) {
        std::string v = scalar(b, "a byte");
        char* end = nullptr;
        long x = std::strtol(v.c_str(), &end, 0);
        if (v.empty() || *end || x < 0 || x > 255)
          fail(b, fmt::format("write-serial: '{}' is not a byte value 0..255", v));
        w.bytes += char(x);
      }
      if (w.bytes.empty()) fail(data, "write-serial: the list of bytes is empty");
    } else {
      w.bytes = scalar(data, "write-serial");
    }
    st.action = w;
  } else if (k == "expect-pin") {
    auto p = params(action, k, {"part-id", "pin", "value"}, {"pin", "value"});
    st.action = ExpectPinStep{pin(p, false), level(p["value"])};
  } else if (k == "wait-pin") {
    auto p = params(action, k, {"part-id", "pin", "value", "timeout"}, {"pin", "value"});
    WaitPinStep w{pin(p, false), level(p["value"]), std::nullopt};
    if (p.count("timeout")) w.timeout_ns = duration(p["timeout"], "timeout");
    st.action = w;
  } else if (k == "set-pin") {
    auto p = params(action, k, {"part-id", "pin", "value"}, {"pin", "value"});
    SetPinStep w{pin(p, true), std::nullopt};
    std::string v = scalar(p["value"], "value");
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    if (v == "0" || v == "1")
      w.value = v == "1";
    else if (v != "z")
      fail(p["value"], fmt::format("set-pin value must be 0, 1 or z (released), not '{}'", v));
    st.action = w;
  } else if (k == "set-control") {
    auto p = params(action, k, {"part-id", "control", "value"}, {"part-id", "control", "value"});
    SetControlStep c{scalar(p["part-id"], "part-id"), scalar(p["control"], "control"),
                     number(p["value"], "value")};
    if (c.part == kPicoPartId)
      fail(p["part-id"],
           "set-control acts on a part of the board; for the Pico's own pins use "
           "set-pin");
    if (!m_has_board)
      fail(p["part-id"], fmt::format("part '{}' is not on any board: the scenario has no "
                                     "'board:' file",
                                     c.part));
    st.action = c;
  }
  return st;
}

Result<Scenario> Checker::check(const YAML::Node& root) {
  Scenario s;
  s.file = m_file;
  s.name = m_file.stem().string();
  if (!root.IsMap())
    fail(root, fmt::format("a scenario is a mapping with name and steps, not {}", kind_of(root)));
  const std::filesystem::path dir = m_file.parent_path();
  YAML::Node steps;
  bool have_steps = false;
  // Top-level keys first (the steps depend on board and serial).
  for (auto it = root.begin(); it != root.end(); ++it) {
    std::string key = scalar(it->first, "a key");
    const YAML::Node v = it->second;  // a copy: it-> yields a temporary proxy
    if (key == "name") {
      s.name = scalar(v, "name");
      if (s.name.empty()) fail(v, "the scenario's name is empty");
    } else if (key == "version") {
      if (scalar(v, "version") != "1")
        fail(v,
             fmt::format("unsupported scenario version '{}' (only version 1 exists)", v.Scalar()));
    } else if (key == "author") {
      s.author = scalar(v, "author");
    } else if (key == "firmware") {
      std::string f = scalar(v, "firmware");
      if (f.rfind(kBuiltinPrefix, 0) == 0) {
        f.erase(0, std::string_view(kBuiltinPrefix).size());
        if (f.empty() || f.find('/') != std::string::npos)
          fail(v,
               "firmware: vpico:NAME names an image in vpico's firmware folder (e.g. "
               "vpico:hello.elf)");
        s.firmware = f;
        s.firmware_builtin = true;
      } else {
        s.firmware = dir / f;
      }
      s.firmware_line = unsigned(v.Mark().line + 1);
    } else if (key == "board") {
      s.board = dir / scalar(v, "board");
      s.board_line = unsigned(v.Mark().line + 1);
      m_has_board = true;
    } else if (key == "serial") {
      s.serial = port(v);
    } else if (key == "timeout") {
      s.timeout_ns = duration(v, "timeout");
      if (s.timeout_ns == 0) fail(v, "timeout must be more than 0");
    } else if (key == "steps") {
      steps = v;
      have_steps = true;
    } else {
      fail(it->first, fmt::format("unknown key '{}' (keys: name, version, author, firmware, board, "
                                  "serial, timeout, steps)",
                                  key));
    }
  }
  if (!have_steps) fail(root, "the scenario has no 'steps:'");
  if (!steps.IsSequence()) fail(steps, fmt::format("steps must be a list, not {}", kind_of(steps)));
  size_t i = 0;
  for (const YAML::Node& n : steps) {
    try {
      s.steps.push_back(step(n, s));
    } catch (Problem& p) {
      // Name the step: its number, and its kind when the mapping says.
      std::string kind;
      if (n.IsMap())
        for (auto it = n.begin(); it != n.end(); ++it)
          if (it->first.IsScalar() && it->first.Scalar() != "name") kind = it->first.Scalar();
      p.message =
          fmt::format("step {}{}: {}", i + 1, kind.empty() ? "" : " (" + kind + ")", p.message);
      throw;
    }
    ++i;
  }
  return s;
}

}  // namespace

std::string PinRef::describe() const {
  return part + ":" + pin;
}

bool Step::needs_pins() const {
  return std::holds_alternative<ExpectPinStep>(action) ||
         std::holds_alternative<WaitPinStep>(action) ||
         std::holds_alternative<SetPinStep>(action) ||
         std::holds_alternative<SetControlStep>(action);
}

std::string printable(std::string_view text) {
  std::string s;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\n')
      s += "\\n";
    else if (c == '\r')
      s += "\\r";
    else if (c == '\t')
      s += "\\t";
    else if (c == '\\')
      s += "\\\\";
    else if (u < 0x20 || u == 0x7f)
      s += fmt::format("\\x{:02x}", u);
    else
      s += c;
  }
  return s;
}

std::string Step::describe() const {
  struct Describe {
    std::string operator()(const DelayStep& d) const { return "delay " + format_duration(d.ns); }
    std::string operator()(const WaitSerialStep& w) const {
      return fmt::format("wait-serial '{}' on {}{}", printable(w.text), w.port,
                         w.timeout_ns ? " (timeout " + format_duration(*w.timeout_ns) + ")" : "");
    }
    std::string operator()(const WriteSerialStep& w) const {
      return fmt::format("write-serial '{}' on {}", printable(w.bytes), w.port);
    }
    std::string operator()(const ExpectPinStep& e) const {
      return fmt::format("expect-pin {} == {}", e.pin.describe(), int(e.value));
    }
    std::string operator()(const WaitPinStep& w) const {
      return fmt::format("wait-pin {} == {}{}", w.pin.describe(), int(w.value),
                         w.timeout_ns ? " (timeout " + format_duration(*w.timeout_ns) + ")" : "");
    }
    std::string operator()(const SetPinStep& s) const {
      return fmt::format("set-pin {} = {}", s.pin.describe(),
                         s.value ? (*s.value ? "1" : "0") : "z");
    }
    std::string operator()(const SetControlStep& s) const {
      return fmt::format("set-control {}.{} = {}", s.part, s.control, s.value);
    }
  };
  std::string d = std::visit(Describe{}, action);
  return name.empty() ? d : fmt::format("{} [{}]", d, name);
}

std::string Scenario::where(const Step& step) const {
  return fmt::format("{}:{}", file.string(), step.line);
}

bool is_known_port(const std::string& port) {
  return port == "uart0" || port == "uart1" || port == "usb";
}

std::optional<unsigned> parse_pico_pin(const std::string& name) {
  std::string digits = name;
  for (const char* prefix : {"GPIO", "gpio", "GP", "gp"}) {
    if (name.rfind(prefix, 0) == 0) {
      digits = name.substr(std::string_view(prefix).size());
      break;
    }
  }
  if (digits.empty() || digits.size() > 2 ||
      !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  unsigned n = unsigned(std::stoul(digits));
  if (n > 29) return std::nullopt;
  return n;
}

Result<Scenario> parse_scenario_text(const std::string& text, const std::filesystem::path& file) {
  try {
    YAML::Node root = YAML::Load(text);
    return Checker(file).check(root);
  } catch (const Problem& p) {
    return make_error(
        fmt::format("{}:{}:{}: {}", file.string(), p.mark.line + 1, p.mark.column + 1, p.message));
  } catch (const YAML::Exception& e) {
    // yaml-cpp's own message starts with its "yaml-cpp: error at line..." prefix; use the mark.
    if (e.mark.is_null()) return make_error(fmt::format("{}: {}", file.string(), e.msg));
    return make_error(
        fmt::format("{}:{}:{}: {}", file.string(), e.mark.line + 1, e.mark.column + 1, e.msg));
  } catch (const std::exception& e) {
    return make_error(fmt::format("{}: {}", file.string(), e.what()));
  }
}

Result<Scenario> load_scenario(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return make_error(fmt::format("{}: no such scenario file", file.string()));
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(fmt::format("{}: cannot open", file.string()));
  std::stringstream buf;
  buf << in.rdbuf();
  return parse_scenario_text(buf.str(), file);
}

}  // namespace vpico::scenarios
