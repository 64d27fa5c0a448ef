class C:
    def m(self, *a, **k):
        return (a, sorted(k.items()))
c = C()
print(c.m(), c.m(1, 2), c.m(x=1), c.m(1, *[2, 3], y=4, **{"z": 5}))
f = c.m
print(f(9))
print([1, 2, 3].index(2), "a,b".split(","), {"k": 1}.get("k"))
