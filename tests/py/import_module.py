import _helper_mod
print(_helper_mod.value, _helper_mod.greet("x"), _helper_mod.Thing.kind)
from _helper_mod import greet, value as v
print(greet("y"), v)
import _helper_mod as hm
print(hm is _helper_mod)
from _helper_mod import *
print(Thing().kind, "_private" in dir())
import pkg_demo
print(pkg_demo.pkg_value)
from pkg_demo import sub
print(sub.where())
import pkg_demo.sub
print(pkg_demo.sub.where())
from pkg_demo.sub import where
print(where())
try:
    import no_such_module_xyz
except ImportError:
    print("ImportError")
try:
    from _helper_mod import nothing_here
except ImportError:
    print("ImportError name")
import sys
print("_helper_mod" in sys.modules)
