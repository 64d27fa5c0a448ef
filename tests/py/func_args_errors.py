def f(a, b, c=3):
    return a + b + c
for args, kw in [((1,), {}), ((1, 2, 3, 4), {}), ((1, 2), {"d": 1}), ((1, 2), {"a": 1})]:
    try:
        f(*args, **kw)
        print("ok")
    except TypeError:
        print("TypeError")
def g(*, k):
    return k
try:
    g()
except TypeError:
    print("TypeError kwonly")
try:
    g(1)
except TypeError:
    print("TypeError positional")
print(f(1, 2), f(1, b=5), f(c=0, b=1, a=2))
