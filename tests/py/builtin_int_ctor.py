print(int(), int(3.99), int(-3.99), int("0"), int(" -12 "), int("1010", 2), int("777", 8), int("Ff", 16), int("0b101", 0), int("0o17", 0), int("0xabc", 0))
class N:
    def __int__(self): return 7
print(int(N()), int("12_345"), int(True))
for bad in ("1.5", "", " ", "0x", "12a"):
    try:
        int(bad)
    except ValueError:
        print("bad", repr(bad))
