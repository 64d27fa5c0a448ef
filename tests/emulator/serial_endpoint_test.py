#!/usr/bin/env python3
"""`vpico run IMAGE --serial pty` and `--serial tcp:0`: a program opens the announced
/dev/pts path, or connects to the announced loopback port, as it would a board's serial port
and talks to the firmware: here vpy's REPL (firmware/vpy, image vpy-rp2040).

usage: serial_endpoint_test.py VPICO VPY_REPL_ELF pty|tcp"""
import os
import re
import select
import signal
import socket
import subprocess
import sys
import termios
import time
import tty


def read_until(fd, text, timeout=20.0):
    data = b""
    # (os.read works on a socket's descriptor too)
    end = time.monotonic() + timeout  # a guard against a hang, not a measurement
    while text not in data:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError("timed out waiting for %r; got %r" % (text, data))
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            data += os.read(fd, 4096)
    return data


class Link:
    """The client end: a pty opened raw, or a TCP connection."""

    def __init__(self, announced):
        m = re.match(r"vpico: uart0 on (/dev/pts/\d+)$", announced)
        if m:
            self.fd = os.open(m.group(1), os.O_RDWR | os.O_NOCTTY)
            tty.setraw(self.fd)
            self.sock = None
            return
        m = re.match(r"vpico: uart0 on tcp 127\.0\.0\.1:(\d+)$", announced)
        assert m, "no endpoint announced: %r" % announced
        self.sock = socket.create_connection(("127.0.0.1", int(m.group(1))), timeout=20)
        self.fd = self.sock.fileno()

    def write(self, data):
        if self.sock:
            self.sock.sendall(data)
        else:
            os.write(self.fd, data)

    def close(self):
        if self.sock:
            self.sock.close()
        else:
            os.close(self.fd)


def main():
    vpico, image, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    endpoint = "pty" if mode == "pty" else "tcp:0"
    proc = subprocess.Popen([vpico, "run", image, "--serial", endpoint, "--timeout-ms", "60000"],
                            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        announced = proc.stderr.readline().decode().strip()
        link = Link(announced)
        banner = read_until(link.fd, b">>> ")
        assert b"vpy" in banner, banner
        link.write(b"6 * 7\r")
        got = read_until(link.fd, b">>> ")
        assert got == b"6 * 7\r\n42\r\n>>> ", got
        # The raw REPL, as pyboard.py and mpremote use it.
        link.write(b"\x01")
        read_until(link.fd, b"raw REPL; CTRL-B to exit\r\n>")
        link.write(b"print('via " + mode.encode() + b"', sum(range(5)))\x04")
        got = read_until(link.fd, b"\x04>")
        assert got == b"OKvia " + mode.encode() + b" 10\r\n\x04\x04>", got
        link.close()
        print(mode, "ok:", announced)
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
