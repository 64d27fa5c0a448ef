# split(None, n) / rsplit(None, n): once maxsplit runs out, the remainder keeps its
# own leading/trailing text; only the whitespace next to the last cut is dropped.
for s in ["  a b  c  ", "a  b c ", "   ", "", "a", " a\tb\n c d ", "x y  ", "  x", "x\n"]:
    for n in (0, 1, 2, -1):
        print(repr(s), n, s.split(None, n), s.rsplit(None, n))
    print(s.split(maxsplit=1), s.rsplit(maxsplit=1))
    b = s.encode()
    print(b.split(None, 1), b.rsplit(None, 1), b.split(None, 0), b.rsplit(None, 0))
