# array.array: construction, indexing, slicing, growth, comparison and the buffer protocol.
from array import array

for code in "bBhHiIlLqQ":
    a = array(code, [1, 2, 3])
    print(code, a, len(a), a[0], a[-1], list(a))

print(array("f", [1.5, -2.0]), array("d", [0.25]))
print(array("b", [-128, 127]), array("H", [0, 65535]), array("i", [-(2**31), 2**31 - 1]))
print(array("Q", [2**64 - 1]), array("q", [-(2**63)]))
print(array("h"), array("i", []), bool(array("i")), bool(array("i", [0])))

# from bytes (raw), from other arrays and from generators (item by item)
print(array("h", b"\x01\x00\x02\x00"), array("B", bytearray(b"ab")))
print(array("b", array("I", [1, 2])), array("i", (i * i for i in range(5))))

# indexing and slice reading/writing
a = array("i", range(10))
print(a[2:5], a[::3], a[::-1], a[-3:])
a[0] = -5
a[1:3] = array("i", [7, 8, 9])
print(a)
a[4:] = array("i")
print(a, len(a))
del a[0]
print(a)
try:
    a[100]
except IndexError:
    print("IndexError")

# append, extend, +, +=
a = array("H", [1])
a.append(2)
a.extend([3, 4])
a.extend(array("H", [5]))
a += array("H", [6])
print(a, a + array("H", [7]))

# containment compares items
print(3 in array("i", [1, 2, 3]), 4 in array("i", [1, 2, 3]), "x" in array("b", [1]))

# comparisons between arrays of one layout
print(array("B", [1, 2]) == array("B", [1, 2]), array("i", [1]) != array("i", [2]))
print(array("B", [1, 2]) < array("B", [1, 3]), array("H", [5]) >= array("H", [5]))

# the buffer protocol: bytes, bytearray and memoryview see the raw items
print(bytes(array("b", [1, 2, 3])), bytearray(array("B", [250])))
print(len(bytes(array("d", [1.0]))), len(memoryview(array("i", [1, 2]))))
print(b"xy" + array("b", [0x61]), array("b", [1, 2]) in b"\x00\x01\x02")

# wrong typecode, item of the wrong kind
for code in ("X", "z"):
    try:
        array(code)
    except ValueError:
        print("ValueError", repr(code))
try:
    array("i", [1.5])
except TypeError:
    print("TypeError")
try:
    hash(array("i"))
except TypeError:
    print("TypeError")
