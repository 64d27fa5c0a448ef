d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, "z" in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("a"), d.pop("zz", None), d)
d.update({"x": 9}, y=10); print(d)
print(d.setdefault("b", 100), d.setdefault("n", 5), d)
del d["n"]; print(d)
print(dict(a=1, b=2), dict([(1, 2), (3, 4)]), dict.fromkeys("ab", 0), {})
e = {i: i * i for i in range(5)}
print(e, e.popitem(), e)
print({1: 2} == {1: 2}, {1: 2} == {1: 3}, {1: 1, 2: 2} == {2: 2, 1: 1})
c = d.copy(); c["new"] = 1; print("new" in d, "new" in c)
for k in d:
    print(k, d[k])
for k, v in sorted(d.items()):
    print(k, v)
try:
    d["missing"]
except KeyError as err:
    print("KeyError", err.args)
big = {}
for i in range(1000):
    big[i] = str(i)
for i in range(0, 1000, 2):
    del big[i]
print(len(big), big[999], sum(big.keys()))
print({1: "a", 1.0: "b", True: "c"})
print(d.keys(), d.values(), d.items())
print({**{"a": 1}, "b": 2, **{"c": 3}})
print({"a": 1} | {"b": 2})
