class Adder:
    def __init__(self, n): self.n = n
    def __call__(self, x, y=0): return x + y + self.n
a = Adder(10)
print(a(1), a(1, 2), a(x=5, y=5), callable(a), callable(Adder), list(map(a, [1, 2])))
class Memo:
    def __init__(self, f):
        self.f = f
        self.cache = {}
    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.f(n)
        return self.cache[n]
@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), len(fib.cache))
