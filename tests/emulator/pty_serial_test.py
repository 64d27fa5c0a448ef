#!/usr/bin/env python3
"""`vpico run IMAGE --serial pty`: a program opens the printed /dev/pts path as it would a
board's serial port and talks to the firmware: here vpy's REPL (firmware/tests/vpy_repl).

usage: pty_serial_test.py VPICO VPY_REPL_ELF"""
import os
import re
import select
import signal
import subprocess
import sys
import termios
import time
import tty


def read_until(fd, text, timeout=20.0):
    data = b""
    end = time.monotonic() + timeout  # a guard against a hang, not a measurement
    while text not in data:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError("timed out waiting for %r; got %r" % (text, data))
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            data += os.read(fd, 4096)
    return data


def main():
    vpico, image = sys.argv[1], sys.argv[2]
    proc = subprocess.Popen([vpico, "run", image, "--serial", "pty", "--timeout-ms", "60000"],
                            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        line = proc.stderr.readline().decode()
        m = re.match(r"vpico: uart0 on (/dev/pts/\d+)$", line.strip())
        assert m, "no pty path announced: %r" % line
        fd = os.open(m.group(1), os.O_RDWR | os.O_NOCTTY)
        tty.setraw(fd)
        banner = read_until(fd, b">>> ")
        assert b"vpy" in banner, banner
        os.write(fd, b"6 * 7\r")
        got = read_until(fd, b">>> ")
        assert got == b"6 * 7\r\n42\r\n>>> ", got
        # The raw REPL, as pyboard.py and mpremote use it.
        os.write(fd, b"\x01")
        read_until(fd, b"raw REPL; CTRL-B to exit\r\n>")
        os.write(fd, b"print('via pty', sum(range(5)))\x04")
        got = read_until(fd, b"\x04>")
        assert got == b"OKvia pty 10\r\n\x04\x04>", got
        os.close(fd)
        print("pty ok:", m.group(1))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    # Interrupted by the user (SIGINT): vpico's documented status 130.
    assert proc.returncode == 130, proc.returncode


if __name__ == "__main__":
    main()
