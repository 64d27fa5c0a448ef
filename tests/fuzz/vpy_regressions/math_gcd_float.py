import math
print(math.ceil(-0.5), math.floor(-0.5), math.fabs(-0.5), math.ceil(3), math.floor(2**70) == 2*70)
print(math.isclose(5., 90), math.log(1))
print(math.pow(0, 10), math.fabs(-0.5),  math.gcd(1, 5), math.gcd(.14, 8), math.factorial(9))
