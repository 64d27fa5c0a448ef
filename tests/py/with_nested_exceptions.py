class CM:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("enter", self.n)
    def __exit__(self, t, v, tb):
        print("exit", self.n, t.__name__ if t else None)
        return self.n == 1
with CM(1):
    with CM(2):
        raise ValueError
print("after")
