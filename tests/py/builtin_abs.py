print(abs(-5), abs(5), abs(0), abs(-2.5), abs(-2**70), abs(True))
class A:
    def __abs__(self): return "abs!"
print(abs(A()))
