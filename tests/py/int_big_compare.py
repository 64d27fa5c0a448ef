xs = [2**64, -2**64, 2**64 + 1, 0, 7, -(2**100), 2**100]
print(sorted(xs))
print([x == 2**64 for x in xs])
print(max(xs), min(xs), 2**64 > 1.5, 2**64 == 2.0**64, 3 < 2**65)
