l = list(range(10))
l[2:5] = ["a"]
print(l)
l[:0] = [-1, -2]
print(l)
l[len(l):] = [99]
print(l)
l[::3] = ["x"] * len(l[::3])
print(l)
del l[-3:]
print(l)
l[1:3] = []
print(l)
try:
    l[::2] = [1]
except ValueError:
    print("size mismatch")
m = [1, 2, 3]
m[1:2] = m
print(m)
