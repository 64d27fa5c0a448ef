print("a" "b", 'c' "d", "e" '''f''', r"\r" "\t" == "\\r\t", b"x" b"y")
s = ("multi "
     "line "
     "string")
print(s)
