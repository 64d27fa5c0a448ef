for i in range(3):
    if i == 0:
        print("zero")
    elif i == 1:
        print("one")
    else:
        print("other")
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    if n == 4:
        break
    print("n", n)
else:
    print("no break")
for i in range(2):
    pass
else:
    print("for else", i)
while False:
    pass
else:
    print("while else")
for i in range(3):
    for j in range(3):
        if j == 1:
            break
        print(i, j)
x = 5
print("big" if x > 3 else "small", "neg" if x < 0 else "pos")
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0)
print(0 or 3, 2 and 0, None or "d", 1 and 2 and 3, not 0, not [1])
if (y := 10) > 5:
    print("walrus", y)
data = [1, 2, 3, 4]
while (k := data.pop()) > 2:
    print("popped", k)
print([z for w in [[1, 2], [3]] for z in w if z != 2])
