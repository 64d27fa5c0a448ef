print(max(1, 2), max([1, 5, 3]), max("abc"), max([1, 2], [1, 3]), max((1, "a"), (1, "b")))
print(min(3, 1, 2), min([4, 2]), min("bca"), min([], default=7), max([], default=None))
print(max(["aa", "b", "ccc"], key=len), min(["aa", "b", "ccc"], key=len), max(range(10), key=lambda v: -v))
try:
    max([])
except ValueError:
    print("empty")
