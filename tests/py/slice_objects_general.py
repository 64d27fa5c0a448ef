s = "abcdefgh"
l = list(range(8))
t = tuple(l)
for sl in (slice(2, 6), slice(None, None, 3), slice(-3, None), slice(6, 1, -2), slice(None, -5, -1)):
    print(s[sl], l[sl], t[sl])
