import math
print(math.ceil(-0.5), math.floor(-0.5), math.trunc(2.9), math.ceil(3), math.floor(2**70) == 2**70)
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2))
print(round(math.sin(math.pi / 2), 9), round(math.cos(math.pi), 9), round(math.atan(1) * 4, 9), math.exp(0), math.log(1))
print(math.pow(2, 10), math.fabs(-0.5), math.sqrt(0), math.gcd(0, 5), math.gcd(-12, 8), math.factorial(0))
