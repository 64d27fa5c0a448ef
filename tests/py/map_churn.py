# Sets and dicts whose keys come and go around a steady size: deleted entries are compacted
# away (the index is rebuilt in place) and every lookup must still find what is there.
s = set()
d = {}
for i in range(5000):
    k = (i * 7) % 23
    s.add(k)
    d[k] = i
    if i % 3:
        s.discard((k + 5) % 23)
        d.pop((k + 11) % 23, None)
print(sorted(s), len(d), sum(d.values()))
for k in list(d):
    assert d[k] % 1 == 0 and (k in d)
keys = [str(i) for i in range(40)]
m = {}
for r in range(300):
    for k in keys[r % 7 :: 3]:
        m[k] = r
    for k in keys[(r + 1) % 5 :: 4]:
        m.pop(k, None)
print(sorted(m.items())[:5], len(m))
