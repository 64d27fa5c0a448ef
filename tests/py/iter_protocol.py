it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "end"))
it2 = iter("ab")
print(list(it2), list(it2))
class CountDown:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(CountDown(3)), sum(CountDown(4)), max(CountDown(5)))
calls = []
def source():
    calls.append(1)
    return len(calls)
print(list(iter(source, 4)))
d = {"a": 1, "b": 2}
di = iter(d)
print(next(di), list(di))
print(list(zip(*[(1, "a"), (2, "b")])), list(enumerate(iter("xy"), 5)))
e = enumerate(["p", "q"])
print(next(e), list(e))
