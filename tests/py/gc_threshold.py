# gc.threshold (MicroPython): bytes allocated after which a collection runs; -1 = off.
# The value reads back rounded down to the collector's block size.
import gc

print(gc.threshold())
print(gc.threshold(1), gc.threshold())
print(gc.threshold(4096), gc.threshold())
gc.threshold(0)
# A collection before every allocation: data must survive all of them.
d = {}
for i in range(300):
    d[i] = [i] * 3
print(sum(v[2] for v in d.values()))
gc.threshold(-1)
print(gc.threshold())
