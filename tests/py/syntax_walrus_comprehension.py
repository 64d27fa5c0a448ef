data = [1, 4, 9, 16]
roots = [r for x in data if (r := int(x ** 0.5)) % 2 == 0]
print(roots, r)
print([(y := i) * 2 for i in range(3)], y)
