# The collector starts with a small allocation window and widens it as live data grows:
# a structure far larger than the first window survives collections intact, is freed, and
# the heap can then be filled again with something else.
import gc


def build(n):
    return [[i, str(i), (i, i + 1)] for i in range(n)]


def check(rows, n):
    assert len(rows) == n
    for i, r in enumerate(rows):
        assert r[0] == i and r[1] == str(i) and r[2] == (i, i + 1), r


rows = build(6000)
for _ in range(3):
    junk = [bytearray(100) for _ in range(200)]  # garbage between checks
    gc.collect()
    check(rows, 6000)
print("kept", len(rows), rows[5999])
rows = None
gc.collect()
big = [b"x" * 1000 for _ in range(300)]
gc.collect()
print("then", len(big), len(big[-1]))
# One allocation larger than the first window.
blob = bytearray(600 * 1024)
blob[-1] = 7
print("blob", len(blob), blob[-1], blob[0])
