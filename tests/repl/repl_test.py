#!/usr/bin/env python3
"""Drives vpy's REPLs on a pseudo-terminal and checks the bytes it sends back.

    repl_test.py VPY CASE     runs one case (exit status 0 when it passes)
    repl_test.py --list       names the cases (CMake registers one test per case)

The expected bytes are those MicroPython's REPL sends and its tools (pyboard.py,
mpremote) wait for: the friendly REPL's prompts and echo, the raw REPL's "OK" and
"\\x04" framing, raw-paste mode's flow control (docs/reference/repl.rst). vpy runs
on the pty's slave side with the terminal's default settings, so what code prints
("\\n") reaches us as "\\r\\n", while the REPL's own "\\r\\n" comes through as is.

Waiting is bounded only to turn a hang into a failure; no case depends on timing.
"""

import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import time

GUARD_SECONDS = 30  # a reply that takes longer than this is taken as never coming

BANNER_END = b'Type "help()" for more information.\r\n'
RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n"


class Failure(Exception):
    pass


class Vpy:
    """vpy on a pty, with its stdin, stdout and stderr on the slave side."""

    def __init__(self, exe, args=()):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes vpy, the pty its controlling terminal
            try:
                os.execv(exe, [exe, *args])
            finally:
                os._exit(127)
        self.pending = b""
        self.status = None

    def send(self, data):
        os.write(self.fd, data)

    def _fill(self, deadline):
        timeout = deadline - time.monotonic()
        if timeout <= 0:
            return False
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        if not data:
            return False
        self.pending += data
        return True

    def read_until(self, marker):
        """Everything up to and including marker."""
        deadline = time.monotonic() + GUARD_SECONDS
        while marker not in self.pending:
            if not self._fill(deadline):
                raise Failure(f"never got {marker!r}; got {self.pending!r}")
        i = self.pending.index(marker) + len(marker)
        data, self.pending = self.pending[:i], self.pending[i:]
        return data

    def read_n(self, n):
        deadline = time.monotonic() + GUARD_SECONDS
        while len(self.pending) < n:
            if not self._fill(deadline):
                raise Failure(f"wanted {n} bytes; got {self.pending!r}")
        data, self.pending = self.pending[:n], self.pending[n:]
        return data

    def byte_waiting(self):
        if self.pending:
            return True
        ready, _, _ = select.select([self.fd], [], [], 0)
        return bool(ready)

    def expect(self, want):
        """The next bytes must be exactly `want`."""
        got = self.read_until(want)
        if got != want:
            raise Failure(f"expected {want!r}, got {got!r}")

    def exchange(self, data, want):
        self.send(data)
        self.expect(want)

    def banner(self):
        got = self.read_until(BANNER_END)
        first = got.split(b"\r\n")[0]
        if b"; " not in first or b"\n" in first:
            raise Failure(f"banner not in MicroPython's form: {got!r}")
        self.expect(b">>> ")
        return got

    def wait_exit(self):
        deadline = time.monotonic() + GUARD_SECONDS
        while time.monotonic() < deadline:
            self._fill(time.monotonic() + 0.05)  # keep the terminal drained
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        raise Failure("vpy did not exit")

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)


def check(cond, what):
    if not cond:
        raise Failure(what)


# --- the friendly REPL -------------------------------------------------------------------


def friendly_banner_and_prompt(v):
    v.banner()
    v.exchange(b"1 + 2\r", b"1 + 2\r\n3\r\n>>> ")
    v.exchange(b"print('a\\nb')\r", b"print('a\\nb')\r\na\r\nb\r\n>>> ")


def friendly_ctrl_c_clears_line(v):
    v.banner()
    v.exchange(b"undefined_name", b"undefined_name")
    v.exchange(b"\x03", b"\r\n>>> ")
    v.exchange(b"\x03", b"\r\n>>> ")  # on an empty line too
    v.exchange(b"7\r", b"7\r\n7\r\n>>> ")


def friendly_ctrl_d_exits(v):
    v.banner()
    v.exchange(b"\x04", b"\r\n")
    check(v.wait_exit() == 0, f"exit status {v.status}")


