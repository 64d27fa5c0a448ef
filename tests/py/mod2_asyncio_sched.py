# asyncio scheduling: fairness, Lock hand-over, Event wake-ups, wait_for, gather,
# cancellation and the exception handler.
import asyncio


async def spinner(name, n, t):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(t)


async def locker(lock, name):
    for i in range(2):
        async with lock:
            print("have", name, i)
            await asyncio.sleep(0)


async def waiter(ev, name):
    print("wait", name)
    await ev.wait()
    print("woken", name)


async def ignores_cancel():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("cancelled")
        raise


async def fails(v, t=0):
    await asyncio.sleep(t)
    raise ValueError(v)


async def work(v, t):
    await asyncio.sleep(t)
    return v


def handler(loop, context):
    print("handler", repr(context["exception"]))


async def main():
    # A task that never waits still lets the others run.
    await asyncio.gather(spinner("a", 3, 0), spinner("b", 3, 0), spinner("c", 2, -1))

    # The lock goes to waiters in turn.
    lock = asyncio.Lock()
    await asyncio.gather(locker(lock, 1), locker(lock, 2), locker(lock, 3))
    print("locked", lock.locked())

    # set() then clear(): waiters woken by the set still go on.
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, i)) for i in range(2)]
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    await asyncio.sleep(0)
    print([t.done() for t in ts], ev.is_set())

    # wait_for: the result in time, or a timeout that cancels the work.
    print(await asyncio.wait_for(work("quick", 0), 1))
    try:
        await asyncio.wait_for(ignores_cancel(), 0.01)
    except asyncio.TimeoutError:
        print("TimeoutError")
    try:
        await asyncio.wait_for(work("slow", 1), 0.01)
    except asyncio.TimeoutError:
        print("TimeoutError")

    # gather: results, exceptions as results, and the first failure.
    print(await asyncio.gather(work(1, 0.01), work(2, 0)))
    t = asyncio.create_task(work(3, 1))
    t.cancel()
    r = await asyncio.gather(t, fails(4), work(5, 0), return_exceptions=True)
    print([type(x).__name__ for x in r])
    slow = asyncio.create_task(work(6, 0.05))
    try:
        await asyncio.gather(slow, fails(7))
    except ValueError as e:
        print("ValueError", e.args, slow.done())
    print(await slow)

    # Cancelling a task cancels what it awaits.
    inner = asyncio.create_task(work(8, 1))

    async def outer():
        return await inner

    o = asyncio.create_task(outer())
    await asyncio.sleep(0)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        print("outer cancelled", inner.cancelled() or inner.done())

    # An exception no one retrieves goes to the handler; one awaited in time does not.
    asyncio.get_event_loop().set_exception_handler(handler)
    asyncio.create_task(fails(9))
    for _ in range(3):
        await asyncio.sleep(0)
    t = asyncio.create_task(fails(10))
    await asyncio.sleep(0)
    try:
        await t
    except ValueError as e:
        print("retrieved", e.args)
    await asyncio.sleep(0)
    print("current", asyncio.current_task() is not None)


asyncio.run(main())
try:
    asyncio.current_task()
except RuntimeError:
    print("RuntimeError")
