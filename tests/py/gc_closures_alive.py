import gc
def make(n):
    data = [n] * 10
    return lambda: sum(data)
fs = [make(i) for i in range(100)]
gc.collect()
print(sum(f() for f in fs))
