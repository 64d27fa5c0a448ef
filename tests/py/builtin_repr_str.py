for v in (1, 1.5, "s", b"b", [1], (1,), {1: 2}, None, True, 2**80, "\n", "'"):
    print(repr(v), str(v))
class R:
    def __repr__(self): return "<R>"
print(repr(R()), str(R()), [R()], (R(),))
