# __new__ of builtin layouts: super().__new__(cls) in a list/dict/tuple subclass and
# int.__new__(int, 5) make real builtin objects (a bare object was read past its end),
# and T(t) for a tuple subclass no longer retypes the caller's tuple t.
class L(list):
    def __new__(cls, *a):
        return super().__new__(cls)


l = L()
l.append(1)
l.append(2)
print(l, len(l), type(l).__name__)


class D(dict):
    def __new__(cls):
        return super().__new__(cls)


d = D()
d[1] = 2
print(d, type(d).__name__)


class T(tuple):
    def __new__(cls, x):
        return super().__new__(cls, x)


print(T([1, 2]), type(T([1, 2])).__name__)
t = (1, 2)
x = T(t)
print(type(t).__name__, type(x).__name__, x == t)


class T2(tuple):
    pass


t = (3, 4)
print(type(T2(t)).__name__, type(t).__name__, T2(t) == t)
print(int.__new__(int, 5), list.__new__(list), tuple.__new__(tuple, [1]), dict.__new__(dict))
print(type(object.__new__(object)).__name__)
try:
    object.__new__(5)
except TypeError:
    print("TypeError")