def friendly_ctrl_b_prints_banner(v):
    first = v.banner()
    v.send(b"\x02")
    v.expect(b"\r\n")
    check(v.banner() == first, "Ctrl-B should print the same banner")


def friendly_continuation_brackets(v):
    v.banner()
    v.exchange(b"x = (1,\r", b"x = (1,\r\n... ")
    v.exchange(b"2)\r", b"2)\r\n>>> ")
    v.exchange(b"s = '''a\r", b"s = '''a\r\n... ")
    v.exchange(b"b'''\r", b"b'''\r\n>>> ")
    v.exchange(b"x, s\r", b"x, s\r\n((1, 2), 'a\\nb')\r\n>>> ")


def friendly_auto_indent(v):
    # MicroPython's rules: indent after ':', keep the indent, stop after two
    # lines of spaces, run on an empty line.
    v.banner()
    v.exchange(b"if 1:\r", b"if 1:\r\n...     ")
    v.exchange(b"if 1:\r", b"if 1:\r\n...         ")
    v.exchange(b"print(5)\r", b"print(5)\r\n...         ")
    v.exchange(b"\r", b"\r\n...         ")
    v.exchange(b"\r", b"\r\n... ")
    v.exchange(b"\r", b"\r\n5\r\n>>> ")


def friendly_space_undoes_auto_indent(v):
    v.banner()
    v.exchange(b"for i in range(2):\r", b"for i in range(2):\r\n...     ")
    # A space right after the auto-indent takes it back to one space.
    v.exchange(b"  print(i)\r", b"\b\b\b print(i)\r\n... ")
    v.exchange(b"\r", b"\r\n0\r\n1\r\n>>> ")


def friendly_backspace_removes_indent_level(v):
    v.banner()
    v.exchange(b"def f():\r", b"def f():\r\n...     ")
    v.exchange(b"return 4\r", b"return 4\r\n...     ")
    v.exchange(b"\x7f", b"\b\b\b\b\x1b[K")
    v.exchange(b"\r", b"\r\n>>> ")
    v.exchange(b"f()\r", b"f()\r\n4\r\n>>> ")


def friendly_crlf_is_one_enter(v):
    v.banner()
    v.exchange(b"if 1:\r\n", b"if 1:\r\n...     ")
    v.exchange(b"print(8)\r\n", b"print(8)\r\n...     ")
    v.exchange(b"\x7f\r\n", b"\b\b\b\b\x1b[K\r\n8\r\n>>> ")
    v.exchange(b"9\n", b"9\r\n9\r\n>>> ")


def friendly_history_up_arrow(v):
    v.banner()
    v.exchange(b"40 + 2\r", b"40 + 2\r\n42\r\n>>> ")
    v.exchange(b"\x1b[A", b"40 + 2")
    v.exchange(b"\r", b"\r\n42\r\n>>> ")


def friendly_ctrl_c_interrupts_loop(v):
    v.banner()
    v.exchange(b"def spin():\r", b"def spin():\r\n...     ")
    v.exchange(b"print('spinning')\r", b"print('spinning')\r\n...     ")
    v.exchange(b"while True: pass\r", b"while True: pass\r\n...     ")
    v.exchange(b"\x7f\r", b"\b\b\b\b\x1b[K\r\n>>> ")
    v.exchange(b"spin()\r", b"spin()\r\nspinning\r\n")
    v.send(b"\x03")
    got = v.read_until(b">>> ")
    check(b"Traceback (most recent call last):\r\n" in got, f"no traceback: {got!r}")
    check(b'  File "<stdin>", line 3, in spin\r\n' in got, f"no frame: {got!r}")
    check(b"KeyboardInterrupt" in got, f"no KeyboardInterrupt: {got!r}")
    v.exchange(b"'still here'\r", b"'still here'\r\n'still here'\r\n>>> ")


def friendly_sys_exit_code(v):
    v.banner()
    v.exchange(b"import sys\r", b"import sys\r\n>>> ")
    v.exchange(b"sys.exit(5)\r", b"sys.exit(5)\r\n")
    check(v.wait_exit() == 5, f"exit status {v.status}")


