x = "outer"
r = [x for x in range(3)]
print(x, r)
y = 10
print([y + i for i in range(2)], {y: i for i in range(1)}, {y * i for i in range(2)})
def f():
    z = 5
    return [z * i for i in range(3)]
print(f())
class C:
    vals = [1, 2, 3]
    total = sum(v for v in vals)
print(C.total)
print([(i, j) for i in range(3) for j in range(i, 3) if (i + j) % 2 == 0])
print([[j for j in range(i)] for i in range(4)])
