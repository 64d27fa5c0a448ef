# MicroPython's array extensions: 'O' (objects) and 'P' (pointer-sized) items, raw
# extension by any buffer, and NotImplementedError for comparisons of unlike layouts.
from array import array

a = array("O")
a.append("x")
a.append([1])
a.extend((None, 2.5))
print(len(a), a[0], a[1], a[2], a[3], a[1:3][1])
p = array("P", [1, 2])
print(p[1], len(bytes(p)) == 2 * len(bytes(array("O", [0]))))
h = array("h", [1])
h.extend(b"\x02\x00\x03")  # whole items only
print(h, h + b"\x04\x00")
for x, y in (("b", "h"), ("f", "f"), ("i", "I"), ("O", "P")):
    try:
        array(x) < array(y)
        print("compared", x, y)
    except NotImplementedError:
        print("NotImplementedError", x, y)
print(array("b", [1]) == array("B", [1]), array("O") == array("O"))
