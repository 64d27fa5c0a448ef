// JUnit XML for CI systems (the common subset Jenkins, GitLab and GitHub reporters read): one
// testsuite, a testcase per scenario, <failure> for FAIL, <error> for ERROR, the step log and
// the serial tails in <system-out>. The time attributes are the scenarios' virtual seconds (a
// real board's: wall seconds), so the same run gives the same file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "result.h"
#include "runner.h"

namespace vpico::scenarios {

std::string junit_xml(const std::vector<ScenarioResult>& results,
                      const std::string& suite_name = "vpico scenarios");
// Written atomically: a temporary file beside `path`, then renamed over it.
Result<void> write_junit(const std::filesystem::path& path,
                         const std::vector<ScenarioResult>& results);

// Text made safe for XML 1.0 character data and attributes: markup characters escaped, bytes
// that are not valid UTF-8 and control characters XML forbids shown as \xNN.
std::string xml_escape(std::string_view text);

}  // namespace vpico::scenarios
