# The types module: coroutine and a few types.
import types


@types.coroutine
def wait(v):
    got = yield v
    return got * 2


async def main():
    r = await wait("req")
    print("main got", r)
    return r


c = main()
print(c.send(None))
try:
    c.send(21)
except StopIteration as e:
    print("done", e.value)


def g():
    yield


print(isinstance(g(), types.GeneratorType), isinstance(g, types.FunctionType))
print(isinstance(types, types.ModuleType))
