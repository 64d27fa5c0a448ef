def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
print(matmul(a, b))
ident = [[int(i == j) for j in range(3)] for i in range(3)]
print(ident, matmul(ident, ident) == ident)
print([list(r) for r in zip(*a)])