def friendly_exception_keeps_repl(v):
    v.banner()
    v.send(b"1/0\r")
    v.expect(
        b"1/0\r\nTraceback (most recent call last):\r\n"
        b'  File "<stdin>", line 1, in <module>\r\n'
    )
    got = v.read_until(b"\r\n>>> ")
    check(got.startswith(b"ZeroDivisionError"), f"got {got!r}")


def friendly_heap_lock_released_at_prompt(v):
    v.banner()
    v.exchange(b"import micropython\r", b"import micropython\r\n>>> ")
    v.exchange(b"micropython.heap_lock()\r", b"micropython.heap_lock()\r\n>>> ")
    v.exchange(b"[1, 2] * 2\r", b"[1, 2] * 2\r\n[1, 2, 1, 2]\r\n>>> ")
    v.exchange(b"\x01", b"\r\n" + RAW_BANNER + b">")
    v.exchange(b"micropython.heap_lock()\x04", b"OK\x04\x04>")
    v.exchange(b"print([3] * 2)\x04", b"OK[3, 3]\r\n\x04\x04>")


# --- paste mode -------------------------------------------------------------------------


PASTE_BANNER = b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== "


def paste_mode_runs_on_ctrl_d(v):
    v.banner()
    v.exchange(b"\x05", PASTE_BANNER)
    # No auto-indent: the indentation is taken as it comes.
    v.exchange(b"def f():\r", b"def f():\r\n=== ")
    v.exchange(b"    return 'pasted'\r", b"    return 'pasted'\r\n=== ")
    v.exchange(b"\r", b"\r\n=== ")
    v.exchange(b"print(f())\n", b"print(f())\r\n=== ")
    v.exchange(b"f()\r\n", b"f()\r\n=== ")  # CR LF is one line end
    # Run as a file: expression statements print nothing.
    v.exchange(b"\x04", b"\r\npasted\r\n>>> ")


def paste_mode_ctrl_c_cancels(v):
    v.banner()
    v.exchange(b"\x05", PASTE_BANNER)
    v.exchange(b"print('no')\r", b"print('no')\r\n=== ")
    v.exchange(b"\x03", b"\r\n>>> ")
    v.exchange(b"'yes'\r", b"'yes'\r\n'yes'\r\n>>> ")


# --- the raw REPL ------------------------------------------------------------------------


def enter_raw(v):
    v.banner()
    v.exchange(b"\x01", b"\r\n" + RAW_BANNER + b">")


def raw_enter_exec_exit(v):
    enter_raw(v)
    v.exchange(b"print(12)\x04", b"OK12\r\n\x04\x04>")
    v.exchange(b"x = 5\nprint(x * 2)\x04", b"OK10\r\n\x04\x04>")
    v.exchange(b"\x01", RAW_BANNER + b">")  # Ctrl-A again: the raw banner again
    v.exchange(b"junk\x03print(3)\x04", b"OK3\r\n\x04\x04>")  # Ctrl-C drops the line
    v.send(b"\x02")
    v.expect(b"\r\n")
    v.banner()
    v.exchange(b"x\r", b"x\r\n5\r\n>>> ")  # same globals as the raw REPL's


def raw_exception_framing(v):
    enter_raw(v)
    v.send(b"print('before')\nraise ValueError('bad')\x04")
    v.expect(
        b"OKbefore\r\n\x04Traceback (most recent call last):\r\n"
        b'  File "<stdin>", line 2, in <module>\r\n'
        b"ValueError: bad\r\n\x04>"
    )
    v.send(b"x = (\x04")
    v.expect(b"OK\x04Traceback (most recent call last):\r\n")
    got = v.read_until(b"\x04>")
    check(b"SyntaxError" in got, f"got {got!r}")


def raw_ctrl_d_soft_reset(v):
    enter_raw(v)
    v.exchange(b"kept = 1\x04", b"OK\x04\x04>")
    # What pyboard.py's enter_raw_repl waits for.
    v.exchange(b"\x04", b"OK\r\nMPY: soft reboot\r\n" + RAW_BANNER + b">")
    v.send(b"print('kept' in globals())\x04")
    v.expect(b"OKFalse\r\n\x04\x04>")
    # sys.exit() soft-resets too, after the framing.
    v.exchange(b"import sys\nsys.exit()\x04", b"OK\x04\x04MPY: soft reboot\r\n" + RAW_BANNER + b">")
    v.send(b"\x02")
    v.expect(b"\r\n")
    v.banner()


