def naturals():
    n = 0
    while True:
        yield n
        n += 1
def take(it, k):
    out = []
    for v in it:
        if len(out) == k:
            break
        out.append(v)
    return out
print(take(naturals(), 5), take((x * x for x in naturals()), 4))
