class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return False
with CM("a") as x:
    print("inside", x)
with CM("one") as a, CM("two") as b:
    print(a, b)
try:
    with CM("err"):
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)
def f():
    with CM("ret"):
        return "returned"
print(f())
for i in range(3):
    with CM("loop%d" % i):
        if i == 1:
            continue
        if i == 2:
            break
print("done")
