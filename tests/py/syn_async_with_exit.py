# Leaving an `async with` by break, continue or return awaits __aexit__.


class Mgr:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print("enter", self.name)
        return self

    async def __aexit__(self, a, b, c):
        print("exit", self.name, a, b)


async def loop_break():
    for i in range(3):
        async with Mgr(i):
            print("body", i)
            if i == 1:
                break
    print("after break")


async def loop_continue():
    for i in range(2):
        async with Mgr(i):
            print("body", i)
            continue
    print("after continue")


async def ret():
    async with Mgr("r"):
        return "returned"


async def nested_ret():
    async with Mgr("outer"), Mgr("inner"):
        try:
            return "value"
        finally:
            print("finally")


async def exc():
    try:
        async with Mgr("e"):
            raise ValueError("v")
    except ValueError as e:
        print("caught", e)


def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value


for f in (loop_break, loop_continue, ret, nested_ret):
    print(run(f()))
run(exc())
