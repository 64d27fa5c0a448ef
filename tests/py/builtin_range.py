print(list(range(5)), list(range(2, 5)), list(range(0, 10, 3)), list(range(10, 0, -2)), list(range(5, 5)), list(range(-3)))
r = range(1, 20, 4)
print(r, len(r), r[0], r[-1], r[1:3], 9 in r, 10 in r, r.index(13), r.count(5))
print(range(3) == range(3), range(0) == range(2, 2), list(reversed(range(4))), range(1, 10, 3).start, range(1, 10, 3).stop, range(1, 10, 3).step)
