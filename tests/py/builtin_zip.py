print(list(zip()), list(zip([1, 2, 3], "ab")), list(zip(range(3), range(10, 13), "xyz")), list(zip([], [1])))
names = ["a", "b"]
vals = [1, 2]
print(dict(zip(names, vals)), list(zip(*zip(names, vals))))
