ba = bytearray(b"hello")
ba[0] = 72
print(ba, len(ba), ba[0], ba[1:3])
ba.append(33); ba.extend(b"??"); print(ba)
print(ba.pop(), ba, bytearray(3), bytearray([1, 2, 3]), bytearray("ab", "utf-8"))
ba[1:3] = b"EY"; print(ba)
ba[0:0] = b">>"; print(ba)
del ba[0]; print(ba)
print(ba.decode(), bytes(ba), ba == b">HEYlo!?", b"HEY" in ba)
print(list(bytearray(b"xy")), bytearray(b"ab") + b"cd", bytearray(b"x") * 3)
ba2 = bytearray(4)
ba2[2] = 255
print(ba2, ba2.hex())
