def f(a, b, *rest, **kw):
    return a, b, rest, sorted(kw.items())
args = [1, 2, 3]
kw = {"x": 1}
print(f(*args), f(*args, **kw), f(0, *args), f(*args, 4, y=2, **kw), f(*"ab"))
def g(**kw):
    return kw
print(g(**{"a": 1}, b=2), g())