def raw_ctrl_c_interrupts_loop(v):
    enter_raw(v)
    v.exchange(b"print('go')\nwhile True:\n  pass\x04", b"OKgo\r\n")
    v.send(b"\x03")
    v.read_until(b"\x04")
    got = v.read_until(b"\x04>")
    check(b"KeyboardInterrupt" in got, f"got {got!r}")
    v.exchange(b"print(1)\x04", b"OK1\r\n\x04\x04>")


# --- raw-paste mode ------------------------------------------------------------------------


def enter_raw_paste(v):
    """Returns the window-size increment the device announced."""
    v.send(b"\x05A\x01")
    v.expect(b"R\x01")
    (window,) = struct.unpack("<H", v.read_n(2))
    check(window > 0, "window size 0")
    return window


def raw_paste_send(v, code, window):
    """The host side of the protocol, strict: never more than the granted window.
    Returns how many windows the device granted while receiving."""
    remain = window
    granted = 0
    i = 0
    while i < len(code):
        while remain == 0 or v.byte_waiting():
            b = v.read_n(1)
            if b == b"\x01":
                remain += window
                granted += 1
            elif b == b"\x04":
                v.send(b"\x04")  # the device ended reception: acknowledge
                return granted
            else:
                raise Failure(f"unexpected byte during raw paste: {b!r}")
        chunk = code[i : i + remain]
        v.send(chunk)
        remain -= len(chunk)
        i += len(chunk)
    v.send(b"\x04")
    while True:  # the grants still in flight, then the end acknowledgement
        b = v.read_n(1)
        if b == b"\x04":
            return granted
        check(b == b"\x01", f"unexpected byte after the code: {b!r}")
        granted += 1


