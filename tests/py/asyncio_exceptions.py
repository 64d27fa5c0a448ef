import asyncio
async def bad():
    await asyncio.sleep(0)
    raise KeyError("k")
async def main():
    try:
        await bad()
    except KeyError as e:
        print("direct", e.args)
    res = await asyncio.gather(bad(), asyncio.sleep(0, "ok") if False else asyncio.sleep(0), return_exceptions=True)
    print([type(r).__name__ for r in res])
    t = asyncio.create_task(asyncio.sleep(5))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled")
asyncio.run(main())
