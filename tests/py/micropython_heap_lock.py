import micropython
micropython.heap_lock()
try:
    x = [1, 2, 3]
    print("allocated?")
except MemoryError:
    print("MemoryError while locked")
micropython.heap_unlock()
print([1, 2] + [3])
