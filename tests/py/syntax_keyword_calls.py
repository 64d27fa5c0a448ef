def f(a, b=2, c=3):
    return a * 100 + b * 10 + c
print(f(1), f(1, c=9), f(c=1, a=2), f(1, 2, 3), f(b=0, a=0))
print(dict(one=1, two=2), sorted(["b", "a"], reverse=True), "{x}".format(x=1))
