class K:
    pass
a = K()
b = K()
d = {a: 1, b: 2}
print(d[a], d[b], len(d), hash(a) == hash(a), a in {a}, b not in {a})
