# The builtins module: replacing a builtin changes what every program sees.
import builtins

orig_abs = builtins.abs
builtins.abs = lambda x: "patched"
print(abs(-1))
builtins.abs = orig_abs
print(abs(-1))

builtins.my_helper = 42
print(my_helper)
del builtins.my_helper
try:
    my_helper
except NameError:
    print("NameError")

# import statements go through builtins.__import__. (The modules are loaded first: loading
# collections afresh would log CPython's own imports, which differ between its builds.)
import collections
import errno

orig_import = builtins.__import__


def logging_import(name, globals=None, locals=None, fromlist=None, level=0):
    print("import", name, fromlist, level)
    return orig_import(name, globals, locals, fromlist, level)


builtins.__import__ = logging_import
import errno
from collections import deque
import collections as c

builtins.__import__ = orig_import
import errno

print(errno.ENOENT, deque.__name__, c.deque is deque)
print(__import__("errno") is errno)
