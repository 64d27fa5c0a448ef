x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 2; x %= 7; x <<= 3; x >>= 1; x |= 1; x &= 13; x ^= 6
print(x)
l = [1, 2]
l[0] += 10
l[-1] *= 3
print(l)
class O:
    v = 1
o = O()
o.v += 41
print(o.v, O.v)
d = {"k": 1}
d["k"] -= 1
d.setdefault("n", [])
d["n"] += [1]
print(d)
s = "a"
s *= 3
print(s)
f = 1.5
f /= 2
print(f)
