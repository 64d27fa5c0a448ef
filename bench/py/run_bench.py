#!/usr/bin/env python3
"""Times each benchmark script under vpy and under peers found on this machine
(CPython 3 always; MicroPython's unix port if `micropython` is on PATH), checks
that the outputs agree, and prints CPU times, peak resident memory and ratios.
Never asserts on time.

usage: run_bench.py VPY [SCRIPT...]
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile


GNU_TIME = "/usr/bin/time"  # Debian package `time`


def run_once(cmd, cwd):
    """Runs cmd to the end; returns (exit status, stdout, stderr, CPU seconds) of that child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return p.returncode, p.stdout, p.stderr, cpu


def peak_rss_kib(cmd, cwd):
    """Peak resident memory of one more run, or None. The kernel's figure for a child of this
    Python process would include the RSS it inherited from the fork, so GNU time (a small
    process) starts the program and reports its maximum."""
    if not os.access(GNU_TIME, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r") as f:
        p = subprocess.run([GNU_TIME, "-f", "%M", "-o", f.name] + cmd, cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = f.read().strip()
    return int(text) if p.returncode == 0 and text.isdigit() else None


def best_of(cmd, cwd, runs=3):
    """(best CPU seconds, stdout, peak RSS KiB or None), or (None, stderr, None) on failure."""
    # CPU time of the child (user + system) is steadier than wall time on a shared machine.
    best = None
    out = None
    for _ in range(runs):
        code, stdout, stderr, cpu = run_once(cmd, cwd)
        if code != 0:
            return None, stderr.decode(errors="replace"), None
        out = stdout.decode(errors="replace")
        best = cpu if best is None or cpu < best else best
    return best, out, peak_rss_kib(cmd, cwd)


def kib(m):
    return "%d" % m if m is not None else "n/a"


def ratio(a, b):
    return "%.2fx" % (a / b) if a is not None and b else "-"


def main():
    vpy = os.path.abspath(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    scripts = sys.argv[2:] or sorted(
        f for f in os.listdir(here) if f.endswith(".py") and f != "run_bench.py")
    peers = [("cpython", [sys.executable])]
    mp = shutil.which("micropython")
    if mp:
        peers.append(("micropython", [mp]))
    times = "%-14s %8s" % ("benchmark", "vpy s") + "".join(
        " %14s %7s" % (n + " s", "ratio") for n, _ in peers)
    mems = "%-14s %8s" % ("benchmark", "vpy KiB") + "".join(
        " %14s %7s" % (n + " KiB", "ratio") for n, _ in peers)
    time_rows, mem_rows = [times], [mems]
    for s in scripts:
        t_vpy, out_vpy, m_vpy = best_of([vpy, s], here)
        if t_vpy is None:
            time_rows.append("%-14s vpy failed: %s" % (s, out_vpy.strip().splitlines()[-1:]))
            continue
        trow = "%-14s %8.3f" % (s[:-3], t_vpy)
        mrow = "%-14s %8s" % (s[:-3], kib(m_vpy))
        for name, cmd in peers:
            t, out, m = best_of(cmd + [s], here)
            if t is None:
                trow += " %14s %7s" % ("failed", "-")
                mrow += " %14s %7s" % ("failed", "-")
                continue
            mark = "" if out == out_vpy else " (output differs)"
            trow += " %14.3f %6.2fx%s" % (t, t / t_vpy, mark)
            mrow += " %14s %7s" % (kib(m), ratio(m, m_vpy))
        time_rows.append(trow)
        mem_rows.append(mrow)
    print("\n".join(time_rows))
    print("ratio = peer CPU time / vpy CPU time (above 1: vpy is faster)\n")
    print("\n".join(mem_rows))
    print("ratio = peer peak RSS / vpy peak RSS (above 1: vpy uses less memory)")
    if not os.access(GNU_TIME, os.X_OK):
        print("(peak memory needs GNU time: apt-get install time)")


if __name__ == "__main__":
    main()
