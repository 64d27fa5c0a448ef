# Odds and ends of the object model: binding in classes, descriptors' __delete__,
# __set_name__ seeing the class body's namespace, object.__new__ and super() checks,
# function(code, globals), bound-method hashes, **kwargs merging, enumerate's keywords,
# huge ranges, int parsing, unhashable slices.
class A:
    f_builtin = abs  # a builtin function binds no self
    f_type = int

    def m(self):
        return 1


a = A()
print(a.f_builtin(-3), A.f_builtin(-4), a.f_type("5"), a.m == a.m, hash(a.m) == hash(a.m))
print(a.m != A().m, {a.m: 1}[a.m], hash([].append) is not None)


class Desc:
    def __get__(self, obj, cls):
        return "got"

    def __set__(self, obj, value):
        print("set", value)

    def __delete__(self, obj):
        print("delete")


class Owner:
    d = Desc()


o = Owner()
o.d = 5
del o.d
print(o.d)


class Swap:
    def __init__(self, other, value):
        self.other, self.value = other, value

    def __set_name__(self, owner, name):
        setattr(owner, self.other, self.value)


class Swapped:
    a = Swap("b", 1)
    b = Swap("a", 2)


print(Swapped.a, Swapped.b)
for bad in (lambda: object.__new__(int), lambda: object.__new__(5), lambda: super(str, 0),
            lambda: super(int, str), lambda: object.__setattr__(a, 5, 5)):
    try:
        bad()
    except TypeError:
        print("TypeError")
print(int.__new__(int, 7), type(object.__new__(A)).__name__)


def f():
    return g


fun = type(f)
print(fun(f.__code__, {"g": 1})(), fun(f.__code__, {"g": 2})())
for bad in (lambda: fun(None, {}), lambda: fun(f.__code__, None)):
    try:
        bad()
    except TypeError:
        print("TypeError")
try:
    f.__globals__ = {}
except AttributeError:
    print("AttributeError")


def kw(a, b=None, c=None, **rest):
    return a, b, c, sorted(rest.items())


print(kw(**{"a": 1}, **{"b": 2}), kw(**{"a": 1}, b=2, **{"c": 3, "d": 4}))
for call in (lambda: kw(1, **{"b": 2}, **{"b": 3}), lambda: kw(**{"a": 1}, a=2),
             lambda: kw(**{1: 2})):
    try:
        call()
    except TypeError:
        print("TypeError")
print(list(enumerate(iterable="ab", start=1)), list(enumerate([5], start=-1)))
try:
    [].sort(nokey=1)
except TypeError:
    print("TypeError")

big = 2**62 - 1
r = range(big, 0, -1)
print(r[0] == big, r[1] == big - 1, next(iter(r)) == big, r[-1], big - 1 in r)
r = range(-big, big, big)
print(list(r) == [-big, 0], r[1])
for s, base in (("01", 0), ("00", 0), ("0_0", 0), ("0x1f", 0), ("0b101", 0), ("10", 0), (" 7 ", 0)):
    try:
        print(int(s, base))
    except ValueError:
        print("ValueError")
print(int(b"12"), int(bytearray(b"13")), int(memoryview(b"14")), int(b"ff", 16))


class BadInt:
    def __int__(self):
        return None


try:
    int(BadInt())
except TypeError:
    print("TypeError")
try:
    {}[:] = 1
except TypeError:
    print("TypeError")
print("from_bytes" in int.__dict__, "append" in list.__dict__, A.__dict__["m"] is not None)
