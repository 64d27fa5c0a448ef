print(str(), str(1), str(1.5), str([1]), str(None), str(b"x"), str(b"caf\xc3\xa9", "utf-8"), str("s"))
class S:
    def __str__(self): return "custom"
print(str(S()), "%s" % S(), f"{S()}")
