import gc
gc.collect()
f = gc.mem_free() if hasattr(gc, "mem_free") else 1
a = gc.mem_alloc() if hasattr(gc, "mem_alloc") else 1
print(f > 0, a > 0)
big = [list(range(100)) for _ in range(100)]
del big
gc.collect()
print("collected")
print(gc.isenabled())
gc.disable()
gc.enable()
