# math functions that take integers only: floats and other objects are TypeErrors.
import math


class I:
    def __index__(self):
        return 12


class Bad:
    def __index__(self):
        return 1.5


print(math.gcd(12, 18), math.gcd(-4, 6), math.gcd(0, 0), math.gcd(I(), 8), math.gcd(True, 4))
print(math.gcd(2**70, 2**65 * 3), math.gcd(7))
for args in [(0.14, 8), (8, 0.5), ("8", 2), (Bad(), 2)]:
    try:
        print(math.gcd(*args))
    except TypeError as e:
        print("TypeError")
for x in [2.5, "3"]:
    try:
        print(math.factorial(x))
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
print(math.factorial(0), math.factorial(5))
