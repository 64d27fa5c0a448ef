# generator.throw(): the (type, value) form, and what a yield-from delegate receives.


def gen():
    try:
        yield 1
    except Exception as e:
        print("caught", type(e).__name__, e.args)
    yield 2


g = gen()
next(g)
print(g.throw(ValueError, ValueError(5)))
g = gen()
next(g)
print(g.throw(KeyError, None))
g = gen()
next(g)
print(g.throw(TypeError("t")))


def outer():
    r = yield from gen()
    print("outer got", r)
    yield 3


g = outer()
next(g)
print(g.throw(ValueError, ValueError(7)))


# A delegate with its own throw() gets the thrown object as it was given.
class Iter:
    def __iter__(self):
        return self

    def __next__(self):
        return 1

    def throw(self, x):
        print("Iter.throw", x)
        return 456


def via_iter():
    yield from Iter()


g = via_iter()
next(g)
print(g.throw(123))
print(g.throw(ZeroDivisionError))
g.close()  # close() does not call throw()


class Plain:
    def __iter__(self):
        return self

    def __next__(self):
        return 1


def via_plain():
    yield from Plain()


g = via_plain()
next(g)
try:
    g.throw(123)
except TypeError:
    print("TypeError")
g = via_plain()
next(g)
try:
    g.throw(ValueError)
except ValueError:
    print("ValueError")


# Throwing into a finished or unstarted generator raises there.
g = gen()
try:
    g.throw(KeyError)
except KeyError:
    print("KeyError unstarted")
try:
    next(g)
except StopIteration:
    print("finished")
