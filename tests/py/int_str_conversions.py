for n in (0, 7, -7, 123456789, 2**100):
    s = str(n)
    print(s, int(s) == n, len(s), repr(n) == s)
print(str(-0), int("-0"), int("+0"), "%d" % 2**70, "{}".format(-2**70))
