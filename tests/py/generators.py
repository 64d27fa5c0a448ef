def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count(5)), sum(count(101)))
g = count(2)
print(next(g), next(g), next(g, "done"))
def echo():
    v = yield "start"
    while True:
        v = yield "got %s" % v
e = echo()
print(next(e), e.send(1), e.send("x"))
def deleg():
    r = yield from count(3)
    yield "after"
print(list(deleg()))
def ret():
    yield 1
    return 99
def wrap():
    v = yield from ret()
    yield v
print(list(wrap()))
gen = (x * x for x in range(5))
print(list(gen), list(gen))
def thrower():
    try:
        yield 1
        yield 2
    except ValueError as e:
        yield "caught %s" % e
t = thrower()
print(next(t), t.throw(ValueError("boom")))
def closer():
    try:
        yield 1
    finally:
        print("closed")
c = closer(); next(c); c.close()
def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

out = []
for v in fibs():
    if v > 50:
        break
    out.append(v)
print(out)
print(sum(x for x in range(10) if x % 2), max(len(w) for w in ["a", "bbb", "cc"]))
it = iter([1, 2, 3])
print(next(it), list(it))
try:
    next(iter([]))
except StopIteration:
    print("stop")
