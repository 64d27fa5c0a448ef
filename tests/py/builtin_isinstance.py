print(isinstance(1, int), isinstance(1, (str, int)), isinstance("", str), isinstance([], list), isinstance([], tuple), isinstance(None, type(None)))
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(A(), B), issubclass(B, (int, A)), issubclass(A, object), issubclass(bool, int), issubclass(int, bool))
try:
    isinstance(1, 1)
except TypeError:
    print("TypeError")
