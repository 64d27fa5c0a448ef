# MicroPython's generator.pend_throw(): raised at the next resume.
def gen():
    i = 0
    while True:
        try:
            yield i
        except KeyError as e:
            print("caught", repr(e))
        i += 1


g = gen()
print(next(g))
print(g.pend_throw(KeyError("k")))
print(next(g))
print(repr(g.pend_throw(ValueError())), repr(g.pend_throw(None)))
print(next(g))
g.pend_throw(ValueError)
try:
    next(g)
except ValueError:
    print("ValueError")
try:
    next(g)
except StopIteration:
    print("finished")

g = gen()
g.pend_throw(OSError(1))
try:
    next(g)
except OSError as e:
    print("unstarted", e.args)


def inner():
    g.pend_throw(ValueError())
    yield


g = inner()
try:
    next(g)
except ValueError as e:
    print("ValueError", e.args)
