for n in (0, 1, 5, -5, 12345):
    for s in (0, 1, 3, 31, 62, 63, 64, 100):
        print(n, s, n << s, n >> s)
