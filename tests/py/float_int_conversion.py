for v in (1e15, 1e16 + 2, 2.0**63, -2.0**63, 1e30, 0.999999, -0.000001):
    print(repr(v), int(v))
print(float(2**53 + 1), float(-(2**60)), float(10**30) == 1e30)
