#!/usr/bin/env python3
"""`vpico run usb_cdc.elf --serial usb:pty` and `--serial usb:tcp:0`: the virtual USB host
enumerates the image's CDC-ACM device, and a program that opens the announced endpoint talks
to it like to a board's /dev/ttyACM0 (firmware/tests/usb_cdc echoes what it receives).

usage: usb_serial_endpoint_test.py VPICO USB_CDC_ELF pty|tcp"""
import os
import re
import signal
import socket
import subprocess
import sys
import tty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serial_endpoint_test import read_until  # noqa: E402


def main():
    vpico, image, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    endpoint = "usb:pty" if mode == "pty" else "usb:tcp:0"
    proc = subprocess.Popen([vpico, "run", image, "--serial", endpoint, "--timeout-ms", "60000"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    sock = None
    try:
        announced = proc.stderr.readline().decode().strip()
        m = re.match(r"vpico: usb on (/dev/pts/\d+)$", announced)
        if m:
            fd = os.open(m.group(1), os.O_RDWR | os.O_NOCTTY)
            tty.setraw(fd)
            write = lambda data: os.write(fd, data)  # noqa: E731
        else:
            m = re.match(r"vpico: usb on tcp 127\.0\.0\.1:(\d+)$", announced)
            assert m, "no endpoint announced: %r" % announced
            sock = socket.create_connection(("127.0.0.1", int(m.group(1))), timeout=20)
            fd = sock.fileno()
            write = sock.sendall
        read_until(fd, b"usb_cdc echo ready\r\n")
        write(b"ping over usb " + mode.encode())
        got = read_until(fd, b"ping over usb " + mode.encode())
        assert got == b"ping over usb " + mode.encode(), got
        if sock:
            sock.close()
        else:
            os.close(fd)
        print(mode, "ok:", announced)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 130, proc.returncode


if __name__ == "__main__":
    main()
