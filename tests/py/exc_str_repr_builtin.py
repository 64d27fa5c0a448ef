for e in (ValueError(), ValueError("m"), ValueError("a", 2), KeyError("k"), KeyError(), IndexError(3), OSError(2, "x")):
    print(repr(e), "|", str(e), "|", e.args)
