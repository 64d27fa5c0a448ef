import asyncio
async def add(a, b):
    await asyncio.sleep(0)
    return a + b
async def main():
    print(await add(1, 2))
    results = await asyncio.gather(add(1, 1), add(2, 2), add(3, 3))
    print(results)
    return "done"
print(asyncio.run(main()))
