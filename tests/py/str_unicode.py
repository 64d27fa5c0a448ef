s = "h\u00e9llo \u4e16\u754c"
print(s, len(s), s[1], s[-1], s[6:], s[::-1])
print(s.upper(), s.encode(), len(s.encode()))
print(b"caf\xc3\xa9".decode(), "dash")
for c in "a\u00e9\u4e16":
    print(c, ord(c))
print("\u00e9" in s, s.find("\u4e16"), s.count("l"))
print(list("\u00e9\u00e8"), "x\u00e9y".split("\u00e9"))
