pairs = [(1, "a"), (0, "b"), (1, "c"), (0, "d"), (2, "e"), (1, "f")]
pairs.sort(key=lambda p: p[0])
print(pairs)
pairs.sort(key=lambda p: p[0], reverse=True)
print(pairs)
nums = [5, -1, 3, -1, 0, 5]
nums.sort()
print(nums)
big = list(range(100, 0, -1))
big.sort()
print(big[:5], big[-3:])
mixed = [3.5, 1, 2.25, -7]
mixed.sort()
print(mixed)
