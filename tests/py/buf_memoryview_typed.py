# memoryview over typed buffers: item size, format, typed items, slices and slice assignment.
from array import array

for code in "bBhHiIqQfd":
    m = memoryview(array(code, [1, 2]))
    print(code, m.itemsize, m.format, m.nbytes, len(m), m[0], list(m))

a = array("h", [100, -200, 300])
m = memoryview(a)
m[1] = 7
print(a, m[-1], m.readonly, m.obj is a)
s = m[1:]
print(len(s), list(s), s.tolist(), s.tobytes() == bytes(array("h", [7, 300])))
s[0:2] = array("h", [-1, -2])
print(a)

# writes go to the underlying object; read-only objects refuse them
b = bytearray(b"hello")
mb = memoryview(b)
mb[0] = ord("j")
mb[1:3] = b"EL"
print(b, mb.readonly, memoryview(b"abc").readonly)
try:
    memoryview(b"abc")[0] = 1
except TypeError:
    print("TypeError")

# sizes must agree in slice assignment
for rhs in (b"\x00\x00", array("h", [1, 2, 3]), array("i", [1])):
    try:
        m[0:2] = rhs
        print("assigned", a)
    except (ValueError, TypeError):
        print("refused", len(rhs))

# overlapping copies move the data like memmove
b = bytearray(range(8))
mv = memoryview(b)
mv[2:] = mv[:-2]
print(b)
ia = array("I", range(6))
mi = memoryview(ia)
mi[:-1] = mi[1:]
print(ia)

# a view of a view, comparisons, iteration, hex
v = memoryview(memoryview(b"abcdef")[1:5])
print(bytes(v), v == b"bcde", v != b"bcde", b"bcde" == v, list(v))
print(memoryview(b"\x01\xab").hex(), bytes(memoryview(array("B", [1, 2]))))
print(bytes(m), bytearray(m) == bytearray(bytes(m)))
try:
    memoryview(1)
except TypeError:
    print("TypeError")
try:
    memoryview(b"a").itemsize = 2
except AttributeError:
    print("AttributeError")
