def f(a, b=[], c={}):
    b.append(a)
    c[a] = len(b)
    return b, c
print(f(1), f(2))
n = 5
def g(x=n):
    return x
n = 6
print(g(), g(1))
def h(*, a=1, b):
    return a, b
print(h(b=2), h(a=0, b=0))
