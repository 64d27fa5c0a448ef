a, b = 1, 2
a, b = b, a
print(a, b)
x, (y, z) = 1, (2, 3)
print(x, y, z)
[p, q] = "pq"
print(p, q)
first, *rest = range(5)
*head, last = [1]
a1, *mid, z1 = "abcde"
print(first, rest, head, last, a1, mid, z1)
for i, (k, v) in enumerate({"a": 1}.items()):
    print(i, k, v)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError too many")
try:
    a, b, c = [1, 2]
except ValueError:
    print("ValueError too few")
print(*[1, 2], *"ab", sep="-")
print([*range(3), *[9]], (*"xy",), {*(1, 2), 3} == {1, 2, 3}, {**{"a": 1}, **{"b": 2}})
def f(*a, **k):
    return a, k
print(f(*(1, 2), 3, *[4], x=1, **{"y": 2}))
t = 1, 2, 3
n1, n2, n3 = t
print(n1 + n2 + n3)
(a, b), c = "ab", "c"
print(a, b, c)
