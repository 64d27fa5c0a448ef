inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, inf + 1, inf * -1, inf > 10 ** 100, nan == nan, nan != nan, inf == inf)
print(float("-inf") < 0, str(float("nan")), repr(-inf), 1 / inf)
try:
    int(inf)
except OverflowError:
    print("overflow")
try:
    int(nan)
except ValueError:
    print("valueerror")
try:
    1.0 / 0
except ZeroDivisionError:
    print("zde")
