s = "abcabcabc"
print(s.find("c"), s.find("c", 3), s.find("c", 3, 5), s.find("c", -4), s.rfind("c"), s.rfind("c", 0, 5), s.index("b", 2), s.rindex("a"))
print(s.find(""), s.find("", 20), s.count("abc"), s.count("abc", 1), s.count("a", 0, 4))
