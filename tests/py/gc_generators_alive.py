import gc
def gen(n):
    data = list(range(n))
    for x in data:
        yield x
gens = [gen(5) for _ in range(50)]
gc.collect()
print(sum(next(g) for g in gens), sum(sum(g) for g in gens))
