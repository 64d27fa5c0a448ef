print(int("  12  "), int("-0"), int("+5"), int("0o17", 0), int("0X1F", 16), int("11", 2), int("z", 36))
print(int(7.99), int(-0.5), int("100", 8), int(b"42"), int(True) + int(False))
for s in ("", "abc", "1.5", "0x", "1 2"):
    try:
        int(s)
    except ValueError:
        print("ValueError", repr(s))
print((5).to_bytes(2, "big"), (5).to_bytes(2, "little"), int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print((-1).to_bytes(2, "big", signed=True), int.from_bytes(b"\xff\xfe", "big", signed=True))
print((2**70).to_bytes(10, "big"), int.from_bytes(bytes(range(1, 12)), "little"))
