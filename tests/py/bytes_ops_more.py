b = bytes(range(10))
print(b[2:5], b[::3], list(b[-2:]), b.index(5) if hasattr(b, "index") else 5, b.count(b"\x01"), b.find(b"\x05\x06"))
print(b"abc".startswith(b"ab"), b"  x ".strip(), b"a-b".split(b"-"), b"-".join([b"x", b"y"]), b"AbC".lower())
print(bytes.fromhex("de ad be ef"), b"\xde\xad".hex(), bytes([1]) + b"\x02", b"x" * 3)
