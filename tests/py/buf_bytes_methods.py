# bytearray has the bytes methods and returns bytearrays; bytes and bytearray take any
# bytes-like argument; construction errors.
ba = bytearray(b"  Hello, World  ")
for r in (ba.strip(), ba.lstrip(b" H"), ba.rstrip(), ba.lower(), ba.upper(), ba.replace(b"l", b"L"),
          ba.center(20, b"*"), ba.ljust(18), ba.rjust(18), ba.zfill(3), ba.swapcase()):
    print(type(r).__name__, r)
print(ba.split(), ba.split(b","), ba.rsplit(b"o", 1), ba.partition(b","), ba.rpartition(b"x"))
print(ba.find(b"o"), ba.rfind(b"o"), ba.index(b"W"), ba.count(b"l"), ba.find(ord("H")))
print(ba.startswith(b"  He"), ba.endswith((b"x", b"  ")), ba.isspace(), bytearray(b"ab1").isalnum())
print(bytearray(b",").join([b"a", bytearray(b"b")]), b"-".join([bytearray(b"x"), b"y"]))
print(bytearray(b"abc").strip() is not None, bytearray(b"x").removeprefix(b"y"))
print(ba.hex(), bytes(b"\x01\x02\x03").hex("-"), bytearray.fromhex("01 ff"), bytes.fromhex("aa"))

# bytes-like arguments: bytearray, memoryview
print(b"hello".find(memoryview(b"ll")), b"abc".replace(bytearray(b"b"), memoryview(b"XY")))
print(b"ab" + bytearray(b"cd"), b"ab" + memoryview(b"cd"), bytearray(b"ab") + b"cd")
print(b"abc" == bytearray(b"abc"), bytearray(b"abc") == b"abc", b"abc" == memoryview(b"abc"))
print(b"abc" < bytearray(b"abd"), bytearray(b"b") > b"a", b"b" in bytearray(b"abc"))

# mutation
b = bytearray(b"abc")
b.append(100)
b.extend(b"ef")
b.extend([103, 104])
b += bytearray(b"i")
b *= 2
print(b, b.pop(), b.pop(0), len(b))
b[1:3] = b"XYZ"
b[0] = 65
del b[-1]
del b[0:2]
print(b, b.copy(), b[::2], b[-3:])
b[2:4] = [1, 2, 3]
print(b)

# construction
print(bytes(3), bytearray(2), bytes([1, 2]), bytearray(b"x"), bytes("é", "utf-8"), bytearray("ab", "utf-8"))
print(bytes(bytearray(b"q")), bytes(memoryview(b"mv")), str(b"text", "utf-8"), str(bytearray(b"t"), "utf-8"))
for args in (("abc",), ([1, 2], 1), ("a", "utf-8", "strict", "x"), (-1,), ([256],)):
    for t in (bytes, bytearray):
        try:
            t(*args)
            print("made", t.__name__, args)
        except (TypeError, ValueError) as e:
            print(t.__name__, type(e).__name__)
try:
    str(b"x", "utf-8", "strict", "extra")
except TypeError:
    print("TypeError")
try:
    b"asdf".partition(1)
except TypeError:
    print("TypeError")
try:
    b"abc" + "d"
except TypeError:
    print("TypeError")
try:
    bytearray(b"a")[0] = 256
except ValueError:
    print("ValueError")
try:
    hash(bytearray())
except TypeError:
    print("TypeError")
print(97 in b"abc", 100 in bytearray(b"abc"), b"bc" in bytearray(b"abc"))
for container in (b"abc", bytearray(b"abc")):
    try:
        256 in container
    except ValueError:
        print("ValueError")
