# As in MicroPython (and Python 3.4), a dict display evaluates each value before
# its key when the key is not a constant or a name.


def v(x):
    print("eval", x)
    return x


d = {v("k1"): v("v1"), v("k2"): v("v2")}
print(sorted(d.items()))
k = "name"
print(sorted({k: v("v3"), "const": v("v4")}.items()))
