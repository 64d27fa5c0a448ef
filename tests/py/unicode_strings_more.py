s = "na\u00efve caf\u00e9 \u2603"
print(len(s), s.split(), s.upper()[:2], s.find("\u2603"), s[-1], s[5:9], repr(s[2]))
print(s.encode("utf-8")[:4], len(s.encode()), "\u2603" * 3, sorted("\u00e9a\u00e0"), "\u00e9".join(["x", "y"]))
