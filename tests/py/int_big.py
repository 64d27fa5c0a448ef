a = 2 ** 100
b = 3 ** 50
print(a, b)
print(a + b, a - b, b - a, a * b)
print(a // b, a % b, -a // b, -a % b, a // -b)
print(divmod(a, 12345678901), divmod(-a, 97))
print(a >> 10, a << 10, -a >> 3)
print(a & b, a | b, a ^ b, -a & b, a & -b, ~a)
print(a == 2 ** 100, a < b, a > b, a != b)
x = 1
for i in range(1, 30):
    x *= i
print(x)
print(int("123456789012345678901234567890"), int("-98765432109876543210"))
print(hex(2 ** 70), bin(2 ** 65), oct(2 ** 64))
print(2 ** 64 - 1, -(2 ** 63), (2 ** 63) - 1)
print(float(2 ** 80), int(1e20), int(-1.5e19))
print((2**100).bit_length(), (10**30) % 7, pow(7, 100, 13))
print(abs(-2**90), hash(2**10) == hash(1024))
print(sum(range(10**6 - 10, 10**6)) * 10**12)
