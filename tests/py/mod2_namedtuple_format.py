# % formatting takes a tuple subclass (namedtuple, class T(tuple)) as the argument tuple.
from collections import namedtuple

T = namedtuple("T", "a b")
print("(%d, %d)" % T(1, 2))


class P(tuple):
    pass


print("%s-%s" % P(("x", "y")))
