t = (1, 2, 3, 2, 1)
print(t.count(2), t.index(3), t.index(1, 1), t[::-1], t[1:-1], len(t), 2 in t, t + (4,), (0,) * 3)
print(tuple(sorted(t)), min(t), max(t), sum(t), hash(t) == hash((1, 2, 3, 2, 1)))
try:
    t.index(9)
except ValueError:
    print("ValueError")
