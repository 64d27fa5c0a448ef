print("a" in "abc", "ab" in "abc", "ac" in "abc", "" in "abc", "" in "", "abc" in "ab")
print("x" not in "abc", "\u00e9" in "caf\u00e9")
