// JUnit XML: structure, counts and escaping of what the firmware printed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "junit.h"

using namespace vpico::scenarios;

namespace {

ScenarioResult result(const std::string& name, Verdict v, const std::string& message = "") {
  ScenarioResult r;
  r.name = name;
  r.file = "tests/x/" + name + ".yaml";
  r.verdict = v;
  r.message = message;
  r.time_ns = 1'500'000'000;
  r.steps_total = 2;
  r.log = {"step 1: ok"};
  return r;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1))
    ++n;
  return n;
}

}  // namespace

TEST(JUnit, OneTestcasePerScenarioWithFailureAndError) {
  std::vector<ScenarioResult> rs = {result("a", Verdict::Pass),
                                    result("b", Verdict::Fail, "x.yaml:3: step 1: nope"),
                                    result("c", Verdict::Error, "missing image")};
  std::string x = junit_xml(rs);
  EXPECT_EQ(x.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", 0), 0u) << x;
  EXPECT_NE(x.find("<testsuite name=\"vpico scenarios\" tests=\"3\" failures=\"1\" errors=\"1\""),
            std::string::npos)
      << x;
  EXPECT_EQ(count(x, "<testcase "), 3u);
  EXPECT_EQ(count(x, "</testcase>"), 3u);
  EXPECT_EQ(count(x, "<failure "), 1u);
  EXPECT_EQ(count(x, "<error "), 1u);
  EXPECT_NE(x.find("<testcase name=\"a\" classname=\"tests.x\" file=\"tests/x/a.yaml\" "
                   "time=\"1.500000\">"),
            std::string::npos)
      << x;
  EXPECT_NE(x.find("<failure message=\"x.yaml:3: step 1: nope\" type=\"ScenarioFailed\">"),
            std::string::npos);
  EXPECT_EQ(x.substr(x.size() - 29), "  </testsuite>\n</testsuites>\n");
}

TEST(JUnit, EscapesMarkupControlBytesAndBadUtf8) {
  EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
  EXPECT_EQ(xml_escape(std::string("\x1b[0m\x01\ttab\r\n", 11)), "\\x1b[0m\\x01\ttab\r\n");
  EXPECT_EQ(xml_escape("caf\xc3\xa9"), "caf\xc3\xa9");       // valid UTF-8 stays
  EXPECT_EQ(xml_escape("\xff\xc3"), "\\xff\\xc3");           // invalid bytes are shown
  EXPECT_EQ(xml_escape("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a UTF-16 surrogate
  ScenarioResult r = result("esc", Verdict::Fail, "got '<]]>'");
  r.serial["uart0"] = std::string("\x00\x02 ok <tag>", 10);
  std::string x = junit_xml({r});
  EXPECT_NE(x.find("message=\"got &apos;&lt;]]&gt;&apos;\""), std::string::npos) << x;
  EXPECT_EQ(x.find('\0'), std::string::npos);
  EXPECT_EQ(x.find("<tag>"), std::string::npos);
}

TEST(JUnit, WrittenAtomicallyToItsPath) {
  const auto path = std::filesystem::path(::testing::TempDir()) / "junit_out.xml";
  std::filesystem::remove(path);
  ASSERT_TRUE(write_junit(path, {result("a", Verdict::Pass)}).ok());
  std::ifstream in(path);
  std::stringstream b;
  b << in.rdbuf();
  EXPECT_EQ(b.str(), junit_xml({result("a", Verdict::Pass)}));
  // No temporary file is left beside it.
  size_t files = 0;
  for (auto& e : std::filesystem::directory_iterator(path.parent_path()))
    files += e.path().filename().string().rfind("junit_out.xml", 0) == 0;
  EXPECT_EQ(files, 1u);
}
