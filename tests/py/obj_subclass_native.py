# Classes derived from builtin types keep the builtin value inside their instances:
# attributes, operators, comparisons, containment, iteration, len, hash, printing,
# buffers and the builtin's methods all work on them.
class L(list):
    def total(self):
        return sum(self)


a = L([1, 2, 5])
a.attr = "something"
print(a, a.attr, a[-1], len(a), a.total(), isinstance(a, list), type(a).__name__)
a[0] = -1
a.append(7)
print(a, a + [20, 30], [0] + a, a * 2, 5 in a, 4 in a, a == [-1, 2, 5, 7], [-1, 2, 5, 7] == a)
b = a
a += [8]
print(a is b, type(a).__name__, a, sorted(a, reverse=True), list(reversed(a)))
print(a[1:3], a.index(5), a.count(2), list.append(a, 9) is None, a)


class D(dict):
    def __missing__(self, key):
        return key * 2


d = D(x=1)
d["y"] = 2
d.note = "n"
print(d["x"], d["zz"], len(d), sorted(d), "x" in d, "q" in d, d.get("q"), d.note)
print(sorted(d.items()), d == {"x": 1, "y": 2}, {"x": 1, "y": 2} == d)


class S(str):
    def shout(self):
        return self.upper() + "!"


s = S("hello")
print(s == "hello", "hello" == s, s != "Hello", s + "!", "<" + s, s.shout(), len(s), s[1:3])
print(repr(s), str(s), "ell" in s, s.startswith("he"), hash(s) == hash("hello"), {s: 1}["hello"])
print("%s|%s" % (s, s), "{}".format(s), sorted([S("b"), "a", S("c")]))


class I(int):
    pass


i = I(5)
print(i + 1, 1 + i, i * i, -i, abs(I(-3)), i < 6, 6 > i, i == 5, hash(i) == hash(5), str(i), repr(i))
print(divmod(I(7), 2), I(7) // 2, 2 ** I(3), I(2) ** 3, [0, 1, 2, 3, 4, 5][i], bool(I(0)), bool(i))


class T(tuple):
    def first(self):
        return self[0]


t = T([1, 2, 3])
print(t, t.first(), t == (1, 2, 3), (1, 2, 3) == t, t + (4,), len(t), hash(t) == hash((1, 2, 3)))
x, y, z = t
print(x, y, z, list(t), 2 in t, t.index(3))


class B(bytes):
    pass


b1 = B([0, 1])
b2 = B([2, 3])
b3 = bytes([4, 5])
print(b1 + b2, b1 + b3, b3 + b1, 0 in b1, b"\x01" in b1, len(b1), b1[1], list(b1))


class M(map):
    pass


print(list(M(lambda v: v + 10, range(4))))


class F(float):
    pass


print(F(1.5) + 1, 2 * F(0.25), F(2.5) > 2, round(F(2.25), 1))


class Mixin:
    def describe(self):
        return "%s of %d" % (type(self).__name__, len(self))


class ML(Mixin, list):
    def __init__(self, n):
        super().__init__(range(n))
        self.n = n


m = ML(4)
print(m, m.n, m.describe(), m[2], sum(m))


class Counted(list):
    def append(self, x):
        super().append(x * 10)


c = Counted()
c.append(1)
c.extend([2])
print(c)


class Empty(list):
    def __init__(self, x):
        self.x = x


e = Empty([1, 2])
print(e, e.x, len(e))


class Neg(int):
    def __neg__(self):
        return "neg"

    def __add__(self, other):
        return "add"


print(-Neg(3), Neg(3) + 1, 1 + Neg(3), Neg(3) - 1)
class S(set):
    def __init__(self, a, b):
        super().__init__([a, b])
        self.n = 2
s = S(1, 2)
print(sorted(s), s.n, 1 in s, len(s), sorted(s | {3}), type(s).__name__)
s.add(5)
print(sorted(s), s == {1, 2, 5}, {1, 2, 5} == s)
x = set([1])
x.__init__([7, 8])
print(sorted(x))
class FS(frozenset): pass
f = FS([1, 2])
print(sorted(f), hash(f) == hash(frozenset([1, 2])), f | {3} == {1, 2, 3})


class T2(tuple):
    pass


class D2(dict):
    pass


print("%s %s" % T2(("a", "b")), "%(a)s" % D2(a=5), sum(T2((1, 2))), tuple(L([1])), max(L([1, 5])))
print(dict(D2(a=1)), dict.get(D2(a=1), "a"), D2(a=1).copy(), type(D2(a=1).copy()).__name__)


def kwf(**kw):
    return kw


print(kwf(**D2(x=1)))


class myprop(property):
    pass


class A:
    def __init__(self):
        self._x = 1

    @myprop
    def x(self):
        return self._x * 10

    @x.setter
    def x(self, v):
        self._x = v


a = A()
print(a.x)
a.x = 5
print(a.x, isinstance(A.__dict__["x"], property))
