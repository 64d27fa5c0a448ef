print(hash(0) == hash(0.0) == hash(False), hash(1) == hash(True), hash((1, "a")) == hash((1, "a")), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
d = {0: "zero"}
print(d[0.0], d[False])
