ba = bytearray()
for i in range(5):
    ba.append(i * 10)
print(ba, len(ba), ba[-1], list(ba))
ba.extend([1, 2])
ba += b"\xff"
print(ba, ba.pop(0), bytearray(b"abc").decode(), ba.hex())
ba2 = bytearray(b"hello world")
ba2[0:5] = b"HELLO"
print(ba2, b"world" in ba2, ba2.copy() == ba2)
