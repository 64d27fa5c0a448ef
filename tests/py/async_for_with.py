import asyncio
class ARange:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i
class ACtx:
    async def __aenter__(self):
        print("aenter")
        return "ctx"
    async def __aexit__(self, t, v, tb):
        print("aexit", t)
        return False
async def main():
    async for v in ARange(3):
        print("got", v)
    async with ACtx() as c:
        print("inside", c)
asyncio.run(main())
