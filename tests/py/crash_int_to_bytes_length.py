# int.to_bytes with a negative length raises ValueError (it used to allocate SIZE_MAX bytes).
for n in (-1, -100):
    try:
        (3).to_bytes(n, "little")
    except ValueError:
        print("ValueError")
print((0).to_bytes(0, "big"), (258).to_bytes(2, "big"), (258).to_bytes(3, "little"))
# Values that do not fit the length raise OverflowError.
for v, n, signed in ((1, 0, False), (0x123, 1, False), (255, 1, False), (128, 1, True),
                     (127, 1, True), (-128, 1, True), (-129, 1, True), (2**70, 8, False),
                     (2**70, 9, False), (-(2**63), 8, True), (-(2**63) - 1, 8, True)):
    try:
        print(v.to_bytes(n, "big", signed=signed))
    except OverflowError:
        print("OverflowError")
print(True.to_bytes(1, "big"), True.bit_length(), False.bit_length(), int.bit_length(True))
