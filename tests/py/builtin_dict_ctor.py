print(dict(), dict(a=1), dict([("x", 1)]), dict({"y": 2}, z=3), dict(zip("ab", range(2))), dict(dict(q=0)))
try:
    dict([1, 2])
except (TypeError, ValueError):
    print("bad")
