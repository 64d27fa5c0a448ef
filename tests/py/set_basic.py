s = {3, 1, 2}
print(sorted(s), len(s), 1 in s, 5 in s)
s.add(5); s.discard(1); s.discard(100); s.remove(2)
print(sorted(s))
a = {1, 2, 3}; b = {2, 3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(a <= {1, 2, 3, 4}, a < a, a >= {1}, a.isdisjoint({7}), a.issubset(b))
print(sorted(a.union([9])), sorted(a.intersection(b)), sorted(a.difference(b)))
c = set("hello"); print(sorted(c), set(), len(set()))
f = frozenset([1, 2, 2]); print(sorted(f), 1 in f, hash(f) == hash(frozenset([2, 1])))
print({x % 3 for x in range(10)} == {0, 1, 2})
s2 = {1, 2}; s2 |= {3}; s2 &= {2, 3}; s2 -= {9}; print(sorted(s2))
print(s2.pop() in (2, 3), len(s2))
try:
    set().pop()
except KeyError:
    print("empty pop")
print({(1, 2), (1, 2)}, set([1]) == {1})
