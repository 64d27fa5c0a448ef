print(int("  42\n"), int("0000"), int("-0x10", 16), int("0b"[0]), int("1_000_000"))
for bad in ("1__0", "_1", "1_", "- 1", "0x1g"):
    try:
        int(bad, 0) if bad.startswith("0x") else int(bad)
    except ValueError:
        print("bad", repr(bad))
