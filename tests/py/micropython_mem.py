import micropython, gc
gc.collect()
before = gc.mem_alloc()
x = [0] * 1000
after = gc.mem_alloc()
print(after > before, gc.mem_free() > 0)
# Garbage made in a loop is collected: the heap in use stays bounded.
peak = 0
for i in range(50):
    x = [0] * 1000
    gc.collect()
    peak = max(peak, gc.mem_alloc())
print(peak < before + 100000)
