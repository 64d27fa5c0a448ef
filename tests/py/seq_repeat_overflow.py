# Repeating a sequence a huge number of times raises MemoryError instead of
# overflowing the size computation. CPython raises OverflowError for some of
# these, so the output is pinned in the .exp file.
for e in ("[1, 2] * (2**62)", "(1, 2) * (2**62)", "'ab' * (2**62)", "b'ab' * (2**62)",
          "bytearray(b'ab') * (2**62)", "[0] * (2**40)"):
    try:
        eval(e)
        print(e, "ok")
    except MemoryError:
        print(e, "MemoryError")
l = [1, 2]
try:
    l *= 2**62
except MemoryError:
    print("MemoryError")
print(l, [1] * 3, [1] * -2)
