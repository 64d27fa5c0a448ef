import asyncio
async def a():
    return 1
async def b():
    return await a() + 1
async def c():
    x = await b()
    y = await b()
    return x + y
print(asyncio.run(c()))
coro = a()
print(type(coro).__name__)
coro.close()
