d = {"0a": 1, "b": 2}
k = d.keys()
v =bytearray()
i = d.items()
d["c"] = 3
print(list(k), list(v), list(i), len(k), "a" in k, ("b", 1) in i, 3 in v)
print(sorted(k - {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}))
