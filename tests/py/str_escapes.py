print(len("\n\t\\\'\""), "\x41\x42", "\101\102", "\u0041", "\U00000042")
print(repr("\x00\x7f"), repr("\r\n"), repr("é"), repr("\\"))
print(r"\n\t", r"a\b" == "a\\b", len(r"\x41"))
print("line \
continued")
s = """a
b"""
print(s, len(s), repr(s))
print('it\'s', "say \"hi\"", repr("'"), repr('"'), repr("'\""))
