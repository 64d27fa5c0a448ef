for a, b in ((7, 2), (-7, 2), (7, -2), (7.5, 2), (-7.5, 2), (2**70, 7), (0, 5)):
    print(a, b, divmod(a, b))
try:
    divmod(1, 0)
except ZeroDivisionError:
    print("zde")
