data = bytearray(range(8))
m = memoryview(data)
sub = m[2:6]
print(len(sub), list(sub), sub[0], bytes(sub[1:3]))
sub[0] = 100
print(data[2], bytes(m[:3]))
m[4:6] = b"\x07\x07"
print(list(data))
