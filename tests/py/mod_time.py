import time
t0 = time.ticks_ms() if hasattr(time, "ticks_ms") else None
start = time.time()
time.sleep(0.01)
el = time.time() - start
print(el >= 0.005, el < 5)
print(type(time.time()).__name__)
