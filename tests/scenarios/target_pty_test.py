#!/usr/bin/env python3
"""`vpico test --target DEVICE` end to end: the "board" is a second vpico running vpy's REPL
with UART0 on a pseudo-terminal, which `vpico test` opens as it would /dev/ttyACM0. Serial
steps run against it; the pin step is skipped with a note.

usage: target_pty_test.py VPICO VPY_REPL_ELF SCENARIO"""
import re
import subprocess
import sys

vpico, elf, scenario = sys.argv[1:]
board = subprocess.Popen([vpico, "run", elf, "--serial", "uart0:pty", "--timeout-ms", "120000"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
try:
    announced = board.stderr.readline().strip()
    m = re.match(r"vpico: uart0 on (/dev/pts/\d+)$", announced)
    assert m, "no pty announced: %r" % announced
    proc = subprocess.run([vpico, "test", scenario, "--target", m.group(1), "-v"],
                          capture_output=True, text=True, timeout=120)
    print(proc.stdout, proc.stderr)
    assert proc.returncode == 0, proc.returncode
    assert re.search(r"PASS  REPL on a board .*4/5 steps \(1 skipped\)", proc.stdout)
    assert "expect-pin pico:GP25 == 0: skipped: board on /dev/pts/" in proc.stdout
finally:
    board.kill()
    board.wait()
print("target ok")
