# Repeating an empty sequence any number of times is empty, at once; a non-empty one too many
# times is a MemoryError (vpy) / MemoryError or OverflowError (CPython), never a long loop.
print(() * 10**18, [] * 10**18, "" * 10**18, b"" * 10**18, bytearray() * 10**18)
x = []
x *= 10**18
print(x, 10**18 * (), 3 * (), (1, 2) * 3, [0] * 0, "ab" * -2)
try:
    (1,) * 10**18
except (MemoryError, OverflowError):
    print("too big")
