print(pow(2, 5), pow(2, -1), pow(2.0, 3), pow(-2, 3), pow(3, 4, 5), pow(2, 100, 17), pow(0, 0))
try:
    pow(2, 3, 0)
except ValueError:
    print("ValueError")
