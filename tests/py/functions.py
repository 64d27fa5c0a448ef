def f(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, sorted(kw.items()))
print(f(1))
print(f(1, 5, 6, 7, c=8, d=9, e=10))
print(f(a=1, b=2))
print(f(*[1, 2, 3], **{"c": 4, "z": 5}))
def g(x, /, y, *, z):
    return x + y + z
print(g(1, 2, z=3), g(1, y=2, z=3))
sq = lambda v: v * v
print(sq(7), (lambda: 42)(), list(map(lambda a, b: a + b, [1, 2], [3, 4])))
def outer():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
inc = outer()
print(inc(), inc(), inc())
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([a(10) for a in make_adders()])
G = 1
def setg():
    global G
    G = 2
setg(); print(G)
def rec(n):
    return 1 if n <= 1 else n * rec(n - 1)
print(rec(20))
def deco(fn):
    def wrapper(*a, **k):
        return "<" + str(fn(*a, **k)) + ">"
    return wrapper
@deco
def hello(name):
    return "hi " + name
print(hello("bob"))
def kwonly(*, a, b=5):
    return a, b
print(kwonly(a=1), kwonly(b=2, a=3))
def defaults(l=[]):
    l.append(1)
    return len(l)
print(defaults(), defaults(), defaults([]))
print(f.__name__, (lambda: 0).__name__)
def noreturn():
    pass
print(noreturn())
def cells():
    x = 1
    def a():
        return x
    x = 2
    return a()
print(cells())
def deep():
    v = "outer"
    def mid():
        def inner():
            return v
        return inner()
    return mid()
print(deep())
