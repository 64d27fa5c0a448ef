ba = bytearray(b"abcdef")
mv = memoryview(ba)
print(len(mv), mv[0], bytes(mv[1:3]), mv[1:3].tobytes(), mv.tolist()[:3])
mv[0] = 65
print(ba)
mv2 = mv[2:4]
mv2[0] = 67
print(ba, bytes(mv2))
ro = memoryview(b"xyz")
print(ro[1], bytes(ro), ro.readonly)
try:
    ro[0] = 1
except TypeError:
    print("readonly")
