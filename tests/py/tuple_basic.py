t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], t[::-1], (1,), (), tuple([4, 5]))
a, b, c = t
print(a, b, c)
print(t + (4,), t * 2, 2 in t, t.index(3), t.count(1))
print((1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 9), hash((1, 2)) == hash((1, 2)))
x, *rest = [1, 2, 3, 4]
*init, last = "abcd"
first, *mid, end = range(6)
print(x, rest, init, last, first, mid, end)
(p, q), r = (1, 2), 3
print(p, q, r)
for i, (u, v) in enumerate([(1, 2), (3, 4)]):
    print(i, u, v)
print(tuple(), tuple("ab"), max((1, 5, 2)))
