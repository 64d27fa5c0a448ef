for s in ["plain", "tab\tnew\nline", "quote's", 'dq"s', "both'\"", "back\\slash", "\x01\x7f", "uni\u00e9"]:
    r = repr(s)
    print(r, eval(r) == s)
