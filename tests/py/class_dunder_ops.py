class N:
    def __init__(self, v): self.v = v
    def __repr__(self): return "N(%r)" % self.v
    def __add__(self, o): return N(self.v + (o.v if isinstance(o, N) else o))
    def __radd__(self, o): return N(o + self.v)
    def __sub__(self, o): return N(self.v - o.v)
    def __mul__(self, o): return N(self.v * o)
    def __truediv__(self, o): return N(self.v / o)
    def __floordiv__(self, o): return N(self.v // o)
    def __mod__(self, o): return N(self.v % o)
    def __pow__(self, o): return N(self.v ** o)
    def __neg__(self): return N(-self.v)
    def __pos__(self): return N(+self.v)
    def __abs__(self): return N(abs(self.v))
    def __invert__(self): return N(~self.v)
    def __and__(self, o): return N(self.v & o)
    def __or__(self, o): return N(self.v | o)
    def __xor__(self, o): return N(self.v ^ o)
    def __lshift__(self, o): return N(self.v << o)
    def __rshift__(self, o): return N(self.v >> o)
    def __eq__(self, o): return isinstance(o, N) and self.v == o.v
    def __lt__(self, o): return self.v < o.v
    def __le__(self, o): return self.v <= o.v
    def __gt__(self, o): return self.v > o.v
    def __ge__(self, o): return self.v >= o.v
    def __hash__(self): return hash(self.v)
a, b = N(6), N(4)
print(a + b, a + 1, 1 + a, a - b, a * 2, a / 4, a // 4, a % 4, a ** 2)
print(-a, +a, abs(N(-3)), ~a, a & 3, a | 1, a ^ 5, a << 2, a >> 1)
print(a == N(6), a != b, a < b, a <= b, a > b, a >= b, sorted([a, b, N(5)]))
print(sum([N(1), N(2)], N(0)), len({a, N(6), b}))
