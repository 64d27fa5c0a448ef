print([i for i in range(3)], [i for i in range(1, 10, 4)], [i for i in range(10, 1, -3)], [i for i in range(-5, -1)])
total = 0
for i in range(10 ** 5):
    total += i & 3
print(total)
for i in range(3):
    pass
print(i)
for i in range(2 ** 30, 2 ** 30 + 3):
    print(i)
