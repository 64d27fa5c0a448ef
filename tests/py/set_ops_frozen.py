a = frozenset([1, 2, 3])
b = frozenset([3, 4])
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), type(a | b).__name__)
d = {a: "frozen key"}
print(d[frozenset([3, 2, 1])])
print(frozenset() == set(), frozenset([1]) == {1})
