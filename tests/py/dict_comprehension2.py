words = ["apple", "bob", "cat", "apple"]
print({w: len(w) for w in words}, {i: i * i for i in range(5) if i % 2}, {k: v for k, v in zip("ab", [1, 2])})
inv = {v: k for k, v in {"x": 1, "y": 2}.items()}
print(inv)
