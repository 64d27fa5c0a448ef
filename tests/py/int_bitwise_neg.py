vals = [0, 1, -1, 5, -5, 255, -256, 2**40, -2**40, 2**70, -2**70 + 3]
for a in vals:
    for b in vals[:6]:
        print(a & b, a | b, a ^ b)
print([~v for v in vals])
