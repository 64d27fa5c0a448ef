import gc
try:
    huge = [0] * (10 ** 9)
except MemoryError:
    print("MemoryError")
try:
    s = "x" * (10 ** 10)
except MemoryError:
    print("MemoryError str")
gc.collect()
print(len([i for i in range(1000)]))
