import asyncio
async def job(n, delay):
    await asyncio.sleep(delay)
    return n * n
async def main():
    res = await asyncio.gather(job(1, 0.02), job(2, 0.01), job(3, 0))
    print(res)
    res2 = await asyncio.gather(*[job(i, 0) for i in range(5)])
    print(res2)
asyncio.run(main())
