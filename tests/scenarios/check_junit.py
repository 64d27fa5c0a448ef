#!/usr/bin/env python3
"""Runs `vpico test` with --junit and checks that the file is well-formed XML with the
expected structure (one testcase per scenario, a <failure> for the failing one)."""
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

vpico, *paths = sys.argv[1:]
with tempfile.TemporaryDirectory() as tmp:
    out = Path(tmp) / "junit.xml"
    proc = subprocess.run([vpico, "test", *paths, "--junit", str(out), "-j", "2"],
                          capture_output=True, text=True)
    print(proc.stdout, proc.stderr)
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites", root.tag
    suites = root.findall("testsuite")
    assert len(suites) == 1, suites
    cases = suites[0].findall("testcase")
    assert int(suites[0].get("tests")) == len(cases) >= 3, len(cases)
    failures = [c for c in cases if c.find("failure") is not None]
    assert int(suites[0].get("failures")) == len(failures) == 1, len(failures)
    assert "failing.yaml:9: step 2 (wait-serial)" in failures[0].find("failure").get("message")
    for c in cases:
        assert c.get("name") and c.get("classname") and float(c.get("time")) >= 0
        assert c.find("system-out") is not None
    assert proc.returncode == 1, proc.returncode
print("junit ok")
