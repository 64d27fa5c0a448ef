for w in (0, 3, 6, 7):
    print(repr("abc".ljust(w)), repr("abc".rjust(w, "*")), repr("abc".center(w, "-")))
print("7".zfill(3), "-7".zfill(4), "+7".zfill(4), "abc".zfill(2))
