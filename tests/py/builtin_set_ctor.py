print(sorted(set("abca")), set(), sorted(set([3, 1, 3])), sorted(frozenset(range(3))), set(range(0)))
s = set()
s.add(1)
print(s, len(s))