def raw_paste_flow_control(v):
    enter_raw(v)
    window = enter_raw_paste(v)
    lines = [f"v{i} = {i}  # some padding to make the script long".encode() for i in range(150)]
    lines.append(b"print('total', sum(globals()['v%d' % i] for i in range(150)))")
    code = b"\n".join(lines) + b"\n"
    check(len(code) > 4 * window, "the script must span several windows")
    granted = raw_paste_send(v, code, window)
    # The first grant comes with the header; then one per window consumed.
    check(granted == 1 + len(code) // window, f"{granted} grants for {len(code)} bytes")
    v.expect(b"total 11175\r\n\x04\x04>")
    # And again, so the raw REPL is back in a clean state.
    window = enter_raw_paste(v)
    raw_paste_send(v, b"print('again')", window)
    v.expect(b"again\r\n\x04\x04>")


def raw_paste_compile_error(v):
    enter_raw(v)
    window = enter_raw_paste(v)
    raw_paste_send(v, b"print('never')\nx = (1,\n", window)
    v.expect(b"\x04Traceback (most recent call last):\r\n")
    got = v.read_until(b"\x04>")
    check(re.search(rb"SyntaxError: [^\r]*\r\n\x04>$", got), f"got {got!r}")


def raw_paste_exception(v):
    enter_raw(v)
    window = enter_raw_paste(v)
    code = b"def f():\n    raise KeyError(3)\nprint('out')\nf()\n"
    raw_paste_send(v, code, window)
    v.expect(
        b"out\r\n\x04Traceback (most recent call last):\r\n"
        b'  File "<stdin>", line 4, in <module>\r\n'
        b'  File "<stdin>", line 2, in f\r\n'
        b"KeyError: 3\r\n\x04>"
    )


def raw_paste_ctrl_c_during_reception(v):
    enter_raw(v)
    enter_raw_paste(v)
    v.send(b"print('never run')\n")
    # The header's grant, then: end of reception, no output, the interrupt.
    v.exchange(b"\x03", b"\x01\x04\x04KeyboardInterrupt")
    got = v.read_until(b"\x04>")
    check(got.endswith(b"\r\n\x04>"), f"got {got!r}")
    v.exchange(b"print(2)\x04", b"OK2\r\n\x04\x04>")


def raw_paste_too_big_for_heap_aborts(v):
    # vpy runs with a small heap (see VPY_ARGS): the device ends reception with
    # "\x04", the host acknowledges, and the error comes framed as a run's.
    enter_raw(v)
    window = enter_raw_paste(v)
    code = b"x = 1  # " + b"padding " * 30000 + b"\n"
    raw_paste_send(v, code, window)
    v.expect(b"\x04")
    got = v.read_until(b"\x04>")
    check(b"MemoryError" in got, f"got {got!r}")
    v.exchange(b"print(9)\x04", b"OK9\r\n\x04\x04>")


def raw_paste_unsupported_command_falls_back(v):
    enter_raw(v)
    v.exchange(b"\x05B\x01", b"R\x00")  # understood, not supported
    v.exchange(b"print(4)\x04", b"OK4\r\n\x04\x04>")  # plain raw REPL goes on


# --- the raw REPL over pipes (pyboard.py's exec: device form) ------------------------------


def raw_over_pipes_with_inspect(exe):
    # -i runs the REPL on a pipe: no terminal, so the bytes are exactly those written
    # (print's "\n" stays "\n", as with MicroPython's unix port on a pipe).
    script = b"\r\x03\r\x01print(6 * 7)\x04\x05A\x01print('p')\x04\x04\x02\x04"
    out = subprocess.run([exe, "-i"], input=script, capture_output=True, timeout=GUARD_SECONDS)
    banner = rb"[^\r\n]*; [^\r\n]*\r\n" + re.escape(BANNER_END)
    raw = re.escape(RAW_BANNER)
    want = (
        banner + rb">>> \r\n>>> \r\n>>> \r\n>>> \r\n" + raw + rb">OK42\n\x04\x04>"
        rb"R\x01..\x01\x04p\n\x04\x04>"
        rb"OK\r\nMPY: soft reboot\r\n" + raw + rb">\r\n" + banner + rb">>> \r\n"
    )
    check(re.fullmatch(want, out.stdout, re.DOTALL), f"got {out.stdout!r}")
    check(out.returncode == 0, f"exit status {out.returncode}")


PTY_CASES = [
    friendly_banner_and_prompt,
    friendly_ctrl_c_clears_line,
    friendly_ctrl_d_exits,
    friendly_ctrl_b_prints_banner,
    friendly_continuation_brackets,
    friendly_auto_indent,
    friendly_space_undoes_auto_indent,
    friendly_backspace_removes_indent_level,
    friendly_crlf_is_one_enter,
    friendly_history_up_arrow,
    friendly_ctrl_c_interrupts_loop,
    friendly_sys_exit_code,
    friendly_exception_keeps_repl,
    friendly_heap_lock_released_at_prompt,
    paste_mode_runs_on_ctrl_d,
    paste_mode_ctrl_c_cancels,
    raw_enter_exec_exit,
    raw_exception_framing,
    raw_ctrl_d_soft_reset,
    raw_ctrl_c_interrupts_loop,
    raw_paste_flow_control,
    raw_paste_compile_error,
    raw_paste_exception,
    raw_paste_ctrl_c_during_reception,
    raw_paste_too_big_for_heap_aborts,
    raw_paste_unsupported_command_falls_back,
]
OTHER_CASES = [raw_over_pipes_with_inspect]
VPY_ARGS = {raw_paste_too_big_for_heap_aborts: ["-X", "heapsize=64k"]}


def main():
    if sys.argv[1:] == ["--list"]:
        print(";".join(f.__name__ for f in PTY_CASES + OTHER_CASES))
        return 0
    exe, name = sys.argv[1], sys.argv[2]
    cases = {f.__name__: f for f in PTY_CASES}
    others = {f.__name__: f for f in OTHER_CASES}
    try:
        if name in others:
            others[name](exe)
        elif name in cases:
            v = Vpy(exe, VPY_ARGS.get(cases[name], []))
            try:
                cases[name](v)
            finally:
                v.close()
        else:
            print(f"no case {name}", file=sys.stderr)
            return 2
    except Failure as e:
        print(f"FAIL {name}: {e}", file=sys.stderr)
        return 1
    print(f"ok {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
