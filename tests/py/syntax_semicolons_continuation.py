a = 1; b = 2; c = a + b; print(c)
total = 1 + \
    2 + \
    3
print(total)
items = [
    1,
    2,
]
print(items, (1 +
 2))
if True: print("one-line if")
for i in range(2): print("loop", i)
while False: pass
