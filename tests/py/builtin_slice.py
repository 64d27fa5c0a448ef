s = slice(1, 8, 2)
print(s, s.start, s.stop, s.step, list(range(10))[s], "abcdefghij"[s])
print(slice(3), slice(None, None, -1), [1, 2, 3][slice(None, None, -1)])
print(s.indices(5), slice(-3, None).indices(10))
