# Number literals: underscores only between digits, no leading zeros.
for s in ["1_0", "0x_f", "0b1_1", "0o_7", "1e1_0", "1_000.000_1", "00", "0_0", "1__0", "1_", "1_.5",
          "1.5_", "0x_", "01", "0_1", "123z", "0x1g", "0b", "0x", "0o", "0b2", "0o8", "0b1_", "0b1e1"]:
    try:
        print(s, eval(s))
    except SyntaxError:
        print(s, "SyntaxError")
