for a in (-3, 0, 2, 7):
    for b in (-2, 1, 3):
        print(a, b, a < b, a <= b, a == b, a != b, a > b, a >= b)
