print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted("cba"), sorted({3: 0, 1: 0}), sorted((2, 1)))
data = [("b", 2), ("a", 2), ("c", 1)]
print(sorted(data, key=lambda t: t[1]), sorted(data, key=lambda t: (t[1], t[0]), reverse=True))
print(sorted([[2, 1], [1, 2], [1, 1]]), sorted(["B", "a", "C"], key=str.lower), sorted([]))
print(sorted([1.5, -2, 3, 0]), sorted(range(5), key=lambda v: v % 2))
