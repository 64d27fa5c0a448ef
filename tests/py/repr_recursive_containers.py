l = [1, 2]
print(l, [l, l], {"l": l}, (l,))
d = {}
d["self"] = "not recursive"
print(d)
