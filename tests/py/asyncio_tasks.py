import asyncio
order = []
async def worker(name, delay, n):
    for i in range(n):
        order.append((name, i))
        await asyncio.sleep(delay)
    return name
async def main():
    t1 = asyncio.create_task(worker("fast", 0.001, 3))
    t2 = asyncio.create_task(worker("slow", 0.004, 2))
    print(await t1, await t2)
    print(sorted(order))
    ev = asyncio.Event()
    async def waiter():
        await ev.wait()
        return "woken"
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0.001)
    print(w.done())
    ev.set()
    print(await w)
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
    except asyncio.TimeoutError:
        print("timed out")
    async def failing():
        raise ValueError("inner")
    try:
        await asyncio.create_task(failing())
    except ValueError as e:
        print("caught", e)
    lock = asyncio.Lock()
    shared = []
    async def critical(i):
        async with lock:
            shared.append(i)
            await asyncio.sleep(0)
            shared.append(i)
    await asyncio.gather(critical(1), critical(2))
    print(shared)
asyncio.run(main())
