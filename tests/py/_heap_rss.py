#!/usr/bin/env python3
"""vpy must not touch its heap up front: with a 256 MiB heap, a small script's peak resident
memory stays far below the heap's size (the kernel maps calloc'd pages in as they are used,
and the collector allocates within a window that grows with live data).

usage: _heap_rss.py VPY"""
import os
import subprocess
import sys

HEAP_MIB = 256
LIMIT_MIB = 48  # includes what the child inherits from this Python process at fork

script = "l = [str(i) for i in range(20000)]\nprint(len(l))\n"
p = subprocess.Popen([sys.argv[1], "-X", "heapsize=%dm" % HEAP_MIB, "-c", script],
                     stdout=subprocess.PIPE)
out = p.stdout.read()
_, status, usage = os.wait4(p.pid, 0)
p.returncode = os.waitstatus_to_exitcode(status)
peak_mib = usage.ru_maxrss / 1024
print("exit", p.returncode, "output", out.strip(), "peak RSS %.1f MiB" % peak_mib)
if p.returncode != 0 or out.strip() != b"20000" or peak_mib > LIMIT_MIB:
    sys.exit(1)
