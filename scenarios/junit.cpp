#include "junit.h"

#include <fmt/format.h>

#include "loader/image.h"

namespace vpico::scenarios {

namespace {

// Length of the valid UTF-8 sequence at s[i] (1..4), or 0 when it is not one.
size_t utf8_length(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n;
  uint32_t cp;
  if (c < 0x80) return 1;
  if ((c & 0xe0) == 0xc0) {
    n = 2;
    cp = c & 0x1f;
  } else if ((c & 0xf0) == 0xe0) {
    n = 3;
    cp = c & 0x0f;
  } else if ((c & 0xf8) == 0xf0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3f);
  }
  // Overlong forms, surrogates, past U+10FFFF, and U+FFFE/U+FFFF (not XML characters).
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || cp == 0xfffe ||
      cp == 0xffff)
    return 0;
  return n;
}

std::string seconds(uint64_t ns) {
  return fmt::format("{:.6f}", ns / 1e9);
}

std::string system_out(const ScenarioResult& r) {
  std::string s;
  for (const std::string& line : r.log)
    s += line + "\n";
  for (const auto& [port, bytes] : r.serial)
    s += fmt::format("--- {}: last bytes of {} ---\n{}\n", port, bytes.size(), tail(bytes, 2000));
  return s;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        ++i;
        continue;
      case '<':
        out += "&lt;";
        ++i;
        continue;
      case '>':
        out += "&gt;";
        ++i;
        continue;
      case '"':
        out += "&quot;";
        ++i;
        continue;
      case '\'':
        out += "&apos;";
        ++i;
        continue;
      default:
        break;
    }
    if (u < 0x20 && c != '\n' && c != '\t' && c != '\r') {
      out += fmt::format("\\x{:02x}", u);
      ++i;
      continue;
    }
    size_t n = utf8_length(text, i);
    if (n == 0) {
      out += fmt::format("\\x{:02x}", u);
      ++i;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string junit_xml(const std::vector<ScenarioResult>& results, const std::string& suite_name) {
  size_t failures = 0, errors = 0;
  uint64_t total_ns = 0;
  for (const ScenarioResult& r : results) {
    failures += r.verdict == Verdict::Fail;
    errors += r.verdict == Verdict::Error;
    total_ns += r.time_ns;
  }
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += fmt::format(
      "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{}\">\n",
      xml_escape(suite_name), results.size(), failures, errors, seconds(total_ns));
  x += fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" "
      "time=\"{}\">\n",
      xml_escape(suite_name), results.size(), failures, errors, seconds(total_ns));
  for (const ScenarioResult& r : results) {
    // classname: the scenario's folder, dotted, as JUnit reporters group by it.
    std::string classname = r.file.parent_path().generic_string();
    for (char& c : classname)
      if (c == '/') c = '.';
    while (!classname.empty() && classname.front() == '.')
      classname.erase(0, 1);
    if (classname.empty()) classname = "scenarios";
    x += fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" time=\"{}\">\n",
                     xml_escape(r.name), xml_escape(classname), xml_escape(r.file.string()),
                     seconds(r.time_ns));
    if (r.verdict != Verdict::Pass) {
      const char* tag = r.verdict == Verdict::Fail ? "failure" : "error";
      x += fmt::format("      <{} message=\"{}\" type=\"{}\">{}</{}>\n", tag, xml_escape(r.message),
                       r.verdict == Verdict::Fail ? "ScenarioFailed" : "ScenarioError",
                       xml_escape(r.message), tag);
    }
    x += fmt::format("      <system-out>{}</system-out>\n", xml_escape(system_out(r)));
    x += "    </testcase>\n";
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

Result<void> write_junit(const std::filesystem::path& path,
                         const std::vector<ScenarioResult>& results) {
  const std::string x = junit_xml(results);
  return write_file_atomically(
      path.string(),
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(x.data()), x.size()));
}

}  // namespace vpico::scenarios
