# yield from / next(): the value an iterator ends with, whichever kind it is.


class MyIter:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration(42)


def deleg(it):
    r = yield from it
    print("result", r)


print(list(deleg(MyIter())))


def raiser(x):
    if x < 3:
        return x
    raise StopIteration(444)


# StopIteration raised inside a native iterator (map) ends the yield from with its value.
print(list(deleg(map(raiser, range(10)))))
print(list(deleg(iter([1, 2]))))

# Native iterators wrapping a class iterator pass its value on to next().
for wrap in (enumerate, lambda it: map(lambda x: x, it), zip):
    try:
        next(wrap(MyIter()))
    except StopIteration as e:
        print("wrapped", e.args)


class Incr:
    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, v):
        if v is None:
            return "init"
        if v > 10:
            raise StopIteration(v)
        return v + 1


def deleg2():
    r = yield from Incr()
    print("Incr ended with", r)


g = deleg2()
print(next(g), g.send(5), g.send(9))
try:
    g.send(20)
except StopIteration:
    print("stopped")
