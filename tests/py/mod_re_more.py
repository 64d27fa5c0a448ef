import re
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"(a)(b)?", "ab a"), re.split(r"\s+", "  x  y "), re.sub(r"^", ">", "line"))
print(re.match(r".*?(\d)", "abc5def7").group(1), re.match(r".*(\d)", "abc5def7").group(1), re.match(r"(a|ab)(c|bcd)", "abcd").groups())
print(re.search(r"[A-Z][a-z]+", "hello World foo").group(), re.match(r"[\w.]+@[\w.]+", "me@x.org").group())
print(re.sub(r"(\d+)", lambda m: str(int(m.group(1)) + 1), "v1.9"), re.compile(r"\s").sub("_", "a b c"))
