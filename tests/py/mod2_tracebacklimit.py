# sys.tracebacklimit: how many of the outermost calls a printed traceback keeps.
import io
import sys


def f0():
    raise ValueError("v")


def f1():
    f0()


def f2():
    f1()


def show():
    try:
        f2()
    except ValueError as e:
        buf = io.StringIO()
        sys.print_exception(e, buf)
        for line in buf.getvalue().split("\n"):
            print(line.split(",")[-1] if line.startswith("  File") else line)


show()
for limit in (3, 1, 0, -1):
    sys.tracebacklimit = limit
    print("limit", limit)
    show()
del sys.tracebacklimit
show()
