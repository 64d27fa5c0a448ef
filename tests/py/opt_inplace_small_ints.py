x = 2**61
x += 2**61
print(x)
y = -2**62
y -= 2**62
print(y)
z = 3037000500
z *= z
print(z)
w = 7
w //= 2
w %= 2
print(w)
