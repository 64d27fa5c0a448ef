#!/usr/bin/env python3
"""Times each benchmark script under vpy and under peers found on this machine
(CPython 3 always; MicroPython's unix port if `micropython` is on PATH), checks
that the outputs agree, and prints times and ratios. Never asserts on time.

usage: run_bench.py VPY [SCRIPT...]
"""
import os
import resource
import shutil
import subprocess
import sys


def cpu_time():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def best_of(cmd, cwd, runs=3):
    # CPU time of the child (user + system) is steadier than wall time on a
    # shared machine.
    best = None
    out = None
    for _ in range(runs):
        t0 = cpu_time()
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        dt = cpu_time() - t0
        if p.returncode != 0:
            return None, p.stderr.decode(errors="replace")
        out = p.stdout.decode(errors="replace")
        best = dt if best is None or dt < best else best
    return best, out


def main():
    vpy = os.path.abspath(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    scripts = sys.argv[2:] or sorted(f for f in os.listdir(here) if f.endswith(".py") and f != "run_bench.py")
    peers = [("cpython", [sys.executable])]
    mp = shutil.which("micropython")
    if mp:
        peers.append(("micropython", [mp]))
    header = "%-16s %9s" % ("benchmark", "vpy s") + "".join(" %12s %8s" % (n + " s", "ratio") for n, _ in peers)
    print(header)
    for s in scripts:
        t_vpy, out_vpy = best_of([vpy, s], here)
        if t_vpy is None:
            print("%-16s vpy failed: %s" % (s, out_vpy.strip().splitlines()[-1:]))
            continue
        row = "%-16s %9.3f" % (s[:-3], t_vpy)
        for name, cmd in peers:
            t, out = best_of(cmd + [s], here)
            if t is None:
                row += " %12s %8s" % ("failed", "-")
                continue
            mark = "" if out == out_vpy else " (output differs)"
            row += " %12.3f %7.2fx%s" % (t, t / t_vpy, mark)
        print(row)
    print("ratio = peer time / vpy time (above 1: vpy is faster)")


if __name__ == "__main__":
    main()
