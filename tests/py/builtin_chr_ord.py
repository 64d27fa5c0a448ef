print([chr(i) for i in range(65, 70)], [ord(c) for c in "az09"], chr(0x20ac), ord("\u20ac"), ord(b"a"), chr(10) == "\n")
for bad in (-1, 0x110000):
    try:
        chr(bad)
    except ValueError:
        print("bad chr", bad)
