print(round(0.4), round(0.6), round(-0.6), round(2.5), round(3.5), round(10.0), type(round(1.5)))
print(round(3.14159, 3), round(1234.5678, -2), round(-1.25, 1), round(0.125, 2), type(round(1.5, 1)))
print(round(7), round(7, 2), round(1234, -2), round(1250, -2), round(1350, -2))
