# Builtin modules and errno.errorcode are read-only (as in MicroPython); the
# builtins module is not.
import errno
import sys

codes = errno.errorcode
copy = codes.copy()
for action in (
    lambda: codes.popitem(),
    lambda: codes.pop(errno.EPERM),
    lambda: codes.setdefault(0, 0),
    lambda: codes.update([(1, 2)]),
    lambda: codes.clear(),
    lambda: codes.__setitem__(1, "x"),
    lambda: codes.__delitem__(1),
):
    try:
        action()
        print("changed")
    except TypeError:
        print("TypeError")
print(codes == copy, codes[errno.ENOENT])
copy[0] = "zero"  # a copy is an ordinary dict
print(copy[0])

for name in ("x", "exit", "modules"):
    try:
        setattr(sys, name, 1)
        print("set", name)
    except AttributeError:
        print("AttributeError", name)
try:
    del sys.exit
except AttributeError:
    print("AttributeError del")
print(callable(sys.exit))

# sys keeps a few settings as attributes.
sys.tracebacklimit = 3
print(sys.tracebacklimit)
del sys.tracebacklimit
print(hasattr(sys, "tracebacklimit"))

# sys.path may be replaced by another list (import then searches it).
old = sys.path
sys.path = ["/nonexistent"] + old
print(sys.path[0])
try:
    sys.path = "not a list"
except AttributeError:
    print("AttributeError path")
sys.path = old
print(sys.path is old)
