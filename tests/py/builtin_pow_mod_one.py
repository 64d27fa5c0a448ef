# pow(x, 0, m) is 1 % m: 0 when m is 1 (or -1), never a plain 1.
print(pow(3, 0, 1), pow(0, 0, 1), pow(5, 0, 7), pow(3, 0, -1), pow(3, 0, -2), pow(-2, 3, 5))
print(pow(2, 100, 1), pow(2**70, 0, 1), pow(2**70, 0, 2**65), pow(7, 0, 2**65))
for m in (1, 2, 3, -3, 2**64 + 1):
    print([pow(b, e, m) for b in (-3, 0, 2, 10) for e in (0, 1, 5)])
