def outer(n):
    def inner(x, n=n):
        return x + n
    return inner
add5 = outer(5)
print(add5(1), add5(1, 1), outer(0)(0))
