x = 1.5
print(x + 2, x - 0.5, x * 4, x / 3, 2 * x, 1 + x, 1 - x, x < 2, x > 1, x <= 1.5, x >= 1.6, x == 1.5)
total = 0.0
for i in range(1000):
    total += i * 0.5
print(total)
