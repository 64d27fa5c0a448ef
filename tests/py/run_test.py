#!/usr/bin/env python3
"""Runs one conformance script under vpy and compares its stdout with the expected
output: NAME.py.exp when it exists (MicroPython's deliberate differences from
CPython), otherwise what CPython 3 prints for the same script. When NAME.py.err
exists, vpy's stderr must equal it too (tracebacks in MicroPython's format).

usage: run_test.py VPY PYTHON3 SCRIPT
"""
import difflib
import os
import subprocess
import sys

TIMEOUT = 60


def run(cmd, cwd):
    try:
        p = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % TIMEOUT, -1
    return p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), p.returncode


def main():
    vpy, python3, script = sys.argv[1:4]
    script = os.path.abspath(script)
    cwd = os.path.dirname(script)
    name = os.path.basename(script)
    exp_path = script + ".exp"
    if os.path.exists(exp_path):
        with open(exp_path, encoding="utf-8") as f:
            expected = f.read()
        expected_rc = None
    else:
        expected, err, expected_rc = run([python3, name], cwd)
        if expected is None:
            print("CPython", err)
            return 1
    got, err, rc = run([vpy, name], cwd)
    if got is None:
        print("vpy", err)
        return 1
    if rc < 0:
        print("vpy died with signal %d" % -rc)
        sys.stdout.write(err)
        return 1
    err_path = script + ".err"
    err_ok = True
    if os.path.exists(err_path):
        with open(err_path, encoding="utf-8") as f:
            err_ok = f.read() == err
    if got == expected and err_ok and (expected_rc is None or (rc == 0) == (expected_rc == 0)):
        return 0
    print("output of %s differs (exit code vpy=%d expected=%s)" % (name, rc, expected_rc))
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), got.splitlines(True),
                                               "expected", "vpy"))
    if not err_ok:
        print("stderr differs from %s" % os.path.basename(err_path))
    if err:
        print("--- vpy stderr ---")
        sys.stdout.write(err)
    return 1


if __name__ == "__main__":
    sys.exit(main())
