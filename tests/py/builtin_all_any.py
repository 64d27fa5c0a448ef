print(all([]), all([1, 2]), all([1, 0]), any([]), any([0, None, 1]), any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))
print(all("abc"), any(""), all([[]]), any([[]]))
