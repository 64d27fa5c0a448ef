import time
if hasattr(time, "ticks_ms"):
    t0 = time.ticks_ms()
    time.sleep_ms(5)
    d = time.ticks_diff(time.ticks_ms(), t0)
    print(d >= 3, time.ticks_add(t0, 10) != t0)
else:
    print(True, True)
