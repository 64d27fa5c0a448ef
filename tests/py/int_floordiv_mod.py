for a in (-7, -6, -1, 0, 1, 6, 7, 100):
    for b in (-3, -1, 1, 3, 7):
        print(a, b, a // b, a % b, divmod(a, b))
