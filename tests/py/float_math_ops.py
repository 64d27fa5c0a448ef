import math
print(math.sqrt(2), math.exp(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024))
print(math.sin(0), math.cos(0), math.tan(0), math.atan2(1, 1), math.asin(1), math.acos(1))
print(math.floor(2.7), math.ceil(2.1), math.trunc(-2.7), math.fabs(-3), math.fmod(7, 3), math.copysign(1, -0.0))
print(math.modf(3.5), math.frexp(8.0), math.ldexp(0.5, 4), math.hypot(3, 4))
print(math.isnan(float("nan")), math.isinf(float("inf")), math.isfinite(1.0), math.degrees(math.pi), math.radians(180))
print(math.factorial(10), math.gcd(48, 180), math.isclose(1.0, 1.0 + 1e-12), math.pi, math.e)
for bad in (lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.log(-1)):
    try:
        bad()
    except ValueError:
        print("domain")
