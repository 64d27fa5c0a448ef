values = [1, 5, 10, 15]
print([y for x in values if (y := x * 2) > 5])
print(y)
if (n := len(values)) > 3:
    print("long list", n)
total = 0
while (chunk := values.pop() if values else None) is not None:
    total += chunk
print(total)
def f():
    if (m := 3):
        return m * 2
print(f())
