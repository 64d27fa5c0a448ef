# A bytearray grown from itself (b += b, b.extend(b), from a memoryview of itself)
# must copy its old contents, not read the buffer that growing freed. CPython
# refuses b += b (BufferError), so the output is pinned in the .exp file.
b = bytearray(b"123456789")
for _ in range(4):
    c = bytearray(b)  # an extra allocation makes moving the buffer likely
    b += b
print(b)
b = bytearray(b"abcdefgh")
for _ in range(4):
    c = bytearray(b)
    b.extend(b)
print(len(b), b == bytearray(b"abcdefgh" * 16))
b = bytearray(b"xy")
for _ in range(6):
    b += memoryview(b)
print(len(b), b == bytearray(b"xy" * 64))
b = bytearray(b"abc")
b += b[1:]
print(b)
