class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o): return V(self.x + o.x, self.y + o.y)
    def __sub__(self, o): return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k): return V(self.x * k, self.y * k)
    def __rmul__(self, k): return self * k
    def __neg__(self): return V(-self.x, -self.y)
    def __eq__(self, o): return isinstance(o, V) and self.x == o.x and self.y == o.y
    def __lt__(self, o): return (self.x, self.y) < (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __repr__(self): return "V(%d, %d)" % (self.x, self.y)
    def __len__(self): return 2
    def __getitem__(self, i): return (self.x, self.y)[i]
    def __bool__(self): return bool(self.x or self.y)
    def __iter__(self): return iter((self.x, self.y))
    def __contains__(self, v): return v in (self.x, self.y)
    def __call__(self, s): return self.x * s
a = V(1, 2); b = V(3, 4)
print(a + b, b - a, a * 3, 3 * a, -a, a == V(1, 2), a != b, a < b, sorted([b, a]))
print(len(a), a[0], a[1], bool(V(0, 0)), bool(a), list(a), 2 in a, 5 in a, a(10))
print({a: 1}[V(1, 2)], max(a, b))
x, y = a; print(x, y)
class Cnt:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
print(list(Cnt()), [i for i in Cnt()])
class Box:
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
bx = Box(); bx["a"] = 1; print(bx["a"]); del bx["a"]; print(bx.d)
class Acc:
    def __init__(self): self.v = 0
    def __iadd__(self, n):
        self.v += n
        return self
acc = Acc(); acc += 5; acc += 2; print(acc.v)
class G:
    def __getattr__(self, name): return "dyn_" + name
print(G().foo, G().bar)
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return True
with Ctx() as c:
    print("body")
    raise ValueError("x")
print("after")
