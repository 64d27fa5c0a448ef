def acc():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
    return total
g = acc()
next(g)
for n in (1, 2, 3):
    print(g.send(n))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)
