it = iter([1, 2])
print(next(it), next(it), next(it, None))
try:
    next(it)
except StopIteration:
    print("StopIteration")
print(list(iter(range(3))), list(iter("ab")), list(iter({"k": 1})), list(iter((1,))))
n = [0]
def f():
    n[0] += 1
    return n[0]
print(list(iter(f, 3)))
