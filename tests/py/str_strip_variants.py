print(repr(" \t x \n".strip()), repr("xxyxx".strip("x")), repr("abc".strip("cab")), repr("  a".lstrip()), repr("a  ".rstrip()), repr("".strip()))
print("www.example.com".strip("cmowz."), "mississippi".rstrip("ipz"), "--x--".lstrip("-"))
