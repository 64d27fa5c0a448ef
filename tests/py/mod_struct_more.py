import struct
for fmt in ("b", "B", "h", "H", "i", "I", "q", "Q"):
    size = struct.calcsize("<" + fmt)
    v = 2 ** (size * 8 - 1) - 1
    print(fmt, size, struct.unpack("<" + fmt, struct.pack("<" + fmt, v))[0] == v)
print(struct.pack("<hh", -1, -2), struct.unpack("<hh", b"\xff\xff\xfe\xff"), struct.pack(">q", -1))
print(struct.unpack("<2h", struct.pack("<2h", 5, -5)), struct.pack("<4B", 1, 2, 3, 4))
