for i, j in [(1, 2), (3, 4)]:
    print(i + j)
for (a, b), c in [((1, 2), 3)]:
    print(a, b, c)
for x, *y in ["abc", "de"]:
    print(x, y)
d = {}
for d["k"] in range(3):
    pass
print(d)
class O: pass
o = O()
for o.attr in "xy":
    pass
print(o.attr)
