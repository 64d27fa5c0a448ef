# asyncio extras of MicroPython: ThreadSafeFlag, sleep_ms limits, Loop.stop and
# run_forever, cancelling the running task.
import asyncio
import time


async def flag_waiter(flag):
    print("waiting for flag")
    await flag.wait()
    print("flag seen", flag._flag if hasattr(flag, "_flag") else False)


async def main():
    flag = asyncio.ThreadSafeFlag()
    t = asyncio.create_task(flag_waiter(flag))
    await asyncio.sleep(0)
    flag.set()
    print("set")
    await asyncio.sleep(0)
    print("main again")
    await t
    try:
        asyncio.sleep_ms(time.ticks_add(0, -1) // 2 + 1)
    except OverflowError:
        print("OverflowError")

    async def self_cancel():
        asyncio.current_task().cancel()

    try:
        await asyncio.create_task(self_cancel())
    except RuntimeError as e:
        print("RuntimeError", e)


asyncio.run(main())


async def ticker():
    for i in range(3):
        print("tick", i)
        loop.stop()
        await asyncio.sleep(0)


loop = asyncio.new_event_loop()
loop.create_task(ticker())
for i in range(3):
    print("run", i)
    loop.run_forever()
