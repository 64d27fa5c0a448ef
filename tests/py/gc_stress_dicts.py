import gc
d = {}
for i in range(3000):
    d[i] = {"v": i, "s": str(i)}
    if i % 3 == 0:
        del d[i]
gc.collect()
print(len(d), d[2998]["s"], sum(v["v"] for v in d.values()) % 1000)
