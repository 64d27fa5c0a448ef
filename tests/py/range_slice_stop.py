# Slicing a range maps the slice's own stop through the range, as CPython does.
r = range(10)
for s in (slice(None, None, 3), slice(None, None, -1), slice(2, 8, 2), slice(-3, None),
          slice(None, -3), slice(8, 2, -2), slice(100, -100, -1), slice(-100, 100),
          slice(5, 5), slice(5, 2), slice(1, None, 4), slice(None, None, -4)):
    print(s, r[s], list(r[s]), len(r[s]))
r = range(1, 20, 3)
print(r[::-1], r[1:-1], r[:100], r[-2::-2], list(r[-2::-2]), r[::2], r[1::2])
r = range(10, -10, -3)
print(r[::2], r[1:5], r[::-1], list(r[::-1]), r[2::-1])
print(range(5, 0, -1)[1:3], range(0)[:], range(5)[10:], range(5)[3:1], range(5)[:1:-1])
print(range(10)[::3] == range(0, 10, 3), range(10)[::3] == range(0, 12, 3))
