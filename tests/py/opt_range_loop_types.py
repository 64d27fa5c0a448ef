acc = []
for i in range(-3, 3):
    acc.append(i * i)
print(acc)
r = range(5)
it = iter(r)
print(next(it), next(it), list(it))
for i in range(3, 0, -1):
    print(i, end=" ")
print()
for i in range(0):
    print("never")
