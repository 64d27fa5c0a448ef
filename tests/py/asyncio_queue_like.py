import asyncio
async def producer(items, out, ev):
    for i in items:
        out.append(i)
        await asyncio.sleep(0)
    ev.set()
async def consumer(out, ev):
    await ev.wait()
    return sum(out)
async def main():
    out = []
    ev = asyncio.Event()
    t = asyncio.create_task(consumer(out, ev))
    await producer(range(10), out, ev)
    print(await t)
asyncio.run(main())
