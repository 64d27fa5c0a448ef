# Big-int arithmetic, parsing and printing stay right when the collector runs at every
# allocation: the code that works through an int's digits keeps the int itself reachable.
import gc

try:
    gc.threshold(64)  # MicroPython's: collect after 64 bytes allocated
except AttributeError:
    pass
s = "9" * 60
ref = int(s)
ok = True
for i in range(40):
    v = int(s)
    ok = ok and v == ref and str(v) == s and int(str(v * 7 + 3)) == ref * 7 + 3
print(ok)
x = 0
for i in range(1, 60):
    x = x * 1000003 + i
    y = (x << 7) | (x >> 3)
    z = (x & y) ^ (x | 12345)
print(x % 1000000007, y % 998244353, z % 1000000009, hex(z)[-12:], -x // 7 % 1000)
print(int("123456789" * 4), int("-" + "7" * 30), (10**40 + 1).to_bytes(17, "big")[-3:])
try:
    gc.threshold(-1)
except AttributeError:
    pass
