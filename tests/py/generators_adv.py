def gen():
    received = []
    try:
        while True:
            x = yield len(received)
            received.append(x)
    except GeneratorExit:
        print("exit with", received)
        raise
g = gen()
print(next(g), g.send("a"), g.send("b"))
g.close()
def inner():
    x = yield 1
    print("inner got", x)
    y = yield 2
    print("inner got", y)
    return "inner-done"
def outer():
    r = yield from inner()
    print("outer got", r)
    yield 3
o = outer()
print(next(o), o.send("s1"), o.send("s2"))
def thrower():
    try:
        yield 1
    except KeyError:
        yield "handled"
    yield "after"
t = thrower()
print(next(t), t.throw(KeyError), next(t))
def delegating():
    yield from thrower()
d = delegating()
print(next(d), d.throw(KeyError))
def ranger(n):
    yield from range(n)
    yield from "ab"
    yield from [10, 20]
print(list(ranger(3)))
gx = (i for i in range(3))
print(next(gx), list(gx))
def stopper():
    yield 1
    return
print(list(stopper()))
def genret():
    return 5
    yield
try:
    next(genret())
except StopIteration as e:
    print("stop value", e.value)
