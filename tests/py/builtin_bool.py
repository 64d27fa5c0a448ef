for v in (0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), {}, {0: 0}, None, set(), range(0), range(1)):
    print(repr(v), bool(v))
print(bool(), True is bool(1), type(True))
