print([x * 2 for x in range(5)])
print([(x, y) for x in range(3) for y in range(x)])
print([x for x in range(20) if x % 2 if x % 3])
print({x: x ** 2 for x in range(4)})
print(sorted({c for c in "mississippi"}))
print(list(x + 1 for x in [1, 2]))
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([y for x in [[1, [2]], [3]] for y in x])
n = 3
print([n * i for i in range(n)])
print({k: v for k, v in zip("abc", range(3)) if v})
