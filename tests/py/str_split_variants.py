print("a b  c".split(" "), " a b ".split(), "a\tb\nc".split(), "".split(), "".split(","), ",".split(","))
print("a,b,c,d".split(",", 2), "a,b,c,d".rsplit(",", 2), "a b c".rsplit(maxsplit=1), "xaxbx".split("x"))
try:
    "a".split("")
except ValueError:
    print("empty sep")
