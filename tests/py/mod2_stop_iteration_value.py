# The value an iterator finishes with reaches next() in StopIteration.


class A:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration(42)


try:
    next(A())
except StopIteration as e:
    print("next", e.args, e.value)


def gen(x):
    return x
    yield


for v in (None, 42, (1, 2)):
    g = gen(v)
    try:
        next(g)
    except StopIteration as e:
        print("gen", e.args, e.value)
    try:
        next(g)
    except StopIteration as e:
        print("again", e.args)

# With a default, next() returns it instead.
print(next(gen(5), "default"), next(A(), "default"))

# A generator that delegates to another gets its return value.
def inner():
    yield 1
    return "done"


def outer():
    r = yield from inner()
    print("inner returned", r)


print(list(outer()))
