for c in "héllo":
    print(c, end=".")
print()
print(list("ab\u4e2d"), [c for c in "xyz" if c != "y"], "".join(sorted("banana")), set("aab") == {"a", "b"})
