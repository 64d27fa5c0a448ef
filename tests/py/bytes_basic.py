b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1], b + b" world", b * 2, b"ell" in b, 104 in b)
print(bytes(3), bytes([65, 66]), bytes("abc", "utf-8"), bytes(range(5)), b"" == bytes())
print(b.upper(), b.find(b"l"), b.replace(b"l", b"L"), b.split(b"e"), b"a,b".split(b","), b.startswith(b"he"))
print(b.decode(), str(b, "utf-8"), b"\xc3\xa9".decode(), b.hex(), bytes.fromhex("414243"))
print(list(b"ab"), b"abc" < b"abd", b"x" == b"x", hash(b"x") == hash(b"x"))
print(repr(b"\x00\n'\""), b"%s" if False else b"no")
try:
    b[0] = 1
except TypeError:
    print("immutable")
