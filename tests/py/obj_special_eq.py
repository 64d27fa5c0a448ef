# == and != call the classes' __eq__/__ne__ (even on one object), keep their results as
# they are, invert a user __eq__ for != by default, try the other operand on
# NotImplemented and fall back to identity.
class Eq:
    def __eq__(self, other):
        print("Eq.__eq__", type(other).__name__)
        return 123


class Ne:
    def __ne__(self, other):
        print("Ne.__ne__", type(other).__name__)
        return -456


class Never:
    def __eq__(self, other):
        return NotImplemented


class Base:
    def __eq__(self, other):
        print("Base.__eq__")
        return False


class Derived(Base):
    def __eq__(self, other):
        print("Derived.__eq__")
        return True


e, n, v = Eq(), Ne(), Never()
for x, y in ((e, e), (e, n), (n, e), (n, n), (e, None), (None, e), (n, 0), (0, n), (e, "a"),
             ("a", e), (v, v), (v, e), (e, v), (v, 1)):
    print(x == y, x != y)
print(Base() == Derived(), Derived() == Base(), Base() != Derived())
print([e] == [e], e in [e], [v] == [v], v in [1, v], (e, 1) == (e, 1))


class Hashless:
    def __eq__(self, other):
        return True


try:
    hash(Hashless())
except TypeError:
    print("TypeError")


class NoHash:
    __hash__ = None


try:
    {NoHash(): 1}
except TypeError:
    print("TypeError")


class KeyLike:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, KeyLike) and self.k == other.k

    def __hash__(self):
        return hash(self.k)


print({KeyLike(1): "one"}[KeyLike(1)], KeyLike(2) in {KeyLike(2)}, KeyLike(1) != KeyLike(1))
