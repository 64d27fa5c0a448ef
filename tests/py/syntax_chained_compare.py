x = 5
print(1 < x < 10, 1 < x < 3, 10 > x > 4 > 3, x == 5 != 6, 1 <= x <= 5 <= 5)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(2) < v(0) < v(3), calls)
