for v in (0, 1, -1, 10, 255, -256, 2**40, -2**65):
    print(bin(v), oct(v), hex(v))
class I:
    def __index__(self): return 10
print(bin(I()), hex(I()))
