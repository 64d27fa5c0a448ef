def safe(f, v):
    try:
        return f(v)
    except Exception as e:
        return type(e).__name__
print([safe(int, v) for v in ["1", "x", "3"]], [safe(lambda d: d["k"], d) for d in [{"k": 1}, {}]])
try:
    [1 / x for x in [1, 0]]
except ZeroDivisionError:
    print("in comprehension")
