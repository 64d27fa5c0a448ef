fs = [lambda x, k=k: x * k for k in range(4)]
print([f(2) for f in fs])
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
print((lambda: (lambda: "inner")())())
