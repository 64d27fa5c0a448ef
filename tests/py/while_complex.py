i = 0
result = []
while i < 20:
    i += 1
    if i % 2 == 0:
        continue
    if i > 15:
        break
    j = 0
    while j < i:
        j += 3
    result.append((i, j))
print(result)
