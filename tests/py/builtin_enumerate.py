print(list(enumerate([])), list(enumerate("abc")), list(enumerate("ab", start=10)), list(enumerate(range(3), -1)))
for i, (a, b) in enumerate(zip("xy", "uv")):
    print(i, a, b)
