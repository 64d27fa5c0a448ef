d = {1: "int", 2.5: "float", "s": "str", (1, 2): "tuple", None: "none", True: "bool-overrides-1", frozenset([1]): "fs"}
print(d[1], d[2.5], d["s"], d[(1, 2)], d[None], d[frozenset([1])], len(d))
try:
    d[[1]] = 1
except TypeError:
    print("list key")
