d = {"a": 1, "b": 2}
k = d.keys()
v = d.values()
i = d.items()
d["c"] = 3
print(list(k), list(v), list(i), len(k), "a" in k, ("b", 2) in i, 3 in v)
print(sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}))
