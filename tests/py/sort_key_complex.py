records = [{"n": "x", "a": 3}, {"n": "y", "a": 1}, {"n": "z", "a": 2}]
print([r["n"] for r in sorted(records, key=lambda r: r["a"])])
print(sorted(["b10", "a2", "b9", "a10"], key=lambda s: (s[0], int(s[1:]))))
print(sorted(range(-5, 5), key=abs), sorted("Hello World".split(), key=len, reverse=True))
