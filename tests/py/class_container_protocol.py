class Seq:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * i
s = Seq(5)
print(len(s), s[2], s[-1], s[1:4], list(s), 9 in s, 10 in s, list(reversed(s)))
for x in s:
    print(x, end=" ")
print()
class Map:
    def __init__(self): self.d = {}
    def __setitem__(self, k, v): self.d[k] = v
    def __getitem__(self, k): return self.d[k]
    def __contains__(self, k): return k in self.d
    def __iter__(self): return iter(sorted(self.d))
    def __len__(self): return len(self.d)
    def keys(self): return self.d.keys()
m = Map()
m["b"] = 2; m["a"] = 1
print("a" in m, "z" in m, list(m), len(m), dict(m))
